// The budget planning page: wires the controls to the engine worker. Choices
// live in the URL; sliders re-solve (debounced) on the current table. A
// failure shows a message and leaves the choices and the last plan as they were.
import { startEngine } from '../engine-status.js';
import { readLocalFile } from '../abtest/datasets.js';
import { fmtNum } from '../format.js';
import { downloadCsv, planToCsv } from './export.js';
import { DEFAULT_ROWS, fillEditor, readEditor, setColumns, travelSpec, wireEditor } from './offers.js';
import { BudgetSession } from './session.js';
import { readState, writeState } from './state.js';
import { clearMessage, showMessage, showProgress, showResult } from './view.js';
import { engineAvailable, taskRunner } from '../page-status.js';

const $ = (id) => document.getElementById(id);
const KEEP_NOTE = 'Your previous choices and results are kept.';
const DEBOUNCE_MS = 120;
const SIM_NOTE = 'Customers of four hidden kinds (book anyway, price sensitive, sleeping dogs, lost causes) with their true probabilities of booking without an offer and with each discount; a booking is worth a margin of 40, a k×5% discount costs 15k per booking.';
const CSV_NOTE = 'One row per customer with a column of conversion probabilities without an offer and one per offer (numbers in [0, 1]). Name them below.';

const initial = readState();
const state = {
  data: 'sim', // a local file is never in a link: the page starts on the simulated world
  budget: Number.isFinite(Number(initial.budget)) && initial.budget !== undefined ? Number(initial.budget) : 5000,
  roi: Number(initial.roi) > 0 ? Number(initial.roi) : 0,
};
let runCounter = 0;
let last = null; // {result, entry}: the plan shown
let notice = initial.data === 'local' ? ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the simulated world is shown meanwhile.'] : null;

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const session = client && new BudgetSession(client);

const intField = (id, fallback, lo, hi) => {
  const x = Math.round(Number($(id).value));
  return Number.isFinite(x) && $(id).value.trim() !== '' ? Math.min(hi, Math.max(lo, x)) : fallback;
};
const simParams = () => ({ rows: intField('rows', DEFAULT_ROWS, 1, 2_000_000), seed: intField('seed', 1, 0, 2 ** 31), levels: intField('levels', 3, 1, 8) });

function showData(kind) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === kind;
  $('sim-params').hidden = kind !== 'sim';
  $('offers-editor').hidden = kind !== 'local';
  $('data-note').textContent = kind === 'sim' ? SIM_NOTE : CSV_NOTE;
}

function showSliders() {
  $('budget').value = String(state.budget);
  $('budget-out').textContent = fmtNum(state.budget);
  $('roi').value = String(state.roi);
  $('roi-out').textContent = state.roi > 0 ? fmtNum(state.roi) : 'none';
}

/** The core's options for the current controls (throws a config error for a bad field). */
function options(kind) {
  const o = { budget: state.budget, objective: $('objective').value, solver: $('solver').value };
  if (state.roi > 0) o.roi_floor = state.roi;
  if ($('quantile').value) o.cost_quantile = Number($('quantile').value);
  if (kind === 'sim') {
    o.offers = travelSpec(simParams().levels);
    o.segment = 'segment';
  } else {
    const { spec, segment } = readEditor();
    o.offers = spec;
    if (segment) o.segment = segment;
  }
  return o;
}

function urlState(kind, o) {
  const s = { data: kind, budget: fmtNum(state.budget), roi: state.roi > 0 ? String(state.roi) : '', objective: o.objective === 'conversions' ? '' : o.objective, solver: o.solver === 'lagrangian' ? '' : o.solver, quantile: o.cost_quantile ?? '' };
  if (kind === 'sim') Object.assign(s, simParams(), { truth: $('truth').checked ? '1' : '' });
  else s.offers = JSON.stringify({ ...o.offers, segment: o.segment });
  return s;
}

const labelOf = (entry) => (entry.kind === 'sim' ? `Simulated travel world (seed ${entry.params.seed})` : `Your file ${entry.source}`);

/** The budget slider spans 0 … the unconstrained plan's cost (or the budget, if above). */
function fitBudgetSlider(result) {
  const max = Math.max(result.unconstrained?.cost ?? 0, state.budget, 1);
  $('budget').max = String(Math.ceil(max));
  $('budget').step = String(Math.max(1, Math.round(max / 1000)));
  $('budget').value = String(state.budget);
}

function accept(result, entry, ms, o) {
  if (result.status === 'infeasible_roi_floor') {
    showMessage('error', 'The ROI floor cannot be met.', result.message, `Lower the floor. ${KEEP_NOTE}`);
    return;
  }
  last = { result, entry, options: o };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  if (result.status !== 'ok') showMessage('info', 'Nobody is targeted.', result.message);
  showData(entry.kind);
  fitBudgetSlider(result);
  writeState(urlState(entry.kind, o));
  showResult(result, { label: labelOf(entry), ms, truth: $('truth').checked, simulated: entry.kind === 'sim' });
}


/** Solves on `kind`'s table; `fresh`: make a new simulated world first. */
async function solve(kind = currentKind(), { fresh = false } = {}) {
  const id = ++runCounter;
  const started = performance.now();
  let o;
  const answer = await task(async (onProgress) => {
    o = options(kind);
    if (kind === 'sim' && (fresh || !session.entries.sim)) {
      const params = simParams();
      return session.open({ kind: 'sim', params, source: 'travel' }, o, onProgress);
    }
    return session.run(kind, o, onProgress);
  }, kind === 'sim' ? 'Could not plan on the simulated world.' : `Could not plan on ${session.entries.local?.source ?? 'your file'}.`);
  if (answer === undefined || id !== runCounter) return;
  accept(answer.result, answer.entry, performance.now() - started, o);
}

const currentKind = () => document.querySelector('input[name="data"]:checked')?.value ?? 'sim';

async function openLocalFile(file) {
  const id = ++runCounter;
  const started = performance.now();
  let o;
  const answer = await task(async (onProgress) => {
    const bytes = await readLocalFile(file);
    o = options('local');
    const entry = { kind: 'local', bytes, source: file.name };
    try {
      return await session.open(entry, o, onProgress);
    } finally {
      if (session.entries.local === entry) {
        setColumns(entry.description);
        showData('local'); // the file is open: the offers can be fixed and rerun
      }
    }
  }, `Could not plan on ${file.name}.`);
  $('file').value = '';
  if (answer === undefined || id !== runCounter) return;
  accept(answer.result, answer.entry, performance.now() - started, o);
}

let timer = null;
function debounced() {
  clearTimeout(timer);
  timer = setTimeout(() => solve(), DEBOUNCE_MS);
}

function wireControls() {
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    solve();
  });
  $('budget').addEventListener('input', () => {
    state.budget = Number($('budget').value);
    showSliders();
    debounced();
  });
  $('roi').addEventListener('input', () => {
    state.roi = Number($('roi').value);
    showSliders();
    debounced();
  });
  for (const id of ['objective', 'solver', 'quantile']) $(id).addEventListener('change', () => solve());
  for (const id of ['rows', 'seed', 'levels']) $(id).addEventListener('change', () => solve('sim', { fresh: true }));
  $('truth').addEventListener('change', () => {
    if (last?.entry.kind === 'sim') showResult(last.result, { label: labelOf(last.entry), ms: Number($('solve-time')?.dataset.ms ?? 0), truth: $('truth').checked, simulated: true });
    if (last) writeState({ ...readState(), truth: $('truth').checked ? '1' : '' });
  });
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local' && !session.entries.local) {
        $('file').click();
        showData(last?.entry.kind ?? 'sim');
        return;
      }
      showData(radio.value);
      solve(radio.value);
    });
  }
  wireEditor(() => {
    if (session.entries.local) solve('local');
  });
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
  $('export').addEventListener('click', exportPlan);
}

async function exportPlan() {
  if (!last) return;
  const { entry, options: o } = last;
  const answer = await task((onProgress) => session.run(entry.kind, { ...o, frontier: 0, return_assignment: true }, onProgress), 'Could not export the plan.');
  if (!answer) return;
  const base = entry.kind === 'sim' ? `travel-seed${entry.params.seed}` : entry.source.replace(/\.[^.]*$/, '');
  downloadCsv(`${base}-plan.csv`, planToCsv(answer.result));
}

function fillFields() {
  $('rows').value = initial.rows ?? String(DEFAULT_ROWS);
  $('seed').value = initial.seed ?? '1';
  $('levels').value = initial.levels ?? '3';
  $('truth').checked = initial.truth === '1';
  if (['conversions', 'profit'].includes(initial.objective)) $('objective').value = initial.objective;
  if (['lagrangian', 'greedy', 'exact'].includes(initial.solver)) $('solver').value = initial.solver;
  if (['0.9', '0.95', '0.99'].includes(initial.quantile)) $('quantile').value = initial.quantile;
  let spec = { ...travelSpec(3), segment: '' };
  try {
    if (initial.offers) spec = JSON.parse(initial.offers);
  } catch {
    // a mangled link: keep the default offers
  }
  fillEditor(spec, () => session.entries.local && solve('local'));
  $('budget').max = String(Math.max(100000, state.budget));
  showSliders();
}

async function main() {
  if (!engineAvailable(client)) return;
  fillFields();
  wireControls();
  showData(state.data);
  $('placeholder').textContent = 'Simulating and solving…';
  await solve('sim', { fresh: true });
}

main();
