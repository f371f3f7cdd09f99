#!/usr/bin/env bash
# Detection and false-alarm rates of the trend report's shift detector (README "Regression
# detection"), on series drawn by the generator: per seed 20 planted steps of +20% to +60%, 10
# single-point outliers, 10 slow drifts (+30% over the year), 5 series with 30% nulls, the rest
# clean. Pure computation, no InfluxDB. Usage: bench/detect.sh [SEEDS] [JOBS] [W MAXW Z MINCHANGE]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-10}"
jobs="${2:-3000}"
shift $(( $# > 2 ? 2 : $# ))
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath"
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
  io.squashinflux.bench.DetectBench "$seeds" "$jobs" "$@"
