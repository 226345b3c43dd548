#!/usr/bin/env bash
# npm start: set up, build the WASM module and the site, and serve it on
# http://127.0.0.1:${PORT:-4173}/ with cross-origin isolation (COOP/COEP),
# so the threaded variant runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
bash scripts/build-wasm.sh
npx vite build --logLevel warn
echo "Incrementa: open http://127.0.0.1:${PORT:-4173}/"
exec npx vite preview --port "${PORT:-4173}" --strictPort --host 127.0.0.1
