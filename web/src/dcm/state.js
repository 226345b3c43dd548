// The page's choices in the URL query, so a view can be shared and restored:
// ?data=sim&customers=500&weeks=10&seed=1&lags=1&same=1&ridge=0&B=20&shock=all,zero,0,1,
// (data=local adds the config JSON; the file itself is never shared).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'customers', 'weeks', 'seed', 'lags', 'same', 'ridge', 'B', 'shock', 'config']);

export const readState = query.read;
export const writeState = query.write;
