#!/usr/bin/env bash
# The DCM speed bar of issue 6 in one run: a wide simulated world (default
# 100,000 customers x 104 weeks x 50 surrogates, 10 of them ES) streamed
# customer block by block into the sufficient statistics (read once, never
# held), every (week, target) equation fitted, and one shock scored on the
# period totals. Native at 1 and 2 threads (peak memory from /usr/bin/time -v)
# and WASM simd / simd-threads under node (max RSS and WASM heap), one JSON
# line each into bench/out/dcm_scale.jsonl, then a table. cpu_s is the whole
# process's CPU time (generation, statistics, fits; the same work on 1 or 2
# threads), the fair figure on a shared machine; the wall-clock seconds depend
# on what else runs.
#   bash bench/dcm_scale.sh [customers weeks surrogates es] [--cli PATH]
# The WASM modules are used as built (web/public/wasm, scripts/build-wasm.sh);
# the native CLI defaults to build/native/incrementa.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/native/incrementa
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cli) cli="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
customers=${args[0]:-100000}; weeks=${args[1]:-104}; surrogates=${args[2]:-50}; es=${args[3]:-10}
out=bench/out
mkdir -p "$out"
raw=$out/dcm_scale.jsonl
: > "$raw"
for t in 1 2; do
  /usr/bin/time -v "$cli" --threads $t dcm scale --customers "$customers" --weeks "$weeks" --surrogates "$surrogates" --es "$es" \
    --measure-generation > "$out/dcm_scale_native.json" 2> "$out/dcm_scale_time.txt"
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2 / 1024}' "$out/dcm_scale_time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$out/dcm_scale_time.txt")
  node -e "const r = JSON.parse(require('fs').readFileSync('$out/dcm_scale_native.json', 'utf8')); delete r.definitions;
    console.log(JSON.stringify({ build: 'native', ...r, peak_rss_mb: $rss, cpu_seconds: $cpu }))" >> "$raw"
done
for v in simd simd-threads; do
  node bench/dcm_scale.mjs $v "$customers" "$weeks" "$surrogates" "$es" >> "$raw"
done
node -e "
const rows = require('fs').readFileSync('$raw', 'utf8').trim().split('\n').map(JSON.parse);
const native = Object.fromEntries(rows.filter((r) => r.build === 'native').map((r) => [r.threads, r]));
const f = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
console.log('build         threads  train_s  (stream_s  fit_s  generate_s)  score_ms  cpu_s(process)  peak_MB  wasm_heap_MB  train/native(same threads)  incremental');
for (const r of rows) {
  const n = native[r.threads] ?? native[1];
  console.log([r.build.padEnd(13), String(r.threads).padStart(7), f(r.train_seconds).padStart(8), ' (' + f(r.stream_seconds).padStart(8), f(r.fit_seconds).padStart(6), f(r.generate_seconds).padStart(10) + ')', f(r.score_seconds * 1000, 3).padStart(9), f(r.cpu_seconds, 1).padStart(14), f(r.peak_rss_mb, 0).padStart(8), f(r.wasm_heap_mb, 0).padStart(13), f(r.train_seconds / n.train_seconds).padStart(27), r.incremental.toPrecision(10)].join('  '));
}
"
