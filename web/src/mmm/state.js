// The page's choices in the URL query, so a view can be shared and restored:
// ?data=robyn&adstock=weibull&saturation=hill&bootstrap=50&seed=2&budget=-20
// (data=sim adds the world: weeks, channels, wseed; guess and truth the reveal; a local file is never shared:
// data=local only says one was used). budget is the what-if change of the total in percent. req and forb: the
// causal graph's expert edges, required and forbidden (req=x1>x2,x2>y; forb only when not the default KPI > each
// channel, forb=none for no forbidden edge).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'adstock', 'saturation', 'bootstrap', 'seed', 'budget', 'weeks', 'channels', 'wseed', 'guess', 'truth', 'req', 'forb']);

export const readState = query.read;
export const writeState = query.write;
