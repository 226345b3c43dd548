// A worker thread standing in for the page's engine worker (tests/wasm/cancel.test.js): loads a variant,
// hands its cancel word to the parent, then runs what the parent asks, reporting progress.
import { parentPort, workerData } from 'node:worker_threads';
import { loadVariant } from './load.js';

const { api, module } = await loadVariant(workerData.variant);
parentPort.postMessage({ type: 'ready', cancelWord: api.cancelWord() });
parentPort.on('message', ({ type, world, simulate, command, options }) => {
  if (type === 'reset') {
    api.resetCancel();
    parentPort.postMessage({ type: 'reset' });
    return;
  }
  if (type === 'exit') {
    module.PThread?.terminateAllThreads?.();
    process.exit(0);
  }
  const table = api.simulate(world, simulate).table;
  try {
    const result = api.run(table, command, options, (fraction) => parentPort.postMessage({ type: 'progress', fraction }));
    parentPort.postMessage({ type: 'done', ok: true, rows: result.rows ?? null });
  } catch (error) {
    parentPort.postMessage({ type: 'done', ok: false, code: error.code, message: error.message });
  }
});
