#!/usr/bin/env bash
# npm test: set up, build every variant, and run every test layer:
# Catch2 (native, then under ASan+UBSan), the WASM variants under node
# (same numbers as the native CLI), the site in Chromium (Playwright), and a
# short fuzz run of the CSV reader.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==== %s ====\n' "$*"; }

step "setup"
bash scripts/setup.sh
step "native build (Release and ASan+UBSan)"
bash scripts/build-native.sh --asan
step "Catch2 tests (native)"
./build/native/incrementa_tests
step "Catch2 tests (ASan+UBSan)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./build/asan/incrementa_tests
step "WASM build (simd, simd-threads)"
bash scripts/build-wasm.sh
step "WASM tests (node)"
node --test tests/wasm/
step "SQL statistics on DuckDB (node)"
node --test tests/sql/
step "web kit tests (node)"
node --test tests/web/
step "site build and browser tests (Chromium)"
npx vite build --logLevel warn
# One test file at a time: the pages' time bars (cold load, what-if) are measured, and files run side by
# side on a many-core machine would measure each other's load.
node --test --test-concurrency=1 tests/e2e/
step "CSV fuzzing (${FUZZ_SECONDS:-20} s)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
step "all test layers passed"
