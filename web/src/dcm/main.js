// The DCM page: wires the controls to the engine worker. Training happens on
// Train (or a world / model field change); a shock edit only re-scores the
// model kept here. A failure shows a message and leaves the choices and the
// last results as they were. World settings and the shock live in the URL.
import { startEngine } from '../engine-status.js';
import { readLocalFile } from '../abtest/datasets.js';
import { fieldsIntoText, fillConfig, parseConfigText, parseLags, readBootstrap, readConfig, RETAIL_CONFIG, syncFields, WORLD_CONFIG } from './config.js';
import { DcmSession, RETAIL } from './session.js';
import { clampFrom, fillShock, fillTargets, readShock, shockKey, showValue } from './shock.js';
import { readState, writeState } from './state.js';
import { renderCompare } from './tables.js';
import { clearMessage, showHeatmap, showMessage, showProgress, showResult, showScore } from './view.js';
import { engineAvailable, taskRunner } from '../page-status.js';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const SIM_NOTE = 'Customers × weeks with three ES surrogates (reorder reminders; recommendations and Q&A = discovery), browse and orders, spend, and two pre-period features x1, x2 that also drive who uses the ES. Lagged and same-period effects are known to the simulator.';
const RETAIL_NOTE = 'Real transactions (no ground truth). This data has no engagement surface: the purchase lines per product group (christmas, bags, kitchen, decor, other) play the role of the shockable surrogates, grouped as seasonal, home and bags_other; invoices and returns are the other surrogates; X0 = UK customer, pre-period spend and invoices, tenure, from weeks 1–8 (before the panel). A shock asks e.g. “what if these customers had bought no Christmas lines from week 40?” or, with returns (not ES), “returns halved”.';
const CSV_NOTE = 'One row per customer and week: the customer and period columns, the surrogates, the ES surrogates, the outcome and per-customer features (constant over weeks). Name them in the config JSON.';
const DEFAULTS = { customers: 500, weeks: 10, seed: 1, bootstrap: 20 };

const initial = readState();
let runCounter = 0;
let last = null; // {entry, trained, score, trainMs}
let notice = initial.data === 'local' ? ['This link was made with a local panel CSV, which is never shared.', 'Pick the same file to restore the view; the simulated world is shown meanwhile.'] : null;

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const session = client && new DcmSession(client);

const intField = (id, fallback, lo, hi) => {
  const x = Math.round(Number($(id).value));
  return Number.isFinite(x) && $(id).value.trim() !== '' ? Math.min(hi, Math.max(lo, x)) : fallback;
};
const simParams = () => ({ customers: intField('customers', DEFAULTS.customers, 2, 1_000_000), weeks: intField('weeks', DEFAULTS.weeks, 2, 520), seed: intField('seed', DEFAULTS.seed, 0, 2 ** 31) });
const currentKind = () => document.querySelector('input[name="data"]:checked')?.value ?? 'sim';
const labelOf = (entry) => (entry.kind === 'sim' ? `Simulated ES world (seed ${entry.params.seed})` : entry.kind === 'retail' ? 'Online Retail (UCI, CC BY 4.0)' : `Your file ${entry.source}`);
const DEFAULT_CONFIG = { sim: WORLD_CONFIG, retail: RETAIL_CONFIG };

function showData(kind) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === kind;
  $('sim-params').hidden = kind !== 'sim';
  $('truth-switch').hidden = kind !== 'sim';
  $('retail-source').hidden = kind !== 'retail';
  $('data-note').textContent = kind === 'sim' ? SIM_NOTE : kind === 'retail' ? RETAIL_NOTE : CSV_NOTE;
}

function urlState(entry, config) {
  const s = { data: entry.kind, lags: config.lags, same: config.same_period ? '1' : '0', ridge: config.ridge, B: $('bootstrap').value.trim(), shock: shockKey() };
  if (entry.kind === 'sim') Object.assign(s, entry.params, { truth: $('reveal-truth').checked ? '1' : '' });
  else s.config = JSON.stringify(config);
  return s;
}


function entryFor(kind, fresh) {
  if (kind === 'local') {
    if (!session.entries.local) throw Object.assign(new Error('no panel CSV is open: pick a file'), { code: 'input' });
    return session.entries.local;
  }
  if (kind === 'retail') return session.entries.retail ?? { kind: 'retail', source: RETAIL.source, bytes: null };
  const params = simParams();
  const current = session.entries.sim;
  if (!fresh && current && JSON.stringify(current.params) === JSON.stringify(params)) return current;
  return { kind: 'sim', params, source: 'dcm' };
}

/** Trains on `kind`'s panel, then scores the builder's shock. */
async function train(kind = currentKind(), { fresh = false, entry: given } = {}) {
  const id = ++runCounter;
  let config;
  let trainMs = 0;
  let scoreMs = 0;
  const answer = await task(async (onProgress) => {
    config = readConfig();
    const bootstrap = readBootstrap();
    const entry = given ?? entryFor(kind, fresh);
    fillTargets(config, $('shock-target').dataset.wanted);
    delete $('shock-target').dataset.wanted;
    const shock = readShock(config);
    await session.table(entry);
    if (entry.kind !== 'sim') session.keep(entry, last?.entry); // a panel that loads is kept even if training fails
    let t0 = performance.now();
    const trained = await session.train(entry, config, bootstrap, onProgress);
    trainMs = performance.now() - t0;
    clampFrom(trained.model.first_period);
    const shocked = shock.shocks[0].from < trained.model.first_period ? readShock(config) : shock;
    t0 = performance.now();
    const score = await session.score(entry, trained.model, shocked);
    scoreMs = performance.now() - t0;
    return { entry, trained, score, truth: await truthOf(entry, shocked) };
  }, kind === 'sim' ? 'Could not train on the simulated world.' : kind === 'retail' ? 'Could not train on Online Retail.' : `Could not train on ${(given ?? session.entries.local)?.source ?? 'your file'}.`);
  if (answer === undefined || id !== runCounter) return;
  session.keep(answer.entry); // the panel it replaces is no longer shown
  last = { ...answer, trainMs };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  showData(answer.entry.kind);
  renderCompare($('compare-out'), null);
  writeState(urlState(answer.entry, config));
  showResult(answer.trained, answer.score, { label: labelOf(answer.entry), trainMs, scoreMs, truth: answer.truth });
}

/** The simulated world's true value of the shock, when revealed (null otherwise). */
async function truthOf(entry, shock) {
  if (entry.kind !== 'sim' || !$('reveal-truth').checked) return null;
  return session.truth(entry.params, shock);
}

/** A shock edit: re-score the kept model, no retraining. */
async function rescore() {
  if (!last) return;
  const id = ++runCounter;
  let scoreMs = 0;
  const answer = await task(async () => {
    const shock = readShock(last.trained.model.config);
    const t0 = performance.now();
    const score = await session.score(last.entry, last.trained.model, shock);
    scoreMs = performance.now() - t0;
    return { score, truth: await truthOf(last.entry, shock) };
  }, 'Could not score the shock.');
  if (answer === undefined || id !== runCounter) return;
  last.score = answer.score;
  clearMessage();
  writeState({ ...readState(), shock: shockKey(), truth: $('reveal-truth').checked ? '1' : '' });
  showScore(answer.score, { scoreMs, truth: answer.truth });
}

/** Trains with and without same-period effects on the current panel and shows both totals. */
async function compare() {
  if (!last) return;
  const id = ++runCounter;
  const answer = await task(async (onProgress) => {
    const config = readConfig();
    const bootstrap = readBootstrap();
    const shock = readShock(config);
    const rows = [];
    for (const [key, same, label] of [['with', true, 'With same-period ES effects (lags + same week)'], ['without', false, 'Without same-period effects (lags only)']]) {
      const trained = await session.train(last.entry, { ...config, same_period: same }, bootstrap, (f, stage) => onProgress((rows.length + (f ?? 0)) / 2, `${label}: ${stage || 'training'}`));
      rows.push({ key, label, score: await session.score(last.entry, trained.model, shock) });
    }
    return rows;
  }, 'Could not compare the two models.');
  if (answer === undefined || id !== runCounter) return;
  clearMessage();
  renderCompare($('compare-out'), answer);
}

async function openLocalFile(file) {
  const bytes = await readLocalFile(file).catch((error) => {
    showMessage('error', `Could not read ${file.name}.`, error.message, KEEP_NOTE);
    return null;
  });
  $('file').value = '';
  if (!bytes) return;
  await train('local', { entry: { kind: 'local', bytes, source: file.name } });
}

function wireControls() {
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    train();
  });
  for (const id of ['customers', 'weeks', 'seed']) $(id).addEventListener('change', () => train('sim'));
  for (const id of ['lags', 'ridge', 'same-period', 'bootstrap']) {
    $(id).addEventListener('change', () => {
      if (id !== 'bootstrap') fieldsIntoText();
      train();
    });
  }
  $('config').addEventListener('change', () => {
    try {
      syncFields(parseConfigText($('config').value));
    } catch {
      // Train says what is wrong
    }
  });
  for (const id of ['shock-target', 'shock-type', 'shock-value', 'shock-from', 'shock-to']) {
    $(id).addEventListener('change', () => {
      showValue();
      rescore();
    });
  }
  $('reveal-truth').addEventListener('change', rescore);
  $('download-model').addEventListener('click', () => {
    if (!last) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(last.trained.model)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `dcm-model-${last.entry.kind}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('coef-period').addEventListener('change', () => last && showHeatmap(last.trained));
  $('compare').addEventListener('click', compare);
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local' && !session.entries.local) {
        $('file').click();
        showData(last?.entry.kind ?? 'sim');
        return;
      }
      showData(radio.value);
      if (DEFAULT_CONFIG[radio.value]) {
        fillConfig(DEFAULT_CONFIG[radio.value]);
        fillTargets(DEFAULT_CONFIG[radio.value], radio.value === 'retail' ? 'group:seasonal' : 'all');
      }
      train(radio.value);
    });
  }
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
}

function fillFields() {
  $('customers').value = initial.customers ?? String(DEFAULTS.customers);
  $('weeks').value = initial.weeks ?? String(DEFAULTS.weeks);
  $('seed').value = initial.seed ?? String(DEFAULTS.seed);
  $('bootstrap').value = initial.B ?? String(DEFAULTS.bootstrap);
  $('reveal-truth').checked = initial.truth === '1';
  let config = { ...(initial.data === 'retail' ? RETAIL_CONFIG : WORLD_CONFIG) };
  try {
    if (initial.config) config = JSON.parse(initial.config);
  } catch {
    // a mangled link: keep the world's config
  }
  if (initial.lags) config.lags = (() => {
    try {
      return parseLags(initial.lags) ?? Number(initial.lags);
    } catch {
      return config.lags; // a mangled link: keep the config's
    }
  })();
  if (initial.same) config.same_period = initial.same === '1';
  if (initial.ridge) config.ridge = Number(initial.ridge);
  fillConfig(config);
  fillShock(initial.shock);
  fillTargets(config, $('shock-target').dataset.wanted);
}

async function main() {
  if (!engineAvailable(client)) return;
  fillFields();
  wireControls();
  const kind = initial.data === 'retail' ? 'retail' : 'sim';
  showData(kind);
  $('placeholder').textContent = kind === 'sim' ? 'Simulating and training…' : 'Loading Online Retail and training…';
  await train(kind, { fresh: true });
}

main();
