#!/usr/bin/python3
"""Peer CATE estimators for bench/uplift_accuracy.sh: T- and X-learner on scikit-learn's RandomForestRegressor.

Needs Debian's python3-sklearn (apt-get install python3-sklearn; it installs into /usr/bin/python3's
dist-packages, so run with /usr/bin/python3). Not part of CI: the project's build and tests never need it.

usage: uplift_peer.py WORLD.csv [--trees 100] [--folds 5] [--seed 1]
WORLD.csv: `incrementa simulate uplift --truth` output (x1..xp, w, y, true_cate, true_propensity).
Prints one JSON object: {"peer_t_rf": sqrt_pehe, "peer_x_rf": sqrt_pehe, "seconds": {...}}.

Both learners are cross-fitted like ours (every row's CATE comes from models fitted without its fold), which
is kinder to the peer than in-sample random-forest predictions (those overfit the outcome noise):
  T: tau = mu1(x) - mu0(x), mu_a a forest on arm a's training rows.
  X (Kuenzel et al. 2019): D1 = y - mu0(x) on treated, D0 = mu1(x) - y on control training rows; forests
     tau1, tau0 on them; tau = e tau0 + (1 - e) tau1 with e the training share of treated rows (randomised).
Forests: n_estimators = --trees, min_samples_leaf = 5, max_features = 1/3 (regression default in R/grf),
random_state = seed, n_jobs = 2.
"""
import argparse
import csv
import json
import math
import time

import numpy as np
from sklearn.ensemble import RandomForestRegressor


def read_world(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], np.array(rows[1:], dtype=float)
    col = {name: i for i, name in enumerate(head)}
    feats = [i for i, name in enumerate(head) if name.startswith("x")]
    return body[:, feats], body[:, col["w"]], body[:, col["y"]], body[:, col["true_cate"]]


def forest(args, seed):
    return RandomForestRegressor(n_estimators=args.trees, min_samples_leaf=5, max_features=1 / 3,
                                 random_state=seed, n_jobs=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("world")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    x, w, y, tau = read_world(args.world)
    n = len(y)
    rng = np.random.default_rng(args.seed)
    fold = rng.permutation(n) % args.folds
    t_hat = np.zeros(n)
    x_hat = np.zeros(n)
    secs = {"t": 0.0, "x": 0.0}
    for k in range(args.folds):
        tr, te = fold != k, fold == k
        t1, t0 = tr & (w == 1), tr & (w == 0)
        start = time.time()
        m1 = forest(args, args.seed).fit(x[t1], y[t1])
        m0 = forest(args, args.seed + 1).fit(x[t0], y[t0])
        t_hat[te] = m1.predict(x[te]) - m0.predict(x[te])
        secs["t"] += time.time() - start
        start = time.time()
        d1 = y[t1] - m0.predict(x[t1])
        d0 = m1.predict(x[t0]) - y[t0]
        f1 = forest(args, args.seed + 2).fit(x[t1], d1)
        f0 = forest(args, args.seed + 3).fit(x[t0], d0)
        e = t1.sum() / tr.sum()
        x_hat[te] = e * f0.predict(x[te]) + (1 - e) * f1.predict(x[te])
        secs["x"] += time.time() - start
    secs["x"] += secs["t"]  # X reuses the T-learner's outcome forests
    pehe = lambda est: math.sqrt(float(np.mean((est - tau) ** 2)))
    print(json.dumps({"peer_t_rf": pehe(t_hat), "peer_x_rf": pehe(x_hat),
                      "seconds": {k: round(v, 2) for k, v in secs.items()}}))


if __name__ == "__main__":
    main()
