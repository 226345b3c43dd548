// The table the page works on, one entry per source (bundled CSV, simulated
// world, the user's CSV). The page keeps the bytes (or the world's
// parameters), so after a cancel restarted the worker the table is made
// again before the next run. A new source replaces the current one only once
// it loaded; a failing run never drops it.

export class UpliftSession {
  constructor(client) {
    this.client = client;
    this.current = null; // {kind, bytes | params, source, label, description, table, generation}
  }

  async #make(entry) {
    const generation = this.client.generation;
    entry.description = entry.kind === 'sim' ? await this.client.simulate('uplift', { ...entry.params, truth: true }) : await this.client.loadCsv(entry.bytes, entry.source);
    entry.table = entry.description.table;
    entry.generation = generation;
  }

  /** Makes `entry`'s table and makes it current; on failure the current one stays. */
  async open(entry) {
    await this.#make(entry);
    const previous = this.current;
    this.current = entry;
    if (previous && previous !== entry && previous.generation === this.client.generation) this.client.freeTable(previous.table).catch(() => {});
    return entry.description;
  }

  async run(options, onProgress) {
    const current = this.current;
    if (!current) throw Object.assign(new Error('no data is loaded'), { code: 'input' });
    if (current.generation !== this.client.generation) await this.#make(current);
    return this.client.run(current.table, 'uplift', options, onProgress);
  }
}
