// Reads the JSON lines of one bench/run.sh run, prints one table with the
// wasm/native ratios of that run, checks that every build found the same
// coefficients (1e-9 relative), and writes bench/out/results.json.
import fs from 'node:fs';

const [rawPath, outPath] = process.argv.slice(2);
const rows = fs.readFileSync(rawPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const find = (build, what, model, threads) =>
  rows.find((r) => r.build === build && r.what === what && (model === undefined || r.model === model) &&
    (threads === undefined || r.threads === threads));

const fmt = (x, d = 3) => (x === undefined ? '-' : x.toFixed(d));
const lines = [];
const table = [];
const add = (task, build, r, base, unit) => {
  const value = unit === 'MB/s' ? r?.mb_per_s : r?.seconds;
  // Ratio as "times slower than native" for both units.
  const ratio = r && base ? (unit === 'MB/s' ? base.mb_per_s / r.mb_per_s : r.seconds / base.seconds) : undefined;
  table.push({ task, build, threads: r?.threads ?? null, value: value ?? null, unit, slowdown_vs_native: ratio ?? null,
    peak_rss_mb: r?.peak_rss_mb ?? null, wasm_heap_mb: r?.wasm_heap_mb ?? null });
  lines.push([task, build, r?.threads ?? '', fmt(value, unit === 'MB/s' ? 1 : 3), unit, ratio === undefined ? '' : fmt(ratio, 2) + 'x',
    fmt(r?.peak_rss_mb, 0), r?.wasm_heap_mb === undefined ? '' : fmt(r.wasm_heap_mb, 0)]);
};

const csvNative = find('native', 'csv');
add(`csv parse ${fmt(csvNative?.mb, 0)} MB`, 'native', csvNative, csvNative, 'MB/s');
add('', 'wasm simd', find('simd', 'csv'), csvNative, 'MB/s');
add('', 'wasm simd-threads', find('simd-threads', 'csv'), csvNative, 'MB/s');
for (const model of ['linear', 'logistic']) {
  const base = find('native', 'regress', model, 1);
  add(`${model === 'linear' ? 'OLS' : 'logistic'} 1e6 x 20`, 'native', base, base, 's');
  add('', 'native', find('native', 'regress', model, 2), base, 's');
  add('', 'wasm simd', find('simd', 'regress', model), base, 's');
  add('', 'wasm simd-threads', find('simd-threads', 'regress', model), base, 's');
}

const header = ['task', 'build', 'thr', 'value', 'unit', 'vs native', 'peak RSS MB', 'wasm heap MB'];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const show = (l) => l.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(show(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
lines.forEach((l) => console.log(show(l)));
console.log('("vs native": time ratio, >1 = slower than native 1 thread; CSV = parse + describe, best of 3)');

// Same coefficients everywhere: max relative difference against native 1 thread.
const agreement = {};
for (const model of ['linear', 'logistic']) {
  const base = find('native', 'regress', model, 1)?.coef;
  let worst = 0;
  for (const r of rows.filter((x) => x.what === 'regress' && x.model === model)) {
    r.coef.forEach((c, j) => {
      worst = Math.max(worst, Math.abs(c - base[j]) / Math.max(Math.abs(base[j]), 1e-300));
    });
  }
  agreement[model] = { max_rel_diff: worst, within_1e9: worst <= 1e-9 };
  console.log(`${model}: coefficients across all builds and thread counts: max relative difference ${worst.toExponential(2)} ` +
    (worst <= 1e-9 ? '(within 1e-9: OK)' : '(EXCEEDS 1e-9)'));
}
fs.writeFileSync(outPath, JSON.stringify({ table, agreement, raw: rows }, null, 2) + '\n');
if (!Object.values(agreement).every((a) => a.within_1e9)) process.exit(1);
