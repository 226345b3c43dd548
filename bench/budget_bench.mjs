// Budget planning speed (issue 5), WASM side of bench/budget_bench.cpp (same
// world, options and timing: the whole `budget` command, best of 3).
//   node bench/budget_bench.mjs MODULE_DIR VARIANT ROWS LEVELS FRONTIER
// MODULE_DIR holds incrementa-VARIANT.mjs/.wasm (e.g. build/wasm-simd or web/public/wasm).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadVariant } from '../tests/wasm/load.js';

const [dir, variant = 'simd', rows = '1000000', levels = '5', frontier = '101'] = process.argv.slice(2);
const { module } = await loadVariant(variant, path.resolve(dir));
const unwrap = (text) => {
  const e = JSON.parse(text);
  if (!e.ok) throw new Error(`${e.code}: ${e.message}`);
  return e.result;
};
const n = Number(rows), m = Number(levels);
const table = unwrap(module._simulate('travel', JSON.stringify({ rows: n, levels: m, seed: 1 }))).table;
const offers = [];
for (let j = 1; j <= m; j++) offers.push({ name: `${5 * j}%`, column: `p${5 * j}`, cost_per_conversion: 15 * j });
const options = JSON.stringify({
  offers: { base: 'p0', value_per_conversion: 40, offers },
  budget: 0.02 * n, roi_floor: 1.0, frontier: Number(frontier),
});
let best = Infinity;
let r;
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  r = unwrap(module._run(table, 'budget', options, null));
  best = Math.min(best, (performance.now() - t0) / 1000);
}
console.log(JSON.stringify({
  what: 'budget', build: `wasm-${variant}`, rows: n, offers: m, frontier: Number(frontier), seconds: best,
  path_steps: r.path_steps, objective_value: r.plan.objective_value, lp_bound: r.lp_bound.objective_value,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024, wasm_heap_mb: module.HEAP8.length / 1048576,
}));
process.exit(0);
