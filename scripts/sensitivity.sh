#!/usr/bin/env bash
# Sensitivity of ADM's alpha and window T and of RLU's gamma, measured on the VALIDATION split (the
# test split is never used to choose a default). Trains MMoE with each setting and seeds 1 and 2,
# then prints mean ± std of the kept epoch's validation AUC per action, "all" and GAUC.
# Usage: scripts/sensitivity.sh [DATASET_YAML] [OUT_DIR]   (needs python3 for the summary table)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-runs/demo/data/dataset.yaml}"
out="${2:-runs/sensitivity}"
mkdir -p "$out"
run() {
  local name=$1; shift
  for seed in 1 2; do
    "$root/kaml" train --data "$data" --out "$out/$name-s$seed.kaml" --valid-metrics-out "$out/$name-s$seed.valid.json" \
      --seed "$seed" "$@" > /dev/null 2> "$out/$name-s$seed.log"
    echo "$(date +%T) $name seed $seed: $(grep 'kept epoch' "$out/$name-s$seed.log")"
  done
}
run base --preset base
for a in 1 10 50 200; do run adm-alpha$a --preset adm --adm-alpha "$a"; done
for t in 7 14; do run adm-alpha10-T$t --preset adm --adm-alpha 10 --adm-window "$t"; done
for g in 0.5 0.8 0.9 0.95; do run kaml-gamma$g --preset kaml --gamma "$g"; done
python3 - "$out" <<'PY'
import json, statistics as st, sys, glob, os, re
out = sys.argv[1]
names = sorted({re.sub(r'-s\d+\.valid\.json$', '', os.path.basename(p)) for p in glob.glob(out + '/*.valid.json')})
first = json.load(open(glob.glob(out + '/*.valid.json')[0]))
actions = list(first['actions'])
fmt = lambda v: '%.4f ± %.4f' % (st.mean(v), st.stdev(v)) if len(v) > 1 else '%.4f' % v[0]
print('| setting | ' + ' | '.join(actions) + ' | all | GAUC |')
print('|---' * (len(actions) + 3) + '|')
for n in names:
    runs = [json.load(open(p)) for p in sorted(glob.glob(out + '/' + n + '-s*.valid.json'))]
    cells = [fmt([r['actions'][a]['auc'] for r in runs]) for a in actions]
    print('| ' + n + ' | ' + ' | '.join(cells) + ' | ' + fmt([r['all']['auc'] for r in runs]) + ' | ' + fmt([r['gauc'] for r in runs]) + ' |')
PY
