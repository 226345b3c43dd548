#!/usr/bin/env bash
# Benchmarks, all measured in this one run so the ratios compare like with like:
# CSV parsing (MB/s) and OLS / logistic regression on 1e6 x 20 (seconds),
# native (1 and 2 threads) vs WASM simd vs WASM simd-threads, with peak memory.
# Prints one table and writes bench/out/results.json. The WASM modules are used
# as built (web/public/wasm); pass --rebuild-wasm to run scripts/build-wasm.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"

cmake -S . -B build/native -G Ninja -DINCREMENTA_BENCH=ON >/dev/null
ninja -C build/native incrementa native_bench >/dev/null
if [ "${1:-}" = "--rebuild-wasm" ]; then bash scripts/build-wasm.sh; fi
for v in simd simd-threads; do
  [ -f web/public/wasm/incrementa-$v.wasm ] || { echo "missing web/public/wasm/incrementa-$v.wasm: run scripts/build-wasm.sh" >&2; exit 1; }
done
if [ -n "$(find src bindings -newer web/public/wasm/incrementa-simd.wasm -name '*.[ch]pp' | head -1)" ]; then
  echo "note: src/ or bindings/ changed since the WASM build (use --rebuild-wasm to refresh it)" >&2
fi

# ~100 MB CSV: 250,000 rows x 21 numbers in shortest round-trip form.
csv=$out/bench_250k_x20.csv
[ -f "$csv" ] || ./build/native/incrementa simulate regression --rows 250000 --features 20 --seed 1 --out "$csv"

raw=$out/raw.jsonl
: > "$raw"
tag() { sed "s/^{/{\"build\":\"$1\",/" >> "$raw"; }
echo "running (about 2-3 minutes)..." >&2
./build/native/native_bench csv "$csv" | tag native
for v in simd simd-threads; do node bench/wasm_bench.mjs $v csv "$csv" | tag $v; done
for model in linear logistic; do
  for t in 1 2; do ./build/native/native_bench regress $model $t | tag native; done
  for v in simd simd-threads; do node bench/wasm_bench.mjs $v regress $model | tag $v; done
done
node bench/report.mjs "$raw" "$out/results.json"
