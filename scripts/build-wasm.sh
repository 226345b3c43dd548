#!/usr/bin/env bash
# Builds both WebAssembly variants with Debian's Emscripten and copies them
# where the site and the node tests load them (web/public/wasm/).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn from -O2 up
mkdir -p web/public/wasm
for variant in simd simd-threads; do
  dir=build/wasm-$variant
  if [ ! -f "$dir/build.ninja" ]; then
    emcmake cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DINCREMENTA_WASM_VARIANT=$variant >/dev/null
  fi
  ninja -C "$dir"
  cp "$dir"/incrementa-$variant.mjs "$dir"/incrementa-$variant.wasm web/public/wasm/
  if [ -f "$dir/incrementa-$variant.worker.js" ]; then cp "$dir/incrementa-$variant.worker.js" web/public/wasm/; fi
done
# The datasets the site ships, copied beside the module (provenance stays in data/).
mkdir -p web/public/data
cp data/hillstrom/hillstrom.csv web/public/data/hillstrom.csv
cp data/online-retail/panel.csv web/public/data/online-retail-panel.csv
cp data/online-retail/customers.csv web/public/data/online-retail-customers.csv
cp data/starbucks/training.csv web/public/data/starbucks.csv
cp data/mmm-pymc-example/mmm_example.csv web/public/data/mmm-pymc-example.csv
cp data/mmm-robyn/dt_simulated_weekly.csv web/public/data/mmm-robyn.csv
cp data/mmm-meridian/national_media.csv web/public/data/mmm-meridian-national.csv
# The pthread helper (.worker.js) is CommonJS; the project's package.json says
# "type": "module", so node needs this to load it (browsers ignore it).
echo '{"type": "commonjs"}' > web/public/wasm/package.json
