// The page's choices in the URL query, so a view can be shared and restored:
// ?data=hillstrom&treatment=segment&control=No+E-Mail&outcome=visit&features=recency,history
// &learners=s,t,x,r,dr&base=linear&propensity=known&folds=5&seed=1&arm=…&view=dr
// &cost=0.1&value=1&share=30&truth=1&guess=40
// (data=sim adds the world: rows, p, het, conf, pos, noise, binary, wseed; a local file is never shared).
// share is the step-3 slider's percentage; without it the slider follows the cost-aware share.
import { urlState } from '../url-state.js';

const query = urlState([
  'data', 'treatment', 'control', 'outcome', 'features', 'learners', 'base', 'propensity', 'folds', 'trees', 'seed',
  'trim', 'rows', 'p', 'het', 'conf', 'pos', 'noise', 'binary', 'wseed', 'arm', 'view', 'cost', 'value', 'share', 'truth', 'guess',
]);

export const readState = query.read;
export const writeState = query.write;
/** Writes `patch` over the URL's current state. */
export const patchState = (patch) => query.write({ ...query.read(), ...patch });
