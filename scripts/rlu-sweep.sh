#!/usr/bin/env bash
# Chooses RLU's settings on validation (issue 13 §3): one factor at a time around the defaults (pairs A>B,A>C,
# 8 partners per positive from the whole batch, gamma 0.9, epochs kept by the "all" AUC), preset kaml, MMoE.
# Each variant is trained with SEEDS (default 1,2); the table gives the mean validation "all" AUC and mean
# per-action AUC of the kept epoch, and the test ones beside them for the record (never used to choose).
# Usage: bash scripts/rlu-sweep.sh DATASET.yaml OUT_DIR [extra train options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=$1 out=$2; shift 2
seeds="${SEEDS:-1,2}"
mkdir -p "$out"
variants=(
  "default|"
  "pairs A>B|--pairs A>B"
  "pairs A>B,A>C,C>B|--pairs A>B,A>C,C>B"
  "partners advertiser|--pair-partners advertiser"
  "k 2|--pairs-per-positive 2"
  "k 32|--pairs-per-positive 32"
  "gamma 0.7|--gamma 0.7"
  "gamma 0.97|--gamma 0.97"
  "select mean-action|--select-by mean-action"
)
for v in "${variants[@]}"; do
  name=${v%%|*} options=${v#*|}
  slug=$(echo "$name" | tr ' >,.' '_gc_')
  for seed in ${seeds//,/ }; do
    prefix="$out/$slug-seed$seed"
    [ -f "$prefix.valid.json" ] && continue
    echo "$(date +%T) $name seed $seed" >&2
    # shellcheck disable=SC2086
    ./kaml train --data "$data" --preset kaml --seed "$seed" --out "$prefix.kaml" $options "$@" \
      --valid-metrics-out "$prefix.valid.json" --metrics-out "$prefix.test.json" > "$prefix.txt" 2> "$prefix.log"
    rm -f "$prefix.kaml"
  done
done
python3 - "$out" "$seeds" "${variants[@]}" <<'PY'
import json, statistics, sys
out, seeds, variants = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
def mean_action(m):
    aucs = [a["auc"] for a in m["actions"].values() if a["auc"] is not None]
    return sum(aucs) / len(aucs)
print("| variant | valid all AUC | valid mean action AUC | test all AUC | test mean action AUC |")
print("|---|---:|---:|---:|---:|")
for v in variants:
    name = v.split("|")[0]
    slug = name.translate(str.maketrans(" >,.", "_gc_"))
    rows = {k: [] for k in ("va", "vm", "ta", "tm")}
    for s in seeds:
        valid = json.load(open(f"{out}/{slug}-seed{s}.valid.json"))
        test = json.load(open(f"{out}/{slug}-seed{s}.test.json"))
        rows["va"].append(valid["all"]["auc"]); rows["vm"].append(mean_action(valid))
        rows["ta"].append(test["all"]["auc"]); rows["tm"].append(mean_action(test))
    cell = lambda xs: f"{statistics.mean(xs):.4f}" + (f" ± {statistics.stdev(xs):.4f}" if len(xs) > 1 else "")
    print(f"| {name} | {cell(rows['va'])} | {cell(rows['vm'])} | {cell(rows['ta'])} | {cell(rows['tm'])} |")
PY
