// The uplift page's quick first fit (T-learner, Hillstrom, no predictions, no RATE bootstrap) as the first
// call on a fresh module, as in a cold tab: wall and CPU time, with every arm or only the arm shown
// (`arms`). Most of a first call is V8's JIT warm-up (Liftoff code, lazy compilation), so fewer arms on the
// first fit is what shortens the cold load.
//   node bench/uplift_first_fit.mjs [simd|simd-threads] ["Mens E-Mail"]
import fs from 'node:fs';
import path from 'node:path';
import { loadVariant, root } from '../tests/wasm/load.js';

const [variant = 'simd', arm] = process.argv.slice(2);
const { api, module } = await loadVariant(variant);
const table = api.loadCsv(fs.readFileSync(path.join(root, 'data/hillstrom/hillstrom.csv')), 'hillstrom.csv').table;
const features = ['recency', 'history_segment', 'history', 'mens', 'womens', 'zip_code', 'newbie', 'channel'];
const options = { treatment: 'segment', control: 'No E-Mail', outcome: 'visit', features, learner: 't',
  return_predictions: false, rate_replicates: 0, ...(arm ? { arms: [arm] } : {}) };
for (const call of ['first', 'second']) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  api.run(table, 'uplift', options);
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ bench: 'uplift_first_fit', variant, arms: arm ?? 'all', call,
    wall_ms: Math.round(performance.now() - t0), cpu_ms: Math.round((cpu.user + cpu.system) / 1000) }));
}
module.PThread?.terminateAllThreads?.();
process.exit(0);
