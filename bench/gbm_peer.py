#!/usr/bin/python3
"""sklearn peer for bench/gbm_run.sh: HistGradientBoostingRegressor's fit time on the same CSV.

Needs Debian's python3-sklearn (run with /usr/bin/python3). Settings match bench/gbm_bench.cpp:
100 rounds, learning rate 0.1, 31 leaves, 20 rows per leaf, L2 1, 255 bins (+1 for missing values),
no early stopping. Threads are set through OMP_NUM_THREADS by the caller (one process per count).
Usage: gbm_peer.py FILE.csv ROWS THREADS  -> one JSON line.
"""
import json
import os
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

path, rows, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.loadtxt(path, delimiter=",", skiprows=1)
x, y, truth = data[:, :-2], data[:, -2], data[:, -1]
best = best_cpu = float("inf")
for _ in range(3):
    m = HistGradientBoostingRegressor(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                      l2_regularization=1.0, max_bins=255, early_stopping=False, random_state=0)
    t0, c0 = time.perf_counter(), time.process_time()
    m.fit(x[:rows], y[:rows])
    best = min(best, time.perf_counter() - t0)
    best_cpu = min(best_cpu, time.process_time() - c0)
mse = float(np.mean((m.predict(x[rows:]) - truth[rows:]) ** 2))
print(json.dumps({"impl": "sklearn", "version": __import__("sklearn").__version__, "rows": rows,
                  "features": x.shape[1], "threads": threads, "omp": os.environ.get("OMP_NUM_THREADS"),
                  "fit_seconds": best, "fit_cpu_seconds": best_cpu, "trees": m.n_iter_, "mse_vs_truth": mse,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
