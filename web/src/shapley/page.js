// The Shapley attribution page (loaded by main.js once the engine is starting): wires the controls to
// the engine worker and tells the result as a story (story.js, steps.js) with the analyst's tables under
// Details (view.js). Choices live in `state` and the URL; a failure shows a message and leaves the
// choices and the last results as they were. The "without X" chooser only re-reads the result on
// screen (no engine call).
import { client, takePrefetched } from './boot.js';
import { fetchBundled, readLocalFile } from '../kit/files.js';
import { buildGame, EXAMPLE, GAME_IDS, isTeaching, TEACHING } from './games.js';
import { TableSources } from '../kit/sources.js';
import { readState, writeState } from './state.js';
import { clearMessage, showDetails, showMessage } from './view.js';
import { engineAvailable, taskRunner } from '../page-status.js';
import { DCM_NOTE, DcmGameSession, SIM_DEFAULTS, simParams } from './dcm.js';
import { downloadCsv, shapleyToCsv } from './export.js';
import { parseCoalitions, parseValuesParam, toCsv, valuesParam } from './coalitions.js';
import { coalitionEditor } from './editor.js';
import { installGloveGuess } from './glove-guess.js';
import { stepCoalitions, stepOrders, stepSwitchOff } from './steps.js';
import { fillChooser, renderStoryChart, writeAnswer, writeCards, writeChartReading } from './story.js';
import { voice } from './words.js';
import './shapley.css';

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
let lastResult = null; // {result, game, label}
// The player the story speaks about ("without e-mail"); e-mail by default in the example.
let selected = initial.without ?? 'Email';
// The example's coalitions: the bundled values and the ones on screen (edited, from the URL).
const example = { coalitions: null, bundled: null, values: null, editor: null, key: '', baseline: null };
const KEEP_NOTE = 'Your previous choices and results are kept.';
let runCounter = 0;
let notice = null;

const task = taskRunner(client);
// The coalitions table on screen (the example or the user's CSV): one kind, replaced only once a run on
// a new one succeeded, so a bad file leaves the previous game and its results.
const sources = client && new TableSources(client);
const current = () => sources.get('coalitions');
const openCoalitions = async (entry, options, onProgress) => (await sources.open(entry, { command: 'shapley', options, onProgress })).result;
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
  if (game === EXAMPLE.id && example.values) s.values = valuesParam(example.values, example.bundled);
  s.without = selected;
  if (!s.method && $('interactions').checked) s.interactions = '1';
  if (s.method) for (const [key, id] of Object.entries(SAMPLING)) s[key] = $(id).value.trim();
  return s;
}


function accept(result, game, label) {
  state.game = game;
  if (game === EXAMPLE.id && valuesParam(example.values, example.bundled) === '') example.baseline = result;
  lastResult = { result, game, label };
  clearMessage();
  if (notice) showMessage('info', ...notice);
  notice = null;
  const words = voice(game);
  selected = fillChooser($('without'), result, selected, words);
  writeState(urlState(game));
  tellStory();
  const onExample = game === EXAMPLE.id && example.coalitions;
  stepCoalitions($('step-1'), { result, coalitions: onExample ? example.coalitions : null, values: example.values, voice: words, rule: ruleOf(game) });
  $('coalition-editor').hidden = !onExample;
  stepSwitchOff($('step-2'), { result, voice: words });
  writeChartReading($('story-chart-reading'), result, words);
  showDetails(result, label, isTeaching(game) ? TEACHING[game].closedForm : null, words);
}

const ruleOf = (game) => (isTeaching(game) ? TEACHING[game].note : game === 'dcm' ? DCM_NOTE : game === 'local' ? 'Your file gives a value for each combination of players.' : null);

/** The parts that follow the chooser: answer first (the timed part), then cards, chart and step 3. */
function tellStory() {
  const { result, game } = lastResult;
  const words = voice(game);
  writeAnswer($('answer'), result, selected, words);
  const onExample = game === EXAMPLE.id && example.coalitions;
  // Edited numbers are compared with the example's own (the baseline); the example itself with nothing.
  const edited = onExample && valuesParam(example.values, example.bundled) !== '';
  writeCards($('story-cards'), result, selected, words, edited ? example.baseline : null);
  if (edited && !example.baseline) computeBaseline();
  renderStoryChart($('story-chart'), result, selected, words);
  stepOrders($('step-3'), { result, coalitions: onExample ? example.coalitions : null, values: example.values, voice: words, name: selected });
}

/**
 * The example's own result, for the cards' comparison when a link opened with edited numbers: computed in
 * the background once (a failure only leaves the cards without a baseline).
 */
let baselinePending = false;
async function computeBaseline() {
  if (baselinePending || example.baseline) return;
  baselinePending = true;
  try {
    const { table } = await client.loadCsv(new TextEncoder().encode(toCsv(example.coalitions, example.bundled)), EXAMPLE.source);
    example.baseline = await client.run(table, 'shapley', { method: 'exact' });
    client.freeTable(table).catch(() => {});
    if (lastResult?.game === EXAMPLE.id && valuesParam(example.values, example.bundled) !== '') {
      writeCards($('story-cards'), lastResult.result, selected, voice(EXAMPLE.id), example.baseline);
    }
  } catch {
    // no baseline: the cards show the numbers alone
  } finally {
    baselinePending = false;
  }
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
    const key = example.values ? example.values.join(',') : '';
    if (game === EXAMPLE.id && (current()?.id !== EXAMPLE.id || current().key !== key)) {
      result = await task(async (onProgress) => {
        await loadExample();
        const edited = valuesParam(example.values, example.bundled) !== '';
        label = edited ? `${EXAMPLE.label}, edited` : EXAMPLE.label;
        const bytes = new TextEncoder().encode(toCsv(example.coalitions, example.values));
        const source = edited ? `${EXAMPLE.source} (edited)` : EXAMPLE.source;
        return openCoalitions({ kind: 'coalitions', id: EXAMPLE.id, key: example.values.join(','), bytes, source, label }, o, onProgress);
      }, 'Could not run the example.');
    } else {
      label = current()?.label;
      result = await task((onProgress) => sources.run('coalitions', 'shapley', o, onProgress), `Could not compute Shapley values for ${label}.`);
    }
  }
  if (result === undefined || id !== runCounter) {
    if (result === undefined) showGame(game);
    return;
  }
  accept(result, game, label);
}

/** The bundled example's coalitions (once), with the values of the link when it carries valid ones. */
async function loadExample() {
  if (example.coalitions) return;
  // Fetched while the engine started (boot.js); a failed prefetch is tried again here, and reported.
  const bytes = await (takePrefetched() ?? fetchBundled(EXAMPLE));
  const coalitions = parseCoalitions(new TextDecoder().decode(bytes));
  example.bundled = coalitions.rows.map((r) => r.value);
  example.values = [...example.bundled];
  if (initial.values) {
    try {
      example.values = parseValuesParam(initial.values, coalitions.rows.length);
    } catch (error) {
      notice = [error.message, 'The example’s own numbers are shown instead.'];
    }
  }
  example.coalitions = coalitions;
  example.editor = coalitionEditor($('coalition-editor'), coalitions, voice(EXAMPLE.id), {
    values: example.values,
    bundled: example.bundled,
    open: valuesParam(example.values, example.bundled) !== '', // a link with edits shows them
    onValues: (values) => {
      for (const box of document.querySelectorAll('.coalition-value')) box.removeAttribute('aria-invalid');
      // A box left without a change (blur after typing the same number) is no new question.
      if (values.join(',') === example.values.join(',') && lastResult?.game === EXAMPLE.id) return clearMessage();
      const previous = example.values;
      example.values = values;
      run(EXAMPLE.id).then(() => {
        // A failed run keeps the previous result: the numbers behind it come back too.
        if (lastResult?.game === EXAMPLE.id && current()?.key !== values.join(',')) example.values = previous;
      });
    },
    onError: (error) => {
      for (const box of document.querySelectorAll('.coalition-value')) box.toggleAttribute('aria-invalid', box.validity.badInput || box.value.trim() === '');
      showMessage('error', 'That number cannot be used.', error.message, KEEP_NOTE);
    },
  });
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
    return openCoalitions({ kind: 'coalitions', id: 'local', bytes, source: file.name, label }, o, onProgress);
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
        if (current()?.id === 'local') {
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
  $('without').addEventListener('change', () => {
    selected = $('without').value;
    if (!lastResult) return;
    tellStory();
    writeState(urlState(lastResult.game));
  });
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
  installGloveGuess($('step-4'), $('glove-guess'), (options) => client.runStandalone('shapley', options), () => {
    showGame('glove');
    run('glove');
    $('question').scrollIntoView({ block: 'start' });
  });
  await run(state.game);
}

main();
