#!/usr/bin/env bash
# bench/kafka.sh N [PARTITIONS]: the scale-out through Kafka beside a direct sync, in one run, on
# the same N generated jobs: a direct sync into influxd, `sync --to kafka://` into a topic (a
# real broker, Kafka's test kit, in the bench's JVM), then 1, 2 and 4 writers
# (`sync --from kafka:// --group`, one JVM each) consuming the topic into a fresh database each.
# Prints wall time, points/s and CPU seconds of squash-influx, influxd and the broker's JVM.
# Every figure taken on a shared 2-core machine is a ratio to the direct sync of the same run.
set -euo pipefail
usage="usage: bench/kafka.sh N [PARTITIONS]   (jobs, e.g. 20000; topic partitions, default 4)"
n=${1:?$usage}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
partitions=${2:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for tool in influxd /usr/bin/time mvn; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: run scripts/ensure-deps" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/squash-influx-kafka-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mvn -o -q -B -Dstyle.color=never test-compile
mvn -o -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath"
cp=$(cat "$work/classpath")
java -XX:+UseSerialGC -cp "target/test-classes:target/classes:$cp" \
  io.squashinflux.bench.KafkaBench "$n" "$partitions"
