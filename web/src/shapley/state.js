// The page's choices in the URL query, so a view can be shared and restored:
// ?game=glove&left=L&right=R1,R2&method=permutation&samples=2000&target_se=0.01&seed=7
import { urlState } from '../url-state.js';

const query = urlState(['game', 'left', 'right', 'players', 'costs', 'weights', 'quota', 'fill', 'method', 'samples', 'target_se', 'seed']);

export const readState = query.read;
export const writeState = query.write;
