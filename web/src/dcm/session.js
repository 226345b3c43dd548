// The panels the page trains on (kit TableSources: the simulated world, the bundled Online Retail panel,
// the user's CSV) and the three engine calls on them. The trained model lives on the page, so a shock
// edit only re-scores it (the core needs the panel's period totals, not a refit).
import { TableSources } from '../kit/sources.js';

/** The bundled panel (scripts/build-wasm.sh copies data/online-retail/panel.csv there). */
export const RETAIL = Object.freeze({ url: '/data/online-retail-panel.csv', source: 'online-retail-panel.csv' });

export const simEntry = (params) => ({ kind: 'sim', world: 'dcm', params, source: 'dcm' });
export const retailEntry = () => ({ kind: 'retail', url: RETAIL.url, source: RETAIL.source });
export const localEntry = (bytes, source) => ({ kind: 'local', bytes, source });

export class DcmSession extends TableSources {
  async train(entry, config, bootstrap, onProgress) {
    return this.run(entry, 'dcm_train', { config, bootstrap, seed: 1 }, onProgress);
  }

  async score(entry, model, shock) {
    return this.run(entry, 'dcm_score', { model, shock });
  }

  /** The simulated world's true value of `shock` (the world is simulated again, with and without it). */
  async truth(params, shock) {
    return this.client.runStandalone('dcm_truth', { ...params, shock });
  }
}
