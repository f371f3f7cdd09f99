#!/usr/bin/env bash
# bench/http-clients.sh [JOBS] [ROUNDS] [candidate...]: the HTTP client candidates side by side
# (ClientBench under src/test): each fetches the same JOBS (default 3000) job documents from one
# SQuaSH API server (serve-api --generate, its own process, so that the CPU counted is the
# client's), 8 in flight, asking for gzip and reading through the size cap; ROUNDS (default 3)
# counted rounds after a warm-up, the candidates taking turns. Prints CPU and wall seconds per
# 1,000 jobs. Candidates: jdk, apache, okhttp, jetty (each library alone) and http (the project's
# client, net.Http over its transport).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-3000}
rounds=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
classpath_file=target/bench-classpath.txt
mvn -q -B -ntp -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
cp="target/test-classes:target/classes:$(cat "$classpath_file")"
out=$(mktemp)
java -cp "$cp" io.squashinflux.cli.Main serve-api --generate "$jobs" --seed 7 --port 0 >"$out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$out"' EXIT
api=""
for ((i = 0; i < 600; i++)); do
  api=$(sed -n 's/^serving SQuaSH API at \(http[^ ]*\) .*/\1/p' "$out")
  [[ -n $api ]] && break
  sleep 0.05
done
[[ -n $api ]] || { echo "bench: the API server did not start:" >&2; cat "$out" >&2; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx256m -cp "$cp" io.squashinflux.bench.ClientBench "$api" "$jobs" "$rounds" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
