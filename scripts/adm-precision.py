#!/usr/bin/env python3
"""How well ADM's count rule picks the advertisers that report an action completely, on a simulated dataset
(issue 13 §4's baseline; a claim about the simulator). The simulator writes each advertiser's true reporting
completeness per action (reporting.csv); ADM trusts an advertiser's labels of an action when it reported at least
alpha conversions of it in the training split (window T = all days, the default).

Per action, over advertiser × action pairs that are not the advertiser's target: how many are complete reporters
(completeness >= 0.95, the simulator's "reliably"), how many ADM trusts, precision and recall of "trusted" against
"complete", and, weighting by samples, the share of the samples ADM adds that come from advertisers reporting under
90% of their conversions.

Usage: python3 scripts/adm-precision.py DATA_DIR [ALPHA]   (DATA_DIR holds train.csv.gz and reporting.csv)
"""
import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

data = Path(sys.argv[1])
alpha = int(sys.argv[2]) if len(sys.argv) > 2 else 10
COMPLETE, UNDER = 0.95, 0.90

completeness = {}
for row in csv.DictReader(open(data / "reporting.csv")):
    if row["target"] == "0":
        completeness[(row["advertiser_id"], row["action"])] = float(row["completeness"])

reported = defaultdict(int)
samples = defaultdict(int)
with gzip.open(data / "train.csv.gz", "rt") as f:
    reader = csv.DictReader(f)
    actions = [c[2:] for c in reader.fieldnames if c.startswith("y_")]
    for row in reader:
        adv = row["advertiser_id"]
        for a in actions:
            if a == row["target_action"] or row["y_" + a] == "":
                continue
            samples[(adv, a)] += 1
            reported[(adv, a)] += row["y_" + a] == "1"

print(f"ADM count rule, alpha {alpha}, window all, training split of {data}")
print("| action | reporting pairs | complete | trusted | precision | recall | added samples | added from < 90% |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for a in actions:
    pairs = [k for k in completeness if k[1] == a and k in samples]
    complete = {k for k in pairs if completeness[k] >= COMPLETE}
    trusted = {k for k in pairs if reported[k] >= alpha}
    hit = len(trusted & complete)
    added = sum(samples[k] for k in trusted)
    under = sum(samples[k] for k in trusted if completeness[k] < UNDER)
    reporting = sum(1 for k in pairs if completeness[k] > 0)
    precision = f"{hit / len(trusted):.2f}" if trusted else "n/a"
    recall = f"{hit / len(complete):.2f}" if complete else "n/a"
    share = f"{under / added:.1%}" if added else "n/a"
    print(f"| {a} | {reporting} | {len(complete)} | {len(trusted)} | {precision} | {recall} | {added:,} | {share} |")
