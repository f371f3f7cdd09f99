#!/usr/bin/env bash
# Recall, precision and false alarms of the trend report's shift detector (README "Regression
# detection"), on series drawn by the generator, in two scenarios per seed:
#   planted: 20 steps of +20% to +60%, 10 single-point outliers, 10 slow drifts (+30% over the
#            year), 5 series with 30% nulls, the rest clean;
#   demo:    what `squash-influx demo --jobs JOBS --seed N` serves: the PA1 regression (x1.5) on
#            the 5 HSC filters, nothing else.
# Every false alarm is listed. Pure computation, no InfluxDB.
# Usage: bench/detect.sh [SEEDS] [JOBS] [W MAXW Z MINCHANGE]   (e.g. bench/detect.sh 10 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-10}"
jobs="${2:-3000}"
shift $(( $# > 2 ? 2 : $# ))
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The plugin version is pinned: the default one's dependencies are not in every offline cache.
mvn -q -B -ntp test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
  io.squashinflux.bench.DetectBench "$seeds" "$jobs" "$@"
