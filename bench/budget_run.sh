#!/usr/bin/env bash
# Budget planning bars of issue 5, measured in one run:
#  - speed: the whole `budget` command (offer model, hulls, LP path, rounded
#    plan, 101-point frontier, cost risk) on the travel world, 1,000,000
#    customers x 5 offers and 64,000 x 5: native (1 and 2 threads) vs WASM simd;
#  - exactness: rounded LP plan and greedy vs the exact DP and Debian's CBC
#    (apt-get install coinor-cbc) on 20 small instances, without and with a
#    binding ROI floor.
# Uses build/wasm-simd as built (ninja -C build/wasm-simd after
# scripts/build-wasm.sh configured it). Writes bench/out/budget.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
cmake -S . -B build/native -G Ninja -DINCREMENTA_BENCH=ON >/dev/null
ninja -C build/native budget_bench >/dev/null
out=bench/out/budget.jsonl
: > "$out"
for rows in 1000000 64000; do
  for t in 1 2; do ./build/native/budget_bench $rows 5 101 $t | tee -a "$out"; done
  node bench/budget_bench.mjs build/wasm-simd simd $rows 5 101 | tee -a "$out"
done
if command -v cbc >/dev/null; then
  ./build/native/budget_bench exactness 20 300 | tail -1 | tee -a "$out"
  ./build/native/budget_bench exactness 20 300 1.0 | tail -1 | tee -a "$out"
else
  echo "cbc not installed: exactness vs CBC skipped" >&2
fi
