// The uplift targeting page: wires the controls to the engine worker. A run
// fits the chosen learners one after another (progress, Cancel); the learner
// and arm shown, the policy slider and the truth switch only redraw. A failure
// shows the core's message and leaves the choices and the last results as
// they were. Choices live in the URL (a local file never does).
import { startEngine } from '../engine-status.js';
import { engineAvailable, taskRunner } from '../page-status.js';
import { BUNDLED, fetchBundled, readLocalFile, SIM_DEFAULTS, SIM_PARAMS, TRUTH_COLUMNS } from './datasets.js';
import { downloadCsv, predictionsToCsv } from './export.js';
import { fillControl, fillFeatures, fillPickers, missingColumns, readPickers } from './pickers.js';
import { buildOptions, runLearners } from './runs.js';
import { UpliftSession } from './session.js';
import { readState, writeState } from './state.js';
import { clearMessage, showMessage, showResult } from './view.js';
import './uplift.css';

const $ = (id) => document.getElementById(id);
const ui = { treatment: $('treatment'), control: $('control'), outcome: $('outcome'), features: $('features') };
const DEFAULT_LEARNERS = ['s', 't', 'x', 'r', 'dr'];
const DEBOUNCE_MS = 300;

const initial = readState();
const cache = { key: null, answers: new Map() };
let runCounter = 0;
let entryCounter = 0;
let last = null; // {answers, entry, label, ms}: what is on screen
const view = { learner: initial.view, arm: initial.arm, share: Number.isFinite(Number(initial.share)) && initial.share ? Number(initial.share) / 100 : 0.2, mode: initial.policy === 'threshold' ? 'threshold' : 'share', truth: initial.truth === '1' };
let notice = initial.data === 'local' ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the Hillstrom data is shown meanwhile.'] : null;

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const session = client && new UpliftSession(client);

const configError = (message) => Object.assign(new Error(message), { code: 'config' });

/** A whole number from a text field in [lo, hi]; empty → fallback; anything else is a clear error. */
function intField(id, name, fallback, lo, hi) {
  const text = $(id).value.trim();
  if (text === '') return fallback;
  const x = Number(text);
  if (!Number.isInteger(x) || x < lo || x > hi) throw configError(`${name} must be a whole number from ${lo} to ${hi}, got '${text}'`);
  return x;
}

function numField(id, name, fallback, lo = -Infinity, hi = Infinity) {
  const text = $(id).value.trim();
  if (text === '') return fallback;
  const x = Number(text);
  if (!Number.isFinite(x) || x < lo || x > hi) throw configError(`${name} must be a number${Number.isFinite(lo) ? ` from ${lo}` : ''}${Number.isFinite(hi) ? ` to ${hi}` : ''}, got '${text}'`);
  return x;
}

function simParams() {
  return {
    rows: intField('rows', 'Rows', SIM_PARAMS.rows, 20, 2_000_000),
    features: intField('nfeatures', 'Features', SIM_PARAMS.features, 3, 100),
    heterogeneity: numField('heterogeneity', 'Heterogeneity', SIM_PARAMS.heterogeneity, 0, 10),
    confounding: numField('confounding', 'Confounding', SIM_PARAMS.confounding, 0, 10),
    positivity: numField('positivity', 'Positivity violation', SIM_PARAMS.positivity, 0, 0.5),
    noise: numField('noise', 'Noise', SIM_PARAMS.noise, 0, 100),
    binary: $('binary').checked,
    seed: intField('world-seed', 'World seed', SIM_PARAMS.seed, 0, 2 ** 31),
  };
}

const chosenLearners = () => [...document.querySelectorAll('input[name="learner"]:checked')].map((i) => i.value);

function settings() {
  const learners = chosenLearners();
  if (!learners.length) throw configError('tick at least one learner to run');
  return {
    ...readPickers(ui),
    learners,
    base: $('base').value,
    propensity: $('propensity').value,
    folds: intField('folds', 'Folds', 5, 2, 20),
    seed: intField('seed', 'Seed', 1, 0, 2 ** 31),
    trees: intField('trees', 'Trees', null, 1, 100_000),
    value: numField('value', 'Value per unit of outcome', null),
    cost: numField('cost', 'Cost per treated customer', null),
    trim: numField('trim', 'Trim', null, 0, 0.5),
  };
}

function setDataRadio(kind) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === kind;
  $('citation-hillstrom').hidden = kind !== 'hillstrom';
  $('citation-starbucks').hidden = kind !== 'starbucks';
  $('sim-params').hidden = kind !== 'sim';
}

const currentKind = () => session.current?.kind ?? 'hillstrom';

function urlState(s) {
  const entry = session.current;
  const state = {
    data: entry.kind,
    treatment: s.treatment,
    control: s.control,
    outcome: s.outcome,
    features: s.features.join(','),
    learners: s.learners.join(','),
    base: s.base === 'linear' ? '' : s.base,
    propensity: s.propensity === 'known' ? '' : s.propensity,
    folds: s.folds === 5 ? '' : s.folds,
    seed: s.seed === 1 ? '' : s.seed,
    trees: s.trees ?? '',
    value: s.value ?? '',
    cost: s.cost ?? '',
    trim: s.trim ?? '',
    arm: view.arm ?? '',
    view: view.learner ?? '',
    share: Math.round(view.share * 100),
    policy: view.mode === 'threshold' ? 'threshold' : '',
    truth: view.truth && entry.kind === 'sim' ? '1' : '',
  };
  if (entry.kind === 'sim') {
    const p = entry.params;
    Object.assign(state, { rows: p.rows, p: p.features, het: p.heterogeneity, conf: p.confounding, pos: p.positivity, noise: p.noise, binary: p.binary ? '1' : '', wseed: p.seed });
  }
  return state;
}

function redraw() {
  if (!last) return;
  const shown = showResult({
    ...view,
    answers: last.answers,
    label: last.label,
    ms: last.ms,
    simulated: last.entry.kind === 'sim',
    onShare: (share) => {
      view.share = share;
      writeState({ ...readState(), share: Math.round(share * 100) });
    },
    onMode: (mode) => {
      view.mode = mode;
      redraw();
      writeState({ ...readState(), policy: mode === 'threshold' ? 'threshold' : '' });
    },
  });
  view.learner = shown.learner;
  view.arm = shown.arm;
}

/** Runs the chosen learners on the current table. */
async function run() {
  const id = ++runCounter;
  const started = performance.now();
  let s;
  const answers = await task(async (onProgress) => {
    s = settings();
    const entry = session.current;
    const options = buildOptions(s, { simulated: entry?.kind === 'sim' });
    const key = JSON.stringify([entry?.id, options]);
    return runLearners(session, cache, key, s.learners, options, onProgress);
  }, `The uplift analysis could not run${session.current ? ` on ${session.current.label}` : ''}.`);
  if (answers === undefined || id !== runCounter) return;
  last = { answers, entry: session.current, label: session.current.label, ms: performance.now() - started };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  const failed = answers.filter((a) => a.error);
  if (failed.length) showMessage('info', `${failed.length} of ${answers.length} learners could not run; their rows say why.`, failed.map((a) => `${a.learner}: ${a.error.message}`).join(' · '), 'The other learners’ results are shown.');
  if (!answers.some((a) => a.learner === view.learner && a.result)) view.learner = answers.find((a) => a.result).learner;
  redraw();
  writeState(urlState(s));
}

/** Makes `entry` the working table and fills the pickers; on failure nothing changes. */
async function openSource(entry, preferred) {
  const description = await task(async (onProgress) => {
    onProgress(null, entry.kind === 'sim' ? 'Simulating the world' : `Reading ${entry.source}`);
    if (entry.url) entry.bytes = await fetchBundled(entry);
    return session.open(entry);
  }, entry.kind === 'sim' ? 'Could not simulate the world.' : `Could not read ${entry.source}.`);
  if (!description) return false;
  const missing = missingColumns(description, preferred);
  fillPickers(ui, description, preferred);
  setDataRadio(entry.kind);
  $('dataset-name').textContent = `${entry.label}: ${description.rows.toLocaleString('en-US')} rows, ${description.columns.length} columns`;
  if (missing.length) notice = [`This data has no column ${missing.join(', ')}.`, 'The first suitable columns are chosen instead.'];
  return true;
}

const bundledEntry = (id) => ({ id: ++entryCounter, kind: id, url: BUNDLED[id].url, source: BUNDLED[id].source, label: BUNDLED[id].label });
const simEntry = () => {
  const params = simParams();
  return { id: ++entryCounter, kind: 'sim', params, source: 'uplift', label: `Simulated world (${params.rows.toLocaleString('en-US')} rows, seed ${params.seed})` };
};

async function switchTo(kind, preferred) {
  let entry;
  try {
    entry = kind === 'sim' ? simEntry() : bundledEntry(kind);
  } catch (error) {
    showMessage('error', 'Could not simulate the world.', error.message, 'Your previous choices and results are kept.');
    return false;
  }
  const defaults = kind === 'sim' ? SIM_DEFAULTS : BUNDLED[kind].defaults;
  if (!(await openSource(entry, preferred ?? defaults))) {
    setDataRadio(currentKind());
    return false;
  }
  await run();
  return true;
}

async function openLocalFile(file) {
  const bytes = await task(() => readLocalFile(file), `Could not read ${file.name}.`);
  $('file').value = '';
  if (!bytes) return setDataRadio(currentKind());
  const entry = { id: ++entryCounter, kind: 'local', bytes, source: file.name, label: `Your file ${file.name}` };
  // The columns chosen so far are preferred (a new export of the same test keeps its view); every other
  // column is a feature, except a simulated world's truth.
  if (await openSource(entry, { ...readPickers(ui), features: undefined, exclude: TRUTH_COLUMNS })) await run();
  else setDataRadio(currentKind());
}

let timer = null;
function debounced() {
  clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
}

function wireControls() {
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  ui.treatment.addEventListener('change', () => {
    const description = session.current.description;
    fillControl(ui.control, description, ui.treatment.value, '');
    fillFeatures(ui.features, description, readPickers(ui), readPickers(ui));
    run();
  });
  ui.outcome.addEventListener('change', () => {
    fillFeatures(ui.features, session.current.description, readPickers(ui), readPickers(ui));
    run();
  });
  ui.control.addEventListener('change', run);
  ui.features.addEventListener('change', debounced);
  $('features-all').addEventListener('click', () => {
    for (const box of ui.features.querySelectorAll('input')) box.checked = true;
    debounced();
  });
  $('features-none').addEventListener('click', () => {
    for (const box of ui.features.querySelectorAll('input')) box.checked = false;
    debounced();
  });
  for (const box of document.querySelectorAll('input[name="learner"]')) box.addEventListener('change', debounced);
  for (const id of ['base', 'propensity', 'folds', 'trees', 'seed', 'value', 'cost', 'trim']) $(id).addEventListener('change', run);
  for (const id of ['rows', 'nfeatures', 'heterogeneity', 'confounding', 'positivity', 'noise', 'binary', 'world-seed']) {
    $(id).addEventListener('change', () => switchTo('sim', { ...SIM_DEFAULTS, ...readPickers(ui), features: undefined }));
  }
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local') {
        $('file').click();
        setDataRadio(currentKind());
      } else if (radio.value !== currentKind()) switchTo(radio.value);
    });
  }
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('view-learner').addEventListener('change', () => {
    view.learner = $('view-learner').value;
    redraw();
    writeState({ ...readState(), view: view.learner });
  });
  $('arm').addEventListener('change', () => {
    view.arm = $('arm').value;
    redraw();
    writeState({ ...readState(), arm: view.arm });
  });
  $('truth').addEventListener('change', () => {
    view.truth = $('truth').checked;
    redraw();
    writeState({ ...readState(), truth: view.truth ? '1' : '' });
  });
  $('export').addEventListener('click', exportCate);
}

function exportCate() {
  const answer = last?.answers.find((a) => a.learner === view.learner && a.result);
  const predictions = answer?.result.predictions;
  if (!predictions?.cate) {
    showMessage('error', 'Nothing to export.', 'the shown run has no per-customer predictions');
    return;
  }
  const base = last.entry.kind === 'sim' ? `sim-seed${last.entry.params.seed}` : last.entry.source.replace(/\.[^.]*$/, '');
  downloadCsv(`${base}-${answer.learner}-cate.csv`.replace(/[^\w.-]+/g, '_'), predictionsToCsv(predictions));
}

function fillFields() {
  const learners = (initial.learners ?? DEFAULT_LEARNERS.join(',')).split(',');
  for (const box of document.querySelectorAll('input[name="learner"]')) box.checked = learners.includes(box.value);
  if ([...$('base').options].some((o) => o.value === initial.base)) $('base').value = initial.base;
  if (['known', 'estimated'].includes(initial.propensity)) $('propensity').value = initial.propensity;
  $('folds').value = initial.folds ?? '5';
  $('seed').value = initial.seed ?? '1';
  $('trees').value = initial.trees ?? '';
  for (const key of ['value', 'cost', 'trim']) $(key).value = initial[key] ?? '';
  $('rows').value = initial.rows ?? String(SIM_PARAMS.rows);
  $('nfeatures').value = initial.p ?? String(SIM_PARAMS.features);
  $('heterogeneity').value = initial.het ?? String(SIM_PARAMS.heterogeneity);
  $('confounding').value = initial.conf ?? String(SIM_PARAMS.confounding);
  $('positivity').value = initial.pos ?? String(SIM_PARAMS.positivity);
  $('noise').value = initial.noise ?? String(SIM_PARAMS.noise);
  $('binary').checked = initial.binary === '1';
  $('world-seed').value = initial.wseed ?? String(SIM_PARAMS.seed);
}

async function main() {
  if (!engineAvailable(client)) return;
  fillFields();
  wireControls();
  const kind = ['hillstrom', 'starbucks', 'sim'].includes(initial.data) ? initial.data : 'hillstrom';
  const defaults = kind === 'sim' ? SIM_DEFAULTS : BUNDLED[kind].defaults;
  const fromLink = initial.data === kind ? { ...defaults, ...initial, features: initial.features ? initial.features.split(',') : undefined } : defaults;
  $('placeholder').textContent = kind === 'sim' ? 'Simulating and fitting…' : `Loading ${BUNDLED[kind].label} and fitting…`;
  setDataRadio(kind);
  await switchTo(kind, fromLink);
}

main();
