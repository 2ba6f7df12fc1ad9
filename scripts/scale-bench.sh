#!/usr/bin/env bash
# Paper scale on one machine, measured (not a test): writes a synthetic Parquet log of ROWS rows with 20
# categorical fields (io.kaml.bench.SyntheticLog, split by day: the last day test, the one before
# validation), encodes it into the on-disk cache and trains the reference MMoE for one epoch streaming
# from the cache, with the heap capped at HEAP (default 2g) — well below the data's size. Prints encode
# rows/s, cache bytes per row, training samples/s and the peak RSS of each step (GNU time).
# Usage: scripts/scale-bench.sh [ROWS=50000000] [OUT=runs/scale]     Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rows="${1:-50000000}"
out="${2:-runs/scale}"
heap="${HEAP:-2g}"
source scripts/jdk.sh
./kaml --version > /dev/null
jar=kaml-cli/target/kaml.jar
java=("$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC "-Xmx$heap")
mkdir -p "$out"
if [ ! -f "$out/data/dataset.yaml" ]; then
  echo "$(date +%T) writing $rows rows to $out/data"
  "${java[@]}" -cp "$jar" io.kaml.bench.SyntheticLog "$out/data" "$rows" 2>&1 | grep -v "^WARNING"
fi
echo "$(date +%T) data: $(du -sh "$out/data/log" | cut -f1) of Parquet"
rm -rf "$out/cache"
echo "$(date +%T) encoding (kaml stats --cache builds the cache)"
/usr/bin/time -v -o "$out/time-encode.txt" "${java[@]}" -jar "$jar" stats --data "$out/data/dataset.yaml" --cache "$out/cache" \
  --advertisers 0 > "$out/stats.txt" 2> "$out/encode.log" || { cat "$out/encode.log"; exit 1; }
grep -E "^cached|encoding" "$out/encode.log" | tail -3
echo "cache: $(du -sb "$out/cache" | cut -f1) bytes; peak RSS $(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2/1024}' "$out/time-encode.txt")"
echo "$(date +%T) training one epoch, streamed from the cache, -Xmx$heap"
/usr/bin/time -v -o "$out/time-train.txt" "${java[@]}" -jar "$jar" train --data "$out/data/dataset.yaml" --cache "$out/cache" \
  --epochs 1 --out "$out/model.kaml" > "$out/train.txt" 2> "$out/train.log" || { tail -5 "$out/train.log"; exit 1; }
grep -E "read |steps in" "$out/train.log"
train_rows=$(grep -oE "read [0-9,]+ train" "$out/train.log" | grep -oE "[0-9,]+" | tr -d ,)
seconds=$(grep -oE "steps in [0-9.]+ s" "$out/train.log" | grep -oE "[0-9.]+")
echo "training: $(awk -v r="$train_rows" -v s="$seconds" 'BEGIN {printf "%.0f samples/s (%d rows in %.0f s, one epoch incl. validation)", r/s, r, s}'); peak RSS $(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2/1024}' "$out/time-train.txt")"
