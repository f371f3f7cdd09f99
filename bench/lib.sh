# Sourced by the bench scripts: a private influxd on free loopback ports, and timing helpers.
# The caller sets `work` (its temporary folder) and an array `pids` that its exit trap kills.

now_ns() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a private influxd in $work/influxd-NAME on free ports; sets influx_url, influx_port and
# influx_pid, and adds the pid to pids.
start_influxd() {
  local dir=$work/influxd-$1 rpc_port i
  mkdir -p "$dir"
  influx_port=$(free_port)
  rpc_port=$(free_port)
  cat >"$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[continuous_queries]
  enabled = false
[logging]
  level = "warn"
CONF
  influxd run -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
  influx_pid=$!
  pids+=("$influx_pid")
  influx_url=http://127.0.0.1:$influx_port
  for ((i = 0; i < 300; i++)); do
    curl -sf -o /dev/null "$influx_url/ping" && return 0
    kill -0 "$influx_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: influxd did not start:" >&2
  cat "$dir/influxd.log" >&2
  exit 1
}

# Stops the influxd start_influxd NAME started last and removes its folder.
stop_influxd() {
  kill "$influx_pid" 2>/dev/null || true
  wait "$influx_pid" 2>/dev/null || true
  rm -rf "$work/influxd-$1"
}
