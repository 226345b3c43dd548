// The model's config: the raw JSON in the textarea plus the form fields
// (lags, same-period, ridge) that override its keys. A config that does not
// parse throws an 'input' error naming where; the core checks the rest.
const $ = (id) => document.getElementById(id);

/** The simulated world's config (src/sim/dcm_world.cpp, dcm_world_config). */
export const WORLD_CONFIG = Object.freeze({
  customer: 'customer',
  period: 'week',
  outcome: 'spend',
  surrogates: ['browse', 'orders'],
  es_surrogates: ['es_reorder', 'es_recs', 'es_qa'],
  features: ['x1', 'x2'],
  lags: 1,
  same_period: true,
  ridge: 0,
  groups: { reminders: ['es_reorder'], discovery: ['es_recs', 'es_qa'] },
});

/** The Online Retail panel's default config (data/online-retail/config.json, checked equal by the e2e suite). */
export const RETAIL_CONFIG = Object.freeze({
  customer: 'customer',
  period: 'week',
  outcome: 'spend',
  surrogates: ['invoices', 'returns'],
  es_surrogates: ['lines_christmas', 'lines_bags', 'lines_kitchen', 'lines_decor', 'lines_other'],
  features: ['uk', 'pre_spend', 'pre_invoices', 'tenure_weeks'],
  lags: 1,
  same_period: true,
  ridge: 0,
  pooled: true,
  groups: { seasonal: ['lines_christmas'], home: ['lines_kitchen', 'lines_decor'], bags_other: ['lines_bags', 'lines_other'] },
});

const inputError = (message) => Object.assign(new Error(message), { code: 'input' });

/** Parses the textarea; throws a readable error for bad JSON. */
export function parseConfigText(text) {
  let config;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw inputError(`the config is not valid JSON: ${error.message}`);
  }
  if (config == null || typeof config !== 'object' || Array.isArray(config)) throw inputError('the config must be a JSON object ({"outcome": …, "surrogates": […], …})');
  return config;
}

function numberField(id, name, { integer = false, min = 0 } = {}) {
  const raw = $(id).value.trim();
  const x = Number(raw);
  if (raw === '' || !Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) throw inputError(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min} (got '${raw}')`);
  return x;
}

/** Lags as typed: a number L (lags 1..L) or a list such as "1, 2, 4" (only those lags); the core checks the range. */
export function parseLags(text) {
  const raw = String(text ?? '').trim();
  if (!/[,\s[]/.test(raw)) return null;
  const list = raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean).map(Number);
  if (!list.length || !list.every(Number.isInteger)) throw inputError(`Lags must be a whole number or a list of them such as 1, 2, 4 (got '${raw}')`);
  return list;
}

/** The config to train: the textarea with the form fields applied. */
export function readConfig() {
  const config = parseConfigText($('config').value);
  config.lags = parseLags($('lags').value) ?? numberField('lags', 'Lags', { integer: true, min: 1 });
  config.same_period = $('same-period').checked;
  config.ridge = numberField('ridge', 'Ridge penalty');
  return config;
}

export const readBootstrap = () => numberField('bootstrap', 'Bootstrap replicates', { integer: true, min: 0 });

/** Shows a config in the textarea and the form fields. */
export function fillConfig(config) {
  $('config').value = JSON.stringify(config, null, 1);
  syncFields(config);
}

/** The textarea's lags / same_period / ridge into the form fields (the textarea was edited). */
export function syncFields(config) {
  if (config.lags != null) $('lags').value = Array.isArray(config.lags) ? config.lags.join(', ') : String(config.lags);
  if (config.same_period != null) $('same-period').checked = Boolean(config.same_period);
  if (config.ridge != null) $('ridge').value = String(config.ridge);
}

/** The form fields written back into the textarea (when it parses). */
export function fieldsIntoText() {
  try {
    fillConfig(readConfig());
  } catch {
    // a bad textarea or field: the next Train says what is wrong
  }
}
