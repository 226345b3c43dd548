// The table the page works on. The page keeps the CSV bytes so that, after a
// cancel restarts the worker (and its tables are gone), the table is loaded
// again transparently before the next run.

export class TableSession {
  constructor(client) {
    this.client = client;
    this.current = null; // {bytes, source, label, description, table, generation}
  }

  /** Loads a new CSV; on failure (bad CSV) the current table stays as it was. */
  async open(bytes, source, label) {
    const generation = this.client.generation;
    const description = await this.client.loadCsv(bytes, source);
    const previous = this.current;
    this.current = { bytes, source, label, description, table: description.table, generation };
    if (previous && previous.generation === this.client.generation) this.client.freeTable(previous.table).catch(() => {});
    return description;
  }

  async run(command, options, onProgress) {
    const current = this.current;
    if (!current) throw Object.assign(new Error('no data is loaded'), { code: 'input' });
    if (current.generation !== this.client.generation) {
      const generation = this.client.generation;
      current.table = (await this.client.loadCsv(current.bytes, current.source)).table;
      current.generation = generation;
    }
    return this.client.run(current.table, command, options, onProgress);
  }
}
