// The engine worker: the only place the WASM module runs. It answers the
// requests of protocol.js one at a time; a long run blocks it, so a cancel
// arrives through the cancel word in shared memory (simd-threads) or by
// terminating the worker (simd; see client.js).
import { wrapModule } from '../engine/incrementa.js';
import { Request, Response, serializeError } from './protocol.js';

let api = null;

async function init({ variant }) {
  if (api) return { features: api.features(), cancelWord: api.cancelWord() };
  // Loaded from public/wasm as a static file, not bundled: the Emscripten glue
  // finds its .wasm and pthread worker beside itself through import.meta.url.
  const url = new URL(`/wasm/incrementa-${variant}.mjs`, self.location.origin).href;
  const { default: factory } = await import(/* @vite-ignore */ url);
  api = wrapModule(await factory());
  return { features: api.features(), cancelWord: api.cancelWord() };
}

function requireApi() {
  if (!api) throw Object.assign(new Error('the engine is not initialised'), { code: 'internal' });
  return api;
}

const handlers = {
  [Request.INIT]: init,
  [Request.LOAD_CSV]: ({ bytes, source }) => ({ description: requireApi().loadCsv(new Uint8Array(bytes), source) }),
  [Request.RUN]: ({ requestId, table, command, options }) => {
    const onProgress = (fraction, stage) => self.postMessage({ requestId, type: Response.PROGRESS, fraction, stage });
    return { result: requireApi().run(table, command, options, onProgress) };
  },
  [Request.RUN_STANDALONE]: ({ requestId, command, options }) => {
    const onProgress = (fraction, stage) => self.postMessage({ requestId, type: Response.PROGRESS, fraction, stage });
    return { result: requireApi().runStandalone(command, options, onProgress) };
  },
  [Request.SIMULATE]: ({ world, options }) => ({ description: requireApi().simulate(world, options) }),
  [Request.FREE_TABLE]: ({ table }) => ({ freed: requireApi().freeTable(table) }),
  [Request.RESET_CANCEL]: () => {
    requireApi().resetCancel();
    return {};
  },
};

async function handle(data) {
  const { requestId, type } = data;
  try {
    const handler = handlers[type];
    if (!handler) throw Object.assign(new Error(`unknown request type '${type}'`), { code: 'internal' });
    self.postMessage({ requestId, type: Response.OK, ...(await handler(data)) });
  } catch (error) {
    self.postMessage({ requestId, type: Response.ERROR, error: serializeError(error) });
  }
}

// Requests run in arrival order: a loadCsv sent right after init waits for the
// module to finish instantiating instead of finding no engine.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};
