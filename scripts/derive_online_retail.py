#!/usr/bin/env python3
"""Derives the DCM customers x weeks panel from UCI Online Retail (CC BY 4.0).

Runs offline (python3 standard library only), not in CI:

    python3 scripts/derive_online_retail.py ../shared/data/online-retail/by-day data/online-retail

(the by-day folder of the UCI data as redistributed by databricks/Spark-The-Definitive-Guide; see
data/online-retail/README.md for where to get it)

Input: the 305 daily CSV files (InvoiceNo, StockCode, Description, Quantity,
InvoiceDate, UnitPrice, CustomerID, Country). Output (in OUT):
  panel.csv   one row per (customer, week), weeks 9..53, balanced
  config.json the default DCM config for it
and prints the sha256 of the inputs (concatenated in name order) and outputs,
which data/online-retail/README.md records. The recipe (every rule) is here
and in that README; change one, re-run, and update the README.
"""
import csv
import datetime
import glob
import hashlib
import json
import os
import re
import sys

DAY0 = datetime.date(2010, 12, 1)  # week 1 = 2010-12-01 .. 2010-12-07 (Wednesday to Tuesday)
PRE_WEEKS = 8                      # weeks 1..8: pre-period, source of X0, excluded from the panel
LAST_WEEK = 53                     # week 54 holds only 2011-12-07..09 (3 trading days): dropped

# Product groups: the first rule whose word list matches a word of the
# Description (upper case, split on non-letters; a word matches when it starts
# with the listed stem, so BAG matches BAGS). Order matters: a Christmas mug is
# "christmas". Everything else is "other".
GROUPS = [
    ("christmas", ["CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER"]),
    ("bags", ["BAG"]),
    ("kitchen", ["MUG", "CUP", "PLATE", "BOWL", "TEA", "CAKE", "BAKING", "CUTLERY", "JAR", "PANTRY", "NAPKIN",
                 "KITCHEN", "SPOON", "JAM", "LUNCH"]),
    ("decor", ["LIGHT", "HOLDER", "CANDLE", "LANTERN", "FRAME", "SIGN", "CLOCK", "DOORMAT", "CUSHION", "HANGING",
               "DECORATION", "BUNTING", "VASE", "MIRROR", "WALL"]),
]
GROUP_NAMES = [g for g, _ in GROUPS] + ["other"]
PRODUCT_CODE = re.compile(r"^[0-9]{5}")  # POST, M, C2, D, DOT, CRUK, BANK CHARGES, PADS, ...: service lines, ignored


def group_of(description):
    words = re.split(r"[^A-Z]+", description.upper())
    for name, stems in GROUPS:
        if any(w.startswith(s) for w in words if w for s in stems):
            return name
    return "other"


def week_of(timestamp):
    day = datetime.date.fromisoformat(timestamp[:10])
    return (day - DAY0).days // 7 + 1


def sha256_of(paths):
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def main(src, out):
    files = sorted(glob.glob(os.path.join(src, "*.csv")))
    if len(files) != 305:
        sys.exit(f"expected the 305 daily files of online-retail/by-day in {src}, found {len(files)}")
    # Per (customer, week): invoices (set), returns (cancelled product lines), lines per group, spend.
    cells = {}
    country = {}
    first_week = {}
    rows = dropped_guest = 0
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows += 1
                cid = r["CustomerID"].strip()
                if not cid:
                    dropped_guest += 1  # guest rows: no customer to follow
                    continue
                cid = str(int(float(cid)))
                if not PRODUCT_CODE.match(r["StockCode"]):
                    continue
                week = week_of(r["InvoiceDate"])
                if week > LAST_WEEK:
                    continue
                country.setdefault(cid, r["Country"])  # the country on the customer's first line
                cell = cells.setdefault((cid, week), {"inv": set(), "returns": 0, "spend": 0.0,
                                                      **{g: 0 for g in GROUP_NAMES}})
                qty, price = int(r["Quantity"]), float(r["UnitPrice"])
                if r["InvoiceNo"].startswith("C"):
                    cell["returns"] += 1
                    continue
                if qty <= 0 or price <= 0:
                    continue  # free items and stock adjustments
                cell["inv"].add(r["InvoiceNo"])
                cell[group_of(r["Description"])] += 1
                cell["spend"] += qty * price
                first_week[cid] = min(first_week.get(cid, week), week)

    # The cohort: customers with a purchase in the pre-period. Every one of them gets every week 9..53
    # (a week without activity is a row of zeros), so the panel is balanced with no gaps.
    # Pooled fits (one equation per target with week effects): in week 26 no cohort customer bought a
    # Christmas line, so a per-week equation for week 27 would have a constant regressor.
    cohort = sorted((c for c, w in first_week.items() if w <= PRE_WEEKS), key=int)
    os.makedirs(out, exist_ok=True)
    surrogates = ["invoices", "returns"] + [f"lines_{g}" for g in GROUP_NAMES]
    header = ["customer", "week", "uk", "pre_spend", "pre_invoices", "tenure_weeks"] + surrogates + ["spend"]
    panel_path = os.path.join(out, "panel.csv")
    with open(panel_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for cid in cohort:
            pre = [cells.get((cid, t)) for t in range(1, PRE_WEEKS + 1)]
            pre_spend = sum(c["spend"] for c in pre if c)
            pre_inv = sum(len(c["inv"]) for c in pre if c)
            x0 = [1 if country[cid] == "United Kingdom" else 0, round(pre_spend), pre_inv,
                  PRE_WEEKS - first_week[cid] + 1]
            for t in range(PRE_WEEKS + 1, LAST_WEEK + 1):
                c = cells.get((cid, t))
                if c is None:
                    vals = [0] * len(surrogates) + ["0"]
                else:
                    vals = [len(c["inv"]), c["returns"]] + [c[g] for g in GROUP_NAMES] + [f"{c['spend']:.2f}"]
                w.writerow([cid, t] + x0 + vals)
    config = {
        "customer": "customer", "period": "week", "outcome": "spend",
        "surrogates": ["invoices", "returns"],
        "es_surrogates": [f"lines_{g}" for g in GROUP_NAMES],
        "features": ["uk", "pre_spend", "pre_invoices", "tenure_weeks"],
        "lags": 1, "same_period": True, "ridge": 0.0, "pooled": True,
        "groups": {"seasonal": ["lines_christmas"], "home": ["lines_kitchen", "lines_decor"],
                   "bags_other": ["lines_bags", "lines_other"]},
    }
    config_path = os.path.join(out, "config.json")
    with open(config_path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=1)
        f.write("\n")
    print(f"input rows {rows}, guest rows dropped {dropped_guest}, customers with an id {len(first_week)}, "
          f"cohort {len(cohort)}, panel rows {len(cohort) * (LAST_WEEK - PRE_WEEKS)}")
    print(f"sha256 inputs (concatenated in name order) {sha256_of(files)}")
    for p in (panel_path, config_path):
        print(f"sha256 {os.path.relpath(p, out)} {sha256_of([p])} ({os.path.getsize(p)} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: derive_online_retail.py BY_DAY_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
