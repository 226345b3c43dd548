// The page's data sources: the Online Retail customers shipped with the site (same origin, cited on the
// page), the simulated world `simulate segments` made in the worker (its true segments known), and the
// user's CSV read locally — a picked file never leaves the browser.

export const RETAIL = Object.freeze({
  url: '/data/online-retail-customers.csv',
  source: 'online-retail-customers.csv',
  label: 'Online Retail customers (UCI)',
  // The features are skewed (spend from £3.75 to £279,000): log, then 0 to 1. By default the page segments on
  // behaviour (recency, frequency, money, basket, returns, tenure); the product, weekday, hour and country
  // columns can be ticked (mostly 0 or 1, they would otherwise decide the segments on their own).
  defaults: { scaling: 'log_minmax', value: 'monetary', features: ['recency_days', 'frequency', 'monetary', 'basket_size', 'return_rate', 'tenure_days'] },
  money: { symbol: '£', what: 'revenue' },
  // How "high" and "low" of each feature read in a segment's name (names.js).
  words: {
    recency_days: ['not bought for a while', 'bought recently'],
    frequency: ['buys often', 'buys rarely'],
    monetary: ['spends a lot', 'spends little'],
    basket_size: ['big baskets', 'small baskets'],
    return_rate: ['returns often', 'rarely returns'],
    tenure_days: ['long-standing', 'new'],
    share_christmas: ['Christmas buyers', 'little Christmas'],
    share_bags: ['buys bags', 'few bags'],
    share_kitchen: ['buys kitchenware', 'little kitchenware'],
    share_decor: ['buys decor', 'little decor'],
    share_sunday: ['Sunday shoppers', 'rarely on Sundays'],
    share_morning: ['morning shoppers', 'afternoon shoppers'],
    uk: ['in the UK', 'abroad'],
  },
});

/** The simulated world's options (the core's `simulate segments`) as the page starts them. */
export const SIM_PARAMS = Object.freeze({ rows: 2000, clusters: 5, separation: 1, seed: 1 });
// Its roles: the model's estimate `cate` and the randomised test (`treatment`, `outcome`); scaled 0 to 1.
export const SIM_ROLES = Object.freeze({ cate: 'cate', treatment: 'treatment', outcome: 'outcome' });
export const SIM_SCALING = 'minmax';

export const MODEL_DEFAULTS = Object.freeze({ factors: 4, clusters: 5, bootstrap: 20, seed: 1, cost: 0 });
export const MAX_CLUSTERS = 10;

/** Columns that are never features by default (the core's rule, said here for the feature checkboxes). */
export const isTruthColumn = (name) => name.startsWith('true_');
export const ID_NAMES = ['customer_id', 'customer', 'CustomerID', 'id'];
