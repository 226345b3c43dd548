// Every analysis command in both WASM variants against the native CLI on the
// same inputs: budget, uplift, Shapley and the DCM give the same numbers
// (1e-9 relative, the project's native-vs-WASM bar; only summation order may
// differ, since Eigen vectorises natively and not in WASM).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from './cli.js';
import { diffJson } from './compare.js';
import { loadVariant } from './load.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-cmd-'));
const write = (name, value) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const simulate = (world, args) => {
  const file = path.join(tmp, `${world}.csv`);
  const r = cli(['simulate', world, ...args, '--out', file]);
  assert.equal(r.status, 0, r.stderr);
  return file;
};

const travelOffers = {
  base: 'p0',
  value_per_conversion: 40,
  offers: [1, 2, 3].map((j) => ({ name: `${5 * j}%`, column: `p${5 * j}`, cost_per_conversion: 15 * j })),
};
const dcmConfig = {
  customer: 'customer', period: 'week', outcome: 'spend', surrogates: ['browse', 'orders'],
  es_surrogates: ['es_reorder', 'es_recs', 'es_qa'], features: ['x1', 'x2'], lags: 1, same_period: true, ridge: 0,
  groups: { reminders: ['es_reorder'], discovery: ['es_recs', 'es_qa'] },
};
const dcmShock = { shocks: [{ surrogates: ['es_reorder'], type: 'zero', from: 3 }] };

for (const variant of ['simd', 'simd-threads']) {
  describe(`commands in wasm ${variant}`, () => {
    let api, module;
    before(async () => ({ api, module } = await loadVariant(variant)));
    after(() => module?.PThread?.terminateAllThreads?.());
    const load = (file) => api.loadCsv(fs.readFileSync(file), file).table;

    test('budget plan and frontier match the CLI', () => {
      const data = simulate('travel', ['--rows', '4000', '--seed', '5']);
      const offers = write('offers.json', travelOffers);
      const native = cli(['budget', '--data', data, '--offers', offers, '--budget', '3000', '--roi-floor', '1.1', '--frontier', '11']);
      assert.equal(native.status, 0, native.stderr);
      const wasm = api.run(load(data), 'budget', { offers: travelOffers, budget: 3000, roi_floor: 1.1, frontier: 11 });
      assert.deepEqual(diffJson(wasm, native.json), []);
    });

    test('uplift (DR learner, estimated propensity) matches the CLI', () => {
      const data = simulate('uplift', ['--rows', '3000', '--seed', '4', '--confounding', '0.5']);
      const native = cli(['uplift', '--data', data, '--treatment', 'w', '--outcome', 'y', '--learner', 'dr',
        '--propensity', 'estimated', '--folds', '3', '--seed', '2']);
      assert.equal(native.status, 0, native.stderr);
      const wasm = api.run(load(data), 'uplift', { treatment: 'w', outcome: 'y', learner: 'dr', propensity: 'estimated', folds: 3, seed: 2 });
      assert.deepEqual(diffJson(wasm, native.json), []);
    });

    test('uplift evaluation options (cost, value, trim, truth) match the CLI', () => {
      const data = simulate('uplift', ['--rows', '3000', '--seed', '8', '--confounding', '0.8', '--truth']);
      const native = cli(['uplift', '--data', data, '--treatment', 'w', '--outcome', 'y', '--learner', 'x',
        '--propensity', 'estimated', '--folds', '3', '--cost', '0.5', '--value', '2', '--trim', '0.05',
        '--true-cate', 'true_cate']);
      assert.equal(native.status, 0, native.stderr);
      const wasm = api.run(load(data), 'uplift', {
        treatment: 'w', outcome: 'y', learner: 'x', propensity: 'estimated', folds: 3, cost: 0.5, value: 2, trim: 0.05,
        true_cate: 'true_cate',
      });
      assert.deepEqual(diffJson(wasm, native.json), []);
    });

    test('uplift causal forest and the forest base learner match the CLI', () => {
      // Tree splits are discrete: one rounding difference could move a split, so this asks for equal bits
      // in effect (1e-9 relative on every number the report derives from the forests).
      const data = simulate('uplift', ['--rows', '1500', '--seed', '6', '--features', '4']);
      for (const [learner, base] of [['causal_forest', 'linear'], ['t', 'forest']]) {
        const native = cli(['uplift', '--data', data, '--treatment', 'w', '--outcome', 'y', '--learner', learner,
          '--base', base, '--trees', '30', '--propensity', 'estimated', '--folds', '3', '--seed', '2']);
        assert.equal(native.status, 0, native.stderr);
        const wasm = api.run(load(data), 'uplift', {
          treatment: 'w', outcome: 'y', learner, base, trees: 30, propensity: 'estimated', folds: 3, seed: 2,
        });
        assert.deepEqual(diffJson(wasm, native.json), []);
      }
    });

    test('Shapley values of a game and of a coalitions table match the CLI', () => {
      const game = { type: 'airport', players: ['a', 'b', 'c', 'd', 'e'], costs: [4, 1, 7, 7, 2] };
      for (const method of ['exact', 'permutation']) {
        const native = cli(['shapley', '--game', write('game.json', game), '--method', method, '--samples', '400', '--seed', '3']);
        assert.equal(native.status, 0, native.stderr);
        const wasm = api.runStandalone('shapley', { game, method, samples: 400, seed: 3, target_se: 0 });
        assert.deepEqual(diffJson(wasm, native.json), []);
      }
      const rows = ['a,b,value'];
      for (let s = 0; s < 4; s++) rows.push(`${s & 1},${s >> 1 & 1},${[0, 10, 20, 45][s]}`);
      const csv = write('coalitions.csv', rows.join('\n') + '\n');
      const native = cli(['shapley', '--coalitions', csv]);
      assert.equal(native.status, 0, native.stderr);
      assert.deepEqual(diffJson(api.run(load(csv), 'shapley', {}), native.json), []);
    });

    test('DCM training and shock scoring match the CLI', () => {
      const panel = simulate('dcm', ['--rows', '400', '--weeks', '8', '--seed', '6']);
      const modelFile = path.join(tmp, `model-${variant}.json`);
      const train = cli(['dcm', 'train', '--panel', panel, '--config', write('config.json', dcmConfig), '--model-out', modelFile]);
      assert.equal(train.status, 0, train.stderr);
      const table = load(panel);
      const trained = api.run(table, 'dcm_train', { config: dcmConfig });
      const nativeModel = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
      assert.deepEqual(diffJson(trained.model, nativeModel), []);
      const score = cli(['dcm', 'score', '--model', modelFile, '--panel', panel, '--shock', write('shock.json', dcmShock)]);
      assert.equal(score.status, 0, score.stderr);
      assert.deepEqual(diffJson(api.run(table, 'dcm_score', { model: trained.model, shock: dcmShock }), score.json), []);
    });
  });
}
