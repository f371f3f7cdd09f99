#!/usr/bin/env bash
# How well the trend report's shift detector (README "Regression detection") tells sustained
# shifts from everything else, scored against known truth. Pure computation, no InfluxDB.
#
# 1. bench/DetectScore.java: 300+ series of 290 points of these kinds (its header says how each is
#    drawn), with shifts of 1.5 to 6 noise sd over SEEDS seeds: steps in gaussian, student-t (3 dof),
#    AR(1) (rho 0.6) and outlier-ridden noise, regressions fixed later, two successive steps,
#    deterministic series moving in small steps with one large step; quiet series (clean, t3, AR(1),
#    drifts, spikes, 3-point excursions, deterministic small steps alone). A detection counts when
#    within 3 points of a true change of the same direction; F1, precision and recall per kind and
#    per shift size, and quiet series flagged. Run twice in one go: BEFORE (a git ref, default
#    main: its detector's classes compiled alone) and this tree.
# 2. DetectBench (this tree only): the generator's series, "planted" (steps, outliers, drifts,
#    null-heavy series) and "demo" (the PA1 regression on the 5 HSC filters, nothing else); every
#    false alarm listed.
# Usage: bench/detect.sh [SEEDS] [JOBS]   (defaults 6 and 3000; e.g. bench/detect.sh 10 20000)
# Environment: BEFORE (main), DETECT_ALARMS=1 lists every false alarm and miss of part 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-6}"
jobs="${2:-3000}"
before="${BEFORE:-main}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The plugin version is pinned: the default one's dependencies are not in every offline cache.
mvn -q -B -ntp test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
alarms=()
[[ "${DETECT_ALARMS:-}" == 1 ]] && alarms=(--alarms)

# The detector of BEFORE: its few classes need nothing else, so javac alone builds them.
mkdir -p "$work/before/src" "$work/before/classes" "$work/scorer"
git archive "$before" src/main/java | tar -x -C "$work/before/src"
dir=$(dirname "$(find "$work/before/src" -name Detector.java -path '*squashinflux*' | head -1)")
# Its detector's own classes, those of them that the ref has (the package also holds classes that
# need the rest of the project).
own=()
for c in Detector DetectorSettings Robust Shift Noise Segments Steps Evidence; do
  [[ -f "$dir/$c.java" ]] && own+=("$dir/$c.java")
done
javac -nowarn -d "$work/before/classes" "${own[@]}" 2>/dev/null \
  || javac -nowarn -d "$work/before/classes" "$dir"/*.java
javac -d "$work/scorer" bench/DetectScore.java
echo "# Part 1: scored series"
java -cp "$work/scorer:$work/before/classes" DetectScore "before ($before, $(git rev-parse --short "$before"))" "$seeds" "${alarms[@]}"
java -cp "$work/scorer:target/classes" DetectScore "after (this tree, $(git rev-parse --short HEAD))" "$seeds" "${alarms[@]}"
echo
echo "# Part 2: the generator's series, $jobs jobs per seed"
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
  io.squashinflux.bench.DetectBench "$seeds" "$jobs"
