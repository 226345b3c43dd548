// The page's choices in the URL query, so a view can be shared and restored:
// ?data=retail&scaling=log_minmax&factors=4&clusters=5&seed=1&bootstrap=20&features=a,b
// (data=sim adds the world: rows, kinds, sep, wseed; guess and truth the reveal; a local file is never shared:
// data=local only says one was used).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'scaling', 'factors', 'clusters', 'seed', 'bootstrap', 'features', 'cost', 'rows', 'kinds', 'sep', 'wseed', 'guess', 'truth']);

export const readState = query.read;
export const writeState = query.write;
