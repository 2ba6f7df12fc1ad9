#!/usr/bin/env bash
# Issue 13's evidence on the simulator (claims about the simulator, not about real logs):
#   1. the default world (every mechanism on at its default strength) with 5 test days, so the rare action's
#      test figures are not noise: the ablation with the controls, MMoE, SEEDS (default 1..5);
#   2. the steps a mechanism bears on, tested against adm (--reference adm), seeds 1..3: on the default world,
#      then on the same world with that mechanism off (definitions and delivery: ADM with and without HKE and
#      HKE's capacity control; postbacks: ADM with and without RLU).
# Reports go to OUT/<name>/report.{md,json,html}; OUT defaults to runs/mechanisms.
# Usage: bash scripts/mechanisms.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-runs/mechanisms}"
seeds="${SEEDS:-1,2,3,4,5}"
world="--days 35 --test-days 5"
mkdir -p "$out"
simulate() {
  local name=$1; shift
  [ -f "$out/$name/dataset.yaml" ] || ./kaml simulate --out "$out/$name" $world "$@" > "$out/$name.simulate.txt" 2>&1
}
experiment() {
  local name=$1 data=$2 s=$3; shift 3
  [ -f "$out/$name/report.json" ] && return
  echo "$(date +%T) $name: $*" >&2
  ./kaml experiment --data "$out/$data/dataset.yaml" --seeds "$s" --out "$out/$name" "$@" > "$out/$name.txt" 2> "$out/$name.log"
}
simulate world
experiment ablation world "$seeds" --presets base,all,adm,adm+hke,adm+hke-fixed,adm+rlu,adm+hke+weighted,kaml --backbones mmoe
# Steps tested against adm (DeLong + seeds, as every comparison in a report): on the default world, then with
# each mechanism off.
experiment steps world 1,2,3 --presets adm,adm+hke,adm+hke-fixed,adm+rlu --reference adm --backbones mmoe
simulate world-same-definitions --definition-shift 0
experiment same-definitions world-same-definitions 1,2,3 --presets adm,adm+hke,adm+hke-fixed --reference adm --backbones mmoe
simulate world-untargeted --targeted-delivery 0
experiment untargeted world-untargeted 1,2,3 --presets adm,adm+hke --reference adm --backbones mmoe
simulate world-immediate --postback-delay 0 --attribution-window 0
experiment immediate world-immediate 1,2,3 --presets adm,adm+rlu --reference adm --backbones mmoe
echo "$(date +%T) done" >&2
