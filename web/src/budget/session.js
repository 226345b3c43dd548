// The tables the page plans on, one per kind of source: the simulated travel
// world (made in the worker) and the user's CSV (bytes kept, read locally). A
// new world replaces the old one only once a plan on it succeeded; a CSV that
// loaded is kept even if planning on it fails (a missing column, a bad
// probability), so fixing the offers reruns on it. After a cancel restarted
// the worker, the table is made again before the next run.

export class BudgetSession {
  constructor(client) {
    this.client = client;
    this.entries = { sim: null, local: null }; // {kind, params | bytes, source, label, table, generation, description}
  }

  async #table(entry) {
    if (entry.table == null || entry.generation !== this.client.generation) {
      const generation = this.client.generation;
      entry.description = entry.kind === 'sim' ? await this.client.simulate('travel', entry.params) : await this.client.loadCsv(entry.bytes, entry.source);
      entry.table = entry.description.table;
      entry.generation = generation;
    }
    return entry.table;
  }

  /** Runs `budget` on the table of `kind` ('sim' | 'local'). */
  async run(kind, options, onProgress) {
    const entry = this.entries[kind];
    if (!entry) throw Object.assign(new Error(kind === 'sim' ? 'no simulated world is made yet' : 'no CSV is open: pick a file'), { code: 'input' });
    return { result: await this.client.run(await this.#table(entry), 'budget', options, onProgress), entry };
  }

  /**
   * Makes the table of a new source, then plans on it. A CSV that loads
   * replaces the previous CSV even if the plan fails; a world only on success.
   */
  async open(entry, options, onProgress) {
    const previous = this.entries[entry.kind];
    try {
      await this.#table(entry);
    } catch (error) {
      this.#free(entry);
      throw error;
    }
    if (entry.kind === 'local') this.#replace(entry, previous);
    const result = await this.client.run(entry.table, 'budget', options, onProgress).catch((error) => {
      if (entry.kind === 'sim') this.#free(entry);
      throw error;
    });
    if (entry.kind === 'sim') this.#replace(entry, previous);
    return { result, entry };
  }

  #replace(entry, previous) {
    this.entries[entry.kind] = entry;
    if (previous && previous !== entry) this.#free(previous);
  }

  #free(entry) {
    if (entry?.table != null && entry.generation === this.client.generation) this.client.freeTable(entry.table).catch(() => {});
  }
}
