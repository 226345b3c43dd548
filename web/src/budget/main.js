// The budget planning page: "What if we change the offer budget?" answered against a pinned baseline.
// The budget field (number box, slider, −20% / −10% / +10% / Reset) re-plans on the table already in
// the worker (no new world, latest request wins); every choice lives in the URL. A failure shows a
// message and leaves the choices and the last plan on screen.
import './budget.css';
import { startEngine } from '../engine-status.js';
import { engineAvailable, taskRunner, clearMessage, showMessage } from '../page-status.js';
import { TableSources } from '../kit/sources.js';
import { readLocalFile } from '../kit/files.js';
import { whatIfField } from '../kit/fields.js';
import { Baseline } from '../kit/baseline.js';
import { setAnswer } from '../kit/story.js';
import { isWorkshop } from '../kit/workshop.js';
import { money } from '../kit/format.js';
import { answerParts, cards, readable, riskWarning, summarise } from './answer.js';
import { downloadCsv, planToCsv } from './export.js';
import { DEFAULT_ROWS, fillEditor, isDefaultTravel, readEditor, setColumns, travelSpec, travelSpecKeeping, wireEditor } from './offers.js';
import { probeOfferUse } from './reasons.js';
import { parsePin, pinText, readState, writeState } from './state.js';
import { PerData } from './memo.js';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const SIM_NOTE = 'Customers of four hidden kinds (book anyway, price-sensitive, sleeping dogs, lost causes) with their true chances of booking without an offer and with each discount; a booking is worth a margin of $40, a k×5% discount costs $15k per booking (edit both under Offers).';
const CSV_NOTE = 'One row per customer with a column of booking probabilities without an offer and one per offer (numbers in [0, 1]). Name them under Offers.';
const FRONTIER_POINTS = 201; // fine enough that the line is the LP path near a small budget too

const initial = readState();
const finite = (text) => (text != null && text !== '' && Number.isFinite(Number(text)) ? Number(text) : null);
const state = { budget: Math.max(0, finite(initial.budget) ?? 5000), roi: Math.max(0, finite(initial.roi) ?? 0) };
let shown = null; // {result, entry, options, ms}: the plan on screen
let notice = initial.data === 'local' && !isWorkshop() ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the simulated world is shown meanwhile.'] : null;
let pinFromUrl = parsePin(initial.pin);

const client = startEngine($('engine-status'));
// The charts (Observable Plot) load while the engine compiles, so the worker starts first.
let views = null;
const viewsLoaded = Promise.all([import('./chart.js'), import('./steps.js')]).then(([chart, steps]) => (views = { ...chart, ...steps }));
const widthOf = (node, { min, max }) => Math.max(min, Math.min(node?.clientWidth || 720, max));
const task = taskRunner(client);
const sources = client && new TableSources(client);
const baseline = new Baseline((answer) => answer.pinned ?? summarise(answer));

// ---- the offers spec of each source kind (the editor shows the current kind's) ----
const specs = { sim: null, local: { ...travelSpec(3), segment: '' } };
let editorKind = 'sim';

function specFor(kind) {
  if (kind === editorKind) {
    const { spec, segment } = readEditor(); // throws a config error naming the bad field
    specs[kind] = { ...spec, segment };
  }
  return specs[kind];
}

function showEditor(kind) {
  if (kind === editorKind && $('offers-rows').children.length) return;
  try {
    specFor(editorKind);
  } catch {
    // a half-edited field: the other kind's editor keeps its last valid spec
  }
  editorKind = kind;
  fillEditor(specs[kind], onOfferEdit, { simulated: kind === 'sim' });
  if (kind === 'sim') $('base').value = 'p0';
}
const onOfferEdit = () => request(editorKind);

const intField = (id, fallback, lo, hi) => {
  const x = Math.round(Number($(id).value));
  return Number.isFinite(x) && $(id).value.trim() !== '' ? Math.min(hi, Math.max(lo, x)) : fallback;
};
const simParams = () => ({ rows: intField('rows', DEFAULT_ROWS, 1, 2_000_000), seed: intField('seed', 1, 0, 2 ** 31), levels: intField('levels', 3, 1, 8) });

/** The core's options for the current controls (throws a config error for a bad field). */
function options(kind) {
  const { segment, ...offers } = specFor(kind);
  const o = { budget: state.budget, objective: $('objective').value, solver: $('solver').value, offers, frontier: FRONTIER_POINTS };
  if (state.roi > 0) o.roi_floor = state.roi;
  if ($('quantile').value) o.cost_quantile = Number($('quantile').value);
  if (kind === 'sim') o.segment = 'segment';
  else if (segment) o.segment = segment;
  return o;
}

function showData(kind) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === kind;
  $('sim-params').hidden = kind !== 'sim';
  $('data-note').textContent = kind === 'sim' ? SIM_NOTE : CSV_NOTE;
  showEditor(kind);
}

const currentKind = () => document.querySelector('input[name="data"]:checked')?.value ?? 'sim';
const labelOf = (entry) => (entry.kind === 'sim' ? `Simulated travel world (seed ${entry.params.seed})` : `Your file ${entry.source}`);
const offerLabel = (kind) => (name) => (kind === 'sim' && /%$/.test(name) ? `the ${name} discount` : `offer “${name}”`);

// ---- the baseline: the first plan, "Pin this view", or the one a link carries (state.js) ----
const pinLabel = (result) => `budget ${money(result.budget)}`;

// ---- the one control: the budget ----
const field = whatIfField({
  id: 'budget',
  label: 'Offer budget ($)',
  value: state.budget,
  min: 0,
  max: Math.max(200_000, state.budget),
  format: (x) => money(x),
  onChange: (x) => {
    if (x === shown?.result.budget && x === state.budget) return; // Enter, then the change on blur
    state.budget = x;
    request();
  },
});
// The number box takes any budget as typed (the slider's span follows the plans, fitRange).
field.element.querySelector('input[type="number"]').max = String(Number.MAX_SAFE_INTEGER);

/** The slider spans 0 … the unconstrained plan's cost; the number box takes any budget as typed. */
function fitRange(result) {
  field.setRange(0, Math.ceil(Math.max(result.unconstrained?.cost ?? 0, state.budget, 1)));
}

// ---- solving: one at a time, the latest request wins ----
let wanted = null;
let running = false;
let idleWaiters = [];
const idle = () => (running || wanted ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve());

function request(kind = currentKind(), { fresh = false, file = null } = {}) {
  wanted = { kind, fresh: fresh || (wanted?.fresh && wanted.kind === kind), file: file ?? (wanted?.kind === kind ? wanted.file : null) };
  if (!running) pump();
}

async function pump() {
  running = true;
  while (wanted) {
    const next = wanted;
    wanted = null;
    await solveOnce(next);
  }
  running = false;
  const waiters = idleWaiters;
  idleWaiters = [];
  for (const resolve of waiters) resolve();
}

async function solveOnce({ kind, fresh, file }) {
  const started = performance.now();
  performance.mark('budget:solve');
  let o;
  let entry;
  const failure = file ? `Could not plan on ${file.name}.` : kind === 'sim' ? 'Could not plan on the simulated world.' : `Could not plan on ${sources.get('local')?.source ?? 'your file'}.`;
  const result = await task(async (onProgress) => {
    if (file) {
      entry = { kind: 'local', bytes: await readLocalFile(file), source: file.name };
      o = options('local');
      try {
        return (await sources.open(entry, { command: 'budget', options: o, onProgress, replace: 'load' })).result;
      } finally {
        if (sources.get('local') === entry) {
          setColumns(entry.description);
          showData('local'); // the file is open: the offers can be fixed and rerun
        }
      }
    }
    o = options(kind);
    if (kind === 'sim' && (fresh || !sources.get('sim'))) {
      entry = { kind: 'sim', world: 'travel', params: simParams(), source: 'travel' };
      return (await sources.open(entry, { command: 'budget', options: o, onProgress })).result;
    }
    entry = sources.get(kind);
    const known = frontierFor(entry, o);
    if (!known) return sources.run(entry ?? kind, 'budget', o, onProgress);
    // The frontier does not depend on the budget: a what-if re-plans without it and reuses the last one.
    const r = await sources.run(entry, 'budget', { ...o, frontier: 0 }, onProgress);
    return { ...r, frontier: known };
  }, failure);
  if (file) $('file').value = '';
  if (result === undefined || wanted) return; // failed (message shown), or a newer request follows at once
  if (!views) await viewsLoaded;
  performance.measure('budget:solved', 'budget:solve');
  accept(result, entry, performance.now() - started, o);
}

let accepting = false;
function accept(result, entry, ms, o) {
  if (result.status === 'infeasible_roi_floor') {
    showMessage('error', 'The ROI floor cannot be met.', result.message, `Lower the floor. ${KEEP_NOTE}`);
    return;
  }
  accepting = true;
  if (entry !== shown?.entry) baseline.clear(); // a new world or file: its first plan is the new baseline
  if (pinFromUrl) baseline.pin({ pinned: pinFromUrl }, `budget ${money(pinFromUrl.budget)}`);
  pinFromUrl = null;
  baseline.seen({ result }, pinLabel(result));
  accepting = false;
  keepFrontier(entry, o, result);
  shown = { result, entry, options: o, ms };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  if (result.status !== 'ok') showMessage('info', 'Nobody is targeted.', readable(result.message));
  showData(entry.kind);
  fitRange(result);
  field.set(state.budget);
  field.setBaseline(baseline.pinned.budget);
  renderStory();
  writeUrl();
  explainUnused(entry, o, result);
}

function renderStory() {
  if (!shown) return;
  const { result } = shown;
  const base = baseline.pinned;
  $('placeholder').hidden = true;
  $('cards').replaceChildren(...cards(result, base, { customers: result.rows }));
  $('story-warning').replaceChildren(...[riskWarning(result, planTo95)].filter(Boolean));
  setAnswer($('answer'), answerParts(result, base));
  performance.measure('budget:answered', 'budget:solve'); // the what-if bar's end (bench and tests read the answer's stamp)
  // The charts follow in the next frames, the story's first, so the numbers are never held up by drawing.
  const drawn = shown;
  requestAnimationFrame(() => {
    if (shown !== drawn) return;
    const figure = views.frontierChart(result, base, { width: widthOf($('story-chart'), { min: 280, max: 640 }), zoom: true });
    $('chart').replaceChildren(...(figure ? [figure] : []));
    setTimeout(() => shown === drawn && renderRest(), 0);
  });
}

function renderRest() {
  if (!shown) return;
  const { entry, ms } = shown;
  $('steps').hidden = false;
  $('results').hidden = false;
  views.renderSteps(shown, { probes: probesFor(entry, shown.options), label: offerLabel(entry.kind), source: labelOf(entry), ms, onPlanMean: planToMean, baseline: baseline.pinned });
}

function planTo95() {
  $('quantile').value = '0.95';
  request();
}
function planToMean() {
  $('quantile').value = '';
  request();
}

function writeUrl() {
  if (!shown) return;
  const { entry, options: o } = shown;
  const spec = specs[entry.kind];
  const base = baseline.pinned;
  const s = {
    data: entry.kind === 'local' ? 'local' : '',
    budget: String(state.budget),
    pin: base && (base.budget !== state.budget || base.conversions !== shown.result.plan.incremental_conversions) ? pinText(base) : '',
    roi: state.roi > 0 ? String(state.roi) : '',
    objective: o.objective === 'conversions' ? '' : o.objective,
    solver: o.solver === 'lagrangian' ? '' : o.solver,
    quantile: o.cost_quantile ?? '',
    workshop: isWorkshop() ? '1' : '',
    truth: $('truth').checked ? '1' : '',
  };
  if (entry.kind === 'sim') {
    const { rows, seed, levels } = entry.params;
    Object.assign(s, { rows: rows === DEFAULT_ROWS ? '' : rows, seed: seed === 1 ? '' : seed, levels: levels === 3 ? '' : levels });
    const { segment, ...offers } = spec;
    if (!isDefaultTravel(offers)) s.offers = JSON.stringify(offers);
  } else {
    s.offers = JSON.stringify(spec);
  }
  writeState(s);
}

// ---- remembered per data and offers: the frontier, and why an offer gets nobody ----
const frontiers = new PerData((o) => [o.offers, o.objective, o.frontier]);
const probes = new PerData((o) => [o.offers, o.objective]); // {value} once worked out
const frontierFor = (entry, o) => frontiers.get(entry, o);
const probesFor = (entry, o) => probes.get(entry, o)?.value ?? null;

function keepFrontier(entry, o, result) {
  if (result.frontier) frontiers.set(entry, o, result.frontier);
}

/** Works out in the background (never holding up a what-if) which budgets give each offer customers. */
function explainUnused(entry, o, result) {
  if (!result.per_offer.some((x) => x.customers === 0) || !result.plan.targeted || probes.has(entry, o)) return;
  const slot = { value: null };
  probes.set(entry, o, slot);
  const bare = { offers: o.offers, objective: o.objective, solver: 'lagrangian', frontier: 0 };
  const probe = (budget) => sources.run(entry, 'budget', { ...bare, budget });
  probeOfferUse(probe, result.unconstrained.cost, result.per_offer.map((x) => x.offer), { rows: result.rows, idle })
    .then((value) => {
      slot.value = value;
      if (shown?.entry === entry && probesFor(entry, shown.options) === value) renderRest();
    })
    .catch(() => probes.delete(entry, o)); // cancelled or restarted: worked out again next time
}

// ---- wiring ----
function wireControls() {
  $('budget-field').replaceChildren(field.element);
  $('baseline-control').replaceChildren(baseline.control(() => shown && { answer: { result: shown.result }, label: pinLabel(shown.result) }));
  baseline.listeners.push(() => {
    if (accepting || !shown) return;
    field.setBaseline(baseline.pinned.budget);
    renderStory();
    writeUrl();
  });
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    request();
  });
  $('roi').addEventListener('change', () => {
    const x = Number($('roi').value);
    state.roi = Number.isFinite(x) && x > 0 ? x : 0;
    request();
  });
  for (const id of ['objective', 'solver', 'quantile']) $(id).addEventListener('change', () => request());
  for (const id of ['rows', 'seed']) $(id).addEventListener('change', () => request('sim', { fresh: true }));
  $('levels').addEventListener('change', () => {
    if (editorKind === 'sim') {
      let edited = specs.sim;
      try {
        edited = specFor('sim');
      } catch {
        // keep the last valid costs
      }
      specs.sim = { ...travelSpecKeeping(simParams().levels, edited), segment: '' };
      fillEditor(specs.sim, onOfferEdit, { simulated: true });
      $('base').value = 'p0';
    }
    request('sim', { fresh: true });
  });
  $('truth').addEventListener('change', () => {
    renderRest();
    writeUrl();
  });
  $('guess-kind').addEventListener('change', () => shown && views.showTruth(shown, { label: offerLabel(shown.entry.kind) }));
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local' && !sources.get('local')) {
        $('file').click();
        showData(shown?.entry.kind ?? 'sim');
        return;
      }
      showData(radio.value);
      request(radio.value);
    });
  }
  wireEditor(onOfferEdit);
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) request('local', { file });
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('export').addEventListener('click', exportPlan);
}

async function exportPlan() {
  if (!shown) return;
  const { entry, options: o } = shown;
  const result = await task((onProgress) => sources.run(entry, 'budget', { ...o, frontier: 0, return_assignment: true }, onProgress), 'Could not export the plan.');
  if (!result) return;
  const base = entry.kind === 'sim' ? `travel-seed${entry.params.seed}` : entry.source.replace(/\.[^.]*$/, '');
  downloadCsv(`${base}-plan.csv`, planToCsv(result));
}

function fillFields() {
  $('rows').value = initial.rows ?? String(DEFAULT_ROWS);
  $('seed').value = initial.seed ?? '1';
  $('levels').value = initial.levels ?? '3';
  $('truth').checked = initial.truth === '1';
  $('roi').value = state.roi > 0 ? String(state.roi) : '0';
  if (['conversions', 'profit'].includes(initial.objective)) $('objective').value = initial.objective;
  if (['lagrangian', 'greedy', 'exact'].includes(initial.solver)) $('solver').value = initial.solver;
  if (['0.9', '0.95', '0.99'].includes(initial.quantile)) $('quantile').value = initial.quantile;
  const levels = simParams().levels;
  specs.sim = { ...travelSpec(levels), segment: '' };
  try {
    const fromLink = initial.offers ? JSON.parse(initial.offers) : null;
    if (fromLink && initial.data === 'local') specs.local = { segment: '', ...fromLink };
    else if (fromLink?.offers?.length === levels) specs.sim = { ...travelSpecKeeping(levels, fromLink), segment: '' };
  } catch {
    // a mangled link: keep the default offers
  }
  editorKind = 'sim';
  fillEditor(specs.sim, onOfferEdit, { simulated: true });
  $('base').value = 'p0';
}

function main() {
  if (!engineAvailable(client)) return;
  fillFields();
  wireControls();
  showData('sim'); // a local file is never in a link: the page starts on the simulated world
  $('placeholder').textContent = 'Simulating 20,000 customers and planning…';
  request('sim', { fresh: true });
}

main();
