#!/usr/bin/env bash
# Segment room (issue 14): accuracy against scikit-learn on the same matrix and the speed of the full run.
#  - NMF reconstruction error vs sklearn NMF (same rank, init nndsvda, solver cd, same max_iter): bar within 1%
#  - K-Means inertia vs sklearn KMeans (same k, n_init): bar within 0.5%
#  - the full segment run on 50,000 x 30, K = C = 12, B = 20 (curves, stability, map), at 1 and 2 threads
# Needs python3-sklearn for /usr/bin/python3 (apt-get install -y python3-sklearn). Prints JSON lines, also kept
# in bench/out/segment.jsonl. Not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-50000}
cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release -DINCREMENTA_BENCH=ON >/dev/null
ninja -C build/native segment_bench >/dev/null
mkdir -p bench/out
out=bench/out/segment.jsonl
: > "$out"
B=build/native/segment_bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Features (min-max scaled) of the simulated world; NMF on them, K-Means on them.
$B matrix "$ROWS" 30 12 12 1 "$tmp/x.csv"
for k in 4 12; do
  ours=$($B nmf "$tmp/x.csv" $k 200)
  peer=$(/usr/bin/python3 bench/segment_peer.py nmf "$tmp/x.csv" $k 200)
  echo "$ours" | tee -a "$out"; echo "$peer" | tee -a "$out"
  /usr/bin/python3 -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); r=a['error']/b['error']-1; print(json.dumps({'bench':'segment_nmf_vs_sklearn','k':a['k'],'relative_difference':r,'within_1_percent':abs(r)<=0.01 or r<0}))" "$ours" "$peer" | tee -a "$out"
done
for c in 5 12; do
  ours=$($B kmeans "$tmp/x.csv" $c 10)
  peer=$(/usr/bin/python3 bench/segment_peer.py kmeans "$tmp/x.csv" $c 10)
  echo "$ours" | tee -a "$out"; echo "$peer" | tee -a "$out"
  /usr/bin/python3 -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); r=a['inertia']/b['inertia']-1; print(json.dumps({'bench':'segment_kmeans_vs_sklearn','c':a['c'],'relative_difference':r,'within_half_percent':abs(r)<=0.005 or r<0}))" "$ours" "$peer" | tee -a "$out"
done
for threads in 1 2; do
  $B time "$ROWS" 30 12 12 20 $threads | tee -a "$out"
done
