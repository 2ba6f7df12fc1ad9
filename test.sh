#!/usr/bin/env bash
# The test suite: unit, property and end-to-end tests of every module on JDK 25.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
exec mvn -B -ntp -Dstyle.color=never verify "$@"
