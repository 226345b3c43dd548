// The page's data sources: the two bundled randomised tests (same origin, with
// their citations), a simulated world made in the worker with its true CATE,
// and the user's CSV read locally — a picked file never leaves the browser.

export const BUNDLED = Object.freeze({
  hillstrom: {
    id: 'hillstrom',
    url: '/data/hillstrom.csv',
    source: 'hillstrom.csv',
    label: 'Hillstrom e-mail test',
    defaults: { treatment: 'segment', control: 'No E-Mail', outcome: 'visit', exclude: ['visit', 'conversion', 'spend'] },
  },
  starbucks: {
    id: 'starbucks',
    url: '/data/starbucks.csv',
    source: 'starbucks.csv',
    label: 'Starbucks promotion test',
    defaults: { treatment: 'Promotion', control: 'No', outcome: 'purchase', exclude: ['ID', 'purchase'] },
  },
});

/** The simulated world's columns: x1..xp, w (0/1), y, and its truth (never a feature). */
export const SIM_DEFAULTS = Object.freeze({ treatment: 'w', control: '0', outcome: 'y', exclude: ['y', 'true_cate', 'true_propensity'] });
export const SIM_PARAMS = Object.freeze({ rows: 2000, features: 5, heterogeneity: 1, confounding: 0, positivity: 0, noise: 1, binary: false, seed: 1 });
export const TRUTH_COLUMNS = ['true_cate', 'true_propensity'];

export async function fetchBundled(dataset) {
  const response = await fetch(dataset.url);
  if (!response.ok) throw Object.assign(new Error(`could not load ${dataset.url} (HTTP ${response.status})`), { code: 'input' });
  return new Uint8Array(await response.arrayBuffer());
}

export async function readLocalFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}
