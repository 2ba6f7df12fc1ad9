#!/usr/bin/env python3
"""Tables of issue 13's evidence from the reports scripts/mechanisms.sh writes (claims about the simulator).

Usage: python3 scripts/mechanism-tables.py [OUT]   (OUT default runs/mechanisms)

Per experiment the report's own figures are quoted: test AUC per action (mean ± std over seeds), each preset's
AUC difference from base with the report's test (DeLong's test-sample variance combined with the seeds' spread,
undecided under 30 test positives), and the expected AUC against the true probabilities. Steps between two
presets other than base (adm → adm+hke, ...) are paired by seed and given as mean ± std of the per-seed
differences: these see the seeds' spread only, not the test set's sampling error, so they are point estimates
to read beside the tested differences from base, not tests.
"""
import json
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "runs/mechanisms")


def load(name):
    path = OUT / name / "report.json"
    return json.loads(path.read_text()) if path.exists() else None


def auc(run, action):
    m = run["metrics"]
    return m["all"]["auc"] if action == "all" else m["actions"][action]["auc"]


def expected(run, action):
    return run["metrics"]["truth"]["serving"][action]["expected_auc"]


def runs(report, preset, seeds=None):
    return {r["seed"]: r for r in report["runs"] if r["preset"] == preset and (seeds is None or r["seed"] in seeds)}


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    if len(values) == 1:
        return f"{values[0]:.4f}"
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"


def signed_spread(values):
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return "n/a"
    return f"{statistics.mean(values):+.4f} ± {statistics.stdev(values):.4f}"


def actions(report):
    return list(report["runs"][0]["metrics"]["actions"].keys())


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def auc_table(report, presets, metric=auc, with_all=True):
    acts = actions(report) + (["all"] if with_all else [])
    rows = []
    for p in presets:
        rs = runs(report, p)
        rows.append([p] + [spread([metric(r, a) for r in rs.values()]) for a in acts])
    table(["preset"] + acts, rows)


def versus_base(report, presets):
    acts = actions(report) + ["all"]
    rows = []
    for row in report["comparisons"]["rows"]:
        if row["preset"] not in presets:
            continue
        cells = []
        for a in acts:
            d = row["actions"][a] if a != "all" else row["all"]
            if d["mean"] is None:
                cells.append("n/a")
                continue
            mark = {"significant": "*", "undecided": " undecided"}.get(d["verdict"], "")
            cells.append(f"{d['mean']:+.4f} (p {d['p']:.3f}){mark}")
        rows.append([row["preset"]] + cells)
    table(["vs base"] + acts, rows)


def steps(report, pairs, seeds=None):
    acts = actions(report) + ["all"]
    rows = []
    for before, after in pairs:
        a, b = runs(report, before, seeds), runs(report, after, seeds)
        common = sorted(set(a) & set(b))
        if not common:
            continue
        rows.append([f"{before} → {after}"] + [signed_spread([auc(b[s], x) - auc(a[s], x) for s in common]) for x in acts])
    table(["step (paired seeds; seeds' spread only)"] + acts, rows)


ablation = load("ablation")
if ablation:
    presets = ablation["config"]["presets"]
    print(f"## Ablation on the default world ({len(ablation['config']['seeds'])} seeds, MMoE)\n")
    print("Test AUC on the samples that target each action:\n")
    auc_table(ablation, presets)
    print("AUC difference from base, with the report's test (* p < 0.05 and decided):\n")
    versus_base(ablation, presets)
    print("Expected AUC against the true probabilities, on the same samples:\n")
    auc_table(ablation, presets, expected, with_all=False)
    print("Steps:\n")
    steps(ablation, [("base", "adm"), ("adm", "adm+hke"), ("adm", "adm+hke-fixed"), ("adm+hke-fixed", "adm+hke"),
                     ("adm", "adm+rlu"), ("adm+hke", "kaml"), ("adm+hke+weighted", "kaml")])

for name, title, pairs in [
        ("same-definitions", "Definitions shared by every target (--definition-shift 0)",
         [("adm", "adm+hke"), ("adm", "adm+hke-fixed"), ("adm+hke-fixed", "adm+hke")]),
        ("untargeted", "Delivery not optimised for the target (--targeted-delivery 0)", [("adm", "adm+hke")]),
        ("immediate", "Postbacks complete and at once (--postback-delay 0 --attribution-window 0)", [("adm", "adm+rlu")])]:
    off = load(name)
    if not off or not ablation:
        continue
    print(f"## {title}: on (default world, seeds 1–3) vs off\n")
    for label, report in (("on", ablation), ("off", off)):
        print(f"{label}:\n")
        steps(report, pairs, seeds={1, 2, 3})
    print("Off, each preset against base with the report's test:\n")
    versus_base(off, off["config"]["presets"])
