#!/usr/bin/env bash
# Shapley speed bars of issue 7, measured in one run (see bench/shapley_bench.cpp
# and bench/shapley_dcm.mjs for what each line times):
#  - exact Shapley for 16 ES channels on a DCM of 50 surrogates x 104 weeks:
#    the aggregation pass (100,000 customers natively; per customer in WASM)
#    and the 2^16 coalitions, native at 1 and 2 threads, WASM simd and
#    simd-threads (node);
#  - 50-player airport and weighted-voting games sampled to an SE of 1% of the total.
# Uses web/public/wasm as built by scripts/build-wasm.sh. Writes bench/out/shapley.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
cmake -S . -B build/native -G Ninja -DINCREMENTA_BENCH=ON >/dev/null
ninja -C build/native shapley_bench >/dev/null
out=bench/out/shapley.jsonl
: > "$out"
for t in 1 2; do ./build/native/shapley_bench dcm bench/out $t 100000 | tee -a "$out"; done
for v in simd simd-threads; do
  node bench/shapley_dcm.mjs web/public/wasm $v dcm bench/out/shapley_dcm_model.json bench/out/shapley_dcm_panel.csv | tee -a "$out"
done
for game in airport voting; do
  for t in 1 2; do ./build/native/shapley_bench $game 50 $t | tee -a "$out"; done
  for v in simd simd-threads; do node bench/shapley_dcm.mjs web/public/wasm $v $game 50 | tee -a "$out"; done
done
