// The page's choices in the URL query, so a view can be shared and restored:
// ?data=hillstrom&treatment=segment&control=No+E-Mail&outcome=visit&features=recency,history
// &learners=s,t,x,r,dr&base=linear&propensity=known&folds=5&seed=1&arm=…&view=dr&share=20&policy=threshold
// (data=sim adds the world: rows, p, het, conf, pos, noise, binary, wseed; a local file is never shared).
import { urlState } from '../url-state.js';

const query = urlState([
  'data', 'treatment', 'control', 'outcome', 'features', 'learners', 'base', 'propensity', 'folds', 'trees', 'seed',
  'value', 'cost', 'trim', 'rows', 'p', 'het', 'conf', 'pos', 'noise', 'binary', 'wseed', 'arm', 'view', 'share', 'policy', 'truth',
]);

export const readState = query.read;
export const writeState = query.write;
