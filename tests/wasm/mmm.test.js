// The mmm command (issue 15) in both WASM variants against the native CLI on
// the PyMC-Marketing example and the simulated world (1e-9 relative: every
// parameter, interval, curve and the reallocation), and at 1 vs N threads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from './cli.js';
import { diffJson } from './compare.js';
import { loadVariant, root } from './load.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-mmm-'));
const pymc = path.join(root, 'data/mmm-pymc-example/mmm_example.csv');
const world = path.join(tmp, 'world.csv');
let nativePymc, nativeWorld, nativeDiscover, nativeAugment;

before(() => {
  nativePymc = cli(['mmm', 'optimise', '--data', pymc, '--controls', 'event_1,event_2', '--bootstrap', '12', '--seed', '5',
    '--change', '10']);
  assert.equal(nativePymc.status, 0, nativePymc.stderr);
  const sim = cli(['simulate', 'mmm', '--seed', '4', '--channels', '4', '--out', world]);
  assert.equal(sim.status, 0, sim.stderr);
  nativeWorld = cli(['mmm', 'fit', '--data', world, '--kpi', 'sales', '--channels', 'tv,search,social,radio',
    '--controls', 'promo', '--adstock', 'weibull', '--saturation', 'hill', '--bootstrap', '6']);
  assert.equal(nativeWorld.status, 0, nativeWorld.stderr);
  nativeDiscover = cli(['mmm', 'discover', '--data', world, '--columns', 'sales,tv,search,social,radio,promo',
    '--outcome', 'sales', '--forbidden', 'sales->tv,sales->search', '--required', 'promo->sales']);
  assert.equal(nativeDiscover.status, 0, nativeDiscover.stderr);
  nativeAugment = cli(['mmm', 'augment', '--data', world, '--target', 'sales', '--features', 'tv,search,promo',
    '--edges', 'tv->sales,search->sales,promo->sales', '--thetas', '0,1e-6', '--seed', '3']);
  assert.equal(nativeAugment.status, 0, nativeAugment.stderr);
});

for (const variant of ['simd', 'simd-threads']) {
  describe(`mmm in wasm ${variant}`, () => {
    let api, module;
    before(async () => ({ api, module } = await loadVariant(variant)));
    after(() => module?.PThread?.terminateAllThreads?.());
    const load = (file) => api.loadCsv(fs.readFileSync(file), file).table;
    const pymcOptions = { controls: ['event_1', 'event_2'], bootstrap: 12, seed: 5,
      total: nativePymc?.json.allocation.total };

    test('PyMC example (geometric, logistic, reallocation) matches the CLI', () => {
      const wasm = api.run(load(pymc), 'mmm', { ...pymcOptions, total: nativePymc.json.allocation.total });
      assert.deepEqual(diffJson(wasm, nativePymc.json), []);
    });

    test('simulated world (Weibull, Hill) matches the CLI', () => {
      const wasm = api.run(load(world), 'mmm', { kpi: 'sales', channels: ['tv', 'search', 'social', 'radio'],
        controls: ['promo'], adstock: 'weibull', saturation: 'hill', bootstrap: 6 });
      assert.deepEqual(diffJson(wasm, nativeWorld.json), []);
    });

    test('causal discovery and augmentation match the CLI', () => {
      const table = load(world);
      const g = api.run(table, 'causal_discover', { columns: ['sales', 'tv', 'search', 'social', 'radio', 'promo'],
        outcome: 'sales', forbidden: [['sales', 'tv'], ['sales', 'search']], required: [['promo', 'sales']], alpha: 0.05,
        max_condition: 3 });
      assert.deepEqual(diffJson(g, nativeDiscover.json), []);
      const a = api.run(table, 'causal_augment', { target: 'sales', features: ['tv', 'search', 'promo'],
        edges: [['tv', 'sales'], ['search', 'sales'], ['promo', 'sales']], thetas: [0, 1e-6], seed: 3, holdout: 0.3,
        max_points: 20000 });
      assert.deepEqual(diffJson(a, nativeAugment.json), []);
    });

    test('a negative spend is a clear error, not a crash', () => {
      const csv = fs.readFileSync(pymc, 'utf8').replace(/\n2018-04-16,([^,]+),[^,]+,/, '\n2018-04-16,$1,-1,');
      const table = api.loadCsv(new TextEncoder().encode(csv), 'edited.csv').table;
      assert.throws(() => api.run(table, 'mmm', { controls: ['event_1', 'event_2'], bootstrap: 0 }),
        /edited\.csv, line 4, column 'x1'.*negative/);
    });

    if (variant === 'simd-threads') {
      test('identical bits at 1 and N threads', () => {
        const runs = [1, 4].map((n) => {
          api.setThreads(n);
          return JSON.stringify(api.run(load(pymc), 'mmm', pymcOptions));
        });
        api.setThreads(0);
        assert.equal(runs[0], runs[1]);
      });
    }
  });
}
