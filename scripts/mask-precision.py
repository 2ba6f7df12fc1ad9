#!/usr/bin/env python3
"""How well each mask picks the advertisers that report an action completely (issue 13 §4), where the true
completeness is known: the simulator's reporting.csv, or the KuaiRand advertiser protocol's (written by
`kaml kuairand` beside its log). Scores two rules on the same advertiser x action pairs, those with labels of an
action the advertiser does not target:
- ADM's count rule: trusted when the advertiser reported at least ALPHA conversions of the action in the training
  split (window T = all days, the default; an advertiser's conversions of a non-target action all lie on samples
  that target another, so the count is the completeness table's `reported`);
- the reliable mask: trusted as `kaml train --mask reliable` decided (its MODEL.completeness.csv).

Per action: how many pairs, how many are complete reporters (completeness >= 0.95), and per rule how many it trusts,
precision and recall of "trusted" against "complete", the samples it adds and the share of them from advertisers
reporting under 90% of their conversions.

Usage: python3 scripts/mask-precision.py REPORTING_CSV COMPLETENESS_CSV [ALPHA]
"""
import csv
import sys

reporting_file, completeness_file = sys.argv[1], sys.argv[2]
alpha = int(sys.argv[3]) if len(sys.argv) > 3 else 10
COMPLETE, UNDER = 0.95, 0.90

truth_rows = list(csv.DictReader(open(reporting_file)))
truth = {(r["advertiser_id"], r["action"]): float(r["completeness"]) for r in truth_rows}
pairs = list(csv.DictReader(open(completeness_file)))
actions = [a for a in dict.fromkeys(r["action"] for r in truth_rows) if any(p["action"] == a for p in pairs)]

rules = {
    f"count rule (alpha {alpha})": lambda p: int(p["reported"]) >= alpha,
    "reliable": lambda p: p["trusted"] == "true",
}
print(f"pairs: {completeness_file}; truth: {reporting_file}")
print("| action | pairs | complete | rule | trusted | precision | recall | added samples | added from < 90% |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
for action in actions:
    mine = [p for p in pairs if p["action"] == action]
    complete = [p for p in mine if truth[(p["advertiser"], action)] >= COMPLETE]
    for name, rule in rules.items():
        trusted = [p for p in mine if rule(p)]
        hit = sum(1 for p in trusted if truth[(p["advertiser"], action)] >= COMPLETE)
        added = sum(int(p["samples"]) for p in trusted)
        under = sum(int(p["samples"]) for p in trusted if truth[(p["advertiser"], action)] < UNDER)
        precision = f"{hit / len(trusted):.2f}" if trusted else "n/a"
        recall = f"{hit / len(complete):.2f}" if complete else "n/a"
        share = f"{under / added:.1%}" if added else "n/a"
        print(f"| {action} | {len(mine)} | {len(complete)} | {name} | {len(trusted)} | {precision} | {recall} | {added:,} | {share} |")
