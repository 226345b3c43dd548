// The messages between the page and the engine worker, named once so both
// sides (and the tests) use the same strings.
//
// page → worker: {requestId, type: Request.*, ...payload}
//   init      {variant}                       → ok {features, cancelWord}  (cancelWord: {buffer, index} or null)
//   loadCsv   {bytes: ArrayBuffer, source}    → ok {description}   (bytes transferred)
//   run       {table, command, options}       → progress* then ok {result}
//   runStandalone {command, options}          → progress* then ok {result}   (no table: e.g. a teaching game)
//   simulate  {world, options}                → ok {description}   (a simulated world's table, like loadCsv)
//   freeTable {table}                         → ok {freed}
//   resetCancel {}                            → ok {}   (clears the cancel word once the cancelled runs are done)
// worker → page: {requestId, type: Response.*}
//   ok {..}, error {error: {name, code, message, stack}}, progress {fraction, stage}

export const Request = Object.freeze({
  INIT: 'init',
  LOAD_CSV: 'loadCsv',
  RUN: 'run',
  RUN_STANDALONE: 'runStandalone',
  SIMULATE: 'simulate',
  FREE_TABLE: 'freeTable',
  RESET_CANCEL: 'resetCancel',
});

export const Response = Object.freeze({
  OK: 'ok',
  ERROR: 'error',
  PROGRESS: 'progress',
});

/** Errors cross postMessage as plain objects: Error subclasses do not clone with their fields. */
export function serializeError(error) {
  return {
    name: error?.name ?? 'Error',
    code: error?.code ?? 'internal',
    message: error?.message ?? String(error),
    stack: error?.stack,
  };
}

/** The page-side error: keeps the core's code ('csv', 'input', 'cancelled', ...). */
export class EngineError extends Error {
  constructor({ name, code, message }) {
    super(message);
    this.name = name || 'EngineError';
    this.code = code || 'internal';
  }
}
