// Where the CSV bytes come from: the bundled Hillstrom test (same origin) or a
// file the user picks, read locally — a picked file never leaves the browser.

export const HILLSTROM = Object.freeze({
  id: 'hillstrom',
  url: '/data/hillstrom.csv',
  source: 'hillstrom.csv',
  label: 'Hillstrom e-mail test (64,000 customers, 3 arms)',
  defaults: { arm: 'segment', control: 'No E-Mail', outcome: 'visit', covariate: 'history' },
});

import { fetchBundled as fetchFile } from '../kit/files.js';

export { readLocalFile } from '../kit/files.js';
export const fetchBundled = (dataset = HILLSTROM) => fetchFile(dataset);
