#!/usr/bin/env bash
# Causal-graph room: ADMG augmentation on random SCMs (Teshima & Sugiyama 2021's study, with our GBM).
# n in {50, 100, 200, 500, 1000} x d in {5, 10}, REPLICATES random DAGs + nonlinear SCMs each; prints a
# markdown table (kept in bench/out/scm_augment.md). Not part of npm test. Extra flags go to scm_augment
# (e.g. --linear, --theta 1e-4, --max-points 5000).
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICATES=${REPLICATES:-10}
cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release -DINCREMENTA_BENCH=ON >/dev/null
ninja -C build/native scm_augment >/dev/null
mkdir -p bench/out
build/native/scm_augment --replicates "$REPLICATES" "$@" | tee bench/out/scm_augment.md
