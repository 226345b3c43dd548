// The A/B readout page: wires the controls to the engine worker. Choices live
// in `state` and the URL; a failure shows a message and leaves both, and the
// last results, as they were.
import { startEngine } from '../engine-status.js';
import { fetchBundled, HILLSTROM, readLocalFile } from './datasets.js';
import { downloadCsv, resultToCsv } from './export.js';
import { fillPickers, missingColumns } from './pickers.js';
import { TableSession } from './session.js';
import { readState, writeState } from './state.js';
import { clearMessage, showMessage, showProgress, showResult } from './view.js';
import { engineAvailable, taskRunner } from '../page-status.js';

const $ = (id) => document.getElementById(id);
const selects = { arm: $('arm'), control: $('control'), outcome: $('outcome'), covariate: $('covariate') };

const initial = readState();
const state = { data: HILLSTROM.id, alpha: 0.05, ...initial };
let lastResult = null;
// Choices from a shared link made with a local file: applied when that file is picked.
let pendingLocal = initial.data === 'local' ? initial : null;
let runCounter = 0;
let notice = null; // an info message to show once the next run has succeeded

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const session = client && new TableSession(client);

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


async function runAnalysis() {
  Object.assign(state, readControls());
  writeState(state);
  const id = ++runCounter;
  const options = { arm: state.arm, outcome: state.outcome, alpha: state.alpha };
  if (state.control) options.control = state.control;
  if (state.covariate) options.covariate = state.covariate;
  const result = await task((onProgress) => session.run('abtest', options, onProgress), 'The analysis could not run.');
  if (result === undefined || id !== runCounter) return;
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  lastResult = result;
  showResult(result, session.current.label);
}

/** Loads bytes as the working table; on failure nothing on the page changes. */
async function openDataset(bytes, source, label, data, preferred) {
  const description = await task(() => session.open(bytes, source, label), `Could not read ${source}.`);
  if (!description) return false;
  const missing = missingColumns(description, preferred);
  const chosen = fillPickers(selects, description, preferred);
  Object.assign(state, chosen, { data });
  setDataRadio(data);
  $('dataset-name').textContent = `${label}: ${description.rows.toLocaleString('en-US')} rows, ${description.columns.length} columns`;
  if (missing.length) notice = [`This data has no column ${missing.join(', ')}.`, 'The first suitable columns are chosen instead.'];
  return true;
}

async function openHillstrom(preferred) {
  const bytes = await task(() => fetchBundled(HILLSTROM), 'Could not load the Hillstrom data.');
  if (!bytes) return false;
  return openDataset(bytes, HILLSTROM.source, HILLSTROM.label, HILLSTROM.id, preferred);
}

async function openLocalFile(file) {
  const bytes = await task(() => readLocalFile(file), `Could not read ${file.name}.`);
  // Prefer the columns chosen so far: a new export of the same test keeps its view.
  const preferred = pendingLocal ?? { ...state };
  if (bytes && (await openDataset(bytes, file.name, `Your file ${file.name}`, 'local', preferred))) {
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
  // The arm and outcome constrain the other pickers (control levels; an outcome
  // is neither the arm nor the covariate), so those are refilled, keeping what still fits.
  for (const select of [selects.arm, selects.outcome]) {
    select.addEventListener('change', () => {
      fillPickers(selects, session.current.description, readControls());
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
    if (lastResult) downloadCsv(`abtest-${lastResult.arm}-${lastResult.outcome}.csv`.replace(/[^\w.-]+/g, '_'), resultToCsv(lastResult));
  });
}

async function main() {
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
