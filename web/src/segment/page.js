// The segmentation page: "What kinds of customers do we have, and who should get the offer?" Wires the
// data (the shipped Online Retail customers, the simulated world, a local CSV), the settings, the one
// control (the number of segments) and the story. One run at a time, the latest request wins; a failure
// shows the core's message and leaves the choices and the last results on screen. Choices live in the URL
// (a local file never does).
import { el } from '../dom.js';
import { latestWins } from '../kit/latest.js';
import { Baseline } from '../kit/baseline.js';
import { whatIfField } from '../kit/fields.js';
import { readLocalFile } from '../kit/files.js';
import { count } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { setAnswer } from '../kit/story.js';
import { isWorkshop } from '../kit/workshop.js';
import { configError, intField, numField } from '../kit/settings.js';
import { clearMessage, engineAvailable, showMessage, taskRunner } from '../page-status.js';
import { answerParts, cards, summarise } from './answer.js';
import { storyChart } from './charts.js';
import { ID_NAMES, isTruthColumn, MAX_CLUSTERS, MODEL_DEFAULTS, RETAIL, SIM_PARAMS, SIM_ROLES, SIM_SCALING } from './datasets.js';
import { assignmentsToCsv, downloadCsv } from './export.js';
import { labelSegments } from './names.js';
import { readState, writeState } from './state.js';
import { renderGuess, renderSteps } from './steps.js';
import { renderDetails } from './tables.js';
import './segment.css';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const ROLE_IDS = { id: 'id-col', value: 'value-col', cate: 'cate-col', treatment: 'treatment-col', outcome: 'outcome-col' };
const numeric = (c) => c.type === 'numeric' || c.type === 'integer';

const initial = readState();
let client = null;
let sources = null;
let early = null;
let task = null;
let shown = null; // {result, entry, options, ms}
let kind = null; // the source kind the settings describe
let notice = initial.data === 'local' ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the Online Retail customers are shown meanwhile.'] : null;
const view = {
  clusters: intOr(initial.clusters, MODEL_DEFAULTS.clusters, 2, MAX_CLUSTERS),
  guess: initial.guess != null && initial.guess !== '' && Number.isFinite(Number(initial.guess)) ? Math.round(Number(initial.guess)) : null,
  truth: initial.truth === '1',
};
let featuresFromLink = initial.features ? initial.features.split(',') : null;
const baseline = new Baseline(summarise);

function intOr(text, fallback, lo, hi) {
  const x = Number(text);
  return text != null && text !== '' && Number.isInteger(x) ? Math.min(hi, Math.max(lo, x)) : fallback;
}

const simParams = () => ({
  rows: intField('rows', 'Customers', SIM_PARAMS.rows, 20, 200_000),
  clusters: intField('true-kinds', 'True kinds of customers', SIM_PARAMS.clusters, 2, 10),
  separation: numField('separation', 'Separation', SIM_PARAMS.separation, 0, 10),
  seed: intField('world-seed', 'World seed', SIM_PARAMS.seed, 0, 2 ** 31),
});

// ---- the one control: the number of segments ----
const field = whatIfField({
  id: 'clusters',
  label: 'Number of segments',
  value: view.clusters,
  baseline: MODEL_DEFAULTS.clusters,
  min: 2,
  max: MAX_CLUSTERS,
  step: 1,
  presets: [],
  format: (x) => `${count(x)} segments`,
  onChange: (x) => {
    const c = Math.round(x);
    if (c === view.clusters && shown?.result.clusters.k === c) return;
    view.clusters = c;
    request();
  },
});

// ---- the settings ----
function roles() {
  if (kind === 'sim') return { ...SIM_ROLES };
  if (kind === 'retail') return { value: RETAIL.defaults.value };
  const out = {};
  for (const [key, id] of Object.entries(ROLE_IDS)) if ($(id).value) out[key] = $(id).value;
  return out;
}

const checkedFeatures = () => [...$('features').querySelectorAll('input[name="feature"]:checked')].map((i) => i.value);
const allFeatures = () => [...$('features').querySelectorAll('input[name="feature"]')].map((i) => i.value);

/** The core's options for the current controls (throws a config error for a bad field). */
function options() {
  const r = roles();
  const o = {
    scaling: $('scaling').value,
    factors: intField('factors', 'Patterns (factors)', MODEL_DEFAULTS.factors, 1, 10_000), // the core says when K > features
    clusters: view.clusters,
    bootstrap: intField('bootstrap', 'Resamples', MODEL_DEFAULTS.bootstrap, 0, 500),
    seed: intField('seed', 'Seed', MODEL_DEFAULTS.seed, 0, 2 ** 31),
    return_assignments: true,
    ...r,
  };
  // Always named: the core leaves the money column out by default, but spend is a feature here too.
  o.features = checkedFeatures();
  if (!o.features.length) throw configError('tick at least one feature');
  if (o.cate || o.treatment) {
    const cost = numField('cost', 'Cost', MODEL_DEFAULTS.cost);
    if (cost !== 0) o.cost = cost;
  }
  return o;
}

/** The features ticked at first: the retail data's behaviour columns, else every candidate. */
const defaultFeatures = (names) => (kind === 'retail' ? RETAIL.defaults.features.filter((n) => names.includes(n)) : names);

/** Feature checkboxes: numeric columns that are not the id, a role column or a simulated truth. */
function fillFeatures(description, preferred) {
  const r = roles();
  const skip = new Set(Object.entries(r).filter(([key]) => key !== 'value').map(([, name]) => name));
  if (!r.id) for (const n of ID_NAMES) if (description.columns.some((c) => c.name === n)) { skip.add(n); break; }
  const columns = description.columns.filter((c) => numeric(c) && !skip.has(c.name) && !isTruthColumn(c.name));
  const wanted = new Set(preferred ?? defaultFeatures(columns.map((c) => c.name)));
  $('features').replaceChildren(...columns.map((c) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'feature', value: c.name, checked: wanted.has(c.name) }), ` ${c.name}`)));
}

/** The role pickers of a local CSV: id, money, CATE, treatment, outcome (each may be none). */
function fillRoles(description) {
  const numericCols = description.columns.filter(numeric).map((c) => c.name);
  const idDefault = ID_NAMES.find((n) => description.columns.some((c) => c.name === n)) ?? '';
  const guess = { id: idDefault, value: ['monetary', 'revenue', 'spend', 'value'].find((n) => numericCols.includes(n)) ?? '', cate: ['cate', 'predicted_cate'].find((n) => numericCols.includes(n)) ?? '', treatment: ['treatment', 'treated', 'w'].find((n) => numericCols.includes(n)) ?? '', outcome: '' };
  if (guess.treatment) guess.outcome = ['outcome', 'y', 'conversion', 'spend'].find((n) => numericCols.includes(n) && n !== guess.value) ?? '';
  for (const [key, id] of Object.entries(ROLE_IDS)) {
    const names = key === 'id' ? description.columns.map((c) => c.name) : numericCols;
    $(id).replaceChildren(el('option', { value: '' }, '(none)'), ...names.map((n) => el('option', { value: n }, n)));
    $(id).value = guess[key];
  }
}

function showData(k) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === k;
  $('citation-retail').hidden = k !== 'retail';
  $('sim-params').hidden = k !== 'sim';
  $('role-pickers').hidden = k !== 'local';
  $('cost-label').hidden = k === 'retail'; // no offer was tested on it
}

// ---- running: one at a time, the latest request wins ----
const queue = latestWins((next) => runOnce(next));

function request(k = kind, extra = {}) {
  queue.request({ kind: k, ...extra });
}

const simEntry = () => {
  const p = simParams(); // throws a config error for a bad field
  return { kind: 'sim', world: 'segments', params: { ...p }, source: 'segments', label: `Simulated world (${count(p.rows)} customers, seed ${p.seed})` };
};
const retailEntry = () => (early?.entry.kind === 'retail' ? early.entry : { kind: 'retail', url: RETAIL.url, source: RETAIL.source, label: RETAIL.label });

async function runOnce({ kind: k, fresh = false, file = null }) {
  const started = performance.now();
  let entry = null;
  let o = null;
  const failure = file ? `Could not segment ${file.name}.` : k === 'sim' ? 'Could not segment the simulated world.' : k === 'local' ? `Could not segment ${sources.get('local')?.source ?? 'your file'}.` : 'Could not segment the Online Retail customers.';
  const result = await task(async (onProgress) => {
    if (file) {
      entry = { kind: 'local', bytes: await readLocalFile(file), source: file.name, label: `Your file ${file.name}` };
    } else if (k === 'sim' && (fresh || !sources.get('sim'))) {
      entry = simEntry();
    } else if (k === 'retail' && !sources.get('retail')) {
      entry = retailEntry();
    } else {
      entry = sources.get(k);
      if (!entry) throw configError(k === 'local' ? 'no CSV is open: pick a file' : 'no data is loaded yet');
    }
    const opening = entry !== sources.get(entry.kind);
    if (opening) {
      // A new table: open it, then describe its columns before the first run on it.
      onProgress(null, entry.kind === 'sim' ? 'Simulating the world' : `Reading ${entry.source}`);
      if (early?.entry === entry) await early.ready.catch(() => {});
      await sources.open(entry, { replace: 'load' });
    }
    if (opening || kind !== entry.kind) {
      kind = entry.kind;
      if (entry.kind === 'local') fillRoles(entry.description);
      fillFeatures(entry.description, featuresFromLink);
      featuresFromLink = null;
      showData(entry.kind);
      if (!$('scaling').dataset.touched) $('scaling').value = entry.kind === 'retail' ? RETAIL.defaults.scaling : SIM_SCALING;
    }
    o = options();
    onProgress(null, 'Finding the segments');
    const known = REUSE_CURVES ? curvesFor(entry, o) : null;
    // First the segments alone (no resamples, no curves: a fraction of the time), then everything. The fit
    // itself is the same either way (the resamples and curves only read it), so the first numbers stand.
    if (o.bootstrap > 0 || !known) {
      const quick = await sources.run(entry, 'segment', { ...o, bootstrap: 0, max_factors: 0, max_clusters: 0 }, onProgress);
      if (queue.pending()) return undefined; // a newer request follows at once
      acceptPartial(quick, entry, o);
    }
    if (!known) return sources.run(entry, 'segment', o, onProgress);
    // Another number of segments: both curves are the same (they span every number), so they are not fitted again.
    const r = await sources.run(entry, 'segment', { ...o, max_factors: 0, max_clusters: 0 }, onProgress);
    return { ...r, factors: { ...r.factors, curve: known.factors }, clusters: { ...r.clusters, curve: known.clusters } };
  }, failure);
  if (file) $('file').value = '';
  if (result === undefined && queue.pending()) return;
  if (result === undefined) {
    // Failed or cancelled: what is shown stays (the first numbers of this run make way for it again), and so
    // do the settings of its data (a local file that opened stays, so that its columns can be fixed and rerun).
    if (shown && $('answer').dataset.complete === 'false') {
      view.clusters = shown.result.clusters.k;
      field.set(view.clusters);
      renderStory();
    }
    if (shown && kind !== shown.entry.kind && kind !== 'local') restoreKind(shown.entry);
    return;
  }
  if (queue.pending()) return; // a newer request follows at once
  accept(result, entry, o, performance.now() - started);
}

// ---- the curves over the number of factors and of segments do not depend on the number of segments ----
const REUSE_CURVES = true;
const curveKey = (o) => JSON.stringify({ ...o, clusters: null, return_assignments: null });
function curvesFor(entry, o) {
  const c = entry.curves;
  return c?.key === curveKey(o) ? c : null;
}
function keepCurves(entry, o, result) {
  if (result.factors.curve?.length && result.clusters.curve?.length) entry.curves = { key: curveKey(o), factors: result.factors.curve, clusters: result.clusters.curve };
}

function restoreKind(entry) {
  kind = entry.kind;
  if (entry.kind === 'local') fillRoles(entry.description);
  fillFeatures(entry.description, shown?.options.features ?? null);
  showData(entry.kind);
}

/** The segments before their stability and curves: the story only, marked as still being completed. */
function acceptPartial(result, entry, o) {
  labelSegments(result, wordsFor(entry));
  clearMessage();
  view.clusters = result.clusters.k;
  field.set(view.clusters);
  $('placeholder').hidden = true;
  const pinned = entry === shown?.entry ? baseline.pinned : null;
  $('cards').replaceChildren(...cards(result, pinned));
  setAnswer($('answer'), answerParts(result, { what: moneyWordsFor(entry, o), pending: o.bootstrap > 0 }));
  $('answer').dataset.complete = 'false';
  $('steps').dataset.stale = 'true'; // the steps below still show the previous view until the rest arrives
  requestAnimationFrame(() => $('answer').dataset.complete === 'false' && $('chart').replaceChildren(storyChart(result, { width: widthOf($('story-chart'), { min: 280, max: 640 }), what: moneyWordsFor(entry, o) })));
}

/** The dataset's words for segment names (the shipped retail data has them; others keep the core's). */
const wordsFor = (entry) => (entry?.kind === 'retail' ? RETAIL.words : null);

function accept(result, entry, o, ms) {
  labelSegments(result, wordsFor(entry));
  if (entry !== shown?.entry) baseline.clear(); // a new world or file: its first view is the new baseline
  shown = { result, entry, options: o, ms };
  keepCurves(entry, o, result);
  baseline.seen({ result }, `${count(result.clusters.k)} segments`);
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  view.clusters = result.clusters.k;
  field.set(view.clusters);
  $('placeholder').hidden = true;
  renderStory();
  writeUrl();
}

const moneyWordsFor = (entry, o) => (entry?.kind === 'retail' ? RETAIL.money.what : o?.value ? `${o.value}` : 'value');
const moneyWords = () => moneyWordsFor(shown?.entry, shown?.options);

function renderStory() {
  if (!shown) return;
  const { result } = shown;
  $('cards').replaceChildren(...cards(result, baseline.pinned));
  setAnswer($('answer'), answerParts(result, { what: moneyWords() }));
  $('answer').dataset.complete = 'true';
  const drawn = shown;
  requestAnimationFrame(() => {
    if (shown !== drawn) return;
    $('chart').replaceChildren(storyChart(result, { width: widthOf($('story-chart'), { min: 280, max: 640 }), what: moneyWords() }));
    $('chart-note').textContent = `Segments numbered by size. ${result.segments.some((s) => s.stable === false) ? 'An unstable segment does not come back reliably when the data is resampled (step 4). ' : ''}Names: the two patterns (step 2) where a segment stands out most.`;
    setTimeout(() => shown === drawn && renderRest(), 0);
  });
}

const truthContext = () => ({ simulated: shown.entry.kind === 'sim', revealed: view.truth, guess: view.guess, trueKinds: shown.entry.params?.clusters });

function renderRest() {
  const { result, entry, ms } = shown;
  $('steps').hidden = false;
  $('results').hidden = false;
  delete $('steps').dataset.stale;
  renderSteps(result, { entry, kind: entry.kind, source: entry.kind === 'retail' ? 'the Online Retail data' : entry.kind === 'sim' ? 'the simulated world' : entry.source, truth: truthContext(), onTrySim: () => switchTo('sim'), onCost: (x) => {
    $('cost').value = String(x);
    request();
  } });
  renderDetails($('details'), result, { label: entry.label, ms });
}

function writeUrl() {
  if (!shown) return;
  const { entry, options: o } = shown;
  const s = {
    data: entry.kind === 'retail' && !isWorkshop() ? '' : entry.kind,
    scaling: o.scaling === (entry.kind === 'retail' ? RETAIL.defaults.scaling : SIM_SCALING) ? '' : o.scaling,
    factors: o.factors === MODEL_DEFAULTS.factors ? '' : o.factors,
    clusters: o.clusters === MODEL_DEFAULTS.clusters ? '' : o.clusters,
    seed: o.seed === MODEL_DEFAULTS.seed ? '' : o.seed,
    bootstrap: o.bootstrap === MODEL_DEFAULTS.bootstrap ? '' : o.bootstrap,
    features: entry.kind !== 'local' && o.features.join(',') !== defaultFeatures(allFeatures()).join(',') ? o.features.join(',') : '',
    cost: o.cost ?? '',
    guess: entry.kind === 'sim' && view.guess != null ? view.guess : '',
    truth: entry.kind === 'sim' && view.truth ? '1' : '',
  };
  if (entry.kind === 'sim') {
    const p = entry.params;
    Object.assign(s, { rows: p.rows === SIM_PARAMS.rows ? '' : p.rows, kinds: p.clusters === SIM_PARAMS.clusters ? '' : p.clusters, sep: p.separation === SIM_PARAMS.separation ? '' : p.separation, wseed: p.seed === SIM_PARAMS.seed ? '' : p.seed });
  }
  writeState(s);
}

function switchTo(k) {
  showData(k);
  request(k, { fresh: k === 'sim' && !sources.get('sim') });
}

async function exportAssignments() {
  if (!shown?.result.assignments) {
    showMessage('error', 'Nothing to export.', 'the shown run has no assignments', KEEP_NOTE);
    return;
  }
  const { entry, result } = shown;
  const base = entry.kind === 'sim' ? `segments-seed${entry.params.seed}` : entry.source.replace(/\.[^.]*$/, '');
  downloadCsv(`${base}-${result.clusters.k}-segments.csv`.replace(/[^\w.-]+/g, '_'), assignmentsToCsv(result));
}

function wireControls() {
  $('clusters-field').replaceChildren(field.element);
  $('baseline-control').replaceChildren(baseline.control(() => shown && { answer: { result: shown.result }, label: `${count(shown.result.clusters.k)} segments` }));
  baseline.listeners.push(() => shown && renderStory());
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    request();
  });
  $('scaling').addEventListener('change', () => {
    $('scaling').dataset.touched = '1';
    request();
  });
  for (const id of ['factors', 'bootstrap', 'seed', 'cost']) $(id).addEventListener('change', () => request());
  for (const id of Object.values(ROLE_IDS)) {
    $(id).addEventListener('change', () => {
      if (sources.get('local')) fillFeatures(sources.get('local').description, null);
      request('local');
    });
  }
  $('features').addEventListener('change', () => request());
  $('features-all').addEventListener('click', () => {
    for (const box of $('features').querySelectorAll('input')) box.checked = true;
    request();
  });
  for (const id of ['rows', 'true-kinds', 'separation', 'world-seed']) $(id).addEventListener('change', () => request('sim', { fresh: true }));
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local' && !sources.get('local')) {
        $('file').click();
        showData(kind);
        return;
      }
      if (radio.value !== kind) switchTo(radio.value);
    });
  }
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) request('local', { file });
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('export').addEventListener('click', exportAssignments);
  $('guess-kinds').addEventListener('change', () => {
    const x = Number($('guess-kinds').value);
    view.guess = $('guess-kinds').value.trim() !== '' && Number.isFinite(x) ? Math.round(x) : null;
    if (shown) renderGuess(shown.result, truthContext());
    writeUrl();
  });
  $('reveal').addEventListener('click', () => {
    view.truth = !view.truth;
    if (shown) renderGuess(shown.result, truthContext());
    writeUrl();
  });
}

function fillFields() {
  $('rows').value = initial.rows ?? String(SIM_PARAMS.rows);
  $('true-kinds').value = initial.kinds ?? String(SIM_PARAMS.clusters);
  $('separation').value = initial.sep ?? String(SIM_PARAMS.separation);
  $('world-seed').value = initial.wseed ?? String(SIM_PARAMS.seed);
  $('factors').value = initial.factors ?? String(MODEL_DEFAULTS.factors);
  $('bootstrap').value = initial.bootstrap ?? String(MODEL_DEFAULTS.bootstrap);
  $('seed').value = initial.seed ?? String(MODEL_DEFAULTS.seed);
  $('cost').value = initial.cost ?? String(MODEL_DEFAULTS.cost);
  if (['log_minmax', 'minmax', 'none'].includes(initial.scaling)) {
    $('scaling').value = initial.scaling;
    $('scaling').dataset.touched = '1';
  }
  $('guess-kinds').value = view.guess != null ? String(view.guess) : '';
}

/** Called by main.js with the engine, the table sources and the first table (loading). */
export function start(boot) {
  ({ client, sources, early } = boot);
  task = taskRunner(client);
  if (!engineAvailable(client)) {
    $('answer').textContent = $('placeholder').textContent;
    return;
  }
  fillFields();
  wireControls();
  // Workshop mode starts on the simulated world (its truth can be revealed).
  const k = initial.data === 'sim' || (isWorkshop() && initial.data !== 'retail') ? 'sim' : 'retail';
  kind = k; // a what-if before the first answer applies to this data
  showData(k);
  $('placeholder').textContent = k === 'sim' ? 'Simulating the world and finding its segments…' : 'Reading 4,334 customers and finding their segments…';
  request(k, { fresh: k === 'sim' });
}
