// The page's data: three weekly marketing-mix examples shipped with the site (same origin, each cited on the
// page), the simulated world `simulate mmm` made in the worker (its truth known) and the user's CSV, read
// locally. Each shipped file names its columns' roles and how the page words its KPI and spend.

const file = (name) => ({ url: `/data/${name}`, source: name });

export const DATASETS = Object.freeze({
  pymc: {
    ...file('mmm-pymc-example.csv'),
    label: 'PyMC-Marketing example',
    roles: { kpi: 'y', date: 'date_week', channels: ['x1', 'x2'], controls: ['event_1', 'event_2'] },
    words: { kpi: 'sales', spend: 'unit of spend', spends: 'units of spend' },
    cite: 'Data: the PyMC-Marketing example (PyMC Labs, Apache-2.0): simulated weekly sales and spend on two channels, x1 and x2, with a known truth. The full citation is under Details.',
  },
  robyn: {
    ...file('mmm-robyn.csv'),
    label: 'Robyn example',
    roles: { kpi: 'revenue', date: 'DATE', channels: ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'], controls: ['competitor_sales_B', 'events', 'newsletter'] },
    words: { kpi: 'revenue', spend: 'dollar of spend', spends: 'dollars of spend', money: '$' },
    names: { tv_S: 'TV', ooh_S: 'out of home', print_S: 'print', facebook_S: 'Facebook', search_S: 'search' },
    cite: 'Data: Robyn’s simulated weekly data (Meta, MIT licence): revenue and spend on TV, out of home, print, Facebook and search. The full citation is under Details.',
  },
  meridian: {
    ...file('mmm-meridian-national.csv'),
    label: 'Meridian example',
    roles: { kpi: 'conversions', date: 'time', channels: ['Channel0_spend', 'Channel1_spend', 'Channel2_spend', 'Channel3_spend'], controls: ['competitor_activity_score_control', 'sentiment_score_control'] },
    words: { kpi: 'conversions', spend: 'dollar of spend', spends: 'dollars of spend', money: '$' },
    names: { Channel0_spend: 'channel 0', Channel1_spend: 'channel 1', Channel2_spend: 'channel 2', Channel3_spend: 'channel 3' },
    cite: 'Data: Meridian’s simulated national data (Google, Apache-2.0): conversions and spend on four channels. The full citation is under Details.',
  },
});

/** The simulated world's options (the core's `simulate mmm`) as the page starts them, and its columns. */
export const SIM_PARAMS = Object.freeze({ weeks: 156, channels: 3, seed: 1 });
export const SIM_CHANNELS = ['tv', 'search', 'social', 'radio', 'print', 'video', 'display', 'email'];
export const simRoles = (channels) => ({ kpi: 'sales', date: 'week', channels: SIM_CHANNELS.slice(0, channels), controls: ['promo'] });
export const SIM_WORDS = Object.freeze({ kpi: 'sales', spend: 'dollar of spend', spends: 'dollars of spend', money: '$' });
export const SIM_CITE = 'A simulated world: weekly sales from a baseline, the season, a promotion and each channel’s spend, with known true returns.';

export const MODEL_DEFAULTS = Object.freeze({ adstock: 'geometric', saturation: 'logistic', bootstrap: 200, seed: 1 });
export const BUDGET_PRESETS = [-0.2, -0.1, 0.1];

/** Columns never offered as channels or controls: the simulated truth. */
export const isTruthColumn = (name) => name.startsWith('true_');
/** A column name that looks like spend (the core's default rule, for the first guess at a local file). */
export const looksLikeSpend = (name) => /(_S|_spend)$|^spend_/i.test(name) || /^x\d+$/.test(name);
export const KPI_NAMES = ['y', 'sales', 'revenue', 'conversions', 'kpi'];
export const DATE_NAMES = ['date', 'date_week', 'week', 'time', 'ds', 'DATE'];
