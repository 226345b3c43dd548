// WASM side of bench/forest_run.sh: the causal forest on a simulated CSV, one
// measurement per process (maxRSS is its own peak); one JSON line on stdout.
//   node bench/forest_bench.mjs VARIANT FILE TREES
// Times the uplift command only (the CSV is parsed before the clock starts),
// and scores the out-of-bag CATE against the file's true_cate column.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadVariant } from '../tests/wasm/load.js';

const [variant, file, trees] = process.argv.slice(2);
const { api, module } = await loadVariant(variant);
const bytes = new Uint8Array(fs.readFileSync(file));
const { table } = api.loadCsv(bytes, file);
const t0 = performance.now();
const result = api.run(table, 'uplift', {
  treatment: 'w', control: '0', outcome: 'y', exclude: ['true_cate', 'true_propensity'],
  learner: 'causal_forest', trees: Number(trees), propensity: 'estimated', return_predictions: true,
});
const seconds = (performance.now() - t0) / 1000;

// The true CATE: the true_cate column that `simulate uplift --truth` writes.
const lines = new TextDecoder().decode(bytes).trim().split('\n');
const col = lines[0].split(',').indexOf('true_cate');
const cate = result.predictions.cate;
let sq = 0;
for (let i = 1; i < lines.length; i++) {
  const d = cate[i - 1] - Number(lines[i].split(',')[col]);
  sq += d * d;
}
console.log(JSON.stringify({
  build: variant, threads: api.features().thread_count, rows: lines.length - 1, trees: Number(trees), seconds,
  sqrt_pehe: Math.sqrt(sq / (lines.length - 1)),
  peak_rss_mb: process.resourceUsage().maxRSS / 1024, wasm_heap_mb: module.HEAP8.length / 1048576,
}));
process.exit(0);
