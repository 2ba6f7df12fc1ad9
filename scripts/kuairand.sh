#!/usr/bin/env bash
# The public check on real data (KuaiRand-Pure), every table of the README's "Real data" section:
#   1. ./kaml kuairand writes the protocol datasets (Parquet) into runs/kuairand;
#   2. the paper's protocol: Oracle / Vanilla / KAML data, the presets that differ on each, MMoE and PLE,
#      single-task and shared-bottom for base; the advertiser protocol: every preset on MMoE and PLE,
#      single-task and shared-bottom for base.
# Each experiment writes report.md/json/html into runs/kuairand/report-<name>/. Seeds: SEEDS (default 1..5).
# Usage: bash scripts/kuairand.sh [SOURCE_DIR]     (SOURCE_DIR default ../shared/data/kuairand-pure)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source="${1:-../shared/data/kuairand-pure}"
seeds="${SEEDS:-1,2,3,4,5}"
out=runs/kuairand
./kaml kuairand --source "$source" --out "$out"
experiment() {
  local name=$1 data=$2; shift 2
  echo "$(date +%T) $name: $*"
  ./kaml experiment --data "examples/kuairand/$data.yaml" --seeds "$seeds" --out "$out/report-$name" "$@" \
    > "$out/report-$name.txt" 2> "$out/report-$name.log"
  tail -n +1 "$out/report-$name.txt"
}
# Vanilla data has the target's label only: the all and adm masks equal the target mask, so only base
# (the paper's "Vanilla") is run.
experiment vanilla vanilla --presets base --backbones mmoe,ple,shared-bottom,single-task
# Oracle data has every label.
experiment oracle oracle --presets base,all --backbones mmoe,ple
experiment oracle-baselines oracle --presets base --backbones shared-bottom,single-task
experiment oracle-ablation oracle --presets adm,adm+hke,kaml --backbones mmoe,ple
experiment kaml kaml --presets base,all,adm,adm+hke,kaml --backbones mmoe,ple
experiment kaml-baselines kaml --presets base --backbones shared-bottom,single-task
experiment advertiser advertiser --presets base,all,adm,adm+hke,kaml --backbones mmoe,ple
experiment advertiser-baselines advertiser --presets base --backbones shared-bottom,single-task
