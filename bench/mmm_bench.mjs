// The marketing-mix bar: a full fit of 208 weeks x 5 channels with block-bootstrap intervals (Robyn's
// simulated data, 200 refits) in each WASM variant, beside the native CLI on the same options, as ratios
// measured in one run. Also the largest cost of the page's what-if: nothing in the core (it is JS), so it is
// measured by tests/web/mmm-model.test.js and the browser suite.
//   node bench/mmm_bench.mjs [bootstrap=200]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadVariant, root } from '../tests/wasm/load.js';

const bootstrap = Number(process.argv[2] ?? 200);
const data = path.join(root, 'data/mmm-robyn/dt_simulated_weekly.csv');
const options = { kpi: 'revenue', date: 'DATE', channels: ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'],
  controls: ['competitor_sales_B', 'events', 'newsletter'], bootstrap };
const cli = path.join(root, 'build/native/incrementa');
const args = ['mmm', 'fit', '--data', data, '--kpi', 'revenue', '--date', 'DATE', '--channels', options.channels.join(','),
  '--controls', options.controls.join(','), '--bootstrap', String(bootstrap)];
const timeNative = (threads) => {
  const t0 = performance.now();
  execFileSync(cli, ['--threads', String(threads), ...args], { maxBuffer: 1 << 28 });
  return performance.now() - t0;
};
const rows = [];
for (const threads of [1, 2]) rows.push({ build: `native (${threads} thread${threads > 1 ? 's' : ''}, process incl. CSV)`, ms: Math.min(timeNative(threads), timeNative(threads)) });
for (const variant of ['simd', 'simd-threads']) {
  const { api, module } = await loadVariant(variant);
  const table = api.loadCsv(fs.readFileSync(data), 'robyn.csv').table;
  const times = [];
  for (let i = 0; i < 3; ++i) {
    const t0 = performance.now();
    api.run(table, 'mmm', options);
    times.push(performance.now() - t0);
  }
  rows.push({ build: `wasm ${variant} (first call, cold JIT)`, ms: times[0] });
  rows.push({ build: `wasm ${variant} (best of the next 2)`, ms: Math.min(times[1], times[2]) });
  module.PThread?.terminateAllThreads?.();
}
const base = rows[0].ms;
console.log(`mmm fit, Robyn 208 weeks x 5 channels, ${bootstrap} bootstrap refits (bar: < 10 s in the browser)`);
for (const r of rows) console.log(`${r.build.padEnd(44)} ${r.ms.toFixed(0).padStart(6)} ms  ${(r.ms / base).toFixed(2)}x native 1 thread`);
process.exit(0);
