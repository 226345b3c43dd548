// WASM side of bench/dcm_scale.sh: the DCM speed bar (100,000 customers x 104
// weeks x 50 surrogates) in one WASM variant under node, one JSON line out.
//   node bench/dcm_scale.mjs simd|simd-threads [customers weeks surrogates es]
// Training streams the wide simulated world block by block into the sufficient
// statistics (the panel is never held); peak memory = node's max RSS and the
// WASM heap size after the run.
import { performance } from 'node:perf_hooks';
import { loadVariant } from '../tests/wasm/load.js';

const [variant = 'simd', customers = '100000', weeks = '104', surrogates = '50', es = '10'] = process.argv.slice(2);
const { api, module } = await loadVariant(variant);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = api.runStandalone('dcm_scale', { customers: Number(customers), weeks: Number(weeks), surrogates: Number(surrogates), es: Number(es), seed: 1, measure_generation: true });
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
delete r.definitions;
console.log(JSON.stringify({
  build: variant,
  ...r,
  wall_seconds: wall,
  cpu_seconds: (cpu.user + cpu.system) / 1e6, // every thread of this process: fair on a shared machine
  peak_rss_mb: process.resourceUsage().maxRSS / 1024, // node reports KiB
  wasm_heap_mb: module.HEAP8.length / 1048576,
  heap_used_js_mb: process.memoryUsage().heapUsed / 1048576,
}));
// Pthread workers keep node alive: exit explicitly.
process.exit(0);
