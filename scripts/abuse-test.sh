#!/usr/bin/env bash
# Abuse of a live `kaml serve` on loopback (issue 12), bounded in time: trains a tiny model (or serves
# MODEL), starts the server, runs scripts/abuse-test.py (idle connections declaring 1 MiB bodies, slow
# bodies, oversized declarations, a reload storm, a whitespace body) and prints, per scenario, what the
# server answered, how fast /health answered afterwards and its RSS; then stops it with SIGTERM and says
# how long that took.
#   scripts/abuse-test.sh [--model FILE] [--connections N] [--heap SIZE] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model="" connections=600 heap=512m work=runs/abuse-test port=18181
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "abuse-test: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
if [ -z "$model" ]; then
  model="$work/m.kaml"
  if [ ! -f "$model" ]; then
    ./kaml simulate --out "$work/data" --days 5 --clicks-per-day 2000 --force > /dev/null 2>&1
    ./kaml train --data "$work/data/dataset.yaml" --epochs 1 --out "$model" > /dev/null 2> "$work/train.log"
  fi
fi
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
source scripts/jdk.sh
"$JAVA_HOME/bin/java" "-Xmx$heap" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -jar kaml-cli/target/kaml.jar serve --model "$model" --port "$port" --token-file "$work/token" \
  --max-connections 1000 > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "localhost:$port/health" > /dev/null && break; sleep 0.5; done
echo "serve: pid $pid, -Xmx$heap, $connections connections per scenario"
python3 scripts/abuse-test.py --port "$port" --pid "$pid" --connections "$connections" --token-file "$work/token"
start=$(date +%s.%N)
kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "SIGTERM: still running after 10 s"; else
  echo "SIGTERM: stopped in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-4) s"; fi
