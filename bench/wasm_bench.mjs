// WASM side of bench/run.sh, mirroring bench/native_bench.cpp: one measurement
// per process (so maxRSS is that measurement's peak); one JSON line on stdout.
//   node bench/wasm_bench.mjs VARIANT csv FILE
//   node bench/wasm_bench.mjs VARIANT regress linear|logistic
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadVariant } from '../tests/wasm/load.js';

const [variant, what, arg] = process.argv.slice(2);
const { api, module } = await loadVariant(variant);
const memory = () => ({
  peak_rss_mb: process.resourceUsage().maxRSS / 1024, // node reports KiB
  wasm_heap_mb: module.HEAP8.length / 1048576,
});

let out;
if (what === 'csv') {
  const bytes = new Uint8Array(fs.readFileSync(arg));
  let best = Infinity;
  let rows = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const d = api.loadCsv(bytes, arg); // copy into the heap + parse + describe
    best = Math.min(best, (performance.now() - t0) / 1000);
    rows = d.rows;
    api.freeTable(d.table);
  }
  const mb = bytes.length / 1e6;
  out = { what, mb, rows, seconds: best, mb_per_s: mb / best, ...memory() };
} else if (what === 'regress') {
  const logistic = arg === 'logistic';
  const table = api.simulate('regression', { rows: 1e6, features: 20, seed: 1, logistic }).table;
  let best = Infinity;
  let result;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    result = api.run(table, 'regress', { outcome: 'y', model: arg });
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  out = {
    what, model: arg, threads: api.features().thread_count, seconds: best,
    coef: result.coefficients.map((c) => c.estimate), ...memory(),
  };
} else {
  console.error('usage: node bench/wasm_bench.mjs simd|simd-threads csv FILE | regress linear|logistic');
  process.exit(2);
}
console.log(JSON.stringify(out));
// Pthread workers keep node alive: exit explicitly.
process.exit(0);
