# A real Prometheus (Debian's prometheus package) scraping a small exporter
# (tests/support/metrics-exporter), both on free 127.0.0.1 ports with their own
# config, data folder and logs under $METRICS_LAB; for the tests and the
# benchmarks, sourced. Nothing waits a fixed time: readiness and every change
# of values are polled through Prometheus's own API.
#
#   metrics_lab_init DIR      set up (prometheus missing: exit 77)
#   start_exporter / stop_exporter
#   start_prometheus / stop_prometheus
#   set_series 'name{labels} value' ...      what the exporter serves from now on
#   serve 'name{labels} value' ...  the same, and wait until Prometheus scraped it
#                             (a series left out is then stale: no longer answered)
#   prom_await QUERY WANT     until Prometheus answers QUERY with WANT: a value
#                             ("0.012", "NaN"), "none" (no series) or "N series"
#   metrics_lab_stop          stop both (call it from the EXIT trap)
#
# After init: PROM_URL, EXPORTER_URL.

METRICS_LAB_SUPPORT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

metrics_lab_init() {
  METRICS_LAB=$1
  command -v prometheus >/dev/null 2>&1 || { echo "SKIP: prometheus is not installed"; exit 77; }
  mkdir -p "$METRICS_LAB/data"
  EXPORTER_PORT=$(free_port)
  PROM_PORT=$(free_port)
  EXPORTER_URL=http://127.0.0.1:$EXPORTER_PORT
  PROM_URL=http://127.0.0.1:$PROM_PORT
  EXPORTER_STATE=$METRICS_LAB/exporter.json
  echo '{"series": []}' >"$EXPORTER_STATE"
  "$METRICS_LAB_SUPPORT/metrics-exporter" redirect "$EXPORTER_STATE" "$PROM_URL"
  # A scrape every second; a scrape that fails marks the target's series stale.
  cat >"$METRICS_LAB/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: edge
    static_configs:
      - targets: ['127.0.0.1:$EXPORTER_PORT']
EOF
}

# await_started URL PID NAME: until URL answers 200 (two minutes at most, and
# not once the process PID is gone; NAME.log then says why).
await_started() {
  local tries=0
  until curl -sf -o /dev/null "$1"; do
    tries=$((tries + 1))
    kill -0 "$2" 2>/dev/null && [ $tries -lt 1200 ] ||
      { echo "$3 did not start; see $METRICS_LAB/$3.log:" >&2; tail -5 "$METRICS_LAB/$3.log" >&2; return 1; }
    sleep 0.1
  done
}

start_exporter() {
  "$METRICS_LAB_SUPPORT/metrics-exporter" serve "$EXPORTER_PORT" "$EXPORTER_STATE" \
    >>"$METRICS_LAB/exporter.log" 2>&1 &
  EXPORTER_PID=$!
  await_started "$EXPORTER_URL/metrics" "$EXPORTER_PID" exporter
}

stop_exporter() {
  [ -n "${EXPORTER_PID:-}" ] || return 0
  kill "$EXPORTER_PID" 2>/dev/null || true
  wait "$EXPORTER_PID" 2>/dev/null || true
  EXPORTER_PID=
}

start_prometheus() {
  prometheus --config.file="$METRICS_LAB/prometheus.yml" --storage.tsdb.path="$METRICS_LAB/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >>"$METRICS_LAB/prometheus.log" 2>&1 &
  PROM_PID=$!
  await_started "$PROM_URL/-/ready" "$PROM_PID" prometheus
}

stop_prometheus() {
  [ -n "${PROM_PID:-}" ] || return 0
  kill "$PROM_PID" 2>/dev/null || true
  wait "$PROM_PID" 2>/dev/null || true
  PROM_PID=
}

metrics_lab_stop() {
  stop_exporter
  stop_prometheus
}

# Each set also serves metrics_lab_generation, counted up, so that a scrape of
# exactly this state can be awaited: one scrape is atomic in Prometheus, and
# it marks every series it no longer finds stale.
METRICS_LAB_GENERATION=0
set_series() {
  METRICS_LAB_GENERATION=$((METRICS_LAB_GENERATION + 1))
  "$METRICS_LAB_SUPPORT/metrics-exporter" set "$EXPORTER_STATE" "$@" "metrics_lab_generation $METRICS_LAB_GENERATION"
}

serve() {
  set_series "$@"
  prom_await metrics_lab_generation "$METRICS_LAB_GENERATION"
}

prom_await() {
  python3 - "$PROM_URL" "$1" "$2" <<'PY'
import json, sys, time, urllib.parse, urllib.request
base, query, want = sys.argv[1:4]
url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
seen = None
def same(seen, want):
    if seen == want:
        return True
    try:
        return float(seen) == float(want)
    except (TypeError, ValueError):
        return False
for _ in range(1200):
    try:
        result = json.load(urllib.request.urlopen(url, timeout=10))["data"]["result"]
        if want == "none":
            seen = "none" if not result else "%d series" % len(result)
        elif want.endswith(" series"):
            seen = "%d series" % len(result)
        else:
            seen = result[0]["value"][1] if len(result) == 1 else "%d series" % len(result)
        if same(seen, want):
            sys.exit(0)
    except (OSError, ValueError, KeyError, IndexError):
        pass
    time.sleep(0.1)
sys.exit("prometheus never answered %s with %s (last: %s)" % (query, want, seen))
PY
}
