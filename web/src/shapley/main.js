// The Shapley attribution page: wires the controls to the engine worker.
// Choices live in `state` and the URL; a failure shows a message and leaves
// the choices and the last results as they were.
import { startEngine } from '../engine-status.js';
import { fetchBundled, readLocalFile } from '../abtest/datasets.js';
import { buildGame, EXAMPLE, GAME_IDS, isTeaching, TEACHING } from './games.js';
import { CoalitionSession } from './session.js';
import { readState, writeState } from './state.js';
import { clearMessage, showMessage, showProgress, showResult } from './view.js';
import { engineAvailable, taskRunner } from '../page-status.js';
import { DCM_NOTE, DcmGameSession, SIM_DEFAULTS, simParams } from './dcm.js';
import { downloadCsv, shapleyToCsv } from './export.js';

const $ = (id) => document.getElementById(id);
const GAME_LABELS = { glove: 'Glove game', airport: 'Airport game', voting: 'Weighted voting game' };
const CSV_NOTE = 'One 0/1 column per player (the header names the players) and a value column, one row per coalition: all 2ⁿ of them.';
// The parameter fields of each teaching game: URL key → input id.
const FIELDS = {
  glove: { left: 'left', right: 'right' },
  airport: { players: 'airport-players', costs: 'costs' },
  voting: { players: 'voting-players', weights: 'weights', quota: 'quota' },
};
const SAMPLING = { samples: 'samples', target_se: 'target-se', seed: 'seed' };
const SAMPLING_DEFAULTS = { samples: '10000', target_se: '0', seed: '1' };
// The DCM game's simulated-world fields: URL key → input id.
const DCM_SIM = { customers: 'dcm-customers', weeks: 'dcm-weeks', world_seed: 'dcm-seed' };

const initial = readState();
const state = {
  game: GAME_IDS.includes(initial.game) ? initial.game : EXAMPLE.id,
  method: initial.method === 'permutation' ? 'permutation' : 'exact',
  fill: initial.fill === 'zero' ? 'zero' : '',
};
let pendingLocal = state.game === 'local' || (state.game === 'dcm' && initial.source === 'files');
let lastResult = null;
let runCounter = 0;
let notice = null;

const client = startEngine($('engine-status'));
const task = taskRunner(client);
const session = client && new CoalitionSession(client);
const dcmSession = client && new DcmGameSession(client);

function fillFields() {
  for (const [game, fields] of Object.entries(FIELDS)) {
    const fromUrl = game === state.game ? initial : {};
    for (const [key, id] of Object.entries(fields)) $(id).value = fromUrl[key] ?? TEACHING[game].defaults[key];
  }
  for (const [key, id] of Object.entries(SAMPLING)) $(id).value = initial[key] ?? SAMPLING_DEFAULTS[key];
  $('method').value = state.method;
  $('fill').checked = state.fill === 'zero';
  for (const [key, id] of Object.entries(DCM_SIM)) $(id).value = initial[key] ?? SIM_DEFAULTS[key === 'world_seed' ? 'seed' : key];
  $('dcm-players').value = initial.dcm_players === 'features' ? 'features' : 'channels';
  $('interactions').checked = initial.interactions === '1';
}

/** Shows the radio, note and parameter fields of `game`. */
function showGame(game) {
  for (const radio of document.querySelectorAll('input[name="game"]')) radio.checked = radio.value === game;
  for (const block of document.querySelectorAll('.params')) block.hidden = block.dataset.game !== game;
  $('params-hint').hidden = !isTeaching(game);
  $('fill').closest('label').hidden = isTeaching(game) || game === 'dcm';
  $('game-note').textContent = isTeaching(game) ? TEACHING[game].note : game === 'local' ? CSV_NOTE : game === 'dcm' ? DCM_NOTE : EXAMPLE.note;
  $('sampling').hidden = $('method').value !== 'permutation';
  $('interactions-label').hidden = $('method').value !== 'exact';
  $('dcm-sim').hidden = $('dcm-source').value !== 'sim';
  $('dcm-files').hidden = $('dcm-source').value !== 'files';
}

function options() {
  const method = $('method').value;
  const o = { method };
  if (method === 'permutation') {
    o.samples = Number($('samples').value);
    o.target_se = Number($('target-se').value || 0);
    o.seed = Number($('seed').value || 1);
  } else if ($('interactions').checked) {
    o.interactions = true;
  }
  return o;
}

/** The URL keys for the current view: the game's own parameters and, when sampling, the sampling settings. */
function urlState(game) {
  const s = { game, method: $('method').value === 'permutation' ? 'permutation' : '' };
  if (isTeaching(game)) for (const [key, id] of Object.entries(FIELDS[game])) s[key] = $(id).value.trim();
  else if (game === 'dcm') {
    s.source = $('dcm-source').value;
    s.dcm_players = $('dcm-players').value;
    if (s.source === 'sim') for (const [key, id] of Object.entries(DCM_SIM)) s[key] = $(id).value.trim();
  } else if ($('fill').checked) s.fill = 'zero';
  if (!s.method && $('interactions').checked) s.interactions = '1';
  if (s.method) for (const [key, id] of Object.entries(SAMPLING)) s[key] = $(id).value.trim();
  return s;
}


function accept(result, game, label) {
  state.game = game;
  lastResult = { result, game };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  writeState(urlState(game));
  showResult(result, label, isTeaching(game) ? TEACHING[game].closedForm : null);
}

/** Runs the game `game` (default: the one chosen); on failure nothing but the message changes. */
async function run(game = state.game) {
  const id = ++runCounter;
  const o = options();
  let result;
  let label;
  if (game === 'dcm') {
    o.players = $('dcm-players').value;
    if ($('dcm-source').value === 'files') {
      const current = dcmSession.files;
      label = current ? `DCM ${current.modelName} on ${current.panelName}` : 'DCM';
      result = await task((onProgress) => dcmSession.runFiles(null, o, onProgress), 'Could not compute Shapley values for the DCM.');
    } else {
      const raw = Object.fromEntries(Object.entries(DCM_SIM).map(([key, id]) => [key === 'world_seed' ? 'seed' : key, $(id).value]));
      result = await task((onProgress) => {
        const params = simParams(raw);
        label = `DCM trained on the simulated ES world (${params.customers} customers × ${params.weeks} weeks, seed ${params.seed})`;
        return dcmSession.runSim(params, o, onProgress);
      }, 'Could not compute Shapley values for the DCM on the simulated world.');
    }
  } else if (isTeaching(game)) {
    label = GAME_LABELS[game];
    result = await task((onProgress) => {
      const params = Object.fromEntries(Object.entries(FIELDS[game]).map(([key, field]) => [key, $(field).value]));
      return client.runStandalone('shapley', { ...o, game: buildGame(game, params) }, onProgress);
    }, `The ${GAME_LABELS[game].toLowerCase()} could not run.`);
  } else {
    if ($('fill').checked) o.fill = 'zero';
    if (game === EXAMPLE.id && session.current?.id !== EXAMPLE.id) {
      label = EXAMPLE.label;
      result = await task(async (onProgress) => {
        const bytes = await fetchBundled(EXAMPLE);
        const r = await session.tryOpen(bytes, EXAMPLE.source, EXAMPLE.label, o, onProgress);
        session.current.id = EXAMPLE.id;
        return r;
      }, 'Could not run the example.');
    } else {
      label = session.current?.label;
      result = await task((onProgress) => session.run(o, onProgress), `Could not compute Shapley values for ${label}.`);
    }
  }
  if (result === undefined || id !== runCounter) {
    if (result === undefined) showGame(game);
    return;
  }
  accept(result, game, label);
}

/** A model JSON and its panel CSV, once both are picked. */
async function openDcmFiles() {
  const model = $('dcm-model-file').files[0];
  const panel = $('dcm-panel-file').files[0];
  if (!model || !panel) return;
  const id = ++runCounter;
  const o = { ...options(), players: $('dcm-players').value };
  const label = `DCM ${model.name} on ${panel.name}`;
  const result = await task((onProgress) => dcmSession.runFiles({ model, panel }, o, onProgress), `Could not compute Shapley values for ${model.name} on ${panel.name}.`);
  if (result === undefined) {
    $('dcm-model-file').value = '';
    $('dcm-panel-file').value = '';
    return;
  }
  pendingLocal = false;
  if (id === runCounter) {
    showGame('dcm');
    accept(result, 'dcm', label);
  }
}

async function openLocalFile(file) {
  const id = ++runCounter;
  const o = options();
  if ($('fill').checked) o.fill = 'zero';
  const label = `Your file ${file.name}`;
  const result = await task(async (onProgress) => {
    const bytes = await readLocalFile(file);
    const r = await session.tryOpen(bytes, file.name, label, o, onProgress);
    session.current.id = 'local';
    return r;
  }, `Could not compute Shapley values for ${file.name}.`);
  if (result === undefined) {
    $('file').value = ''; // not taken: the picker must not name it as if it were in use
    showGame(state.game);
    return;
  }
  pendingLocal = false;
  if (id === runCounter) {
    showGame('local');
    accept(result, 'local', label);
  }
}

function wireControls() {
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run(state.game === 'local' || !document.querySelector('input[name="game"]:checked') ? state.game : document.querySelector('input[name="game"]:checked').value);
  });
  for (const radio of document.querySelectorAll('input[name="game"]')) {
    radio.addEventListener('change', () => {
      if (radio.value === 'local') {
        if (session.current?.id === 'local') {
          showGame('local');
          run('local');
        } else {
          $('file').click();
          showGame(state.game);
        }
        return;
      }
      showGame(radio.value);
      run(radio.value);
    });
  }
  const current = () => document.querySelector('input[name="game"]:checked')?.value ?? state.game;
  for (const input of document.querySelectorAll('.params input, #sampling input, #fill')) input.addEventListener('change', () => run(current()));
  $('method').addEventListener('change', () => {
    showGame(current());
    run(current());
  });
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) openLocalFile(file);
  });
  $('cancel').addEventListener('click', () => client.cancel());
  for (const id of ['dcm-players', ...Object.values(DCM_SIM)]) $(id).addEventListener('change', () => run('dcm'));
  $('interactions').addEventListener('change', () => run(current()));
  $('dcm-source').addEventListener('change', () => {
    showGame('dcm');
    if ($('dcm-source').value === 'sim' || dcmSession.files) run('dcm');
    else showMessage('info', 'Pick a model JSON and the panel CSV it was trained on.', 'Both files stay in this browser tab.');
  });
  for (const id of ['dcm-model-file', 'dcm-panel-file']) $(id).addEventListener('change', () => openDcmFiles());
  $('export-csv').addEventListener('click', () => {
    if (lastResult) downloadCsv(`shapley-${lastResult.game}.csv`, shapleyToCsv(lastResult.result));
  });
}

async function main() {
  if (!engineAvailable(client)) return;
  fillFields();
  wireControls();
  if (initial.source === 'files') $('dcm-source').value = 'files';
  if (pendingLocal) {
    state.game = EXAMPLE.id;
    notice = ['This link was made with a local CSV file, which is never shared.', 'Pick the same file to restore the view; the example is shown meanwhile.'];
  }
  showGame(state.game);
  $('placeholder').textContent = 'Computing…';
  await run(state.game);
}

main();
