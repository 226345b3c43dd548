#!/usr/bin/env bash
# The DCM recovery bar of issue 6: over 50 seeded simulated worlds, does the
# bootstrap 95% CI (and the coefficients-only CI given the panel) of each channel's incremental spend (zero the channel over
# weeks 3..end) cover the world's true value (`dcm truth`)? Prints the coverage
# per channel and in all, and the mean relative error of the estimate.
#   bash bench/dcm_coverage.sh [worlds=50] [customers=2000] [weeks=26] [B=100]
set -euo pipefail
cd "$(dirname "$0")/.."
worlds=${1:-50}; customers=${2:-2000}; weeks=${3:-26}; boot=${4:-100}
cli=build/native/incrementa
ninja -C build/native incrementa >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/config.json" <<'JSON'
{"customer": "customer", "period": "week", "outcome": "spend", "surrogates": ["browse", "orders"],
 "es_surrogates": ["es_reorder", "es_recs", "es_qa"], "features": ["x1", "x2"], "lags": 1,
 "same_period": true, "ridge": 0}
JSON
for seed in $(seq 1 "$worlds"); do
  "$cli" simulate dcm --rows "$customers" --weeks "$weeks" --seed "$seed" --out "$tmp/panel.csv"
  "$cli" dcm train --panel "$tmp/panel.csv" --config "$tmp/config.json" --bootstrap "$boot" --seed "$seed" \
    --model-out "$tmp/model.json" > /dev/null
  for ch in es_reorder es_recs es_qa; do
    echo "{\"shocks\": [{\"surrogates\": [\"$ch\"], \"type\": \"zero\", \"from\": 3}]}" > "$tmp/shock.json"
    est=$("$cli" dcm score --model "$tmp/model.json" --panel "$tmp/panel.csv" --shock "$tmp/shock.json")
    truth=$("$cli" dcm truth --customers "$customers" --weeks "$weeks" --seed "$seed" --shock "$tmp/shock.json")
    node -e '
      const e = JSON.parse(process.argv[1]).total, t = JSON.parse(process.argv[2]).total;
      console.log(JSON.stringify({seed: +process.argv[3], channel: process.argv[4], estimate: e.incremental,
        boot: e.incremental_ci, given_panel: e.incremental_ci_given_panel, truth: t.incremental}));' "$est" "$truth" "$seed" "$ch"
  done
done > "$tmp/rows.jsonl"
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const by = {};
  for (const r of rows) (by[r.channel] ??= []).push(r);
  const cover = (rs, k) => rs.filter((r) => r[k][0] <= r.truth && r.truth <= r[k][1]).length;
  const line = (name, rs) => {
    const err = rs.reduce((s, r) => s + Math.abs(r.estimate / r.truth - 1), 0) / rs.length;
    console.log(`${name}: bootstrap CI covers the truth in ${cover(rs, "boot")}/${rs.length} worlds, ` +
      `the coefficients-only CI (given the panel) in ${cover(rs, "given_panel")}/${rs.length}; ` +
      `mean |estimate/truth - 1| = ${(100 * err).toFixed(2)}%`);
  };
  for (const [ch, rs] of Object.entries(by)) line(ch, rs);
  line("all channels", rows);' "$tmp/rows.jsonl"
