#!/usr/bin/python3
"""scikit-learn on the same matrix as bench/segment_bench.cpp (run with Debian's /usr/bin/python3 and
python3-sklearn): NMF (init nndsvda, solver cd) reconstruction error and KMeans (k-means++, n_init) inertia.

  segment_peer.py nmf IN.csv K MAX_ITER
  segment_peer.py kmeans IN.csv C N_INIT
Prints one JSON line."""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF

mode, path, k, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
x = np.loadtxt(path, delimiter=",", skiprows=1)
t0 = time.perf_counter()
if mode == "nmf":
    m = NMF(n_components=k, init="nndsvda", solver="cd", max_iter=n, tol=1e-4, random_state=0)
    m.fit_transform(x)
    out = {"bench": "sklearn_nmf", "rows": x.shape[0], "k": k, "error": float(m.reconstruction_err_), "iterations": int(m.n_iter_)}
else:
    m = KMeans(n_clusters=k, n_init=n, init="k-means++", max_iter=300, random_state=0).fit(x)
    out = {"bench": "sklearn_kmeans", "rows": x.shape[0], "c": k, "inertia": float(m.inertia_)}
out["seconds"] = time.perf_counter() - t0
print(json.dumps(out))
