#!/usr/bin/env bash
# Issue 13 §4: the reliable mask against ADM's count rule, on the default simulated world (a claim about the
# simulator) and on the KuaiRand advertiser protocol (real impressions, simulated targets and reporting).
#   sweep    the mask's threshold and credibility, chosen on validation ("all" AUC of the kept epoch; 3 seeds); a
#            credibility under 0.5 trusts every pair not credibly below the threshold (the benefit of the doubt);
#   world    base, all, adm and reliable on the default world with 5 test days (MMoE, 5 seeds, truth);
#   kuairand all, adm and reliable on the advertiser protocol (MMoE, 5 seeds);
#   pairs    precision and recall of "trusted" against the true complete reporters, both rules (seeds 1-3).
# Usage: bash scripts/reliable-mask.sh [sweep|world|kuairand|pairs]...   (default: all four; outputs in runs/reliable)
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/reliable
mkdir -p "$out"
world="$out/world"
[ -f "$world/dataset.yaml" ] || ./kaml simulate --out "$world" --days 35 --test-days 5 > "$out/world.simulate.txt" 2>&1

experiment() {
  local name=$1 data=$2
  shift 2
  [ -f "$out/$name/report.json" ] && return
  ./kaml experiment --data "$data" --backbones mmoe --out "$out/$name" "$@" > "$out/$name.txt" 2> "$out/$name.log"
}

sweep() {
  for rule in "0.5 0.9" "0.5 0.8" "0.7 0.9" "0.3 0.9" "0.5 0.2"; do
    set -- $rule
    experiment "sweep-$1-$2" "$world/dataset.yaml" --presets reliable --reference reliable --seeds 1,2,3 --reliable-threshold "$1" --reliable-credibility "$2"
  done
  python3 - "$out" <<'PY'
import json, sys, glob, statistics
print("| threshold | credibility | validation all AUC, seeds 1-3 | mean |")
print("|---:|---:|---|---:|")
for path in sorted(glob.glob(sys.argv[1] + "/sweep-*/report.json")):
    report = json.load(open(path))
    loss = report["config"]["loss"]
    values = [run["training_curve"][run["best_epoch"] - 1]["validation_auc"] for run in report["runs"]]
    print(f"| {loss['reliable_threshold']} | {loss['reliable_credibility']} | {', '.join(f'{v:.4f}' for v in values)} | {statistics.mean(values):.4f} |")
PY
}

pairs() {
  ./kaml kuairand --source ../shared/data/kuairand-pure --out runs/kuairand > "$out/kuairand-prepare.txt" 2>&1
  for seed in 1 2 3; do
    [ -f "$out/world-seed$seed.kaml" ] || ./kaml train --data "$world/dataset.yaml" --preset reliable --seed "$seed" \
        --out "$out/world-seed$seed.kaml" > "$out/world-seed$seed.txt" 2> "$out/world-seed$seed.log"
    python3 scripts/mask-precision.py "$world/reporting.csv" "$out/world-seed$seed.kaml.completeness.csv"
    [ -f "$out/kuairand-seed$seed.kaml" ] || ./kaml train --data examples/kuairand/advertiser.yaml --preset reliable --seed "$seed" \
        --out "$out/kuairand-seed$seed.kaml" > "$out/kuairand-seed$seed.txt" 2> "$out/kuairand-seed$seed.log"
    python3 scripts/mask-precision.py runs/kuairand/advertiser/reporting.csv "$out/kuairand-seed$seed.kaml.completeness.csv"
  done
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(sweep world kuairand pairs)
for step in "${steps[@]}"; do
  case $step in
    sweep) sweep > "$out/sweep.md" ;;
    world) experiment world-experiment "$world/dataset.yaml" --presets base,all,adm,reliable --seeds 1,2,3,4,5 --reference adm ;;
    kuairand) experiment kuairand examples/kuairand/advertiser.yaml --presets all,adm,reliable --seeds 1,2,3,4,5 --reference adm ;;
    pairs) pairs > "$out/pairs.md" ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
