// Both WASM variants against the native CLI on the same inputs: the same
// numbers (1e-9 relative: the only differences allowed are summation-order
// rounding, since Eigen has SIMD kernels natively but not in WASM), the same
// error messages, and identical bits at 1 and N threads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli } from './cli.js';
import { diffJson } from './compare.js';
import { loadVariant, root } from './load.js';

const hillstrom = path.join(root, 'data/hillstrom/hillstrom.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-wasm-'));

const badCsvs = {
  'ragged.csv': 'arm,y\nA,1\nB\n',
  'unterminated.csv': 'arm,y\nA,"1\nB,2\n',
  'textnum.csv': 'arm,y\nA,1\nB,2\nA,oops\nB,3\n',
  'empty.csv': '',
};

for (const variant of ['simd', 'simd-threads']) {
  describe(`wasm ${variant}`, () => {
    let api, module;
    before(async () => ({ api, module } = await loadVariant(variant)));
    after(() => module?.PThread?.terminateAllThreads?.());

    test('reports its build features', () => {
      const f = api.features();
      assert.equal(f.platform, 'wasm');
      assert.equal(f.simd, true);
      assert.equal(f.threads, variant === 'simd-threads');
    });

    test('abtest on Hillstrom matches the native CLI', () => {
      const t = api.loadCsv(fs.readFileSync(hillstrom), hillstrom);
      for (const outcome of ['visit', 'spend']) {
        const opts = { arm: 'segment', control: 'No E-Mail', outcome, covariate: 'history' };
        const wasm = api.run(t.table, 'abtest', opts);
        const native = cli(['abtest', '--data', hillstrom, '--arm', 'segment', '--control', 'No E-Mail',
          '--outcome', outcome, '--covariate', 'history']);
        assert.equal(native.status, 0, native.stderr);
        assert.deepEqual(diffJson(wasm, native.json), []);
      }
      api.freeTable(t.table);
    });

    test('regressions on a simulated world match the native CLI', () => {
      const csv = path.join(tmp, `world-${variant}.csv`);
      const sim = cli(['simulate', 'regression', '--rows', '20000', '--features', '6', '--seed', '7', '--logistic', '--out', csv]);
      assert.equal(sim.status, 0, sim.stderr);
      const t = api.simulate('regression', { rows: 20000, features: 6, seed: 7, logistic: true });
      const fromFile = api.loadCsv(fs.readFileSync(csv), csv);
      for (const model of ['linear', 'logistic']) {
        const native = cli(['regress', '--data', csv, '--outcome', 'y', '--model', model]);
        assert.equal(native.status, 0, native.stderr);
        // The world simulated inside WASM is the same data as the CSV the CLI wrote.
        assert.deepEqual(diffJson(api.run(t.table, 'regress', { outcome: 'y', model }).coefficients, native.json.coefficients), []);
        assert.deepEqual(diffJson(api.run(fromFile.table, 'regress', { outcome: 'y', model }), native.json), []);
      }
    });

    test('bad CSVs give the same message as the CLI, naming the line', () => {
      for (const [name, text] of Object.entries(badCsvs)) {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, text);
        let wasmError;
        try {
          const t = api.loadCsv(fs.readFileSync(file), file);
          api.run(t.table, 'abtest', { arm: 'arm', outcome: 'y' });
        } catch (e) {
          wasmError = e;
        }
        assert.ok(wasmError, `${name}: no error from wasm`);
        assert.equal(wasmError.name, 'IncrementaError');
        const native = cli(['abtest', '--data', file, '--arm', 'arm', '--outcome', 'y']);
        assert.notEqual(native.status, 0);
        assert.equal(native.stderr.trim(), `incrementa: ${wasmError.message}`);
        if (name !== 'empty.csv') assert.match(wasmError.message, /line \d+/);
      }
    });

    test('unknown columns and options are reported, not ignored', () => {
      const t = api.loadCsv(fs.readFileSync(hillstrom), 'hillstrom.csv');
      assert.throws(() => api.run(t.table, 'abtest', { arm: 'segment', outcome: 'nope' }),
        (e) => e.code === 'input' && /no column named 'nope'/.test(e.message));
      assert.throws(() => api.run(t.table, 'abtest', { arm: 'segment', outcome: 'visit', alpah: 0.1 }),
        (e) => e.code === 'config' && /unknown option 'alpah'/.test(e.message));
      assert.throws(() => api.run(t.table, 'nosuch', {}), (e) => e.code === 'config');
    });

    if (variant === 'simd-threads') {
      test('identical bits at 1 and N threads', () => {
        const t = api.simulate('regression', { rows: 50000, features: 8, seed: 3, logistic: true });
        const results = [1, 2, 4].map((n) => {
          api.setThreads(n);
          return api.run(t.table, 'regress', { outcome: 'y', model: 'logistic' });
        });
        api.setThreads(0);
        assert.deepEqual(results[1], results[0]);
        assert.deepEqual(results[2], results[0]);
      });
    }
  });
}
