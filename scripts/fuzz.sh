#!/usr/bin/env bash
# Coverage-guided fuzzing of kaml's readers with Jazzer: every @FuzzTest in turn, SECONDS each (default 60).
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]
# Prints, per target, the executions and the distinct findings; exits 1 when there was any. Jazzer writes each finding's input into the
# target's seed directory (src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where every later
# `mvn test` replays it and fails until the bug is fixed; the inputs that reached new code go to
# <module>/.cifuzz-corpus/ (not committed), from which the next run goes on. Full logs: target/fuzz/.
set -uo pipefail
seconds="${1:-60}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [SECONDS_PER_TARGET]" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"

# module TestClass#method, one fuzz target each
targets=(
  "kaml-core SampleFileFuzzTest#csvFile"
  "kaml-core SampleFileFuzzTest#parquetFile"
  "kaml-core DatasetSpecFuzzTest#specText"
  "kaml-core ModelFileFuzzTest#modelFile"
  "kaml-serve PredictRequestFuzzTest#predictBody"
)
# Coverage feedback from the parsers kaml hands bytes to, not only from kaml's own classes (Jazzer's default).
instrument='io.kaml.**,de.siegmar.fastcsv.**,org.yaml.snakeyaml.**,com.fasterxml.jackson.**,org.apache.parquet.**,org.xerial.snappy.**,com.github.luben.zstd.**'
logs="$root/target/fuzz"
mkdir -p "$logs"

mvn -B -ntp -Dstyle.color=never -pl kaml-core,kaml-serve test-compile > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

summary=()
status=0
for entry in "${targets[@]}"; do
  read -r module target <<< "$entry"
  log="$logs/${target/\#/.}.log"
  echo "fuzzing $target for ${seconds}s ..."
  # JAZZER_FUZZ: fuzzing mode, one target per JVM. The heap is small so that an input which makes a reader
  # allocate what it declares rather than what it holds fails as an OutOfMemoryError (a finding) instead of
  # passing on a big machine. JUnit's own @Timeout would end the whole run: off, while Jazzer hands the
  # fuzz tests' @Timeout to libFuzzer, for which one input running longer is a finding. keep_going: go on
  # after a finding, so one bug does not hide the others (findings with the same stack count once).
  JAZZER_FUZZ=1 JAVA_TOOL_OPTIONS="-Xmx512m" mvn -B -ntp -Dstyle.color=never -pl "$module" -am test \
    -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${seconds}s" -Djazzer.keep_going=100 -Djazzer.hooks=true -Djazzer.instrument="$instrument" \
    -Djunit.jupiter.execution.timeout.mode=disabled > "$log" 2>&1
  # libFuzzer's status lines start with the number of executions so far; the last is the total.
  runs="$(grep -a -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')"
  grep -a -qE '^#[0-9]+[[:space:]]+DONE' "$log" || echo "  the run ended early (a fatal finding, or no build: see $log)" >&2
  # Jazzer writes one file per distinct finding (crash-*, timeout-*, ...); repeats of one are not written again.
  findings="$(grep -a -c 'Test unit written to ' "$log")"
  [ "$findings" -eq 0 ] || status=1
  summary+=("$(printf '%-52s %12s %9s' "$target" "${runs:-0}" "$findings")")
  grep -a -oE 'Test unit written to [^ ]+' "$log" | sed 's/^Test unit written to /  finding: /'
  # What the findings were, alike ones counted together (their full stack traces are in the log).
  grep -a -oE '^== Java Exception: [a-zA-Z0-9_.$]+(: .{0,100})?|^==[0-9]+== ERROR: libFuzzer: .*' "$log" \
    | sed -E 's/^== Java Exception: //; s/^==[0-9]+== ERROR: //' | sort | uniq -c | sort -rn | sed 's/^/  /'
done

echo
printf '%-52s %12s %9s\n' "target (${seconds}s each)" executions findings
printf '%s\n' "${summary[@]}"
echo "logs: $logs/"
exit "$status"
