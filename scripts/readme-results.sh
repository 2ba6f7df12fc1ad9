#!/usr/bin/env bash
# The README's older simulator results, re-run on today's default world (mechanisms on) with five test days, the
# world of "Evidence on the default world" (scripts/mechanisms.sh makes it too; the same seed gives the same files):
#   backbones   base and all on every backbone (seed 1);
#   sensitivity ADM's alpha and window, RLU's gamma, on the validation split (seeds 1, 2; scripts/sensitivity.sh);
#   controls    reliable reporting (ADM should equal all) and no shift at all (clicks ignore user-ad match, one definition per action, untargeted delivery: HKE should add nothing), MMoE, 3 seeds.
# Claims about the simulator. Usage: bash scripts/readme-results.sh [backbones|sensitivity|controls]...  (runs/readme)
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/readme
mkdir -p "$out"
world_options=(--days 35 --test-days 5)

simulate() {
  local name=$1
  shift
  [ -f "$out/$name/dataset.yaml" ] || ./kaml simulate --out "$out/$name" "${world_options[@]}" "$@" > "$out/$name.simulate.txt" 2>&1
}

experiment() {
  local name=$1 data=$2
  shift 2
  [ -f "$out/$name/report.json" ] || ./kaml experiment --data "$out/$data/dataset.yaml" --out "$out/$name" "$@" \
      > "$out/$name.txt" 2> "$out/$name.log"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(backbones sensitivity controls)
simulate world
for step in "${steps[@]}"; do
  case $step in
    backbones) experiment backbones world --presets base,all --backbones single-task,shared-bottom,mmoe,ple --seeds 1 ;;
    sensitivity) bash scripts/sensitivity.sh "$out/world/dataset.yaml" "$out/sensitivity" > "$out/sensitivity.md" ;;
    controls)
      simulate world-reliable --reliable-reporting
      experiment control-reliable world-reliable --presets base,all,adm --reference all --backbones mmoe --seeds 1,2,3
      simulate world-noshift --no-shift --definition-shift 0 --targeted-delivery 0
      experiment control-noshift world-noshift --presets base,adm,adm+hke --reference adm --backbones mmoe --seeds 1,2,3 ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
