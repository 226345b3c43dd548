#!/usr/bin/env python3
"""Is RATE's half-sample bootstrap SE the right size? Over W seeded Wager-Athey worlds (n rows each), compare the
standard deviation of the AUTOC and Qini-weighted RATE estimates across worlds with the mean of their bootstrap
SEs (the two should agree). Not part of CI; no Python packages needed.

usage: bench/uplift_rate_se.py [--cli build/native/incrementa] [--rows 2000] [--worlds 60] [--learner t]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="build/native/incrementa")
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--worlds", type=int, default=60)
    ap.add_argument("--learner", default="t")
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    stats = {"autoc": ([], []), "qini": ([], [])}
    with tempfile.TemporaryDirectory() as tmp:
        world = os.path.join(tmp, "world.csv")
        for seed in range(1, args.worlds + 1):
            subprocess.run([args.cli, "simulate", "uplift", "--rows", str(args.rows), "--seed", str(seed), "--truth",
                            "--out", world], check=True, stdout=subprocess.DEVNULL)
            res = subprocess.run([args.cli, "uplift", "--data", world, "--treatment", "w", "--outcome", "y",
                                  "--learner", args.learner, "--true-cate", "true_cate", "--seed", str(seed)],
                                 check=True, capture_output=True, text=True)
            rate = json.loads(res.stdout)["results"][0]["rate"]
            for k, (est, se) in stats.items():
                est.append(rate[k]["estimate"])
                se.append(rate[k]["se"])
    print("RATE over %d worlds (n = %d, learner %s)" % (args.worlds, args.rows, args.learner))
    for k, (est, se) in stats.items():
        print("  %-6s mean %.4f   sd across worlds %.4f   mean bootstrap se %.4f"
              % (k, statistics.mean(est), statistics.stdev(est), statistics.mean(se)))


if __name__ == "__main__":
    main()
