// The panel the page trains on, one per kind of source: the simulated world
// (made in the worker), the bundled Online Retail panel (fetched from this
// origin once) and the user's CSV (bytes kept, read locally). After a
// cancel restarted the worker, the table is made again before the next run.
// The trained model lives on the page, so a shock edit only re-scores.
import { fetchBundled } from '../abtest/datasets.js';

/** The bundled panel (scripts/build-wasm.sh copies data/online-retail/panel.csv there). */
export const RETAIL = Object.freeze({ id: 'retail', url: '/data/online-retail-panel.csv', source: 'online-retail-panel.csv' });

export class DcmSession {
  constructor(client) {
    this.client = client;
    this.entries = { sim: null, retail: null, local: null }; // {kind, params | bytes, source, table, generation}
  }

  async table(entry) {
    if (entry.table == null || entry.generation !== this.client.generation) {
      const generation = this.client.generation;
      if (entry.kind === 'retail' && !entry.bytes) entry.bytes = await fetchBundled(RETAIL);
      const description = entry.kind === 'sim' ? await this.client.simulate('dcm', entry.params) : await this.client.loadCsv(entry.bytes, entry.source);
      entry.table = description.table;
      entry.generation = generation;
    }
    return entry.table;
  }

  /**
   * Keeps `entry` as the source of its kind; the one it replaces is freed
   * unless it is `shown` (the panel of the results on screen, still re-scored).
   */
  keep(entry, shown) {
    const previous = this.entries[entry.kind];
    this.entries[entry.kind] = entry;
    if (previous && previous !== entry && previous !== shown && previous.table != null && previous.generation === this.client.generation) this.client.freeTable(previous.table).catch(() => {});
  }

  async train(entry, config, bootstrap, onProgress) {
    return this.client.run(await this.table(entry), 'dcm_train', { config, bootstrap, seed: 1 }, onProgress);
  }

  async score(entry, model, shock) {
    return this.client.run(await this.table(entry), 'dcm_score', { model, shock });
  }

  /** The simulated world's true value of `shock` (the world is simulated again, with and without it). */
  async truth(params, shock) {
    return this.client.runStandalone('dcm_truth', { ...params, shock });
  }
}
