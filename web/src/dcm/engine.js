// Starts the engine worker as the first thing the page's modules evaluate (main.js imports this first),
// so the WASM download and compile overlap the evaluation of the chart code that follows.
import { startEngine } from '../engine-status.js';

export const client = startEngine(document.getElementById('engine-status'));
