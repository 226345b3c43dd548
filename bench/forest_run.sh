#!/usr/bin/env bash
# The causal forest's speed, memory and accuracy on the Wager-Athey design
# (X ~ U(0,1)^p, W ~ Bernoulli(0.5), tau = s(x1) s(x2), Y = tau (W - 1/2) + 2 x3 + N(0,1)),
# 64,000 x 10 and 100,000 x 20, 200 trees plus 2 x 50 nuisance trees (grf's defaults
# for causal_forest with its Y and W forests), in one run: native at 1 and 2 threads,
# WASM simd and simd-threads (node). Native time is the whole CLI call (CSV parse and
# the uplift report included); WASM time is the run() call alone.
# Usage: bench/forest_run.sh [TREES] [--rebuild-wasm]. Writes bench/out/forest.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
trees=${1:-200}
out=bench/out
mkdir -p "$out"
ninja -C build/native incrementa >/dev/null
if [ "${2:-}" = "--rebuild-wasm" ]; then bash scripts/build-wasm.sh; fi
raw=$out/forest.jsonl
: > "$raw"
pehe() {  # predictions.csv data.csv -> sqrt(PEHE)
  python3 - "$1" "$2" <<'PY'
import csv, math, sys
p = [float(r['cate']) for r in csv.DictReader(open(sys.argv[1]))]
t = [float(r['true_cate']) for r in csv.DictReader(open(sys.argv[2]))]
print(math.sqrt(sum((a - b) ** 2 for a, b in zip(p, t)) / len(t)))
PY
}
for shape in 64000x10 100000x20; do
  rows=${shape%x*}; feats=${shape#*x}
  data=$out/wa_${shape}.csv
  [ -f "$data" ] || ./build/native/incrementa simulate uplift --rows "$rows" --features "$feats" --seed 1 --truth --out "$data"
  for t in 1 2; do
    /usr/bin/time -f '%e %M' -o "$out/time.txt" ./build/native/incrementa uplift --data "$data" --treatment w \
      --control 0 --outcome y --exclude true_cate,true_propensity --learner causal_forest --trees "$trees" \
      --propensity estimated --threads "$t" --predict-out "$out/forest_pred.csv" > /dev/null
    read -r secs kb < "$out/time.txt"
    echo "{\"build\":\"native\",\"threads\":$t,\"rows\":$rows,\"features\":$feats,\"trees\":$trees,\"seconds\":$secs,\"sqrt_pehe\":$(pehe "$out/forest_pred.csv" "$data"),\"peak_rss_mb\":$((kb / 1024)),\"input_mb\":$(du -m "$data" | cut -f1)}" >> "$raw"
  done
  for v in simd simd-threads; do node bench/forest_bench.mjs "$v" "$data" "$trees" >> "$raw"; done
done
cat "$raw"
