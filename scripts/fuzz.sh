#!/usr/bin/env bash
# Builds the libFuzzer target for the CSV reader with clang and runs it for
# N seconds (default 20) from the seed corpus; any crash fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
if [ ! -f build/fuzz/build.ninja ]; then
  CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINCREMENTA_FUZZ=ON >/dev/null
fi
ninja -C build/fuzz csv_fuzz
mkdir -p build/fuzz/corpus
./build/fuzz/csv_fuzz -max_total_time="$seconds" -print_final_stats=1 build/fuzz/corpus tests/fuzz/corpus 2>&1 | tail -n 15
