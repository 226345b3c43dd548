// The page's handle on the engine worker: promise-per-request over the
// protocol in protocol.js. The UI thread never touches the WASM module.
import { EngineError, Request, Response } from './protocol.js';

const CANCELLED = { name: 'EngineError', code: 'cancelled', message: 'The analysis was cancelled.' };
// How long a cancelled run may take to notice the cancel word before the worker is terminated instead.
export const CANCEL_GRACE_MS = 2000;

export class EngineClient {
  /** @param {string} variant 'simd' | 'simd-threads' (see platform.js) */
  constructor(variant) {
    this.variant = variant;
    this.generation = 0; // bumped on every restart: tables loaded before are gone
    this.pending = new Map(); // requestId → {resolve, reject, onProgress}
    this.nextId = 1;
    this.features = null;
    this.cancels = 0; // bumped by every cancel: a request still on its way to the worker stops too
    this.restarts = 0; // workers terminated to stop a run (a cancel the run did not see, or the simd build)
    this.lastCancel = null; // {ms, restarted}: how long the last cancel took to free the engine
    this.#start();
  }

  #start() {
    this.worker = new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module', name: 'incrementa-engine' });
    this.worker.onmessage = ({ data }) => this.#receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.#rejectAll({ name: 'EngineError', code: 'internal', message: `The engine worker failed: ${event.message || 'could not start'}` });
    };
    this.generation += 1;
    this.cancelWord = null;
    this.ready = this.#post({ type: Request.INIT, variant: this.variant }).then(({ features, cancelWord }) => {
      this.features = features;
      this.cancelWord = cancelWord ? new Int32Array(cancelWord.buffer) : null;
      this.cancelIndex = cancelWord?.index ?? 0;
      return features;
    });
    this.ready.catch(() => {}); // callers see the failure through their own awaits
  }

  #receive({ requestId, type, ...rest }) {
    const entry = this.pending.get(requestId);
    if (!entry) return; // answer to a request from a terminated worker
    if (type === Response.PROGRESS) {
      entry.onProgress?.(rest.fraction, rest.stage);
      return;
    }
    this.pending.delete(requestId);
    if (type === Response.OK) entry.resolve(rest);
    else entry.reject(new EngineError(rest.error));
  }

  #post(message, transfer = [], onProgress) {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress });
      this.worker.postMessage({ requestId, ...message }, transfer);
    });
  }

  #rejectAll(error) {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) entry.reject(new EngineError(error));
  }

  // A request made before a cancel must not reach the fresh worker (its table
  // handles would point at nothing): it is cancelled too.
  async #whenReady() {
    const generation = this.generation;
    const cancels = this.cancels;
    await this.ready;
    if (generation !== this.generation || cancels !== this.cancels) throw new EngineError(CANCELLED);
  }

  /** Describes and keeps a CSV in the worker. The bytes are copied, then the copy transferred. */
  async loadCsv(bytes, source) {
    await this.#whenReady();
    const copy = bytes.slice().buffer;
    const { description } = await this.#post({ type: Request.LOAD_CSV, bytes: copy, source }, [copy]);
    return description;
  }

  /** Makes a simulated world's table in the worker (e.g. 'travel'); answers like loadCsv. */
  async simulate(world, options) {
    await this.#whenReady();
    const { description } = await this.#post({ type: Request.SIMULATE, world, options });
    return description;
  }

  async run(table, command, options, onProgress) {
    await this.#whenReady();
    const { result } = await this.#post({ type: Request.RUN, table, command, options }, [], onProgress);
    return result;
  }

  /** Runs a command that needs no table (options carry the input, e.g. a Shapley teaching game). */
  async runStandalone(command, options, onProgress) {
    await this.#whenReady();
    const { result } = await this.#post({ type: Request.RUN_STANDALONE, command, options }, [], onProgress);
    return result;
  }

  async freeTable(table) {
    await this.#whenReady();
    const { freed } = await this.#post({ type: Request.FREE_TABLE, table });
    return freed;
  }

  get busy() {
    return this.pending.size > 0;
  }

  /**
   * Stops whatever runs; pending requests reject with code 'cancelled' at once.
   * With a shared cancel word (simd-threads) the running loops see it and stop,
   * and the worker keeps its tables: later requests wait until the cancelled
   * runs have returned. A run that does not stop within CANCEL_GRACE_MS, and
   * every cancel in the simd build, terminates the worker and starts a fresh one:
   * tables must then be loaded again (see `generation`).
   */
  cancel() {
    this.cancels += 1; // requests awaiting #whenReady reject (see there)
    if (this.pending.size === 0 && this.features) return; // the worker is idle: nothing to stop
    if (!this.cancelWord) {
      this.#restart();
      return;
    }
    Atomics.store(this.cancelWord, this.cancelIndex, 1);
    this.#rejectAll(CANCELLED);
    const generation = this.generation;
    const t0 = performance.now();
    let timer;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, CANCEL_GRACE_MS, false)));
    // Queued behind the cancelled runs: answered once they have all returned.
    const reset = this.#post({ type: Request.RESET_CANCEL }).then(() => true, () => false);
    this.ready = Promise.race([reset, grace]).then((stopped) => {
      clearTimeout(timer);
      if (generation !== this.generation) return this.ready;
      this.lastCancel = { ms: performance.now() - t0, restarted: !stopped };
      this.onCancelled?.(this.lastCancel);
      if (!stopped) {
        this.#restart();
        return this.ready;
      }
      return this.features;
    });
    this.ready.catch(() => {});
  }

  #restart() {
    this.restarts += 1;
    this.worker.terminate();
    this.#rejectAll(CANCELLED);
    this.#start();
    this.onRestart?.();
  }
}
