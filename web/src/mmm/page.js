// The marketing-mix page: "Which channel pays, and what if we move the budget?" Wires the data (three
// shipped examples, the simulated world, a local CSV), the settings, the one control (the total media budget)
// and the story. The budget what-ifs never refit: the fitted curves are re-summed in JS (model.js). One fit
// at a time, the latest request wins; a failure shows the core's message and leaves the choices and the last
// results on screen. Choices live in the URL (a local file never does).
import { el } from '../dom.js';
import { latestWins } from '../kit/latest.js';
import { downloadCsv } from '../kit/download.js';
import { whatIfField } from '../kit/fields.js';
import { readLocalFile } from '../kit/files.js';
import { count, num, pct } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { configError, intField } from '../kit/settings.js';
import { setAnswer } from '../kit/story.js';
import { isWorkshop } from '../kit/workshop.js';
import { clearMessage, engineAvailable, showMessage, taskRunner } from '../page-status.js';
import { answerParts, cards, wording } from './answer.js';
import { storyChart } from './charts.js';
import { BUDGET_PRESETS, DATASETS, DATE_NAMES, isTruthColumn, KPI_NAMES, looksLikeSpend, MODEL_DEFAULTS, SIM_CITE, SIM_PARAMS, SIM_WORDS } from './datasets.js';
import { mediaKpi, planner, trueContributions } from './model.js';
import { createAugment } from './augment.js';
import { createGraph } from './graph.js';
import { readState, writeState } from './state.js';
import { renderGuess, renderSplit, renderSteps } from './steps.js';
import { decompositionCsv, renderDetails } from './tables.js';
import './mmm.css';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const numeric = (c) => c.type === 'numeric' || c.type === 'integer';
const BUNDLED = Object.keys(DATASETS);

const initial = readState();
let client = null;
let sources = null;
let early = null;
let task = null;
let shown = null; // {result, entry, options, ms, w, plan: planner, truth}
let kind = null; // the source kind the settings describe
let graph = null; // step 6 (graph.js) and step 7 (augment.js): run after the answer is shown
let augment = null;
let notice = initial.data === 'local' ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the PyMC-Marketing example is shown meanwhile.'] : null;
const budgetFromLink = Number(initial.budget);
const view = {
  change: initial.budget && Number.isFinite(budgetFromLink) ? Math.max(-0.9, Math.min(2, budgetFromLink / 100)) : 0,
  guess: initial.guess || null,
  truth: initial.truth === '1',
  mine: null, // the user's own split: a multiplier of today's spend per channel
  edges: null, // when the model follows the causal graph (step 6): its directed edges, sent with the fit
};

const simParams = () => ({
  weeks: intField('weeks', 'Weeks', SIM_PARAMS.weeks, 52, 1040),
  channels: intField('sim-channels', 'Channels', SIM_PARAMS.channels, 1, 8),
  seed: intField('world-seed', 'World seed', SIM_PARAMS.seed, 0, 2 ** 31),
});

// ---- the one control: the total media budget, in % of what was spent ----
const field = whatIfField({
  id: 'budget',
  label: 'Total media budget (% of what was spent)',
  value: 100 * (1 + view.change),
  baseline: 100,
  min: 50,
  max: 150,
  step: 1,
  presets: BUDGET_PRESETS,
  format: (x) => (shown ? `${pct(x / 100, { digits: 3 })}: ${shown.w.spendText(shown.plan.spent * (x / 100))}` : `${num(x)}%`),
  onChange: (x) => {
    view.change = x / 100 - 1;
    if (shown) renderWhatIf();
    writeUrl();
  },
});

// ---- the settings ----
function wordsFor(entry, o) {
  if (DATASETS[entry.kind]) return wording(DATASETS[entry.kind].words, DATASETS[entry.kind].names);
  if (entry.kind === 'sim') return wording(SIM_WORDS);
  return wording({ kpi: o?.kpi ?? 'KPI', spend: 'unit of spend', spends: 'units of spend' });
}

const checked = (id) => [...$(id).querySelectorAll('input:checked')].map((i) => i.value);

/** The columns' roles for the data now described by the settings. */
function roles(entry) {
  if (DATASETS[entry.kind]) return { ...DATASETS[entry.kind].roles };
  const cols = entry.description.columns;
  if (entry.kind === 'sim') {
    const skip = new Set(['week', 'sales', 'promo']);
    return { kpi: 'sales', date: 'week', channels: cols.filter((c) => numeric(c) && !skip.has(c.name) && !isTruthColumn(c.name)).map((c) => c.name), controls: ['promo'] };
  }
  const r = { kpi: $('kpi-col').value, channels: checked('channel-cols'), controls: checked('control-cols') };
  if ($('date-col').value) r.date = $('date-col').value;
  if (!r.kpi) throw configError('pick the KPI column');
  if (!r.channels.length) throw configError('tick at least one spend column (channel)');
  return r;
}

/** The core's options for the current controls (throws a config error for a bad field). */
function options(entry) {
  return {
    ...roles(entry),
    adstock: $('adstock').value,
    saturation: $('saturation').value,
    bootstrap: intField('bootstrap', 'Bootstrap refits', MODEL_DEFAULTS.bootstrap, 0, 5000),
    seed: intField('seed', 'Seed', MODEL_DEFAULTS.seed, 0, 2 ** 31),
    ...(view.edges ? { edges: view.edges } : {}),
  };
}

/** Step 6's "the model follows this graph": the graph's DAG goes with every fit; a new graph refits. */
function followGraph(g) {
  const dag = g?.result.adjustment_dag?.edges ?? g?.result.edges.filter((e) => e.directed) ?? [];
  const edges = $('fit-follows').checked && g ? dag.map((e) => [e.from, e.to]) : null;
  if (JSON.stringify(edges) === JSON.stringify(view.edges)) return;
  view.edges = edges;
  request();
}

/** What the graph changed in the fit, in words (the core's `graph` section). */
function renderGraphFit(result, w) {
  const g = result.graph;
  if (!g) {
    $('graph-fit').textContent = '';
    return;
  }
  const dropped = g.dropped_controls.map((d) => `${w.name(d.control)} left the model (${d.because})`);
  const parts = [...dropped, ...g.notes];
  $('graph-fit').textContent = `The model follows the graph: ${parts.length ? parts.join('; ') : 'it keeps every control, and no channel drives another'}.`;
}

const pick = (names, preferred) => preferred.find((p) => names.includes(p)) ?? '';

/** A local CSV's column pickers: the KPI, the week, spend columns and controls (checkboxes). */
function fillRoles(description) {
  const cols = description.columns.filter((c) => !isTruthColumn(c.name));
  const names = cols.map((c) => c.name);
  const nums = cols.filter(numeric).map((c) => c.name);
  const kpi = pick(nums, KPI_NAMES) || nums[0] || '';
  const date = pick(names, DATE_NAMES);
  $('kpi-col').replaceChildren(...nums.map((n) => el('option', { value: n, selected: n === kpi }, n)));
  $('kpi-col').value = kpi;
  $('date-col').replaceChildren(el('option', { value: '' }, '(none: rows are weeks in order)'), ...names.map((n) => el('option', { value: n }, n)));
  $('date-col').value = date;
  const box = (group, n, on) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: group, value: n, checked: on }), ` ${n}`);
  const others = nums.filter((n) => n !== kpi && n !== date);
  $('channel-cols').replaceChildren(...others.map((n) => box('channel', n, looksLikeSpend(n))));
  $('control-cols').replaceChildren(...names.filter((n) => n !== kpi && n !== date && !looksLikeSpend(n) && !['t', 'dayofyear'].includes(n)).map((n) => box('control', n, false)));
}

function showData(k) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === k;
  $('sim-params').hidden = k !== 'sim';
  $('role-pickers').hidden = k !== 'local';
  $('citation').textContent = DATASETS[k]?.cite ?? (k === 'sim' ? SIM_CITE : 'Your file is read in this browser and never uploaded.');
  $('dataset-name').textContent = k === 'local' && sources?.get('local') ? `Open: ${sources.get('local').source}` : '';
}

// ---- runs ----
const queue = latestWins((next) => runOnce(next));

function request(k = kind, extra = {}) {
  queue.request({ kind: k, ...extra });
}

const simEntry = () => {
  const p = simParams(); // throws a config error for a bad field
  return { kind: 'sim', world: 'mmm', params: { ...p }, source: 'mmm', label: `Simulated world (${count(p.weeks)} weeks, ${count(p.channels)} channels, seed ${p.seed})` };
};
const bundledEntry = (k) => (early?.entry.kind === k ? early.entry : { kind: k, url: DATASETS[k].url, source: DATASETS[k].source, label: DATASETS[k].label });

/** Each channel's weekly spend, as the core returns it with every fit (`spend_by_week`). */
function keepSpend(entry, o, result) {
  entry.spend = { key: JSON.stringify([o.kpi, o.date, o.channels, o.controls]), byChannel: Object.fromEntries(result.channels.map((c) => [c.name, c.spend_by_week])) };
}

async function runOnce({ kind: k, fresh = false, file = null }) {
  const started = performance.now();
  let entry = null;
  let o = null;
  const failure = file ? `Could not fit ${file.name}.` : k === 'sim' ? 'Could not fit the simulated world.' : k === 'local' ? `Could not fit ${sources.get('local')?.source ?? 'your file'}.` : `Could not fit the ${DATASETS[k]?.label ?? 'data'}.`;
  const result = await task(async (onProgress) => {
    if (file) {
      entry = { kind: 'local', bytes: await readLocalFile(file), source: file.name, label: `Your file ${file.name}` };
    } else if (k === 'sim' && (fresh || !sources.get('sim'))) {
      entry = simEntry();
    } else if (BUNDLED.includes(k) && !sources.get(k)) {
      entry = bundledEntry(k);
    } else {
      entry = sources.get(k);
      if (!entry) throw configError(k === 'local' ? 'no CSV is open: pick a file' : 'no data is loaded yet');
    }
    const opening = entry !== sources.get(entry.kind);
    if (opening) {
      onProgress(null, entry.kind === 'sim' ? 'Simulating the world' : `Reading ${entry.source}`);
      if (early?.entry === entry) await early.ready.catch(() => {});
      await sources.open(entry, { replace: 'load' });
    }
    if (opening || kind !== entry.kind) {
      kind = entry.kind;
      if (entry.kind === 'local') fillRoles(entry.description);
      showData(entry.kind);
    }
    o = options(entry);
    onProgress(null, 'Fitting the model');
    // First the fit alone (no bootstrap: a fraction of the time), then with its intervals. The fit is the
    // same either way (the refits only start from it), so the first numbers stand.
    if (o.bootstrap > 0) {
      const quick = await sources.run(entry, 'mmm', { ...o, bootstrap: 0 }, onProgress);
      if (queue.pending()) return undefined; // a newer request follows at once
      keepSpend(entry, o, quick);
      acceptPartial(quick, entry, o);
    }
    if (entry.kind === 'sim' && !entry.truth) entry.truth = await client.runStandalone('mmm_truth', entry.params);
    onProgress(null, o.bootstrap > 0 ? `Bootstrap: ${count(o.bootstrap)} refits for the intervals` : 'Fitting the model');
    const full = await sources.run(entry, 'mmm', o, onProgress);
    keepSpend(entry, o, full);
    return full;
  }, failure);
  if (file) $('file').value = '';
  if (result === undefined && queue.pending()) return;
  if (result === undefined) {
    // Failed or cancelled: what is shown stays (the first numbers of this run make way for it again), and so
    // do the settings of its data (a local file that opened stays, so that its columns can be fixed and rerun).
    if (shown && $('answer').dataset.complete === 'false') renderStory();
    if (shown && kind !== shown.entry.kind && kind !== 'local') {
      kind = shown.entry.kind;
      showData(kind);
    }
    return;
  }
  if (queue.pending()) return; // a newer request follows at once
  accept(result, entry, o, performance.now() - started);
}

/** The fit before its intervals: the story only, marked as still being completed. */
function acceptPartial(result, entry, o) {
  clearMessage();
  $('placeholder').hidden = true;
  const w = wordsFor(entry, o);
  const plan = planner(result).best(planner(result).spent * (1 + view.change));
  setAnswer($('answer'), answerParts(result, { w, plan, change: view.change, pending: true }));
  $('answer').dataset.complete = 'false';
  $('cards').replaceChildren(...cards(result, { w, plan, change: view.change, pending: true }));
  $('steps').dataset.stale = 'true';
  requestAnimationFrame(() => $('answer').dataset.complete === 'false' && $('chart').replaceChildren(storyChart(result, { width: chartWidth(), w })));
}

const chartWidth = () => widthOf($('story-chart'), { min: 280, max: 640 });

function accept(result, entry, o, ms) {
  const sameChannels = shown && shown.result.channels.map((c) => c.name).join() === result.channels.map((c) => c.name).join();
  if (!sameChannels) view.mine = null;
  const truth = entry.kind === 'sim' && entry.truth && entry.spend ? trueContributions(entry.truth, entry.spend.byChannel) : null;
  shown = { result, entry, options: o, ms, w: wordsFor(entry, o), plan: planner(result), truth };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  $('placeholder').hidden = true;
  field.set(100 * (1 + view.change));
  renderStory();
  writeUrl();
}

/** The best split of the what-if total (the planner: milliseconds, no refit). */
const currentPlan = () => ({ ...shown.plan.best(shown.plan.spent * (1 + view.change)), lower: shown.plan.lower, upper: shown.plan.upper });

const truthMap = () => (shown.truth && view.truth ? Object.fromEntries(shown.truth.map((t) => [t.name, t.roi])) : null);

function renderStory() {
  if (!shown) return;
  renderAnswer();
  const drawn = shown;
  requestAnimationFrame(() => {
    if (shown !== drawn) return;
    drawStoryChart();
    const warned = shown.result.warnings?.length;
    $('chart-note').textContent = `Bars: ${shown.w.kpi} per ${shown.w.spend} over the weeks (ROI); black line: its ${pct(shown.result.bootstrap.level, { digits: 2 })} interval; dashed tick: what the next ${shown.w.spend} buys (marginal ROI).${view.truth && shown.truth ? ' Diamond: the true ROI.' : ''}${warned ? ` ${count(warned)} parameter${warned === 1 ? '' : 's'} ended on the edge of the search: see step 4.` : ''}`;
    setTimeout(() => shown === drawn && renderRest(), 0);
  });
}

function drawStoryChart() {
  $('chart').replaceChildren(storyChart(shown.result, { width: chartWidth(), w: shown.w, truth: truthMap() }));
}

/** The answer and the cards for the current what-if (synchronous: the budget control's update). */
function renderAnswer() {
  const { result, w } = shown;
  const plan = currentPlan();
  setAnswer($('answer'), answerParts(result, { w, plan, change: view.change }));
  $('answer').dataset.complete = 'true';
  $('cards').replaceChildren(...cards(result, { w, plan, change: view.change }));
  return plan;
}

function renderWhatIf() {
  const plan = renderAnswer();
  const drawn = shown;
  requestAnimationFrame(() => shown === drawn && drawSplit(plan));
}

function drawSplit(plan = currentPlan()) {
  const { result, w } = shown;
  renderSplit(result, { w, plan, mine: view.mine, mineKpi: view.mine ? mediaKpi(result, view.mine) : null });
}

const truthContext = () => ({ w: shown.w, simulated: shown.entry.kind === 'sim', revealed: view.truth, guess: view.guess, truth: shown.truth });

function renderRest() {
  const { result, entry, ms, w } = shown;
  $('steps').hidden = false;
  $('results').hidden = false;
  delete $('steps').dataset.stale;
  renderSteps(result, { w, spend: entry.spend?.byChannel ?? null });
  renderGuess(result, truthContext());
  renderMoves();
  drawSplit();
  renderDetails($('details'), result, { label: entry.label, ms, w });
  renderGraphFit(result, w);
  graph?.update(shown);
}

/** Step 5's own what-if: each channel's spend as a share of today's (number boxes), summed by the curves. */
function renderMoves() {
  const { result, w } = shown;
  const boxes = result.channels.map((c, i) =>
    el('label', { class: 'move' }, `${w.name(c.name)} (% of today’s spend)`,
      el('input', { id: `move-${i}`, class: 'number-box', type: 'number', min: 0, max: 300, step: 1, inputmode: 'decimal', value: String(Math.round((view.mine?.[i] ?? 1) * 1000) / 10), onchange: readMoves })),
  );
  const best = el('button', { type: 'button', class: 'secondary small', id: 'move-best', onclick: () => {
    const plan = currentPlan();
    if (!plan.feasible) return;
    view.mine = plan.multiplier.slice();
    renderMoves();
    drawSplit();
  } }, 'Start from the best split');
  const reset = el('button', { type: 'button', class: 'secondary small', id: 'move-reset', onclick: () => {
    view.mine = null;
    renderMoves();
    drawSplit();
  } }, 'Today’s split');
  $('move-controls').replaceChildren(el('p', { class: 'hint' }, 'Move budget between channels yourself: type each channel’s spend as a share of today’s, and read what media would bring.'), el('div', { class: 'move-boxes' }, ...boxes), el('div', { class: 'move-actions' }, best, reset));
}

function readMoves() {
  const ms = shown.result.channels.map((_, i) => {
    const x = Number($(`move-${i}`).value);
    return Number.isFinite(x) && x >= 0 ? x / 100 : 1;
  });
  view.mine = ms;
  drawSplit();
}

function writeUrl() {
  if (!shown) return;
  const { entry, options: o } = shown;
  const s = {
    data: entry.kind === 'pymc' && !isWorkshop() ? '' : entry.kind,
    adstock: o.adstock === MODEL_DEFAULTS.adstock ? '' : o.adstock,
    saturation: o.saturation === MODEL_DEFAULTS.saturation ? '' : o.saturation,
    bootstrap: o.bootstrap === MODEL_DEFAULTS.bootstrap ? '' : o.bootstrap,
    seed: o.seed === MODEL_DEFAULTS.seed ? '' : o.seed,
    budget: Math.abs(view.change) > 1e-9 ? Math.round(view.change * 1e5) / 1e3 : '',
    guess: entry.kind === 'sim' && view.guess ? view.guess : '',
    truth: entry.kind === 'sim' && view.truth ? '1' : '',
  };
  if (entry.kind === 'sim') {
    const p = entry.params;
    Object.assign(s, { weeks: p.weeks === SIM_PARAMS.weeks ? '' : p.weeks, channels: p.channels === SIM_PARAMS.channels ? '' : p.channels, wseed: p.seed === SIM_PARAMS.seed ? '' : p.seed });
  }
  writeState({ ...s, ...(graph?.url() ?? {}) });
}

function switchTo(k) {
  showData(k);
  request(k, { fresh: k === 'sim' && !sources.get('sim') });
}

function exportDecomposition() {
  if (!shown) {
    showMessage('error', 'Nothing to export.', 'no model has been fitted yet', KEEP_NOTE);
    return;
  }
  const { entry, result } = shown;
  const base = entry.kind === 'sim' ? `mmm-world-seed${entry.params.seed}` : entry.source.replace(/\.[^.]*$/, '');
  downloadCsv(`${base}-decomposition.csv`.replace(/[^\w.-]+/g, '_'), decompositionCsv(result));
}

function wireControls() {
  $('budget-field').replaceChildren(field.element);
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    request();
  });
  for (const id of ['adstock', 'saturation', 'bootstrap', 'seed']) $(id).addEventListener('change', () => request());
  for (const id of ['kpi-col', 'date-col']) $(id).addEventListener('change', () => request('local'));
  for (const id of ['channel-cols', 'control-cols']) $(id).addEventListener('change', () => request('local'));
  for (const id of ['weeks', 'sim-channels', 'world-seed']) $(id).addEventListener('change', () => request('sim', { fresh: true }));
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
  $('export').addEventListener('click', exportDecomposition);
  $('guess-channel').addEventListener('change', () => {
    view.guess = $('guess-channel').value || null;
    if (shown) renderGuess(shown.result, truthContext());
    writeUrl();
  });
  $('reveal').addEventListener('click', () => {
    view.truth = !view.truth;
    if (shown) {
      renderGuess(shown.result, truthContext());
      drawStoryChart();
    }
    writeUrl();
  });
}

function fillFields() {
  $('weeks').value = initial.weeks ?? String(SIM_PARAMS.weeks);
  $('sim-channels').value = initial.channels ?? String(SIM_PARAMS.channels);
  $('world-seed').value = initial.wseed ?? String(SIM_PARAMS.seed);
  $('bootstrap').value = initial.bootstrap ?? String(MODEL_DEFAULTS.bootstrap);
  $('seed').value = initial.seed ?? String(MODEL_DEFAULTS.seed);
  if (['geometric', 'weibull'].includes(initial.adstock)) $('adstock').value = initial.adstock;
  if (['logistic', 'hill'].includes(initial.saturation)) $('saturation').value = initial.saturation;
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
  augment = createAugment({ sources });
  graph = createGraph({ sources, initial, onUrl: writeUrl, onGraph: (g) => {
    augment.setGraph(g, shown?.options.seed ?? MODEL_DEFAULTS.seed);
    followGraph(g);
  } });
  $('fit-follows').addEventListener('change', () => followGraph(graph.last()));
  // Workshop mode starts on the simulated world (its truth can be revealed).
  const k = initial.data === 'sim' || (isWorkshop() && !BUNDLED.includes(initial.data)) ? 'sim' : BUNDLED.includes(initial.data) ? initial.data : 'pymc';
  kind = k;
  showData(k);
  $('placeholder').textContent = k === 'sim' ? 'Simulating the world and fitting its marketing mix…' : `Reading the ${DATASETS[k].label} and fitting its marketing mix…`;
  request(k, { fresh: k === 'sim' });
}
