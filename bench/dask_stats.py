#!/usr/bin/python3
"""Issue 17: a distributed DCM training that really runs here.

A Dask LocalCluster of worker processes on loopback (Debian python3-distributed:
apt-get install python3-distributed; run with Debian's /usr/bin/python3)
computes the sufficient statistics of one shard of customers each, with the
native CLI (`incrementa dcm stats`); the client adds the shards' statistics up
(in shard order) and `incrementa dcm train --stats` fits the model. The model
must equal in-core training on the whole panel within 1e-9 relative. With
--kill, one worker process is killed while the shards run: Dask's nanny
restarts it, the scheduler reruns its task, and the result is the same.

  /usr/bin/python3 bench/dask_stats.py [--shards 4] [--kill] [--panel data/online-retail/panel.csv]
Prints one JSON line (also appended to bench/out/dask_stats.jsonl).
"""
import argparse, csv, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "build/native/incrementa")


def shard_panel(panel, config, shards, out_dir):
    """Customers are assigned to shards by their order of first appearance (every row of a customer in one shard)."""
    customer = json.load(open(config))["customer"]
    with open(panel, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = header.index(customer)
        seen, files, writers = {}, [], []
        for s in range(shards):
            files.append(open(os.path.join(out_dir, f"shard{s}.csv"), "w", newline=""))
            writers.append(csv.writer(files[-1], lineterminator="\n"))
            writers[-1].writerow(header)
        for row in reader:
            c = row[col]
            if c not in seen:
                seen[c] = len(seen) % shards
            writers[seen[c]].writerow(row)
    for f in files:
        f.close()
    return [os.path.join(out_dir, f"shard{s}.csv") for s in range(shards)]


def shard_stats(shard, config, delay):
    """Runs on a worker: the shard's statistics as (header, rows of floats)."""
    import subprocess, time, csv, io
    time.sleep(delay)  # keeps the shards running long enough to kill a worker among them
    out = subprocess.run([CLI, "dcm", "stats", "--panel", shard, "--config", config], check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return rows[0], [[float(v) for v in r] for r in rows[1:]], os.getpid()


def add_up(parts):
    header = parts[0][0]
    total = [list(r) for r in parts[0][1]]
    for h, rows, _ in parts[1:]:
        assert h == header and len(rows) == len(total), "shards disagree on periods or columns"
        for t, r in zip(total, rows):
            assert t[0] == r[0], "shards disagree on periods"
            for j in range(1, len(r)):
                t[j] += r[j]
    return header, total


def max_rel(a, b, path="$"):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        scale = max(abs(a), abs(b))
        return 0.0 if scale == 0 else abs(a - b) / scale
    if isinstance(a, list):
        assert len(a) == len(b), path
        return max([max_rel(x, y, path) for x, y in zip(a, b)] or [0.0])
    if isinstance(a, dict):
        return max([max_rel(a[k], b[k], path + "." + k) for k in a] or [0.0])
    assert a == b, f"{path}: {a!r} vs {b!r}"
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--panel", default=os.path.join(ROOT, "data/online-retail/panel.csv"))
    ap.add_argument("--config", default=os.path.join(ROOT, "data/online-retail/config.json"))
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--kill", action="store_true", help="kill one worker process while the shards run")
    args = ap.parse_args()
    from dask.distributed import Client, LocalCluster

    tmp = tempfile.mkdtemp(prefix="incrementa-dask-")
    shards = shard_panel(args.panel, args.config, args.shards, tmp)
    t0 = time.perf_counter()
    with LocalCluster(n_workers=args.shards, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        delay = 3.0 if args.kill else 0.0
        futures = [client.submit(shard_stats, s, args.config, delay, pure=False) for s in shards]
        killed = None
        if args.kill:
            time.sleep(1.0)
            victim = sorted(client.scheduler_info()["workers"])[0]
            killed = victim
            try:
                client.run(lambda: os._exit(1), workers=[victim])
            except Exception:
                pass  # the worker died before answering: that is the point
        parts = client.gather(futures)
    seconds = time.perf_counter() - t0
    header, total = add_up(parts)
    stats_file = os.path.join(tmp, "stats.csv")
    with open(stats_file, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in total:
            w.writerow([repr(v) if j > 1 else str(int(v)) for j, v in enumerate(r)])
    dist = subprocess.run([CLI, "dcm", "train", "--stats", stats_file, "--config", args.config, "--model-out",
                           os.path.join(tmp, "dist.json")], check=True, capture_output=True, text=True)
    core = subprocess.run([CLI, "dcm", "train", "--panel", args.panel, "--config", args.config, "--model-out",
                           os.path.join(tmp, "core.json")], check=True, capture_output=True, text=True)
    a = json.load(open(os.path.join(tmp, "dist.json")))
    b = json.load(open(os.path.join(tmp, "core.json")))
    rel = max_rel(a["equations"], b["equations"])
    result = {"what": "dask_dcm_stats", "shards": args.shards, "worker_processes": len({p for _, _, p in parts}),
              "killed_worker": killed, "seconds": round(seconds, 3), "max_rel_diff_vs_in_core": rel,
              "equal_1e-9": rel <= 1e-9, "equations": len(a["equations"])}
    print(json.dumps(result))
    os.makedirs(os.path.join(ROOT, "bench/out"), exist_ok=True)
    with open(os.path.join(ROOT, "bench/out/dask_stats.jsonl"), "a") as f:
        f.write(json.dumps(result) + "\n")
    return 0 if result["equal_1e-9"] else 1


if __name__ == "__main__":
    sys.exit(main())
