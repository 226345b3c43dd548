// The segmentation room's speed bar (issue 14): the full segment command on 50,000 customers x 30 features,
// K = 12 factors, C = 12 segments, 20 bootstrap refits (curves at their defaults, cate given), in WASM simd
// (1 thread) and simd-threads (2 threads) beside the native CLI (1 and 2 threads) on the same CSV and options:
// wall and CPU ms and the ratio to native at the same thread count. Bar: < 5 s in the browser (simd-threads).
//   node bench/segment_bar.mjs [rows=50000]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVariant, root } from '../tests/wasm/load.js';

const rows = Number(process.argv[2] ?? 50000);
const cli = path.join(root, 'build/native/incrementa');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-bar-'));
const data = path.join(tmp, 'segments.csv');
fs.writeFileSync(data, execFileSync(cli, ['simulate', 'segments', '--rows', String(rows), '--features', '30', '--factors', '12',
  '--clusters', '12', '--seed', '1'], { maxBuffer: 1 << 30 }));
const features = Array.from({ length: 30 }, (_, j) => `f${j + 1}`);
const options = { features, factors: 12, clusters: 12, bootstrap: 20, cate: 'cate' };
const args = ['segment', '--data', data, '--features', features.join(','), '--factors', '12', '--clusters', '12',
  '--bootstrap', '20', '--cate', 'cate'];
const out = [];
for (const threads of [1, 2]) {
  // /usr/bin/time: the child's wall and CPU seconds (user + system); the process includes reading the CSV.
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cli, '--threads', String(threads), ...args], { maxBuffer: 1 << 30 });
  const [e, u, s] = r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  out.push({ build: `native ${threads} thread${threads > 1 ? 's' : ''} (process incl. CSV)`, threads, wall: e * 1000,
    cpu: (u + s) * 1000 });
}
for (const [variant, threads] of [['simd', 1], ['simd-threads', 2]]) {
  if (!fs.existsSync(path.join(root, `web/public/wasm/incrementa-${variant}.wasm`))) {
    console.error(`(wasm ${variant} not built: bash scripts/build-wasm.sh)`);
    continue;
  }
  const { api, module } = await loadVariant(variant);
  if (api.setThreads) api.setThreads(threads);
  const table = api.loadCsv(fs.readFileSync(data), 'segments.csv').table;
  for (const call of ['first', 'second']) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    api.run(table, 'segment', options);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    out.push({ build: `wasm ${variant} ${threads} thread${threads > 1 ? 's' : ''} (${call} call)`, threads, wall,
      cpu: (c.user + c.system) / 1000 });
  }
  module.PThread?.terminateAllThreads?.();
}
const native = Object.fromEntries(out.filter((o) => o.build.startsWith('native')).map((o) => [o.threads, o.wall]));
console.log(`segment, ${rows} x 30, K = C = 12, 20 refits (bar: < 5 s in the browser, simd-threads)`);
for (const o of out) {
  console.log(`${o.build.padEnd(42)} ${o.wall.toFixed(0).padStart(7)} ms wall ${o.cpu.toFixed(0).padStart(7)} ms cpu  ` +
    `${(o.wall / native[o.threads]).toFixed(2)}x native at ${o.threads} thread${o.threads > 1 ? 's' : ''}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
