// The tables a page works on, one per source kind ('sim', 'bundled', 'local', …), replacing the five
// per-page session classes. An entry says how its table is made — a simulated world's parameters, a
// bundled file's URL, or a user's CSV bytes (read locally, never uploaded) — so after a cancel restarted
// the worker its table is made again before the next run. A new source replaces the old one of its kind
// only when the page says it may: once it loaded ('load'), or once a run on it succeeded ('success');
// either way a failing run never loses the source on screen.
import { fetchBundled } from './files.js';

/**
 * @typedef {{kind: string, label?: string, source?: string, bytes?: Uint8Array, url?: string,
 *            world?: string, params?: object, table?: number, generation?: number, description?: object}} Entry
 */
export class TableSources {
  constructor(client) {
    this.client = client;
    /** @type {Record<string, Entry>} */
    this.entries = {};
  }

  get(kind) {
    return this.entries[kind] ?? null;
  }

  /** The entry's table handle in the current worker (made, or made again after a restart). */
  async table(entry) {
    if (entry.table != null && entry.generation === this.client.generation) return entry.table;
    // Two requests while the table is still being made share the one making it (no second load).
    if (entry.making?.generation !== this.client.generation) {
      const making = this.#make(entry);
      making.generation = this.client.generation;
      entry.making = making;
      making.catch(() => {}).finally(() => { if (entry.making === making) entry.making = null; });
    }
    return entry.making;
  }

  async #make(entry) {
    if (!entry.world && !entry.bytes && entry.url) entry.bytes = await fetchBundled({ url: entry.url, source: entry.source });
    const generation = this.client.generation;
    entry.description = entry.world ? await this.client.simulate(entry.world, entry.params ?? {}) : await this.client.loadCsv(entry.bytes, entry.source);
    entry.table = entry.description.table;
    entry.generation = generation;
    return entry.table;
  }

  /** Runs `command` on the table of `kind` (an entry object works too). */
  async run(kind, command, options, onProgress) {
    const entry = typeof kind === 'string' ? this.entries[kind] : kind;
    if (!entry) throw Object.assign(new Error(kind === 'local' ? 'no CSV is open: pick a file' : 'no data is loaded yet'), { code: 'input' });
    return this.client.run(await this.#current(entry), command, options, onProgress);
  }

  /**
   * Makes `entry`'s table, runs `command` on it when given, and keeps it as the source of its kind
   * per `replace`: 'load' (keep once it loaded, even if the run fails) or 'success' (only if the run
   * succeeded). Returns {entry, result}.
   */
  async open(entry, { command, options, onProgress, replace = 'success' } = {}) {
    try {
      await this.#current(entry);
    } catch (error) {
      this.#free(entry);
      throw error;
    }
    if (replace === 'load' || !command) this.keep(entry);
    if (!command) return { entry, result: null };
    let result;
    try {
      result = await this.client.run(entry.table, command, options, onProgress);
    } catch (error) {
      if (this.entries[entry.kind] !== entry) this.#free(entry);
      throw error;
    }
    this.keep(entry);
    return { entry, result };
  }

  /**
   * The table in the worker that will run the next request: a Cancel while the table was being made
   * (or a fresh worker, which knows no handle of the old one) is a cancellation, not an error.
   */
  async #current(entry) {
    const generation = this.client.generation;
    const cancels = this.client.cancels;
    const table = await this.table(entry);
    if (generation !== this.client.generation || cancels !== this.client.cancels) throw Object.assign(new Error('The analysis was cancelled.'), { code: 'cancelled' });
    return table;
  }

  /** Makes `entry` the source of its kind; the one it replaces is freed unless it is `shown`. */
  keep(entry, shown = null) {
    const previous = this.entries[entry.kind];
    this.entries[entry.kind] = entry;
    if (previous && previous !== entry && previous !== shown) this.#free(previous);
  }

  #free(entry) {
    if (entry?.table != null && entry.generation === this.client.generation) this.client.freeTable(entry.table).catch(() => {});
  }
}
