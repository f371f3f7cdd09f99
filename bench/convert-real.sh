#!/usr/bin/env bash
# bench/convert-real.sh [COPIES]: `squash-influx convert` MB/s on the real lsst.verify and SQuaSH job
# documents of ../shared/data/squash-samples (every job file there, COPIES copies of each, default
# 20: about 160 MB), 8 threads, output to /dev/null. Runs twice and the faster run counts (the
# machine may be shared). SQUASH_INFLUX_CMD runs another build (default: ./squash-influx).
set -euo pipefail
copies=${1:-20}
[[ $copies =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/convert-real.sh [COPIES]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
samples=$root/../shared/data/squash-samples
[[ -d $samples ]] || { echo "bench: ../shared/data/squash-samples not found" >&2; exit 2; }
if [[ -n ${SQUASH_INFLUX_CMD:-} ]]; then read -r -a si <<<"$SQUASH_INFLUX_CMD"; else si=("$root/squash-influx"); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/squash-influx-convert-real.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/jobs"
for file in "$samples"/*.json; do
  [[ $(basename "$file") == apispec_1.json ]] && continue # the API's description, not a job
  for ((i = 0; i < copies; i++)); do
    ln -s "$file" "$work/jobs/$i-$(basename "$file")"
  done
done
bytes=$(find -L "$work/jobs" -name "*.json" -printf "%s\n" | awk "{ s += \$1 } END { print s }")
files=$(find "$work/jobs" -name '*.json' | wc -l)

now_ns() { date +%s%N; }
best=""
for round in 1 2; do
  start=$(now_ns)
  "${si[@]}" convert --from "$work/jobs" --parallel 8 -o /dev/null 2>"$work/convert.err" || true
  t=$(( $(now_ns) - start ))
  [[ -z $best || $t -lt $best ]] && best=$t
done
grep -q '^written:' "$work/convert.err" || { echo "bench: convert failed:" >&2; cat "$work/convert.err" >&2; exit 1; }
awk -v b="$bytes" -v t="$best" -v f="$files" -v w="$(sed -n 's/^written: \(.*\)/\1/p' "$work/convert.err")" 'BEGIN {
  printf "convert of %d real job files (%.1f MB): best of 2 %.2f s, %.1f MB/s; written: %s\n", f, b / 1e6, t / 1e9, b / 1e6 / (t / 1e9), w }'
