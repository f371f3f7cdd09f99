#!/usr/bin/env bash
# bench/report.sh [N...]: what the trend report costs over N generated jobs (default: 1000 20000),
# each figure beside a baseline measured in the same run:
#
#   report     `squash-influx report` (the ./squash-influx launcher, as a user runs it): wall time,
#              peak RSS (/usr/bin/time -v), size of the HTML it writes
#   influx     `influx -execute` of the queries the report sends (SHOW ..., then one SELECT per
#              metric GROUP BY dataset, filter), output as JSON to /dev/null: InfluxDB's own client
#              reading the same data, the floor for a tool that reads it all back
#   chromium   headless Chromium opening the page from disk and taking a 1280x2400 screenshot,
#              beside the same for an empty page (Chromium's own start-up and shutdown)
#   annotate   `report --annotate` (Chronograf's annotations and squash_influx_findings written,
#              the second and later runs overwriting the same points)
#   notify     `report --notify` to a webhook receiver on loopback (python3), a fresh ledger each
#              run so that every run sends its message
#
# Per N: a private influxd, `serve-api --generate N` (the demo's jobs: the PA1 regression on the
# 5 HSC filters), `sync` into it and the specs from the API's /specs (none of it timed). Each timed
# command runs BENCH_RUNS times (default 3): the median wall time and the largest RSS are shown.
# Ratios: report/influx and page/empty page per N, and each figure of the largest N over the
# smallest. It also checks that the regressions found are exactly the 5 planted ones (exit 1
# otherwise) and lists any other change found.
#
# Environment: BENCH_SEED (1), BENCH_RUNS (3), BENCH_KEEP=1 keeps the work folder (pages, JSON),
# BENCH_CHROMIUM=0 skips the Chromium figures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(1000 20000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/report.sh [N...]   (numbers of jobs)" >&2; exit 2; }
done
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
chromium=/usr/bin/chromium
for tool in curl influxd influx python3 /usr/bin/time "$chromium"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing: run scripts/ensure-deps" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/squash-influx-report-bench.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

si=("$root/squash-influx")
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# Runs a command BENCH_RUNS times; sets t_wall (median s) and t_rss (largest peak RSS, MB).
measure() {
  local i start end walls=() rss=0 r
  for ((i = 0; i < runs; i++)); do
    start=$(now_ns)
    /usr/bin/time -v -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || {
      echo "bench: failed: $*" >&2; cat "$work/cmd.err" >&2; exit 1; }
    end=$(now_ns)
    walls+=("$(( (end - start) / 1000000 ))")
    r=$(awk -F: '/Maximum resident set size/ { print int($2 / 1024) }' "$work/time.out")
    (( r > rss )) && rss=$r
  done
  t_wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }')
  t_rss=$rss
}

shot() { # URL PNG PROFILE: what TrendPageTest runs, network off
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    "--host-resolver-rules=MAP * ~NOTFOUND" --proxy-server=http://127.0.0.1:9 --user-data-dir="$3" \
    --virtual-time-budget=10000 --window-size=1280,2400 --hide-scrollbars --screenshot="$2" "$1"
}
export -f shot
export chromium

echo "bench: building once (./squash-influx builds when stale)" >&2
"${si[@]}" generate --help >/dev/null
echo '<!DOCTYPE html><html><body></body></html>' >"$work/empty.html"

declare -A R_WALL R_RSS I_WALL I_RSS SIZE C_WALL E_WALL VALUES A_WALL N_WALL ANNOTATIONS MESSAGES
for n in "${sizes[@]}"; do
  echo "bench: N=$n: influxd, serve-api, sync (not timed)" >&2
  start_influxd "$n"
  : >"$work/api-$n.out"
  "${si[@]}" serve-api --generate "$n" --seed "$seed" --port 0 >"$work/api-$n.out" 2>&1 &
  api_pid=$!
  pids+=("$api_pid")
  api=""
  for ((i = 0; i < 600; i++)); do
    api=$(sed -n 's/^serving SQuaSH API at \(http[^ ]*\) .*/\1/p' "$work/api-$n.out")
    [[ -n $api ]] && break
    sleep 0.05
  done
  [[ -n $api ]] || { echo "bench: serve-api did not start:" >&2; cat "$work/api-$n.out" >&2; exit 1; }
  curl -sSf "$api/specs" -o "$work/specs-$n.json"
  "${si[@]}" sync --squash-url "$api" --influx-url "$influx_url" --db report --no-state --quiet
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true

  echo "bench: N=$n: report x$runs" >&2
  html=$work/report-$n.html
  measure "${si[@]}" report --influx-url "$influx_url" --db report --specs "$work/specs-$n.json" \
    -o "$html" --findings "$work/report-$n.json"
  R_WALL[$n]=$t_wall; R_RSS[$n]=$t_rss; SIZE[$n]=$(stat -c %s "$html")
  VALUES[$n]=$(sed -n 's/.*metrics, [0-9]* series, \([0-9]*\) values.*/\1/p' "$html" | head -1)

  echo "bench: N=$n: report --annotate x$runs, report --notify x$runs" >&2
  measure "${si[@]}" report --influx-url "$influx_url" --db report --specs "$work/specs-$n.json" \
    -o "$work/annotate-$n.html" --annotate
  A_WALL[$n]=$t_wall
  ANNOTATIONS[$n]=$(curl -sS -G "$influx_url/query" --data-urlencode db=chronograf --data-urlencode \
    'q=SELECT count("text") FROM "annotations" WHERE "deleted" = false' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; print(r["series"][0]["values"][0][1] if "series" in r else 0)')
  : >"$work/hook-$n.log"
  python3 -c '
import http.server, sys
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with open(sys.argv[1], "a") as log:
            log.write("%d\n" % len(body))
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
print(server.server_port, flush=True)
server.serve_forever()' "$work/hook-$n.log" >"$work/hook-$n.port" &
  pids+=("$!")
  for ((i = 0; i < 200; i++)); do [[ -s $work/hook-$n.port ]] && break; sleep 0.05; done
  measure env SQUASH_INFLUX_NOTIFY_URL="http://127.0.0.1:$(cat "$work/hook-$n.port")/services/T0/B0/bench" \
    bash -c 'rm -f "$1"; exec "${@:2}"' _ "$work/notified-$n.json" "${si[@]}" report \
    --influx-url "$influx_url" --db report --specs "$work/specs-$n.json" -o "$work/notify-$n.html" \
    --notified "$work/notified-$n.json"
  N_WALL[$n]=$t_wall
  MESSAGES[$n]="$(wc -l <"$work/hook-$n.log") x $(tail -1 "$work/hook-$n.log") B"

  # The queries the report sends (series/MetricReader, notebook model), for InfluxDB's own client.
  queries=$(curl -sS -G "$influx_url/query" --data-urlencode db=report \
      --data-urlencode 'q=SHOW FIELD KEYS' | python3 -c '
import json, sys
qs = ["SHOW MEASUREMENTS"]
for s in json.load(sys.stdin)["results"][0].get("series", []):
    m = s["name"]
    qs += ["SHOW FIELD KEYS FROM \"%s\"" % m, "SHOW TAG KEYS FROM \"%s\"" % m]
    qs += ["SELECT \"%s\" FROM \"%s\" GROUP BY \"dataset\", \"filter_name\"" % (f, m)
           for f, t in s["values"] if t == "float"]
print("; ".join(qs))')
  echo "bench: N=$n: influx -execute x$runs ($(tr ';' '\n' <<<"$queries" | grep -c SELECT) SELECTs)" >&2
  measure influx -host 127.0.0.1 -port "$influx_port" -database report -format json -precision ns \
    -execute "$queries"
  I_WALL[$n]=$t_wall; I_RSS[$n]=$t_rss

  C_WALL[$n]=-; E_WALL[$n]=-
  if [[ ${BENCH_CHROMIUM:-1} != 0 ]]; then
    echo "bench: N=$n: chromium, the page and an empty page, x$runs each" >&2
    measure bash -c 'shot "$1" "$2" "$3"' _ "file://$html" "$work/shot-$n.png" "$work/profile-$n"
    C_WALL[$n]=$t_wall
    measure bash -c 'shot "$1" "$2" "$3"' _ "file://$work/empty.html" "$work/empty-$n.png" "$work/profile-e$n"
    E_WALL[$n]=$t_wall
  fi

  kill "$influx_pid"; wait "$influx_pid" 2>/dev/null || true

  python3 - "$work/report-$n.json" "$n" <<'EOF' || exit 1
import json, sys
doc = json.load(open(sys.argv[1]))
found = sorted((f["metric"], f["dataset"], f["filter"]) for f in doc["regressions"])
want = sorted(("validate_drp.PA1", "validation_data_hsc", b) for b in "grizy")
ok = found == want  # other changes (shifts for the better) are listed, not failed on
print("check: N=%s: %d regressions (%s), %d other changes%s: %s" % (sys.argv[2], len(found),
      ", ".join("%s %s/%s" % f for f in found), len(doc["changes"]),
      "".join(" (%s %s/%s %+.1f%% at %s)" % (c["metric"], c["dataset"], c["filter"],
              100 * c["change"], c["at"]) for c in doc["changes"]), "OK" if ok else "FAILED"))
sys.exit(0 if ok else 1)
EOF
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "seed $seed, $runs runs each, median wall time; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "jobs" "values" "report s" \
  "report RSS MB" "influx -execute s" "report / influx" "HTML MB" "Chromium page s (empty page s)" \
  "page / empty"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |\n' "$n" "${VALUES[$n]}" \
    "${R_WALL[$n]}" "${R_RSS[$n]}" "${I_WALL[$n]}" "$(ratio "${R_WALL[$n]}" "${I_WALL[$n]}")" \
    "$(awk -v s="${SIZE[$n]}" 'BEGIN { printf "%.2f", s / 1048576 }')" "${C_WALL[$n]}" \
    "${E_WALL[$n]}" "$(ratio "${C_WALL[$n]}" "${E_WALL[$n]}")"
done
echo
printf '| %s | %s | %s | %s | %s | %s | %s |\n' "jobs" "report s" "--annotate s" "annotate / report" \
  "annotations (chronograf)" "--notify s" "messages received"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "${R_WALL[$n]}" "${A_WALL[$n]}" \
    "$(ratio "${A_WALL[$n]}" "${R_WALL[$n]}")" "${ANNOTATIONS[$n]}" "${N_WALL[$n]}" "${MESSAGES[$n]}"
done
if (( ${#sizes[@]} > 1 )); then
  a=${sizes[0]}; b=${sizes[${#sizes[@]}-1]}
  echo
  echo "N=$b over N=$a: values x$(ratio "${VALUES[$b]}" "${VALUES[$a]}"), report time" \
    "x$(ratio "${R_WALL[$b]}" "${R_WALL[$a]}"), report RSS x$(ratio "${R_RSS[$b]}" "${R_RSS[$a]}")," \
    "influx -execute time x$(ratio "${I_WALL[$b]}" "${I_WALL[$a]}"), HTML x$(ratio "${SIZE[$b]}" "${SIZE[$a]}")," \
    "Chromium x$(ratio "${C_WALL[$b]}" "${C_WALL[$a]}")"
fi
