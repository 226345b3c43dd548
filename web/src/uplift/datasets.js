// The page's data sources: the two bundled randomised tests (same origin, with
// their citations), a simulated world made in the worker with its true CATE,
// and the user's CSV read locally — a picked file never leaves the browser.
// Each source also names what is sent ("e-mail"), what it moves ("visits") and
// example economics (cost per send, value per unit of outcome) the page starts from.

export const BUNDLED = Object.freeze({
  hillstrom: {
    id: 'hillstrom',
    url: '/data/hillstrom.csv',
    source: 'hillstrom.csv',
    label: 'Hillstrom e-mail test',
    defaults: { treatment: 'segment', control: 'No E-Mail', outcome: 'visit', exclude: ['visit', 'conversion', 'spend'] },
    thing: 'e-mail',
    // Example figures (the test gives none): an e-mail must bring one visit per ten customers to pay.
    economics: { cost: 0.1, value: 1, costMax: 0.5, valueMax: 10 },
  },
  starbucks: {
    id: 'starbucks',
    url: '/data/starbucks.csv',
    source: 'starbucks.csv',
    label: 'Starbucks promotion test',
    defaults: { treatment: 'Promotion', control: 'No', outcome: 'purchase', exclude: ['ID', 'purchase'] },
    thing: 'promotion',
    // The exercise's own figures: a promotion costs $0.15, a purchase is worth $10.
    economics: { cost: 0.15, value: 10, costMax: 1, valueMax: 50 },
  },
});

/** The simulated world's columns: x1..xp, w (0/1), y, and its truth (never a feature). */
export const SIM_DEFAULTS = Object.freeze({ treatment: 'w', control: '0', outcome: 'y', exclude: ['y', 'true_cate', 'true_propensity'] });
export const SIM_PARAMS = Object.freeze({ rows: 2000, features: 5, heterogeneity: 1, confounding: 0, positivity: 0, noise: 1, binary: false, seed: 1 });
export const TRUTH_COLUMNS = ['true_cate', 'true_propensity'];
// The simulated e-mail moves sales by 1 to 4 units per customer; at $2.50 per e-mail about half pay.
export const SIM_WORDS = Object.freeze({ thing: 'e-mail', economics: { cost: 2.5, value: 1, costMax: 10, valueMax: 10 } });
export const LOCAL_WORDS = Object.freeze({ thing: 'treatment', economics: { cost: 0, value: 1, costMax: 10, valueMax: 100 } });

// Plain names of the outcomes people know: [one, many].
const UNITS = { visit: ['visit', 'visits'], conversion: ['conversion', 'conversions'], purchase: ['purchase', 'purchases'], spend: ['$ of spend', '$ of spend'], y: ['sale', 'sales'] };

/** What the outcome counts, in words: {one, many}. */
export function unitOf(outcome) {
  const known = UNITS[outcome];
  return known ? { one: known[0], many: known[1] } : { one: `unit of ${outcome}`, many: `units of ${outcome}` };
}

/** What is sent and its example economics, for a source kind. */
export const wordsOf = (kind) => (BUNDLED[kind] ?? (kind === 'sim' ? SIM_WORDS : LOCAL_WORDS));
