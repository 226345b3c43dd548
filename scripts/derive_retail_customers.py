#!/usr/bin/env python3
"""Derives the per-customer feature table for the segmentation page from UCI Online Retail (CC BY 4.0).

Runs offline (python3 standard library only), not in CI:

    python3 scripts/derive_retail_customers.py ../shared/data/online-retail/by-day data/online-retail

(the by-day folder of the UCI data as redistributed by databricks/Spark-The-Definitive-Guide; see
data/online-retail/README.md for where to get it)

Input: the 305 daily CSV files (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
CustomerID, Country). Output (in OUT):
  customers.csv  one row per customer with at least one purchase line, the features below
and prints the sha256 of the inputs (concatenated in name order) and of the output, which
data/online-retail/README.md records. The product groups and the service-line rule are the ones of
scripts/derive_online_retail.py (the DCM panel), imported from it so the two tables agree. The recipe
(every rule) is here and in that README; change one, re-run, and update the README.
"""
import csv
import datetime
import glob
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from derive_online_retail import GROUP_NAMES, PRODUCT_CODE, group_of, sha256_of  # noqa: E402

REFERENCE_DAY = datetime.date(2011, 12, 10)  # the day after the last transaction (2011-12-09): "today"
SHARE_GROUPS = ["christmas", "bags", "kitchen", "decor"]  # "other" is the remainder (1 − the four), left out

HEADER = (["customer_id", "recency_days", "frequency", "monetary", "basket_size", "return_rate", "tenure_days"]
          + [f"share_{g}" for g in SHARE_GROUPS] + ["share_sunday", "share_morning", "uk"])


def main(src, out):
    files = sorted(glob.glob(os.path.join(src, "*.csv")))
    if len(files) != 305:
        sys.exit(f"expected the 305 daily files of online-retail/by-day in {src}, found {len(files)}")
    customers = {}
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
                    continue  # service lines: postage, manual adjustments, discounts, fees
                c = customers.setdefault(cid, {"country": r["Country"], "inv": set(), "units": 0, "lines": 0,
                                               "cancelled": 0, "spend": 0.0, "first": None, "last": None,
                                               "sunday": 0.0, "morning": 0.0,
                                               **{g: 0.0 for g in GROUP_NAMES}})
                qty, price = int(r["Quantity"]), float(r["UnitPrice"])
                if r["InvoiceNo"].startswith("C"):
                    c["cancelled"] += 1
                    continue
                if qty <= 0 or price <= 0:
                    continue  # free items and stock adjustments
                stamp = datetime.datetime.fromisoformat(r["InvoiceDate"])
                day = stamp.date()
                amount = qty * price
                c["inv"].add(r["InvoiceNo"])
                c["units"] += qty
                c["lines"] += 1
                c["spend"] += amount
                c[group_of(r["Description"])] += amount
                if day.weekday() == 6:
                    c["sunday"] += amount
                if stamp.hour < 12:
                    c["morning"] += amount
                c["first"] = day if c["first"] is None else min(c["first"], day)
                c["last"] = day if c["last"] is None else max(c["last"], day)

    buyers = sorted((cid for cid, c in customers.items() if c["lines"] > 0), key=int)
    os.makedirs(out, exist_ok=True)
    path_out = os.path.join(out, "customers.csv")
    total_spend = 0.0
    with open(path_out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for cid in buyers:
            c = customers[cid]
            spend = c["spend"]
            total_spend += spend
            invoices = len(c["inv"])
            share = lambda x: f"{x / spend:.4f}"  # noqa: E731
            w.writerow([cid,
                        (REFERENCE_DAY - c["last"]).days,
                        invoices,
                        f"{spend:.2f}",
                        f"{c['units'] / invoices:.2f}",
                        f"{c['cancelled'] / (c['lines'] + c['cancelled']):.4f}",
                        (REFERENCE_DAY - c["first"]).days]
                       + [share(c[g]) for g in SHARE_GROUPS]
                       + [share(c["sunday"]), share(c["morning"]), 1 if c["country"] == "United Kingdom" else 0])
    print(f"input rows {rows}, guest rows dropped {dropped_guest}, customers with a product line {len(customers)}, "
          f"customers with a purchase line {len(buyers)}, total spend {total_spend:.2f}")
    print(f"sha256 inputs (concatenated in name order) {sha256_of(files)}")
    print(f"sha256 customers.csv {sha256_of([path_out])} ({os.path.getsize(path_out)} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: derive_retail_customers.py BY_DAY_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
