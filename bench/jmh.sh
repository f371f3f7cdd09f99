#!/usr/bin/env bash
# bench/jmh.sh [JMH options]: the line-protocol encoder's micro-benchmark (points per second).
# Compiles the tests (JMH's annotation processor generates the harness there) and runs JMH on
# the test classpath; extra arguments go to JMH, e.g. `bench/jmh.sh -f 2 -wi 5`.
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file=target/bench-classpath.txt
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
exec java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  org.openjdk.jmh.Main 'io.squashinflux.lineprotocol.LineEncoderBenchmark' "$@"
