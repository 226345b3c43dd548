// The segment command (issue 14) in both WASM variants against the native CLI
// on the same simulated table (1e-9 relative; K-Means labels, curves, stability
// and the policy values included), and at 1 vs N threads (identical bits).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from './cli.js';
import { diffJson } from './compare.js';
import { loadVariant } from './load.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-seg-'));
const data = path.join(tmp, 'segments.csv');
const features = Array.from({ length: 8 }, (_, j) => `f${j + 1}`);
let native, nativeExperiment;

before(() => {
  const sim = cli(['simulate', 'segments', '--rows', '1200', '--seed', '7', '--features', '8', '--factors', '3',
    '--clusters', '4', '--separation', '0.8', '--out', data]);
  assert.equal(sim.status, 0, sim.stderr);
  native = cli(['segment', '--data', data, '--features', features.join(','), '--factors', '3', '--clusters', '4',
    '--bootstrap', '4', '--seed', '3', '--cate', 'cate', '--cost', '0.2', '--value', 'outcome']);
  assert.equal(native.status, 0, native.stderr);
  nativeExperiment = cli(['segment', '--data', data, '--features', features.join(','), '--scaling', 'log_minmax',
    '--factors', '2', '--clusters', '3', '--bootstrap', '2', '--treatment', 'treatment', '--outcome', 'outcome']);
  assert.equal(nativeExperiment.status, 0, nativeExperiment.stderr);
});

for (const variant of ['simd', 'simd-threads']) {
  describe(`segment in wasm ${variant}`, () => {
    let api, module;
    before(async () => ({ api, module } = await loadVariant(variant)));
    after(() => module?.PThread?.terminateAllThreads?.());
    const load = () => api.loadCsv(fs.readFileSync(data), data).table;
    const options = { features, factors: 3, clusters: 4, bootstrap: 4, seed: 3, cate: 'cate', cost: 0.2, value: 'outcome',
      scaling: 'minmax', return_assignments: false };

    test('segment (cate, cost, value) matches the CLI', () => {
      const wasm = api.run(load(), 'segment', options);
      assert.ok(wasm.truth.ari > 0.5);
      assert.deepEqual(diffJson(wasm, native.json), []);
    });

    test('segment (experiment, log_minmax) matches the CLI', () => {
      const wasm = api.run(load(), 'segment', { features, scaling: 'log_minmax', factors: 2, clusters: 3, bootstrap: 2,
        treatment: 'treatment', outcome: 'outcome' });
      assert.deepEqual(diffJson(wasm, nativeExperiment.json), []);
    });

    if (variant === 'simd-threads') {
      test('identical bits at 1 and N threads', () => {
        const runs = [1, 4].map((n) => {
          api.setThreads(n);
          return JSON.stringify(api.run(load(), 'segment', options));
        });
        api.setThreads(0);
        assert.equal(runs[0], runs[1]);
      });
    }
  });
}
