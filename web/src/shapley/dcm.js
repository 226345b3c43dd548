// The DCM game: a Dynamic Causal Model trained here on the simulated ES world
// (the worker simulates the panel, then `dcm_train`), or the user's model
// JSON (from `incrementa dcm train --model-out` or the DCM page's download)
// with the panel CSV it was trained on. The Shapley run is `shapley` with
// {dcm_model, players} on the panel table. A trained model and the panel stay
// here, so a change of method or players only re-runs Shapley. A new file pair
// becomes current only once a run on it succeeded.
import { readLocalFile } from '../kit/files.js';
import { WORLD_CONFIG } from '../dcm/config.js';

export const DCM_NOTE =
  'v(S) = total outcome (spend summed over all customers and weeks) with only the channels in S active, minus the total with none of them active. ' +
  'Inactive: the channel’s ES surrogates set to 0 every week and the change propagated through the fitted model, each customer’s noise held fixed.';

export const SIM_DEFAULTS = Object.freeze({ customers: '2000', weeks: '26', seed: '1' });

const inputError = (message) => Object.assign(new Error(message), { code: 'input' });

/** The simulated world's parameters from their fields, or an error naming the field. */
export function simParams(raw) {
  const out = {};
  for (const [key, label, min, max] of [
    ['customers', 'Customers', 50, 200000],
    ['weeks', 'Weeks', 3, 520],
    ['seed', 'Seed', 0, 2 ** 31],
  ]) {
    const text = String(raw[key] ?? '').trim();
    const x = Number(text);
    if (text === '' || !Number.isInteger(x) || x < min || x > max) throw inputError(`${label} must be a whole number from ${min} to ${max} (got '${text}').`);
    out[key] = x;
  }
  return out;
}

export class DcmGameSession {
  constructor(client) {
    this.client = client;
    this.sim = null; // {key, params, table, generation, model}
    this.files = null; // {modelName, panelName, model, bytes, table, generation}
  }

  async #table(entry, make) {
    if (entry.table == null || entry.generation !== this.client.generation) {
      const generation = this.client.generation;
      entry.table = (await make()).table;
      entry.generation = generation;
    }
    return entry.table;
  }

  #free(entry) {
    if (entry?.table != null && entry.generation === this.client.generation) this.client.freeTable(entry.table).catch(() => {});
  }

  /** Shapley on the simulated world's DCM (simulated and trained on first use, or when the parameters change). */
  async runSim(params, options, onProgress) {
    const key = JSON.stringify(params);
    const entry = this.sim?.key === key ? this.sim : { key, params, table: null, generation: -1, model: null };
    const table = await this.#table(entry, () => this.client.simulate('dcm', params));
    if (!entry.model) entry.model = (await this.client.run(table, 'dcm_train', { config: WORLD_CONFIG, bootstrap: 0, seed: 1 }, onProgress)).model;
    const result = await this.client.run(table, 'shapley', { ...options, dcm_model: entry.model }, onProgress);
    if (this.sim !== entry) {
      this.#free(this.sim);
      this.sim = entry;
    }
    return result;
  }

  /** Shapley on the user's model and panel: `files` = {model: File, panel: File} for a new pair, or null for the current one. */
  async runFiles(files, options, onProgress) {
    let entry = this.files;
    if (files) {
      const text = new TextDecoder().decode(await readLocalFile(files.model));
      let model;
      try {
        model = JSON.parse(text);
      } catch (error) {
        throw inputError(`${files.model.name} is not valid JSON (${error.message}); pick the model file written by 'incrementa dcm train --model-out' or the DCM page's download.`);
      }
      entry = { modelName: files.model.name, panelName: files.panel.name, model, bytes: await readLocalFile(files.panel), table: null, generation: -1 };
    }
    if (!entry) throw inputError('Pick a model JSON file and the panel CSV it was trained on.');
    try {
      const table = await this.#table(entry, () => this.client.loadCsv(entry.bytes, entry.panelName));
      const result = await this.client.run(table, 'shapley', { ...options, dcm_model: entry.model }, onProgress);
      if (this.files !== entry) {
        this.#free(this.files);
        this.files = entry;
      }
      return result;
    } catch (error) {
      if (entry !== this.files) this.#free(entry);
      throw error;
    }
  }
}
