#!/usr/bin/env bash
# bench/convert.sh [N]: `squash-influx convert` of N lsst.verify job files (default 2000) against
# the floor of merely parsing the same files with Jackson (ParseOnly, readTree per file), both on
# 8 threads in their own JVM. Each runs twice, alternately, and the faster run counts, because
# the machine may be shared. Prints metric values per second and the ratio convert / parse.
set -euo pipefail
n=${1:-2000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/convert.sh [N]" >&2; exit 2; }
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/squash-influx-convert.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ParseOnly lives with the tests; the jar is built when missing.
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath"
[[ -f target/squash-influx.jar ]] || mvn -q -B -ntp -DskipTests package
classpath="target/test-classes:target/classes:$(cat "$work/classpath")"

java -jar target/squash-influx.jar generate --count "$n" --seed 7 --format verify \
  --out "$work/jobs" >/dev/null
size=$(du -sm "$work/jobs" | cut -f1)

now_ns() { date +%s%N; }
best_parse="" best_convert=""
for round in 1 2; do
  start=$(now_ns)
  java -cp "$classpath" io.squashinflux.bench.ParseOnly "$work/jobs" 8 >"$work/parse.out"
  t=$(( $(now_ns) - start ))
  [[ -z $best_parse || $t -lt $best_parse ]] && best_parse=$t
  start=$(now_ns)
  java -jar target/squash-influx.jar convert --from "$work/jobs" --parallel 8 -o /dev/null \
    2>"$work/convert.err"
  t=$(( $(now_ns) - start ))
  [[ -z $best_convert || $t -lt $best_convert ]] && best_convert=$t
done

values=$(sed -n 's/^written: [0-9]* points, \([0-9]*\) field values.*/\1/p' "$work/convert.err")
measurements=$(sed -n 's/.* \([0-9]*\) measurements.*/\1/p' "$work/parse.out")
echo "convert benchmark: $n verify files, $size MB, $measurements measurements, $values metric values written"
awk -v p="$best_parse" -v c="$best_convert" -v v="$values" -v m="$measurements" 'BEGIN {
  printf "parse only (Jackson readTree): %6.2f s  %9.0f measurements/s\n", p / 1e9, m / (p / 1e9)
  printf "squash-influx convert:         %6.2f s  %9.0f metric values/s\n", c / 1e9, v / (c / 1e9)
  printf "ratio convert / parse: %.2f (best of 2 runs each, JVM start included in both)\n", c / p }'
