// The A/B readout page: wires the controls to the engine worker. Choices live in `state` and the URL;
// a failure shows a message and leaves both, and the last results, as they were. The tables come from
// the kit's TableSources (one per kind: the bundled test, the user's file), made again after a Cancel.
import './abtest.css';
import { startEngine } from '../engine-status.js';
import { readLocalFile } from '../kit/files.js';
import { TableSources } from '../kit/sources.js';
import { engineAvailable, taskRunner } from '../page-status.js';
import { HILLSTROM } from './datasets.js';
import { downloadCsv, resultToCsv } from './export.js';
import { GuessFirst } from './guess.js';
import { fillPickers, missingColumns } from './pickers.js';
import { readState, writeState } from './state.js';
import { clearMessage, showMessage } from '../page-status.js';

// The charts (Observable Plot) load while the engine starts: the worker is not kept waiting for them.
const view = import('./view.js');
const showResult = async (shown) => (await view).showResult(shown);

const $ = (id) => document.getElementById(id);
const selects = { arm: $('arm'), control: $('control'), outcome: $('outcome'), covariate: $('covariate') };
const KIND = { [HILLSTROM.id]: 'bundled', local: 'local' };

const initial = readState();
const state = { data: HILLSTROM.id, alpha: 0.05, ...initial };
let shown = null; // {result, balance, dataset, datasetLabel}: what is on screen
// Choices from a shared link made with a local file: applied when that file is picked.
let pendingLocal = initial.data === 'local' ? initial : null;
let runCounter = 0;
let notice = null; // an info message to show once the next run has succeeded

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const sources = client && new TableSources(client);
const guesses = new GuessFirst(() => shown && showResult({ ...shown, guesses, }));
const current = () => sources.get(KIND[state.data]);

function setAlpha(alpha) {
  const select = $('alpha');
  const value = String(alpha);
  if (![...select.options].some((o) => o.value === value)) {
    select.append(new Option(`${Math.round((1 - alpha) * 1000) / 10}% (α = ${value})`, value));
  }
  select.value = value;
}

function setDataRadio(data) {
  for (const radio of document.querySelectorAll('input[name="data"]')) radio.checked = radio.value === data;
  $('citation').hidden = data !== HILLSTROM.id;
}

function readControls() {
  return {
    arm: selects.arm.value,
    control: selects.control.value,
    outcome: selects.outcome.value,
    covariate: selects.covariate.value,
    alpha: Number($('alpha').value),
  };
}

/** Plain names for the outcome picker on the bundled data ("Visited the website"). */
function nameOutcomes() {
  if (state.data !== HILLSTROM.id) return;
  for (const option of selects.outcome.options) {
    const words = HILLSTROM.columns[option.value];
    if (words) option.textContent = words.label;
  }
}

async function runAnalysis() {
  Object.assign(state, readControls());
  writeState(state);
  const id = ++runCounter;
  const entry = current();
  const options = { arm: state.arm, outcome: state.outcome, alpha: state.alpha };
  if (state.control) options.control = state.control;
  if (state.covariate) options.covariate = state.covariate;
  const result = await task((onProgress) => sources.run(entry, 'abtest', options, onProgress), 'The analysis could not run.');
  if (result === undefined || id !== runCounter) return;
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  // The answer first; the balance check (the same comparison on the column measured before the test) follows.
  const keepBalance = shown?.balance && shown.balance.outcome === state.covariate && shown.balance.arm === result.arm && shown.balance.control === result.control && shown.balance.confidence === result.confidence && shown.dataset === state.data;
  shown = { result, balance: keepBalance ? shown.balance : null, dataset: state.data, datasetLabel: entry.label };
  await showResult({ ...shown, guesses });
  if (!state.covariate || keepBalance) return;
  const balance = await task(
    () => sources.run(entry, 'abtest', { arm: result.arm, control: result.control, outcome: state.covariate, alpha: state.alpha }),
    'The balance check could not run.',
  );
  if (balance === undefined || id !== runCounter) return;
  shown = { ...shown, balance };
  await showResult({ ...shown, guesses });
}

/** Makes `entry` the working table; on failure nothing on the page changes. */
async function openDataset(entry, data, preferred) {
  const opened = await task(() => sources.open(entry, { replace: 'load' }), `Could not read ${entry.source}.`);
  if (!opened) return false;
  const description = entry.description;
  const missing = missingColumns(description, preferred);
  // A column the data lacks falls back to the bundled test's usual one (a user's file: the first that fits).
  const fallback = data === HILLSTROM.id ? HILLSTROM.defaults : {};
  const names = new Set(description.columns.map((c) => c.name));
  const usable = { ...preferred };
  for (const key of ['arm', 'outcome', 'covariate']) if (usable[key] && !names.has(usable[key])) usable[key] = fallback[key];
  state.data = data;
  const chosen = fillPickers(selects, description, usable);
  Object.assign(state, chosen);
  nameOutcomes();
  setDataRadio(data);
  $('dataset-name').textContent = `${entry.label}: ${description.rows.toLocaleString('en-US')} rows, ${description.columns.length} columns`;
  if (missing.length) notice = [`This data has no column ${missing.join(', ')}.`, data === HILLSTROM.id ? 'The test’s usual columns are shown instead.' : 'The first suitable columns are chosen instead.'];
  return true;
}

const openHillstrom = (preferred) =>
  openDataset(sources.get('bundled') ?? { kind: 'bundled', url: HILLSTROM.url, source: HILLSTROM.source, label: HILLSTROM.label }, HILLSTROM.id, preferred);

async function openLocalFile(file) {
  const bytes = await task(() => readLocalFile(file), `Could not read ${file.name}.`);
  // Prefer the columns chosen so far: a new export of the same test keeps its view.
  const preferred = pendingLocal ?? { ...state };
  if (bytes && (await openDataset({ kind: 'local', bytes, source: file.name, label: `Your file ${file.name}` }, 'local', preferred))) {
    pendingLocal = null;
    await runAnalysis();
  } else {
    // The file was not taken: the picker must not name it as if it were in use.
    $('file').value = '';
    setDataRadio(state.data);
  }
}

function wireControls() {
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    runAnalysis();
  });
  // The arm and outcome constrain the other pickers (control levels; an outcome is neither the arm nor
  // the covariate), so those are refilled, keeping what still fits.
  for (const select of [selects.arm, selects.outcome]) {
    select.addEventListener('change', () => {
      fillPickers(selects, current().description, readControls());
      nameOutcomes();
      runAnalysis();
    });
  }
  for (const select of [selects.control, selects.covariate, $('alpha')]) select.addEventListener('change', runAnalysis);
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  for (const radio of document.querySelectorAll('input[name="data"]')) {
    radio.addEventListener('change', async () => {
      if (radio.value === HILLSTROM.id && state.data !== HILLSTROM.id) {
        if (await openHillstrom(HILLSTROM.defaults)) await runAnalysis();
        else setDataRadio(state.data);
      } else if (radio.value === 'local') {
        $('file').click();
        setDataRadio(state.data);
      }
    });
  }
  $('cancel').addEventListener('click', () => client.cancel());
  $('export').addEventListener('click', () => {
    const result = shown?.result;
    if (result) downloadCsv(`abtest-${result.arm}-${result.outcome}.csv`.replace(/[^\w.-]+/g, '_'), resultToCsv(result));
  });
}

async function main() {
  view.then((v) => v.rememberLede()); // before any result replaces it (then-callbacks run in order)
  if (!engineAvailable(client)) return;
  wireControls();
  setAlpha(state.alpha);
  const preferred = pendingLocal ? HILLSTROM.defaults : { ...HILLSTROM.defaults, ...initial };
  if (!(await openHillstrom(preferred))) return;
  if (pendingLocal) {
    notice = ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the Hillstrom data is shown meanwhile.'];
  }
  await runAnalysis();
}

main();
