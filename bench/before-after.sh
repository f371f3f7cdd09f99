#!/usr/bin/env bash
# bench/run.sh N (default 3000) for two builds, remote-like (API 20 ms late) then loopback, interleaved in one go.
# Usage: BEFORE=/path/to/other/checkout/squash-influx bench/before-after.sh [N]
# BENCH_WARM_RUNS=K adds the after's warm runs, BENCH_REPEAT=K times each contender K times (bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
before=${BEFORE:?set BEFORE to the launcher of the build to compare with}
n=${1:-3000}
for delay in 20 0; do
  for who in before after; do
    cmd=./squash-influx; warm=${BENCH_WARM_RUNS:-0}
    [ $who = before ] && cmd=$before && warm=0 # the warm runs use this checkout's classes
    echo "=== $who delay=$delay load=$(cut -d' ' -f1-3 /proc/loadavg)"
    SQUASH_INFLUX_CMD=$cmd BENCH_WARM_RUNS=$warm BENCH_SERVE_CMD=./squash-influx BENCH_API_DELAY_MS=$delay BENCH_NOTEBOOK_JOBS=0 \
      bench/run.sh "$n" 2>&1 | grep -E "^cpu:|^remote API|^ratios|^start-up|^warm|^runs|contender|^\(b\)|^\(c\)|^check" || true
  done
done
