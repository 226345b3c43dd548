// The uplift page: "Whom should we send the e-mail to?" Wires the data, the fits and the story
// (main.js starts the engine and the first table before this module and its charts load).
// A fit runs the quick learner first and shows its answer, then the other learners in the background
// (progress, Cancel); each arrival updates the comparison. The economics (cost per e-mail, value per unit
// of outcome), the share slider, the learner and arm shown, and the truth only redraw from the fitted
// answers — no refit. A failure shows the core's message and leaves the choices and the last results as
// they were. Choices live in the URL (a local file never does).
import { el } from '../dom.js';
import { Baseline } from '../kit/baseline.js';
import { whatIfField } from '../kit/fields.js';
import { readLocalFile } from '../kit/files.js';
import { money, num, pct } from '../kit/format.js';
import { isWorkshop } from '../kit/workshop.js';
import { configError, intField, numField } from '../kit/settings.js';
import { clearMessage, engineAvailable, showMessage, taskRunner } from '../page-status.js';
import { price, renderAnswer, renderStoryChart, storyCards, summariseForBaseline } from './answer.js';
import { BUNDLED, SIM_DEFAULTS, SIM_PARAMS, TRUTH_COLUMNS, unitOf, wordsOf } from './datasets.js';
import { renderComparisonDetails, renderDetails, renderSummary } from './details.js';
import { downloadCsv, predictionsToCsv } from './export.js';
import { buildModel } from './model.js';
import { fillControl, fillFeatures, fillPickers, missingColumns, readPickers } from './pickers.js';
import { buildOptions, fitLearners, LEARNERS, QUICK } from './runs.js';
import { patchState, readState, writeState } from './state.js';
import { renderStep1, renderStep2, renderStep3 } from './steps.js';
import { renderGuessControl, renderStep4, renderTruthDetails } from './truth.js';
import './uplift.css';

const $ = (id) => document.getElementById(id);
const ui = { treatment: $('treatment'), control: $('control'), outcome: $('outcome'), features: $('features') };
const DEFAULT_LEARNERS = ['s', 't', 'x', 'r', 'dr'];
const DEBOUNCE_MS = 300;
const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const numberOr = (text, fallback) => (text != null && text !== '' && Number.isFinite(Number(text)) ? Number(text) : fallback);

const initial = readState();
const view = {
  learner: initial.view ?? null, // wanted; the one shown is shown.learner
  arm: initial.arm ?? null,
  share: initial.share != null && initial.share !== '' && finite(Number(initial.share)) ? Math.min(100, Math.max(0, Number(initial.share))) / 100 : null,
  truth: initial.truth === '1',
  guess: initial.guess != null && finite(Number(initial.guess)) ? Math.min(100, Math.max(0, Number(initial.guess))) / 100 : null,
};
let economics = null; // {cost, value}
let economicsKind = null; // the source kind they belong to (a new kind starts from its own example figures)
let fields = null; // {key, cost, value, share}
const cache = { key: null, answers: new Map() };
let runCounter = 0;
let entryCounter = 0;
let kind = null; // the source kind whose table the settings describe
let shown = null; // {key, entry, answers, learner, ms}: what is on screen
let notice = initial.data === 'local' ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the Hillstrom data is shown meanwhile.'] : null;

let client = null;
let task = null;
let sources = null; // kit TableSources: one table per source kind
let early = null; // {entry, ready}: the first table, already loading
const baseline = new Baseline(summariseForBaseline);

function simParams() {
  return {
    rows: intField('rows', 'Customers', SIM_PARAMS.rows, 20, 2_000_000),
    features: intField('nfeatures', 'Features', SIM_PARAMS.features, 3, 100),
    heterogeneity: numField('heterogeneity', 'Heterogeneity', SIM_PARAMS.heterogeneity, 0, 10),
    confounding: numField('confounding', 'Confounding', SIM_PARAMS.confounding, 0, 10),
    positivity: numField('positivity', 'Customers never treated', SIM_PARAMS.positivity, 0, 0.5),
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
    trim: numField('trim', 'Trim', null, 0, 0.5),
  };
}

function setDataRadio(k) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === k;
  $('citation-hillstrom').hidden = k !== 'hillstrom';
  $('citation-starbucks').hidden = k !== 'starbucks';
  $('sim-params').hidden = k !== 'sim';
}

function urlState(s) {
  const entry = sources.get(kind);
  const state = {
    data: kind,
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
    trim: s.trim ?? '',
    ...viewState(),
  };
  if (kind === 'sim') {
    const p = entry.sim;
    Object.assign(state, { rows: p.rows, p: p.features, het: p.heterogeneity, conf: p.confounding, pos: p.positivity, noise: p.noise, binary: p.binary ? '1' : '', wseed: p.seed });
  }
  return state;
}

const viewState = () => ({
  arm: view.arm ?? '',
  view: shown?.learner ?? view.learner ?? '',
  cost: economics ? String(economics.cost) : '',
  value: economics ? String(economics.value) : '',
  share: view.share == null ? '' : Math.round(view.share * 100),
  truth: view.truth && kind === 'sim' ? '1' : '',
  guess: view.guess == null ? '' : Math.round(view.guess * 100),
});

// ---- The story: built from the answer shown and the economics, redrawn on every what-if. ----

const shownAnswer = () => shown?.answers.find((a) => a.learner === shown.learner && a.result);

function model(answer = shownAnswer(), share = view.share) {
  return answer && buildModel({ result: answer.result, arm: view.arm, economics, share, thing: wordsOf(shown.entry.kind).thing, learner: answer.learner });
}

/** The cost and value fields (and the step-3 share slider), made again when what they are about changes. */
function ensureFields(m) {
  const words = wordsOf(shown.entry.kind);
  const key = `${shown.entry.kind}/${m.unit.one}/${m.thing}`;
  if (fields?.key === key) return;
  const d = words.economics;
  const onEconomics = () => {
    economics = { cost: fields.cost.get(), value: fields.value.get() };
    redrawEconomics();
    patchState(viewState());
  };
  const cost = whatIfField({ id: 'cost', label: `Cost per ${m.thing} ($)`, value: economics.cost, baseline: d.cost, min: 0, max: Math.max(d.costMax, economics.cost * 2), step: 0.01, format: price, onChange: onEconomics });
  const value = whatIfField({ id: 'value', label: `Value per ${m.unit.one} ($)`, value: economics.value, baseline: d.value, min: 0.01, max: Math.max(d.valueMax, economics.value * 2), step: 0.01, format: price, onChange: onEconomics });
  const share = whatIfField({
    id: 'share',
    label: `Share of customers to send the ${m.thing} to (%)`,
    value: Math.round((view.share ?? m.best?.share ?? 0) * 100),
    min: 0,
    max: 100,
    step: 1,
    presets: [],
    format: (x) => `${num(x)}%`,
    onChange: (x, how) => {
      // Reset (the preset back to the baseline) follows the cost-aware share again.
      view.share = how === 'preset' ? null : x / 100;
      redrawShare();
      patchState(viewState());
    },
  });
  fields = { key, cost, value, share };
  $('economics').replaceChildren(el('p', { class: 'economics-head' }, 'What is it worth?'), cost.element, value.element);
  $('share-control').replaceChildren(share.element);
}

/**
 * Everything that depends on the economics: the first screen at once (chart, cards, then the answer, whose
 * timestamp so covers the whole first screen), then, in the next task, the steps and the comparison.
 */
function redrawEconomics() {
  const m = model();
  if (!m) return;
  ensureFields(m);
  const pinned = baseline.seen(m, 'the first answer');
  renderStoryChart($('chart'), $('chart-note'), m);
  $('story-cards').replaceChildren(...storyCards(m, pinned));
  renderAnswer($('answer'), m);
  later(() => {
    redrawShare();
    renderStep4(m, { simulated: shown.entry.kind === 'sim', revealed: view.truth, guess: view.guess });
    if (shown.entry.kind === 'sim') renderTruthDetails($('truth-out'), m, { revealed: view.truth });
    renderComparisonOnly();
  });
}

/** Step 3: the share slider (it follows the cost-aware share until moved) and its reading. */
function redrawShare() {
  const m = model();
  if (!m) return;
  if (m.best) {
    fields.share.setBaseline(Math.round(m.best.share * 100));
    fields.share.set(Math.round((view.share ?? m.best.share) * 100));
  }
  renderStep3(m);
}

// Coalesces the slower part of a redraw into one task after the first screen is painted (a dragged slider
// fires many events; only the last one's state is drawn).
let pending = null;
function later(work) {
  pending = work;
  setTimeout(() => {
    const w = pending;
    pending = null;
    w?.();
  }, 0);
}

function renderComparisonOnly() {
  const answer = shownAnswer();
  if (!answer) return;
  const lead = (a) => {
    const m = model(a, null);
    return m?.best ? { share: m.policy.share, net: m.policy.net } : null;
  };
  renderComparisonDetails(shown.answers, view.arm, answer.result.definitions ?? {}, { lead, money, unit: unitOf(answer.result.outcome) });
}

function modelStatus() {
  const waiting = shown.answers.filter((a) => a.pending).map((a) => LEARNERS[a.learner] ?? a.learner);
  const failed = shown.answers.filter((a) => a.error).length;
  $('model-status').textContent = waiting.length
    ? `${waiting.join(', ')} still fitting in the background; the comparison under Details fills in as they arrive.`
    : `${shown.answers.length - failed} of ${shown.answers.length} models fitted; compare them under Details.`;
}

function fillSelect(select, options, preferred) {
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  const values = options.map(([v]) => v);
  select.value = values.includes(preferred) ? preferred : (values[0] ?? '');
  return select.value;
}

/** Draws the whole page for the learner and arm shown. */
function renderAll() {
  const ok = shown.answers.filter((a) => a.result);
  shown.learner = fillSelect($('view-learner'), ok.map((a) => [a.learner, LEARNERS[a.learner] ?? a.learner]), shown.learner);
  const result = shownAnswer().result;
  const arms = result.results.map((r) => r.arm);
  view.arm = fillSelect($('arm'), arms.map((a) => [a, a]), view.arm);
  $('arm-picker').hidden = arms.length < 2;
  const words = wordsOf(shown.entry.kind);
  $('question').textContent = words.thing === 'treatment' ? 'Whom should we treat?' : `Whom should we send the ${words.thing} to?`;
  $('lede').textContent = `${words.thing === 'treatment' ? 'A treatment' : `A${/^[aeiou]/.test(words.thing) ? 'n' : ''} ${words.thing}`} pays only where it changes what a customer does. A model predicts each customer’s change from a past test; we send to the customers it moves most first.`;
  $('arm-picker').firstChild.textContent = words.thing === 'e-mail' && shown.entry.kind !== 'sim' ? 'Which e-mail ' : 'Arm (vs the control) ';
  for (const step of document.querySelectorAll('.steps .step h2')) step.textContent = step.textContent.replace(/\b(e-mail|promotion|treatment)\b/, words.thing);
  const m = model();
  ensureFields(m);
  redrawEconomics(); // the first screen first: the answer is due within 3 s of a cold load
  $('details-truth').hidden = shown.entry.kind !== 'sim';
  modelStatus();
  setTimeout(() => {
    const now = model();
    if (!now) return;
    renderStep1(now);
    renderStep2(now);
    renderGuessControl($('guess-control'), {
      simulated: shown.entry.kind === 'sim',
      guess: view.guess,
      revealed: view.truth,
      onGuess: (g) => {
        view.guess = g;
        redrawEconomics();
        patchState(viewState());
      },
      onReveal: (on) => {
        view.truth = on;
        renderAll();
        patchState(viewState());
      },
      onTrySim: () => switchTo('sim'),
    });
    renderDetails(now, { label: shown.entry.label, ms: shown.ms, answers: shown.answers });
  }, 0);
}

/** A fit's answers arrived (the first, or one more from the background). */
function show(answers, entry, key, s, started) {
  const fresh = shown?.key !== key;
  const wanted = view.learner;
  const ok = answers.filter((a) => a.result).map((a) => a.learner);
  const before = shown?.learner;
  const beforeAnswer = shownAnswer();
  if (fresh) {
    clearMessage();
    if (notice) showMessage('info', ...notice);
    notice = null;
    baseline.clear();
    if (economicsKind !== entry.kind) {
      const d = wordsOf(entry.kind).economics;
      economics = { cost: d.cost, value: d.value };
      economicsKind = entry.kind;
      view.share = null;
    }
  }
  shown = { key, entry, answers, learner: ok.includes(wanted) ? wanted : fresh || !ok.includes(before) ? (ok.includes(QUICK) ? QUICK : ok[0]) : before, ms: performance.now() - started };
  $('placeholder').hidden = true;
  if (fresh || shown.learner !== before || (beforeAnswer && shownAnswer() !== beforeAnswer)) {
    // A new fit, another learner shown, or the shown one's predictions arrived: redraw all.
    if (!fresh && shown.learner !== before) baseline.clear();
    renderAll();
    writeState(urlState(s));
  } else {
    // One more learner: the comparison, the learner picker and the run's summary; the story stays.
    fillSelect($('view-learner'), ok.map((l) => [l, LEARNERS[l] ?? l]), shown.learner);
    renderComparisonOnly();
    renderSummary(model(), { label: entry.label, ms: shown.ms, answers });
    modelStatus();
  }
}

/** With several treated arms (a labelled treatment and a named control), the arm the first answer shows. */
function armShownFirst(entry, s) {
  const levels = entry?.description?.columns?.find((c) => c.name === s.treatment)?.levels;
  if (!s.control || !levels?.includes(s.control)) return null;
  const treated = levels.filter((l) => l !== s.control);
  if (treated.length < 2) return null;
  return treated.includes(view.arm) ? view.arm : treated[0];
}

/** Fits the chosen learners on the current table: the quick one first, the rest in the background. */
async function run() {
  const id = ++runCounter;
  const started = performance.now();
  const entry = sources.get(kind);
  let s;
  const answers = await task(async (onProgress) => {
    s = settings();
    const options = buildOptions(s, { simulated: kind === 'sim' });
    const key = JSON.stringify([entry?.id, options]);
    return fitLearners({
      run: (o, progress) => sources.run(entry, 'uplift', o, progress),
      cache,
      key,
      learners: s.learners,
      options,
      onProgress,
      stale: () => id !== runCounter,
      onAnswer: (a) => id === runCounter && show(a, entry, key, s, started),
      quickArm: armShownFirst(entry, s),
    });
  }, `The uplift analysis could not run${entry ? ` on ${entry.label}` : ''}.`);
  if (id !== runCounter) return;
  if (!answers) {
    // Failed or cancelled: what is shown stays; learners that never arrived leave the comparison.
    if (shown?.answers.some((a) => a.pending)) {
      shown.answers = shown.answers.filter((a) => !a.pending);
      renderComparisonOnly();
      modelStatus();
    }
    return;
  }
  clearMessage();
  writeState(urlState(s));
  const failed = answers.filter((a) => a.error);
  if (failed.length) showMessage('info', `${failed.length} of ${answers.length} learners could not run; their rows say why.`, failed.map((a) => `${a.learner}: ${a.error.message}`).join(' · '), 'The other learners’ results are shown.');
}

/** Makes `entry` the working table and fills the pickers; on failure nothing changes. */
async function openSource(entry, preferred) {
  const opened = await task(async (onProgress) => {
    onProgress(null, entry.kind === 'sim' ? 'Simulating the world' : `Reading ${entry.source}`);
    if (early?.entry === entry) await early.ready; // loading since main.js started it
    return sources.open(entry, { replace: 'load' });
  }, entry.kind === 'sim' ? 'Could not simulate the world.' : `Could not read ${entry.source}.`);
  if (!opened) return false;
  const description = entry.description;
  const missing = missingColumns(description, preferred);
  kind = entry.kind;
  fillPickers(ui, description, preferred);
  setDataRadio(entry.kind);
  $('dataset-name').textContent = `${entry.label}: ${description.rows.toLocaleString('en-US')} rows, ${description.columns.length} columns`;
  if (missing.length) notice = [`This data has no column ${missing.join(', ')}.`, 'The first suitable columns are chosen instead.'];
  return true;
}

const bundledEntry = (id) => ({ id: ++entryCounter, kind: id, url: BUNDLED[id].url, source: BUNDLED[id].source, label: BUNDLED[id].label });
const simEntry = () => {
  const sim = simParams();
  return { id: ++entryCounter, kind: 'sim', world: 'uplift', params: { ...sim, truth: true }, sim, source: 'uplift', label: `Simulated world (${sim.rows.toLocaleString('en-US')} customers, seed ${sim.seed})` };
};

async function switchTo(k, preferred) {
  let entry = k !== 'sim' ? (sources.get(k) ?? (early?.entry.kind === k ? early.entry : null)) : null;
  try {
    entry ??= k === 'sim' ? simEntry() : bundledEntry(k);
  } catch (error) {
    showMessage('error', 'Could not simulate the world.', error.message, 'Your previous choices and results are kept.');
    setDataRadio(kind);
    return false;
  }
  const defaults = k === 'sim' ? SIM_DEFAULTS : BUNDLED[k].defaults;
  if (!(await openSource(entry, preferred ?? defaults))) {
    setDataRadio(kind);
    return false;
  }
  await run();
  return true;
}

async function openLocalFile(file) {
  const bytes = await task(() => readLocalFile(file), `Could not read ${file.name}.`);
  $('file').value = '';
  if (!bytes) return setDataRadio(kind);
  const entry = { id: ++entryCounter, kind: 'local', bytes, source: file.name, label: `Your file ${file.name}` };
  // The columns chosen so far are preferred (a new export of the same test keeps its view); every other
  // column is a feature, except a simulated world's truth.
  if (await openSource(entry, { ...readPickers(ui), features: undefined, exclude: TRUTH_COLUMNS })) await run();
  else setDataRadio(kind);
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
    const description = sources.get(kind).description;
    fillControl(ui.control, description, ui.treatment.value, '');
    fillFeatures(ui.features, description, readPickers(ui), readPickers(ui));
    run();
  });
  ui.outcome.addEventListener('change', () => {
    fillFeatures(ui.features, sources.get(kind).description, readPickers(ui), readPickers(ui));
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
  for (const id of ['base', 'propensity', 'folds', 'trees', 'seed', 'trim']) $(id).addEventListener('change', run);
  for (const id of ['rows', 'nfeatures', 'heterogeneity', 'confounding', 'positivity', 'noise', 'binary', 'world-seed']) {
    $(id).addEventListener('change', () => switchTo('sim', { ...SIM_DEFAULTS, ...readPickers(ui), features: undefined }));
  }
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local') {
        $('file').click();
        setDataRadio(kind);
      } else if (radio.value !== kind) switchTo(radio.value);
    });
  }
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('view-learner').addEventListener('change', () => {
    view.learner = $('view-learner').value;
    shown.learner = view.learner;
    baseline.clear();
    renderAll();
    patchState(viewState());
  });
  $('arm').addEventListener('change', () => {
    view.arm = $('arm').value;
    baseline.clear();
    renderAll();
    patchState(viewState());
  });
  $('export').addEventListener('click', exportCate);
  $('baseline').replaceChildren(baseline.control(() => {
    const m = model();
    return m && { answer: m, label: `${money(economics.cost)} per ${m.thing}, ${money(economics.value)} per ${m.unit.one}, ${pct(m.policy?.share ?? 0)} sent` };
  }));
}

function exportCate() {
  const answer = shownAnswer();
  const predictions = answer?.result.predictions;
  if (!predictions?.cate) {
    showMessage('error', 'Nothing to export.', 'the shown run has no per-customer predictions');
    return;
  }
  const entry = shown.entry;
  const base = entry.kind === 'sim' ? `sim-seed${entry.sim.seed}` : entry.source.replace(/\.[^.]*$/, '');
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
  $('trim').value = initial.trim ?? '';
  $('rows').value = initial.rows ?? String(SIM_PARAMS.rows);
  $('nfeatures').value = initial.p ?? String(SIM_PARAMS.features);
  $('heterogeneity').value = initial.het ?? String(SIM_PARAMS.heterogeneity);
  $('confounding').value = initial.conf ?? String(SIM_PARAMS.confounding);
  $('positivity').value = initial.pos ?? String(SIM_PARAMS.positivity);
  $('noise').value = initial.noise ?? String(SIM_PARAMS.noise);
  $('binary').checked = initial.binary === '1';
  $('world-seed').value = initial.wseed ?? String(SIM_PARAMS.seed);
}

/** Called by main.js with the engine, the table sources and the first table (loading). */
export async function start(boot) {
  ({ client, sources, early } = boot);
  task = taskRunner(client);
  if (!engineAvailable(client)) {
    $('answer').textContent = $('placeholder').textContent;
    return;
  }
  fillFields();
  wireControls();
  // Workshop mode starts on the simulated world (its truth can be revealed).
  const k = ['hillstrom', 'starbucks', 'sim'].includes(initial.data) ? initial.data : isWorkshop() ? 'sim' : 'hillstrom';
  const d = wordsOf(k).economics;
  economics = { cost: Math.max(0, numberOr(initial.cost, d.cost)), value: numberOr(initial.value, d.value) > 0 ? numberOr(initial.value, d.value) : d.value };
  economicsKind = k;
  const defaults = k === 'sim' ? SIM_DEFAULTS : BUNDLED[k].defaults;
  const fromLink = initial.data === k ? { ...defaults, ...initial, features: initial.features ? initial.features.split(',') : undefined } : defaults;
  setDataRadio(k);
  await switchTo(k, fromLink);
}

