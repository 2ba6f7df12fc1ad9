#!/usr/bin/env bash
# Load test of `kaml serve` on loopback, and the in-process Predictor's latency.
#
# Simulates a small world and trains the reference-size MMoE on it (about 20 s), starts the server on
# 127.0.0.1, drives POST /v1/predict with wrk for a bounded time with 1-instance and 64-instance
# bodies made from test rows, and prints requests/s, latency p50/p99/p99.9 and errors per scenario
# (errors must be 0; the server's own /metrics count of non-200 answers is checked too). Then it
# stops the server and times the in-process Predictor on one thread. Installs wrk and jq with
# apt-get when they are missing. Timings move with whatever else runs on the machine, so the load
# average is printed with them.
#
#   scripts/load-test.sh [--duration SECONDS] [--connections N] [--wrk-threads N] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"

duration=15
connections=16
wrk_threads=1
work="$root/runs/load-test"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --wrk-threads) wrk_threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "load-test: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null; then
    if [ "$(id -u)" != 0 ]; then
      echo "load-test: '$tool' is missing; install it (apt-get install -y $tool) or run as root" >&2
      exit 3
    fi
    echo "load-test: installing $tool" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq "$tool" >/dev/null
  fi
done

mkdir -p "$work"
kaml="$root/kaml"
if [ ! -f "$work/model.kaml" ]; then
  echo "load-test: simulating data and training the reference MMoE (one epoch) in $work" >&2
  "$kaml" simulate --out "$work/data" --days 5 --clicks-per-day 20000 --force >/dev/null
  "$kaml" train --data "$work/data/dataset.yaml" --out "$work/model.kaml" --epochs 1 >/dev/null
fi

log="$work/serve.log"
"$kaml" serve --model "$work/model.kaml" --host 127.0.0.1 --port 0 2>"$log" &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server"
    wait "$server" || true
  fi
}
trap stop_server EXIT
for _ in $(seq 1 300); do
  grep -q "listening on" "$log" && break
  kill -0 "$server" 2>/dev/null || { echo "load-test: the server did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
url="$(grep -o 'listening on http://[0-9.:]*' "$log" | cut -d' ' -f3)"
[ -n "$url" ] || { echo "load-test: the server did not say where it listens:" >&2; cat "$log" >&2; exit 1; }

# Request bodies from the first test rows: categorical values as strings, numerical ones as numbers.
model_json="$(curl -sf "$url/v1/model")"
body() {
  # sed reads the whole file: head would stop zcat early, a failure under pipefail.
  zcat "$work/data/test.csv.gz" | sed -n "1,$(($1 + 1))p" | jq -R -s -c \
    --argjson cat "$(jq -c .features.categorical <<<"$model_json")" \
    --argjson num "$(jq -c .features.numerical <<<"$model_json")" '
    split("\n") | map(select(length > 0) | split(",")) | .[0] as $header
    | {instances: [.[1:][] as $row
        | ([$header | to_entries[] | {key: .value, value: $row[.key]}] | from_entries) as $cells
        | {features: ([$cat[] | {key: ., value: $cells[.]}] + [$num[] | {key: ., value: ($cells[.] | tonumber)}] | from_entries),
           target: $cells.target_action}]}'
}
body 1 >"$work/body-1.json"
body 64 >"$work/body-64.json"
for n in 1 64; do
  got="$(curl -sf "$url/v1/predict" --data-binary "@$work/body-$n.json" | jq '.predictions | length')"
  [ "$got" = "$n" ] || { echo "load-test: a $n-instance request answered $got predictions" >&2; exit 1; }
done

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("KAML_BODY"), "r"))
wrk.body = file:read("*a")
file:close()

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3, latency.max / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout))
end
LUA

echo "load-test: machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores" >&2
results=()
for n in 1 64; do
  # A short untimed run first, so the JIT has compiled the request path before the timed one.
  KAML_BODY="$work/body-$n.json" wrk -t"$wrk_threads" -c"$connections" -d3s -s "$work/post.lua" "$url/v1/predict" >/dev/null
  line="$(KAML_BODY="$work/body-$n.json" wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 5s -s "$work/post.lua" "$url/v1/predict" | grep '^RESULT')"
  results+=("$n ${line#RESULT }")
done
non200="$(curl -sf "$url/metrics" | awk '/^kaml_http_requests_total\{endpoint="\/v1\/predict"/ && !/status="200"/ {s += $2} END {print s + 0}')"
echo "load-test: machine load after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
stop_server
trap - EXIT

printf '\nkaml serve on %s, wrk -t%s -c%s -d%ss per scenario (after a 3 s warm-up), model %s\n' "$url" "$wrk_threads" "$connections" "$duration" "$work/model.kaml"
printf '%-12s %12s %10s %10s %10s %10s %8s\n' instances requests req/s p50_ms p99_ms p99.9_ms errors
for r in "${results[@]}"; do
  set -- $r
  n="$1"; shift
  declare -A f=()
  for kv in "$@"; do f["${kv%%=*}"]="${kv#*=}"; done
  printf '%-12s %12s %10s %10s %10s %10s %8s\n' "$n" "${f[requests]}" "${f[rps]}" "${f[p50_ms]}" "${f[p99_ms]}" "${f[p999_ms]}" "${f[errors]}"
done
echo "non-200 answers counted by the server's /metrics: $non200"
echo "targets: >= 10,000 single-instance requests/s with p99 <= 10 ms; 0 errors"
echo
"$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -XX:+UseParallelGC -cp "$root/kaml-cli/target/kaml.jar" \
  io.kaml.serve.PredictorBenchmark "$work/model.kaml" 100000 2> >(grep -v "incubator modules" >&2)
echo "target: in-process single request p99 <= 100 us"
