// The page's choices in the URL query, so a view can be shared and restored:
// ?game=glove&left=L&right=R1,R2&method=permutation&samples=2000&target_se=0.01&seed=7
// ?game=dcm&source=sim&customers=2000&weeks=26&world_seed=1&dcm_players=channels&interactions=1
// ?game=example&without=Email&values=100,115,… (the chosen channel; edited coalition values, file row order)
import { urlState } from '../url-state.js';

const query = urlState(['game', 'left', 'right', 'players', 'costs', 'weights', 'quota', 'fill', 'method', 'samples', 'target_se', 'seed', 'source', 'customers', 'weeks', 'world_seed', 'dcm_players', 'interactions', 'without', 'values']);

export const readState = query.read;
export const writeState = query.write;
