// The page's choices in the URL query, so a view can be shared and restored:
// ?data=sim&rows=20000&levels=3&seed=1&budget=5000&roi=0.5&objective=profit&solver=lagrangian&truth=1
// (data=local adds the offers spec as JSON; the file itself is never shared).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'rows', 'levels', 'seed', 'truth', 'budget', 'roi', 'objective', 'solver', 'quantile', 'offers']);

export const readState = query.read;
export const writeState = query.write;
