#!/usr/bin/env bash
# Native (g++) vs WASM (em++, simd, one thread, run by node) predictions of the gbm learner on the same
# seeded data: prints the number of trees of each fit and the largest relative difference of any
# prediction (the project's bar is 1e-9). Builds into /tmp; needs g++, em++ and node.
set -euo pipefail
export NODE_PATH=/usr/share/nodejs   # em++ -O2 needs Debian's acorn
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
srcs="bench/gbm_agree.cpp src/learn/gbm.cpp src/learn/hist_tree.cpp src/learn/feature_bins.cpp src/core/parallel.cpp src/core/table.cpp src/core/number_parse.cpp"
inc="-Isrc -I/usr/include/eigen3"
g++ -std=c++20 -O2 -ffp-contract=off $inc $srcs -o "$tmp/native" -lpthread
em++ -std=c++20 -O2 -msimd128 -ffp-contract=off $inc $srcs -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 -sENVIRONMENT=node -fexceptions -o "$tmp/wasm.js"
"$tmp/native" > "$tmp/native.txt"
node "$tmp/wasm.js" > "$tmp/wasm.txt"
python3 - "$tmp/native.txt" "$tmp/wasm.txt" <<'PY'
import sys
a = open(sys.argv[1]).read().split("\n")
b = open(sys.argv[2]).read().split("\n")
assert len(a) == len(b), "different line counts"
worst, same = 0.0, 0
for x, y in zip(a, b):
    if x.startswith("model"):
        print("native:", x, "| wasm:", y)
        continue
    if not x:
        continue
    u, v = float(x), float(y)
    same += u == v
    worst = max(worst, abs(u - v) / max(abs(u), abs(v), 1e-300))
print(f"predictions identical: {same} of {len([x for x in a if x and not x.startswith('model')])}; "
      f"largest relative difference {worst:.3g}")
PY
rm -rf "$tmp"
