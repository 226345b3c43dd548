#!/usr/bin/env bash
# Uplift accuracy bar of issue 4: sqrt(PEHE) of each of our CATE estimators (through the CLI, as users run
# it) beside a peer built from Debian's python3-sklearn (T- and X-learner on random forests,
# bench/uplift_peer.py), on the same simulated Wager-Athey worlds:
#   X ~ U(0,1)^10, W ~ Bernoulli(0.5), tau = s(x1) s(x2), Y = tau (W - 1/2) + 2 x3 + N(0, 1).
# Not part of CI. Needs python3-sklearn (apt-get install python3-sklearn; used through /usr/bin/python3).
#
# usage: bench/uplift_accuracy.sh [CLI] [ROWS...]     (defaults: build/native/incrementa, 4000 16000)
#   SEEDS="1 2 3" (worlds per size), PEER_TREES=100, LEARNERS="s:linear t:linear ..." override the lists.
# Learners that answer "not built yet" (or fail) are listed as skipped, not as errors.
# Writes bench/out/uplift_accuracy.jsonl (one line per world and estimator) and prints a table of the mean
# sqrt(PEHE) over seeds.
set -uo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build/native/incrementa}
shift || true
sizes=${*:-4000 16000}
seeds=${SEEDS:-1 2 3}
peer_trees=${PEER_TREES:-100}
learners=${LEARNERS:-"s:linear t:linear x:linear r:linear dr:linear t:gbm x:gbm dr:gbm r:gbm t:forest x:forest dr:forest causal_forest:"}
[ -x "$cli" ] || { echo "no CLI at $cli (build it: ninja -C build/native incrementa)" >&2; exit 2; }
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || { echo "python3-sklearn is not installed (apt-get install python3-sklearn)" >&2; exit 2; }
mkdir -p bench/out
out=bench/out/uplift_accuracy.jsonl
: > "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in $sizes; do
  for seed in $seeds; do
    world="$tmp/world_${n}_${seed}.csv"
    "$cli" simulate uplift --rows "$n" --features 10 --seed "$seed" --truth --out "$world" >/dev/null || exit 1
    for spec in $learners; do
      learner=${spec%%:*}
      base=${spec#*:}
      label=$spec
      [ -n "$base" ] || label=$learner
      args=(uplift --data "$world" --treatment w --outcome y --learner "$learner" --true-cate true_cate --seed "$seed")
      [ -n "$base" ] && args+=(--base "$base")
      start=$(date +%s.%N)
      if "$cli" "${args[@]}" > "$tmp/out.json" 2> "$tmp/err.txt"; then
        secs=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
        pehe=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["truth"]["pehe_sqrt"])' "$tmp/out.json")
        echo "{\"rows\": $n, \"seed\": $seed, \"estimator\": \"$label\", \"pehe_sqrt\": $pehe, \"seconds\": $secs}" >> "$out"
      else
        why=$(head -c 200 "$tmp/err.txt" | tr '\n"' '  ')
        echo "{\"rows\": $n, \"seed\": $seed, \"estimator\": \"$label\", \"skipped\": \"$why\"}" >> "$out"
      fi
    done
    peer=$(/usr/bin/python3 bench/uplift_peer.py "$world" --trees "$peer_trees" --seed "$seed") || exit 1
    /usr/bin/python3 - "$n" "$seed" "$peer" >> "$out" <<'PY'
import json, sys
n, seed, peer = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
for k in ("peer_t_rf", "peer_x_rf"):
    print(json.dumps({"rows": n, "seed": seed, "estimator": k, "pehe_sqrt": peer[k],
                      "seconds": peer["seconds"][k[5]]}))
PY
    echo "rows $n seed $seed done" >&2
  done
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
sizes = sorted({r["rows"] for r in rows})
est = list(dict.fromkeys(r["estimator"] for r in rows))
print("mean sqrt(PEHE) over seeds (lower is better); seconds per fit in ()")
print("%-18s" % "estimator" + "".join("%22s" % ("n = %d" % n) for n in sizes))
for e in est:
    line = "%-18s" % e
    for n in sizes:
        v = [r for r in rows if r["rows"] == n and r["estimator"] == e]
        ok = [r for r in v if "pehe_sqrt" in r]
        if ok:
            line += "%22s" % ("%.3f (%.1fs)" % (sum(r["pehe_sqrt"] for r in ok) / len(ok), sum(r["seconds"] for r in ok) / len(ok)))
        else:
            line += "%22s" % "skipped"
    print(line)
skips = {r["estimator"]: r["skipped"] for r in rows if "skipped" in r}
for e, why in skips.items():
    print("skipped %s: %s" % (e, why.strip()))
PY
