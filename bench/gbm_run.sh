#!/usr/bin/env bash
# The gbm base learner's fit time vs scikit-learn's HistGradientBoostingRegressor (Debian python3-sklearn),
# same data (x ~ U(-1,1)^P, y = sin(4 x1) + x2^2 + N(0, 0.5^2)), same settings (100 rounds, lr 0.1,
# 31 leaves, 20 rows per leaf, L2 1, 256 bins, no early stopping), in one run, at 1 and 2 threads.
# Fit time is the best of 3 fits (data already in memory), as wall seconds and as process CPU seconds
# (user + system, all threads; on a machine shared with other work the 1-thread CPU time is the fair
# comparison); accuracy is the MSE against the true function on 20% held-out rows. The peer runs with
# OMP_WAIT_POLICY=passive: with OpenMP's default spin-waiting, its 2-thread fit took 62 s instead of
# ~3 s on a machine busier than its core count (spinning threads starve the working ones). Usage: bench/gbm_run.sh [ROWS] [FEATURES] [BUILD_DIR].
# Prints one JSON line per measurement and the time ratios; writes bench/out/gbm.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
feats=${2:-20}
build=${3:-build/native}
out=bench/out
mkdir -p "$out"
cmake -S . -B "$build" -G Ninja -DINCREMENTA_BENCH=ON >/dev/null
ninja -C "$build" gbm_bench >/dev/null
data=$out/gbm_${rows}x${feats}.csv
[ -f "$data" ] || "$build/gbm_bench" data "$rows" "$feats" "$data"
raw=$out/gbm.jsonl
: > "$raw"
for t in 1 2; do
  "$build/gbm_bench" fit "$data" "$rows" "$t" | tee -a "$raw"
  if /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
    OMP_NUM_THREADS=$t OMP_WAIT_POLICY=passive /usr/bin/python3 bench/gbm_peer.py "$data" "$rows" "$t" | tee -a "$raw"
  else
    echo "python3-sklearn not installed: no peer timing" >&2
  fi
done
/usr/bin/python3 - "$raw" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
for t in (1, 2):
    a = [x for x in r if x["threads"] == t and x["impl"] == "incrementa"]
    b = [x for x in r if x["threads"] == t and x["impl"] == "sklearn"]
    if a and b:
        print(f"{t} thread(s): wall incrementa {a[0]['fit_seconds']:.3f} s, sklearn {b[0]['fit_seconds']:.3f} s, "
              f"ratio {a[0]['fit_seconds'] / b[0]['fit_seconds']:.2f}; CPU incrementa {a[0]['fit_cpu_seconds']:.3f} s, "
              f"sklearn {b[0]['fit_cpu_seconds']:.3f} s, ratio {a[0]['fit_cpu_seconds'] / b[0]['fit_cpu_seconds']:.2f}; "
              f"MSE vs truth {a[0]['mse_vs_truth']:.4f} vs {b[0]['mse_vs_truth']:.4f}")
PY
