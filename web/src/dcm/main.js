// The DCM page: wires the controls to the engine worker. Training happens on Train (or a data / model
// field change); switching another channel off, or other weeks, only re-scores the model kept here.
// A failure shows a message and leaves the choices and the last results as they were. The data, the
// model, the shock, the names and the guess live in the URL.
import { client } from './engine.js'; // first: the worker starts before the rest evaluates
import './dcm.css';
import { readLocalFile } from '../kit/files.js';
import { Baseline } from '../kit/baseline.js';
import { isNum } from '../kit/format.js';
import { isWorkshop } from '../kit/workshop.js';
import { engineAvailable, taskRunner, clearMessage, showMessage } from '../page-status.js';
import { fieldsIntoText, fillConfig, parseConfigText, parseLags, readBootstrap, readConfig, RETAIL_CONFIG, syncFields, WORLD_CONFIG } from './config.js';
import { DcmSession, localEntry, retailEntry, simEntry } from './session.js';
import { clampWeeks, fillShock, fillTargets, readShock, shockKey, shockWords, showValue } from './shock.js';
import { readState, writeState } from './state.js';
import { renderCompare } from './tables.js';
import { namesParam, setNames } from './names.js';
import { fillNamesEditor } from './names-editor.js';
import { shockedWeeks, showAnswer, summarise, waiting, weeksText } from './answer.js';
import { showGap, showLearns, showNaive, showTruth } from './steps.js';
import { showHeatmap, showScoreDetails, showTrainDetails } from './details.js';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const SIM_NOTE = 'A simulated shop: customers × weeks with three channels (e-mail reminders; product recommendations and Q&A, together “discovery”), browsing and orders, spend, and two pre-period features that also drive who uses the channels. The simulator knows the true effect of every channel.';
const RETAIL_NOTE = 'Real transactions (no ground truth). This shop has no marketing channels in the data: the purchase lines per product group (Christmas, bags, kitchen, decor, other) play the role of the channels, grouped as seasonal, home and bags-and-other; invoices and returns are the other actions; the pre-period features (UK customer, spend and orders before week 9, tenure) come from weeks 1–8. A shock asks e.g. “what if these customers had bought no Christmas products from week 40?”.';
const CSV_NOTE = 'One row per customer and week: the customer and period columns, the actions, the channels (ES surrogates), the outcome and per-customer features (constant over weeks). Name them in the Advanced config JSON.';
const DEFAULTS = { customers: 500, weeks: 10, seed: 1, bootstrap: 20 };
const FIRST_TARGET = { sim: 'group:reminders', retail: 'group:seasonal' };

const initial = readState();
let runCounter = 0;
let trainCounter = 0; // a new training makes a pending refine stale; a re-score does not
/** The results on screen: {entry, trained, score, truth, shock, scoreMs, trainMs}. */
let last = null;
let revealed = initial.truth === '1';
let notice = initial.data === 'local' ? ['This link was made with a local panel CSV, which is never shared.', 'Pick the same file to restore the view; the simulated world is shown meanwhile.'] : null;

const task = taskRunner(client);
const session = client && new DcmSession(client);
const baseline = new Baseline(summarise);

const intField = (id, fallback, lo, hi) => {
  const x = Math.round(Number($(id).value));
  return Number.isFinite(x) && $(id).value.trim() !== '' ? Math.min(hi, Math.max(lo, x)) : fallback;
};
const simParams = () => ({ customers: intField('customers', DEFAULTS.customers, 2, 1_000_000), weeks: intField('weeks', DEFAULTS.weeks, 2, 520), seed: intField('seed', DEFAULTS.seed, 0, 2 ** 31) });
const currentKind = () => document.querySelector('input[name="data"]:checked')?.value ?? 'sim';
const labelOf = (entry) => (entry.kind === 'sim' ? `Simulated shop (seed ${entry.params.seed})` : entry.kind === 'retail' ? 'Online Retail (UCI, CC BY 4.0)' : `Your file ${entry.source}`);
const DEFAULT_CONFIG = { sim: WORLD_CONFIG, retail: RETAIL_CONFIG };
const guessValue = () => ($('guess').value.trim() === '' ? null : Number($('guess').value));

function showData(kind) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === kind;
  $('sim-params').hidden = kind !== 'sim';
  $('retail-source').hidden = kind !== 'retail';
  $('data-note').textContent = kind === 'sim' ? SIM_NOTE : kind === 'retail' ? RETAIL_NOTE : CSV_NOTE;
}

function urlState(entry, config) {
  const s = { data: entry.kind, lags: Array.isArray(config.lags) ? config.lags.join(',') : config.lags, same: config.same_period ? '1' : '0', ridge: config.ridge, B: $('bootstrap').value.trim(), shock: shockKey(), names: namesParam(), workshop: isWorkshop() ? '1' : '' };
  if (entry.kind === 'sim') Object.assign(s, entry.params, { truth: revealed ? '1' : '', guess: $('guess').value.trim() });
  else s.config = JSON.stringify(config);
  return s;
}

function entryFor(kind, fresh) {
  if (kind === 'local') {
    if (!session.get('local')) throw Object.assign(new Error('no panel CSV is open: pick a file'), { code: 'input' });
    return session.get('local');
  }
  if (kind === 'retail') return session.get('retail') ?? retailEntry();
  const params = simParams();
  const current = session.get('sim');
  if (!fresh && current && JSON.stringify(current.params) === JSON.stringify(params)) return current;
  return simEntry(params);
}

/** The simulated world's true value of the shock, when revealed (null otherwise). */
async function truthOf(entry, shock) {
  if (entry.kind !== 'sim' || !revealed) return null;
  return session.truth(entry.params, shock);
}

/** Everything below the answer that depends on the score (steps 2–4 and the details' tables). */
function showScoreParts() {
  const { score, trained, shock, truth, entry } = last;
  const config = trained.model.config;
  const { name } = shockWords(config);
  const { from, to } = shockedWeeks(score, shock.shocks[0]);
  showLearns(trained.model, shock.shocks[0].surrogates);
  showGap(score, { name, from, to });
  showNaive(score, { name });
  showTruth(score, { name, from, to, truth, guess: guessValue(), simulated: entry.kind === 'sim', onSwitch: switchToSim });
  showScoreDetails(score, { scoreMs: last.scoreMs, truth, config });
  $('reveal').textContent = revealed ? 'Hide the truth' : 'Reveal the truth';
  $('reveal').setAttribute('aria-pressed', String(revealed));
}

/**
 * Work that draws below the first screen (steps, details) runs after the answer has been painted, so the
 * answer never waits for the charts under it; main[data-rendering] says some is still queued.
 */
const queued = new Map();
function afterPaint(key, fn) {
  queued.set(key, fn);
  if (queued.size > 1) return;
  document.querySelector('main').dataset.rendering = 'true';
  requestAnimationFrame(() =>
    setTimeout(() => {
      for (const f of queued.values()) f();
      queued.clear();
      delete document.querySelector('main').dataset.rendering;
    }),
  );
}

/** The answer, its chart and cards (first), then the rest. */
function showAll({ pending = false } = {}) {
  const config = last.trained.model.config;
  const { lead } = shockWords(config);
  const { from, to } = shockedWeeks(last.score, last.shock.shocks[0]);
  const pinned = baseline.seen(last.score, `${lead.toLowerCase()} in ${weeksText(from, to)}`);
  showAnswer(last.score, { lead, shock: last.shock.shocks[0], pinned, label: lead });
  afterPaint('score', () => {
    showScoreParts();
    if (pending) $('score-time').textContent = 'Computing the 95% ranges…';
  });
}

/**
 * Trains on `kind`'s panel, then scores the shock. With bootstrap replicates, the first numbers come from
 * a fit without them (the same point estimates, in a fraction of the time); the fit with them follows in
 * the background and adds the 95% ranges (refine).
 */
async function train(kind = currentKind(), { fresh = false, entry: given } = {}) {
  const id = ++runCounter;
  const trainId = ++trainCounter;
  let config;
  let bootstrap = 0;
  let trainMs = 0;
  let scoreMs = 0;
  const answer = await task(async (onProgress) => {
    config = readConfig();
    bootstrap = readBootstrap();
    const entry = given ?? entryFor(kind, fresh);
    fillTargets(config, $('shock-target').dataset.wanted);
    delete $('shock-target').dataset.wanted;
    readShock(config); // a bad field stops here, before the long part
    await session.table(entry);
    performance.mark('dcm:table');
    if (entry.kind !== 'sim') session.keep(entry, last?.entry); // a panel that loads is kept even if training fails
    let t0 = performance.now();
    const trained = await session.train(entry, config, 0, onProgress);
    trainMs = performance.now() - t0;
    performance.mark('dcm:trained');
    clampWeeks(trained.model.first_period, trained.model.first_period + trained.model.periods - 1);
    const shock = readShock(config);
    t0 = performance.now();
    const score = await session.score(entry, trained.model, shock);
    scoreMs = performance.now() - t0;
    performance.mark('dcm:scored');
    return { entry, trained, score, shock, truth: await truthOf(entry, shock) };
  }, kind === 'sim' ? 'Could not train on the simulated shop.' : kind === 'retail' ? 'Could not train on Online Retail.' : `Could not train on ${(given ?? session.get('local'))?.source ?? 'your file'}.`);
  if (answer === undefined || id !== runCounter) return;
  session.keep(answer.entry); // the panel it replaces is no longer shown
  const sameData = last?.entry === answer.entry;
  last = { ...answer, trainMs, scoreMs };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  showData(answer.entry.kind);
  setNames(answer.entry.kind);
  fillTargets(answer.trained.model.config);
  fillNamesEditor(answer.trained.model.config, onRename);
  if (!sameData) baseline.clear(); // a new panel: its first view is the new baseline
  renderCompare($('compare-out'), null);
  writeState(urlState(answer.entry, config));
  $('answer').dataset.pending = bootstrap > 0 ? 'ranges' : '';
  showAll({ pending: bootstrap > 0 });
  afterPaint('train', () => showTrainDetails(answer.trained, { label: labelOf(answer.entry), trainMs }));
  if (bootstrap > 0) await refine(trainId, answer.entry, config, bootstrap);
}

/** The fit with bootstrap replicates: replaces the kept model, re-scores the shock on screen with its ranges. */
async function refine(trainId, entry, config, bootstrap) {
  let trainMs = 0;
  const trained = await task(async (onProgress) => {
    const t0 = performance.now();
    const result = await session.train(entry, config, bootstrap, (f, stage) => onProgress(f, `95% ranges: ${stage || 'bootstrap'}`));
    trainMs = performance.now() - t0;
    return result;
  }, 'Could not compute the 95% ranges.');
  if (trainId !== trainCounter || last?.entry !== entry) return;
  if (trained === undefined) {
    // Cancelled or failed: the numbers without ranges stay, and the page says so.
    $('answer').dataset.pending = '';
    $('score-time').textContent = 'The 95% ranges were not computed: press Train to try again.';
    return;
  }
  last.trained = trained; // a re-score from now on uses the model with ranges
  last.trainMs = trainMs;
  const t0 = performance.now();
  const score = await task(() => session.score(entry, trained.model, last.shock), 'Could not score the change.');
  if (score === undefined || trainId !== trainCounter) return;
  Object.assign(last, { score, scoreMs: performance.now() - t0 });
  $('answer').dataset.pending = '';
  showAll();
  afterPaint('train', () => showTrainDetails(trained, { label: labelOf(entry), trainMs }));
}

/** The channel or weeks changed: re-score the kept model, no retraining. */
async function rescore() {
  if (!last) return;
  const id = ++runCounter;
  const kept = last;
  const answer = await task(async () => {
    const shock = readShock(kept.trained.model.config);
    const t0 = performance.now();
    const score = await session.score(kept.entry, kept.trained.model, shock);
    return { score, shock, scoreMs: performance.now() - t0 };
  }, 'Could not score the change.');
  if (answer === undefined || id !== runCounter) return;
  Object.assign(last, answer, { truth: null });
  clearMessage();
  writeState(urlState(last.entry, last.trained.model.config));
  showAll();
  if (revealed && last.entry.kind === 'sim') await revealTruth(id);
}

/** Asks the simulated world for its true value of the current shock and shows it. */
async function revealTruth(id = ++runCounter) {
  const kept = last;
  const truth = await task(() => truthOf(kept.entry, kept.shock), 'Could not compute the truth.');
  if (truth === undefined || id !== runCounter || kept !== last) return;
  last.truth = truth;
  showScoreParts();
}

function onRename() {
  if (!last) return;
  fillTargets(last.trained.model.config);
  writeState(urlState(last.entry, last.trained.model.config));
  showAll();
  afterPaint('heatmap', () => showHeatmap(last.trained.model));
}

function switchToSim() {
  showData('sim');
  fillConfig(WORLD_CONFIG);
  fillTargets(WORLD_CONFIG, FIRST_TARGET.sim);
  $('shock-from').value = '1';
  $('shock-to').value = '';
  train('sim');
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
    for (const [key, same, label] of [['with', true, 'With same-period effects (last week + this week)'], ['without', false, 'Without same-period effects (last week only)']]) {
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
  await train('local', { entry: localEntry(bytes, file.name) });
}

function setWeeks(from, to) {
  $('shock-from').value = String(from);
  $('shock-to').value = to == null ? '' : String(to);
  rescore();
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
  $('weeks-all').addEventListener('click', () => last && setWeeks(last.trained.model.first_period, null));
  $('weeks-second-half').addEventListener('click', () => {
    if (!last) return;
    const { first_period: first, periods } = last.trained.model;
    setWeeks(first + Math.floor(periods / 2), null);
  });
  $('reveal').addEventListener('click', () => {
    revealed = !revealed;
    if (!last) return;
    writeState(urlState(last.entry, last.trained.model.config));
    if (revealed) revealTruth();
    else {
      last.truth = null;
      showScoreParts();
    }
  });
  $('guess').addEventListener('change', () => {
    if (!last) return;
    writeState(urlState(last.entry, last.trained.model.config));
    if (last.truth) showScoreParts();
  });
  $('download-model').addEventListener('click', () => {
    if (!last) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(last.trained.model)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `dcm-model-${last.entry.kind}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('coef-period').addEventListener('change', () => last && showHeatmap(last.trained.model));
  $('compare').addEventListener('click', compare);
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local' && !session.get('local')) {
        $('file').click();
        showData(last?.entry.kind ?? 'sim');
        return;
      }
      showData(radio.value);
      if (DEFAULT_CONFIG[radio.value]) {
        fillConfig(DEFAULT_CONFIG[radio.value]);
        setNames(radio.value);
        fillTargets(DEFAULT_CONFIG[radio.value], FIRST_TARGET[radio.value]);
        $('shock-from').value = '1';
        $('shock-to').value = '';
      }
      train(radio.value);
    });
  }
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('baseline-slot').replaceChildren(baseline.control(() => last && { answer: last.score, label: $('answer').dataset.text.replace(/,.*$/, '').toLowerCase() }));
  baseline.listeners.push(() => last && showAll());
}

function fillFields() {
  $('customers').value = initial.customers ?? String(DEFAULTS.customers);
  $('weeks').value = initial.weeks ?? String(DEFAULTS.weeks);
  $('seed').value = initial.seed ?? String(DEFAULTS.seed);
  $('bootstrap').value = initial.B ?? String(DEFAULTS.bootstrap);
  $('guess').value = initial.guess && isNum(Number(initial.guess)) ? initial.guess : '';
  const kind = initial.data === 'retail' ? 'retail' : 'sim';
  setNames(kind, initial.names ?? '');
  let config = { ...(kind === 'retail' ? RETAIL_CONFIG : WORLD_CONFIG) };
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
  fillShock(initial.shock, FIRST_TARGET[kind]);
  fillTargets(config, $('shock-target').dataset.wanted);
  return kind;
}

async function main() {
  if (!engineAvailable(client)) return;
  // The simulated world is the default (workshop mode included); a link may ask for Online Retail.
  const kind = fillFields();
  wireControls();
  showData(kind);
  waiting(kind === 'sim' ? 'Simulating a shop and training the model…' : 'Loading Online Retail and training the model…', kind === 'sim' ? simParams().weeks : 45);
  await train(kind, { fresh: true });
}

main();
