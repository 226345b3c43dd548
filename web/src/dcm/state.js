// The page's choices in the URL query, so a view can be shared and restored:
// ?data=sim&customers=500&weeks=10&seed=1&lags=1&same=1&ridge=0&B=20&shock=group:reminders,zero,0.5,1,
// (data=local or data=retail adds the config JSON; a local file itself is never shared; truth=1: the
// truth is revealed on the simulated world; guess: the reader's guess; names: renamed channels;
// workshop=1 is kept so a workshop link stays one).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'customers', 'weeks', 'seed', 'lags', 'same', 'ridge', 'B', 'shock', 'config', 'truth', 'guess', 'names']);

export const readState = query.read;
export const writeState = query.write;
