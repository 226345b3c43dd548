#!/usr/bin/env bash
# Native builds: build/native (Release: CLI, tests) and, with --asan,
# build/asan (ASan + UBSan, Debug).
set -euo pipefail
cd "$(dirname "$0")/.."
configure() {  # dir, extra cmake args...
  local dir=$1; shift
  [ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
}
configure build/native -DCMAKE_BUILD_TYPE=Release
ninja -C build/native
if [ "${1:-}" = "--asan" ]; then
  configure build/asan -DCMAKE_BUILD_TYPE=Debug -DINCREMENTA_SANITIZE=ON
  ninja -C build/asan
fi
