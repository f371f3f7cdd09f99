#!/usr/bin/env bash
# bench/run.sh N: squash-influx against the notebook it replaces and against the machine's
# ceiling, in one run, on the same N generated jobs served by one local SQuaSH API.
#
#   (a) notebook: bench/notebook.py, one GET per job and one POST per line (Python, requests)
#   (b) squash-influx sync --squash-url ... --no-state
#   (c) ceiling: the jobs fetched by curl, 8 in flight, while curl posts the same line protocol
#       (precomputed by `convert`, not timed) in 5,000-line batches
#
# Each contender writes into a fresh private influxd. Prints wall time, points/s, field values/s
# and peak RSS of each, the ratios b/a and b/c, and checks that (b) stored exactly the expected
# field values. Exit status: 0 when the check passes.
#
# Environment:
#   SQUASH_INFLUX_CMD     how to run squash-influx (default: the ./squash-influx launcher, as a
#                         user runs it, with its JVM settings; it builds the jar when missing or
#                         stale); the test suite passes a java -cp command
#   BENCH_SEED            generator seed (default 7)
#   BENCH_NOTEBOOK_JOBS   run the notebook on the first K jobs only and extrapolate its time per
#                         job to N (default: all N; 0 skips the notebook)
#   BENCH_SYNC_JAVA_OPTS  JVM options for (b) only, e.g. -Xmx128m (passed as JAVA_TOOL_OPTIONS)
#   BENCH_TUNED_JAVA_OPTS JVM options of an extra contender (b'), squash-influx sync run with them
#                         in the same run, e.g. "-XX:TieredStopAtLevel=1 -Xmx128m"
#   BENCH_SYNC_ARGS       extra sync options, e.g. "--parallel 4"
#   BENCH_API_DELAY_MS    remote-API mode: the API answers every request this many ms late
#                         (serve-api --latency), as a remote one does; the report then compares
#                         (b) with the floor that 8 requests in flight allow, N x delay / 8
#   BENCH_SERVE_CMD       how to run generate, serve-api and convert (default: SQUASH_INFLUX_CMD),
#                         so that an older build's sync can be timed against the same API
#   BENCH_REPEAT          time (c) and (b) this many times each, in turn, and report the medians
#                         (default 1); peak RSS is the largest of the runs
#   BENCH_IDLE_RUNS       also time this many syncs with nothing to do (an empty --from folder:
#                         start-up, InfluxDB contact, exit) and print their median (default 5)
#   BENCH_WARM_RUNS       also run the same sync this many times in one JVM (bench.WarmSync, this
#                         checkout's build, the launcher's JVM flags), each into a fresh database,
#                         and print the median of all but the first: what a sync costs once the
#                         JVM's start and warm-up are paid (default 0: not run)
set -euo pipefail

usage="usage: bench/run.sh N   (number of jobs, e.g. 20000)"
n=${1:?$usage}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
seed=${BENCH_SEED:-7}
notebook_jobs=${BENCH_NOTEBOOK_JOBS:-$n}
(( notebook_jobs > n )) && notebook_jobs=$n
python=/usr/bin/python3 # Debian's, with python3-requests, -dateutil and -tz (scripts/ensure-deps)
db=bench

for tool in curl influxd /usr/bin/time "$python"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: run scripts/ensure-deps" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/squash-influx-bench.XXXXXX")
pids=()

# Every process started here is stopped on any exit, so an interrupted run leaves nothing behind.
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${SQUASH_INFLUX_CMD:-} ]]; then
  read -r -a si <<<"$SQUASH_INFLUX_CMD"
else
  si=("$root/squash-influx")
fi

if [[ -n ${BENCH_SERVE_CMD:-} ]]; then
  read -r -a serve <<<"$BENCH_SERVE_CMD"
else
  serve=("${si[@]}")
fi
delay_ms=${BENCH_API_DELAY_MS:-0}
[[ $delay_ms =~ ^[0-9]+$ ]] || { echo "bench: BENCH_API_DELAY_MS must be a number of ms" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# Field values stored in the database: the sum of count(*) over every measurement.
stored_values() {
  curl -sS -G "$influx_url/query" --data-urlencode "db=$db" \
    --data-urlencode 'q=SELECT count(*) FROM /.*/' |
    "$python" -c '
import json, sys
total = 0
for result in json.load(sys.stdin)["results"]:
    if "error" in result:
        sys.exit("query failed: " + result["error"])
    for series in result.get("series", []):
        for row in series["values"]:
            total += sum(v for v in row[1:] if v is not None)
print(total)'
}

# Runs a command, recording its wall time (s), peak RSS (MB, its largest process) and CPU time
# (user + system s, its processes together) under a name.
measure() {
  local name=$1 start end
  shift
  start=$(now_ns)
  /usr/bin/time -f '%M %U %S' -o "$work/rss.$name" "$@"
  end=$(now_ns)
  wall[$name]=$(seconds "$start" "$end")
  rss[$name]=$(awk '/^[0-9]+ / { printf "%.0f", $1 / 1024 }' "$work/rss.$name")
  cpu_s[$name]=$(awk '/^[0-9]+ / { printf "%.2f", $2 + $3 }' "$work/rss.$name")
}
declare -A wall rss cpu_s

# --- The jobs, the API server, and what a correct sync stores (none of it timed) ---------------

echo "bench: generating $n jobs (seed $seed)" >&2
"${serve[@]}" generate --count "$n" --seed "$seed" --format api --out "$work/jobs" >/dev/null

start=$(now_ns)
: >"$work/server.out" # exists before the loop below reads it, whenever the server starts writing
"${serve[@]}" serve-api --from "$work/jobs" --port 0 --latency "${delay_ms}ms" >"$work/server.out" 2>&1 &
pids+=("$!")
api=""
for ((i = 0; i < 600; i++)); do
  api=$(sed -n 's/^serving SQuaSH API at \(http[^ ]*\) .*/\1/p' "$work/server.out")
  [[ -n $api ]] && break
  sleep 0.05
done
[[ -n $api ]] || { echo "bench: the API server did not start:" >&2; cat "$work/server.out" >&2; exit 1; }
server_start=$(seconds "$start" "$(now_ns)")

# The expected line protocol comes from the same path as a sync (the API), so it is exactly what
# (b) must store; it also warms the server up before anything is timed.
"${serve[@]}" convert --squash-url "$api" -q -o "$work/expected.lp"
points=$(wc -l <"$work/expected.lp")
# A point is measurement + tags + time; two lines of one point merge, so count distinct
# (point, field key) pairs. String values (a CI run's URL holds commas and equal signs) and
# escaped spaces, commas and equal signs are masked before splitting.
values=$(awk '
  { gsub(/"([^"\\]|\\.)*"/, "S")
    gsub(/\\ /, "\001"); gsub(/\\,/, "\002"); gsub(/\\=/, "\003")
    n = split($2, fields, ",")
    for (i = 1; i <= n; i++) { split(fields[i], kv, "="); seen[$1 " " $3 " " kv[1]] = 1 } }
  END { print length(seen) }' "$work/expected.lp")
mkdir -p "$work/batches"
split -l 5000 -d -a 6 "$work/expected.lp" "$work/batches/b."

echo "bench: $n jobs, $points points, $values field values; API server up in ${server_start} s at $api" >&2

# --- (c) the ceiling --------------------------------------------------------------------------

# Reads every job (8 in flight, keep-alive within each curl) while posting the precomputed lines
# in 5,000-line batches: the best this machine does with the same API server and InfluxDB.
ceiling() {
  local api=$1 influx=$2 db=$3 batches=$4 f
  curl -sSf -o /dev/null -XPOST "$influx/query" --data-urlencode "q=CREATE DATABASE \"$db\""
  local urls per
  urls=$(curl -sSf "$api/jobs" | tr -cs '0-9' '\n' | grep . | sed "s|^|$api/job/|")
  # An eighth of the jobs per curl, so that 8 are in flight for the whole run (a fixed count per
  # curl left fewer than 8 in flight whenever N was under 8 times that count).
  per=$(( ($(wc -l <<<"$urls") + 7) / 8 ))
  xargs -P 8 -n "$per" curl -sSf >/dev/null <<<"$urls" &
  local fetch=$!
  for f in "$batches"/b.*; do
    curl -sSf -o /dev/null --data-binary "@$f" "$influx/write?db=$db&precision=ns"
  done
  wait "$fetch"
}
export -f ceiling

# --- (b) squash-influx ------------------------------------------------------------------------

# Runs the sync into a fresh influxd under a name, with JVM options when given.
sync_contender() {
  local name=$1 options=$2 env_args=()
  start_influxd "$name"
  [[ -n $options ]] && env_args=("JAVA_TOOL_OPTIONS=$options")
  measure "$name" env "${env_args[@]}" "${si[@]}" sync --squash-url "$api" \
    --influx-url "$influx_url" --db "$db" --no-state -q --rejects "$work/rejects.jsonl" \
    "${sync_args[@]}"
  stored[$name]=$(stored_values)
  stop_influxd "$name"
}
declare -A stored
read -r -a sync_args <<<"${BENCH_SYNC_ARGS:-}"

# An untimed sync of a few job files first: the launcher makes the `sync` command's class-data
# archive at the end of its first run after a build, which is not the run to time.
"${serve[@]}" generate --count 20 --seed "$seed" --out "$work/warm-up" >/dev/null
start_influxd warm-up
"${si[@]}" sync --from "$work/warm-up" --influx-url "$influx_url" --db "$db" --no-state -q \
  --rejects "$work/warm-up.rejects.jsonl" >/dev/null
stop_influxd warm-up

# (c) and (b) in turn, BENCH_REPEAT times; each figure is then the median of its runs, and each
# run must have stored every value.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
repeat=${BENCH_REPEAT:-1}
stored_ceiling=""
runs_note=""
for ((r = 1; r <= repeat; r++)); do
  start_influxd ceiling
  echo "bench: (c) ceiling, run $r of $repeat" >&2
  measure "ceiling.$r" bash -c 'ceiling "$@"' _ "$api" "$influx_url" "$db" "$work/batches"
  got=$(stored_values)
  [[ -z $stored_ceiling || $got -lt $stored_ceiling ]] && stored_ceiling=$got
  stop_influxd ceiling
  echo "bench: (b) squash-influx sync, run $r of $repeat" >&2
  sync_contender "sync.$r" "${BENCH_SYNC_JAVA_OPTS:-}"
done
for name in ceiling sync; do
  wall[$name]=$(for ((r = 1; r <= repeat; r++)); do echo "${wall[$name.$r]}"; done | median)
  cpu_s[$name]=$(for ((r = 1; r <= repeat; r++)); do echo "${cpu_s[$name.$r]}"; done | median)
  rss[$name]=$(for ((r = 1; r <= repeat; r++)); do echo "${rss[$name.$r]}"; done | sort -n | tail -1)
done
stored_sync=$(for ((r = 1; r <= repeat; r++)); do echo "${stored[sync.$r]}"; done | sort -n | head -1)
if ((repeat > 1)); then
  runs_note="runs: medians of $repeat runs each, taken in turn; walls (c): $(for ((r = 1; r <= repeat; r++)); do printf '%s ' "${wall[ceiling.$r]}"; done)(b): $(for ((r = 1; r <= repeat; r++)); do printf '%s ' "${wall[sync.$r]}"; done)"
fi
if [[ -n ${BENCH_TUNED_JAVA_OPTS:-} ]]; then
  echo "bench: (b') squash-influx sync with $BENCH_TUNED_JAVA_OPTS" >&2
  sync_contender tuned "$BENCH_TUNED_JAVA_OPTS"
fi

# The same sync again and again in one JVM: the runs after the first pay no start-up or warm-up.
warm_runs=${BENCH_WARM_RUNS:-0}
warm_median=""
if ((warm_runs > 1)); then
  (cd "$root" && mvn -q -B -ntp -o test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >&2
  read -r -a launcher_opts <<<"$(sed -n 's/.*SQUASH_INFLUX_JAVA_OPTS-\([^}]*\)}.*/\1/p' "$root/squash-influx")"
  start_influxd warm
  echo "bench: (b'') the same sync $warm_runs times in one JVM" >&2
  java "${launcher_opts[@]}" \
    -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench-classpath.txt")" \
    io.squashinflux.bench.WarmSync "$warm_runs" "$db" sync --squash-url "$api" \
    --influx-url "$influx_url" --no-state -q --rejects "$work/rejects.jsonl" "${sync_args[@]}" \
    >"$work/warm.out"
  warm_median=$(sed -n 's/^warm run \([0-9]*\): wall \([0-9.]*\) s.*/\1 \2/p' "$work/warm.out" |
    awk '$1 > 1 { print $2 }' | median)
  stop_influxd warm
fi

# A sync with nothing to do (an empty folder of jobs): start-up, the InfluxDB contact, the exit.
idle_runs=${BENCH_IDLE_RUNS:-5}
idle_median=""
if ((idle_runs > 0)); then
  start_influxd idle
  mkdir -p "$work/empty"
  idle_times=()
  for ((i = 0; i < idle_runs; i++)); do
    start=$(now_ns)
    "${si[@]}" sync --from "$work/empty" --influx-url "$influx_url" --db "$db" --no-state -q \
      --rejects "$work/rejects.jsonl"
    idle_times+=("$(seconds "$start" "$(now_ns)")")
  done
  idle_median=$(printf '%s\n' "${idle_times[@]}" | median)
  stop_influxd idle
fi

# --- (a) the notebook -------------------------------------------------------------------------

notebook_out=""
if ((notebook_jobs > 0)); then
  start_influxd notebook
  echo "bench: (a) notebook on $notebook_jobs of $n jobs" >&2
  measure notebook "$python" "$root/bench/notebook.py" "$api" "$influx_url" "$db" "$notebook_jobs" \
    >"$work/notebook.out"
  notebook_out=$(cat "$work/notebook.out")
  stored_notebook=$(stored_values)
  stop_influxd notebook
fi

# --- Report -----------------------------------------------------------------------------------

row() { # name, label, wall s, points, values, rss MB, note
  awk -v l="$2" -v w="$3" -v p="$4" -v v="$5" -v r="$6" -v note="$7" 'BEGIN {
    printf "%-26s %9.2f %11.0f %12.0f %8d  %s\n", l, w, p / w, v / w, r, note }'
}
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
jdk=$(java -version 2>&1 | head -1)
echo "squash-influx benchmark: N=$n jobs (seed $seed): $points points, $values field values"
echo "machine: $(nproc) cores, $cpu, $mem; $jdk; $(influxd version 2>/dev/null | head -1)"
echo "API server: one for all contenders, up in ${server_start} s (not timed)$( ((delay_ms > 0)) && echo "; every answer ${delay_ms} ms late")"
[[ -n $runs_note ]] && echo "$runs_note"
printf "%-26s %9s %11s %12s %8s\n" contender "wall s" points/s values/s "RSS MB"
row ceiling "(c) ceiling (curl)" "${wall[ceiling]}" "$points" "$values" "${rss[ceiling]}" ""
row sync "(b) squash-influx sync" "${wall[sync]}" "$points" "$values" "${rss[sync]}" \
  "${BENCH_SYNC_JAVA_OPTS:-}"
if [[ -n ${BENCH_TUNED_JAVA_OPTS:-} ]]; then
  row tuned "(b') sync, tuned JVM" "${wall[tuned]}" "$points" "$values" "${rss[tuned]}" \
    "$BENCH_TUNED_JAVA_OPTS"
fi
awk -v c="${cpu_s[sync]}" -v n="$n" -v w="${cpu_s[ceiling]}" 'BEGIN {
  printf "cpu: (b) sync %.2f s in all, %.3f s per 1,000 jobs; (c) ceiling %.2f s\n", c, c * 1000 / n, w }'
if ((delay_ms > 0)); then
  # Job GETs plus the listing, 8 at a time, each at least delay_ms: the best any client does.
  awk -v n="$n" -v d="$delay_ms" -v b="${wall[sync]}" -v c="${wall[ceiling]}" 'BEGIN {
    floor = (n + 1) * d / 1000 / 8
    printf "remote API: 8 requests in flight allow %.2f s at best; (b) %.2f s = %.3fx that, (c) %.2f s = %.3fx; (b) %s\n",
      floor, b, b / floor, c, c / floor, b / floor <= 1.1 ? "within 1.1x: OK" : "NOT within 1.1x" }'
fi
if [[ -n $idle_median ]]; then
  echo "start-up: a sync with nothing to do (empty --from folder), median of $idle_runs: ${idle_median} s"
fi
if [[ -n $warm_median ]]; then
  awk -v w="$warm_median" -v k="$warm_runs" -v c="${wall[ceiling]}" 'BEGIN {
    printf "warm: the same sync in one JVM, median of runs 2-%d: %.2f s = %.2fx (c)\n", k, w, w / c }'
  sed 's/^/  /' "$work/warm.out"
fi
if [[ -n $notebook_out ]]; then
  nb_lines=$(sed -n 's/.* lines=\([0-9]*\).*/\1/p' <<<"$notebook_out")
  nb_fields=$(sed -n 's/.* fields=\([0-9]*\).*/\1/p' <<<"$notebook_out")
  nb_wall=${wall[notebook]}
  note=""
  if ((notebook_jobs < n)); then
    nb_measured=$nb_wall
    nb_wall=$(awk -v w="$nb_wall" -v k="$notebook_jobs" -v n="$n" 'BEGIN { printf "%.3f", w * n / k }')
    note="extrapolated: $nb_measured s for $notebook_jobs jobs x $n/$notebook_jobs"
  fi
  # Rates from the jobs it did; its wall time per job scaled to N when run on a subset.
  awk -v l="(a) notebook (python)" -v w="$nb_wall" -v mw="${wall[notebook]}" -v p="$nb_lines" \
    -v v="$nb_fields" -v r="${rss[notebook]}" -v note="$note" 'BEGIN {
    printf "%-26s %9.2f %11.0f %12.0f %8d  %s\n", l, w, p / mw, v / mw, r, note }'
  awk -v a="$nb_wall" -v b="${wall[sync]}" -v c="${wall[ceiling]}" 'BEGIN {
    printf "ratios: b/a = %.4f (squash-influx %.1fx faster than the notebook), b/c = %.2f\n", b / a, a / b, b / c }'
  if [[ -n ${BENCH_TUNED_JAVA_OPTS:-} ]]; then
    awk -v a="$nb_wall" -v b="${wall[tuned]}" -v c="${wall[ceiling]}" 'BEGIN {
      printf "ratios: b'"'"'/a = %.4f (%.1fx faster than the notebook), b'"'"'/c = %.2f\n", b / a, a / b, b / c }'
  fi
else
  awk -v b="${wall[sync]}" -v c="${wall[ceiling]}" 'BEGIN { printf "ratios: b/c = %.2f (notebook not run)\n", b / c }'
  if [[ -n ${BENCH_TUNED_JAVA_OPTS:-} ]]; then
    awk -v b="${wall[tuned]}" -v c="${wall[ceiling]}" 'BEGIN { printf "ratios: b'"'"'/c = %.2f\n", b / c }'
  fi
fi

status=0
verdict() { # label, stored, expected
  if [[ $2 == "$3" ]]; then echo "check: $1 stored $2 of $3 expected field values: OK"
  else echo "check: $1 stored $2 of $3 expected field values: FAILED"; return 1; fi
}
verdict "(b) squash-influx" "$stored_sync" "$values" || status=1
if [[ -n ${BENCH_TUNED_JAVA_OPTS:-} ]]; then
  verdict "(b') squash-influx, tuned JVM" "${stored[tuned]}" "$values" || status=1
fi
verdict "(c) ceiling" "$stored_ceiling" "$values" || status=1
if [[ -n $notebook_out ]]; then
  if ((notebook_jobs == n)); then
    echo "note: (a) notebook stored $stored_notebook of $values expected field values ($notebook_out)"
  else
    echo "note: (a) notebook stored $stored_notebook field values for its $notebook_jobs jobs ($notebook_out)"
  fi
fi
exit "$status"
