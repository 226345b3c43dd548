// The synchronous JavaScript API over the WASM module, used directly by the
// node tests and, in the browser, by the Web Worker (never on the UI thread).
// It turns the bindings' JSON envelopes into plain objects, and failures into
// IncrementaError with the core's error code.

/** An error reported by the core: `code` is input | csv | config | numeric | cancelled | memory | internal. */
export class IncrementaError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'IncrementaError';
    this.code = code;
  }
}

function unwrap(envelopeText) {
  const envelope = JSON.parse(envelopeText);
  if (!envelope.ok) throw new IncrementaError(envelope.code, envelope.message);
  return envelope.result;
}

/**
 * Wraps an instantiated module (from the Emscripten factory).
 * @returns {{features(): object, loadCsv(bytes: Uint8Array, source: string): object,
 *   run(table: number, command: string, options: object, onProgress?: Function): object,
 *   freeTable(table: number): boolean, setThreads(n: number): void}}
 */
export function wrapModule(module) {
  return {
    features: () => unwrap(module._features()),
    loadCsv: (bytes, source) => unwrap(module._load_csv(bytes, source)),
    run: (table, command, options, onProgress) =>
      unwrap(module._run(table, command, JSON.stringify(options ?? {}), onProgress ?? null)),
    runStandalone: (command, options, onProgress) =>
      unwrap(module._run_standalone(command, JSON.stringify(options ?? {}), onProgress ?? null)),
    simulate: (world, options) => unwrap(module._simulate(world, JSON.stringify(options ?? {}))),
    freeTable: (table) => module._free_table(table),
    setThreads: (n) => module._set_threads(n),
    // The cancel word, when the module's memory is shared (the simd-threads build): another thread sets
    // it with Atomics.store(new Int32Array(buffer), index, 1) while a run is busy; null in the simd build.
    cancelWord: () => {
      const buffer = module.HEAP32?.buffer;
      if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) return null;
      return { buffer, index: module._cancel_address() >> 2 };
    },
    resetCancel: () => module._reset_cancel(),
  };
}

export const VARIANTS = ['simd', 'simd-threads'];
