// The games the page offers: the bundled coalitions CSV (a marketing example),
// the user's CSV, and three teaching games with editable parameters. Turns the
// parameter fields into the core's `game` object, or an error naming the field.

export const EXAMPLE = Object.freeze({
  id: 'example',
  url: '/examples/channels.csv',
  source: 'channels.csv',
  label: 'Example: weekly revenue from four channels (made-up numbers, $ thousand)',
  note:
    'Weekly revenue in $ thousand for every combination of search, social, TV and e-mail ($100k with none running). TV and social ' +
    'drive searches, so channels partly work through each other: switching one off loses a share another also claims.',
  // Domain words for the file's column names.
  names: { Search: 'search', Social: 'social', TV: 'TV', Email: 'e-mail' },
});

export const TEACHING = Object.freeze({
  glove: {
    defaults: { left: 'L', right: 'R1, R2' },
    note: 'A pair of gloves (one left, one right) is worth 1. A coalition is worth the number of pairs it can make: the scarce side holds the value.',
    closedForm: 'the textbook value of the glove game (scarce-side owners share the pairs)',
  },
  airport: {
    defaults: { players: 'Small, Medium, Large', costs: '10, 25, 40' },
    note: 'Planes share one runway; a coalition pays for the longest runway any member needs (the value is that cost). Each plane pays an equal share of every stretch it uses.',
    closedForm: 'Littlechild–Owen: each runway segment is split equally among the planes that need it',
  },
  voting: {
    defaults: { players: 'A, B, C, D', weights: '45, 25, 15, 15', quota: '51' },
    note: 'A coalition is worth 1 if its weights reach the quota. The Shapley value here is the Shapley–Shubik power index: how often a voter is pivotal.',
    closedForm: 'the Shapley–Shubik power index, counted over all orders',
  },
});

export const GAME_IDS = ['example', 'glove', 'airport', 'voting', 'local', 'dcm'];
export const isTeaching = (id) => Object.hasOwn(TEACHING, id);

const split = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

class ParamError extends Error {
  constructor(message) {
    super(message);
    this.code = 'config';
  }
}

function numbers(text, label) {
  const parts = split(text);
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isFinite(values[i]));
  if (bad != null) throw new ParamError(`${label}: '${bad}' is not a number.`);
  return values;
}

function names(text, label) {
  const list = split(text);
  if (list.length === 0) throw new ParamError(`${label}: list at least one name.`);
  return list;
}

/** The core's game object for a teaching game, from the page's parameter strings. */
export function buildGame(id, p) {
  if (id === 'glove') return { type: 'glove', left: names(p.left, 'Left-glove owners'), right: names(p.right, 'Right-glove owners') };
  if (id === 'airport') return { type: 'airport', players: names(p.players, 'Planes'), costs: numbers(p.costs, 'Runway costs') };
  if (id === 'voting') {
    const quota = Number(String(p.quota ?? '').trim());
    if (String(p.quota ?? '').trim() === '' || !Number.isFinite(quota)) throw new ParamError(`Quota: '${p.quota ?? ''}' is not a number.`);
    return { type: 'voting', players: names(p.players, 'Voters'), weights: numbers(p.weights, 'Weights'), quota };
  }
  throw new ParamError(`unknown game '${id}'`);
}
