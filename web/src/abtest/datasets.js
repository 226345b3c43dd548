// The bundled Hillstrom e-mail test, with the plain words the story uses for its columns and arms.
// A user's CSV has no such words: its own column and level names are shown (see words.js).

export const HILLSTROM = Object.freeze({
  id: 'hillstrom',
  url: '/data/hillstrom.csv',
  source: 'hillstrom.csv',
  label: 'Hillstrom e-mail test (64,000 customers, 3 groups)',
  defaults: { arm: 'segment', control: 'No E-Mail', outcome: 'visit', covariate: 'history' },
  unit: 'customers',
  // How each column reads in a sentence; kind 'money' formats it as dollars.
  columns: {
    visit: { label: 'Visited the website', what: 'visited the website', short: 'visits' },
    conversion: { label: 'Bought something', what: 'bought something', short: 'purchases' },
    spend: { label: 'Spend per customer ($)', what: 'spend per customer', short: 'spend', kind: 'money' },
    history: { label: 'Spend in the year before the test ($)', what: 'spend in the year before the test', short: 'past spend', kind: 'money' },
    recency: { label: 'Months since the last purchase', what: 'months since the last purchase', short: 'recency' },
  },
  arms: {
    'Mens E-Mail': "the men's e-mail",
    'Womens E-Mail': "the women's e-mail",
    'No E-Mail': 'no e-mail',
  },
});

// Other pages (dcm, budget, shapley) still import these two from here; the kit's files.js is their home.
import { fetchBundled as fetchFile } from '../kit/files.js';

export { readLocalFile } from '../kit/files.js';
export const fetchBundled = (dataset = HILLSTROM) => fetchFile(dataset);
