// The coalitions CSV the page works on. A new CSV becomes current only once a
// run on it has succeeded, so a bad file (a missing coalition) leaves the
// previous game and its results in place. The bytes are kept: after a cancel
// restarted the worker, the table is loaded again before the next run.

export class CoalitionSession {
  constructor(client) {
    this.client = client;
    this.current = null; // {bytes, source, label, table, generation}
  }

  async #table(entry) {
    if (entry.table == null || entry.generation !== this.client.generation) {
      const generation = this.client.generation;
      entry.table = (await this.client.loadCsv(entry.bytes, entry.source)).table;
      entry.generation = generation;
    }
    return entry.table;
  }

  /** Runs on the current CSV. */
  async run(options, onProgress) {
    if (!this.current) throw Object.assign(new Error('no coalitions CSV is loaded'), { code: 'input' });
    return this.client.run(await this.#table(this.current), 'shapley', options, onProgress);
  }

  /** Loads and runs a new CSV; it replaces the current one only if both succeed. */
  async tryOpen(bytes, source, label, options, onProgress) {
    const entry = { bytes, source, label, table: null, generation: -1 };
    try {
      const result = await this.client.run(await this.#table(entry), 'shapley', options, onProgress);
      const previous = this.current;
      this.current = entry;
      this.#free(previous);
      return result;
    } catch (error) {
      this.#free(entry);
      throw error;
    }
  }

  #free(entry) {
    if (entry?.table != null && entry.generation === this.client.generation) this.client.freeTable(entry.table).catch(() => {});
  }
}
