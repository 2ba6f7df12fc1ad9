#!/usr/bin/env bash
# The Spark job measured (not a test): a synthetic Parquet log of ROWS rows with the reference model's 20
# categorical fields (io.kaml.bench.SyntheticLog), trained for one epoch by `kaml train` (one process, one
# thread) and by kaml-spark with 1 and 2 tasks in local-cluster mode (one executor JVM of one core per task),
# same model and batch size. Prints each run's samples/s and, per replica, the bytes and time of the
# collective per step. On a 2-core machine two executors cannot be faster than one process: the figures
# are the collective's cost, not a speed-up.
# Usage: scripts/spark-bench.sh [ROWS=1000000] [OUT=runs/spark-bench]     Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rows="${1:-1000000}"
out="${2:-runs/spark-bench}"
batch="${BATCH:-1024}"
source scripts/jdk.sh
./kaml --version > /dev/null
mkdir -p "$out"
if [ ! -f "$out/data/dataset.yaml" ]; then
  echo "$(date +%T) writing $rows rows to $out/data"
  "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp kaml-cli/target/kaml.jar \
    io.kaml.bench.SyntheticLog "$out/data" "$rows" 2>&1 | grep -v "^WARNING"
fi
echo "$(date +%T) kaml train, one process, --threads 1"
start=$(date +%s.%N)
./kaml train --data "$out/data/dataset.yaml" --epochs 1 --threads 1 --batch-size "$batch" --out "$out/local.kaml" \
  > "$out/local.txt" 2> "$out/local.log"
grep -E "steps in" "$out/local.log" || true
echo "  wall $(echo "$(date +%s.%N) - $start" | bc) s"
for tasks in 1 2; do
  echo "$(date +%T) kaml-spark, --tasks $tasks, local-cluster[2,1,3072]"
  start=$(date +%s.%N)
  bash scripts/spark-submit.sh --master 'local-cluster[2,1,3072]' --conf spark.executor.memory=2g \
    --conf spark.ui.enabled=false --class io.kaml.spark.SparkTrain kaml-spark/target/kaml-spark.jar \
    --spec "$out/data/dataset.yaml" --tasks "$tasks" --epochs 1 --batch-size "$batch" --out "$out/spark-$tasks.kaml" \
    > "$out/spark-$tasks.txt" 2> "$out/spark-$tasks.log"
  grep -E "^kaml-spark: (replica|[0-9,]+ samples)|error" "$out/spark-$tasks.log" || true
  echo "  wall $(echo "$(date +%s.%N) - $start" | bc) s"
done
