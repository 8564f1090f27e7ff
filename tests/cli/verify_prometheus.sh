#!/usr/bin/env bash
# verify's SLO check against a real Prometheus (Debian's prometheus package)
# scraping a small exporter, both started here on 127.0.0.1 with their own
# config and data folder; every value change is awaited through Prometheus's
# API. Each case runs with both kinds of metrics source, Prometheus and the
# exporter's JSON document, which must agree on the outcome, and again with
# --rollback-on-failure: only a measured failure rolls back, which the real
# git confirms. The outcome table is printed at the end. Then the three
# outcomes in JSON, JUnit, report.md and the 28.312 IntentReport, and --slo.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool curl
require_tool python3
. "$SOURCE_DIR/tests/support/prometheus-env.sh"
metrics_lab_init "$SCRATCH/lab"
trap 'metrics_lab_stop; rm -rf "$SCRATCH"' EXIT
isolate KUBECONFIG
mkdir -p "$SCRATCH/work"
cd "$SCRATCH/work"

git init -q --bare -b main remote.git
GOOD=('upf_latency_p95_seconds 0.012' 'upf_packet_loss_ratio 0.00005' 'upf_tx_bits_per_second 800000000'
  'edge_dl_latency_ms 7' 'edge_ul_latency_ms 9' 'edge_ues 150')
THROUGHPUT='sum(upf_tx_bits_per_second)'

# write_sites KIND URL [THROUGHPUT-QUERY-OR-POINTER]: sites-KIND.yaml with edge1 (the
# sample's edge2 is only rendered for), no cluster (the SLO check runs at
# once), every target of the sample mapped.
write_sites() {
  local kind=$1 url=$2 throughput=${3:-}
  if [ "$kind" = prometheus ]; then
    cat >"sites-$kind.yaml" <<YAML
sites:
  edge1:
    repo: remote.git
    metrics:
      url: '$url'
      targets: {latency: upf_latency_p95_seconds, packet_loss: upf_packet_loss_ratio,
                throughput: {query: '${throughput:-$THROUGHPUT}', unit: bps},
                DlLatency: edge_dl_latency_ms, UlLatency: edge_ul_latency_ms, maxNumberofUEs: edge_ues}
  edge2: {repo: remote2.git}
YAML
  else
    cat >"sites-$kind.yaml" <<YAML
sites:
  edge1:
    repo: remote.git
    metrics:
      url: '$url'
      kind: json
      targets: {latency: {pointer: /upf_latency_p95_seconds, unit: s}, packet_loss: {pointer: /upf_packet_loss_ratio, unit: ratio},
                throughput: {pointer: '${throughput:-/upf_tx_bits_per_second}', unit: bps},
                DlLatency: {pointer: /edge_dl_latency_ms, unit: ms}, UlLatency: {pointer: /edge_ul_latency_ms, unit: ms},
                maxNumberofUEs: /edge_ues}
  edge2: {repo: remote2.git}
YAML
  fi
}
sources_default() {
  write_sites prometheus "$PROM_URL"
  write_sites json "$EXPORTER_URL/metrics.json"
}
sources_default
"$INTENTCTL" render -q --sites sites-prometheus.yaml --site edge1 "$SOURCE_DIR/samples/28312/edge-analytics-two-sites.json" -o dist
"$INTENTCTL" publish -q --sites sites-prometheus.yaml dist >/dev/null
head_commit() { git --git-dir=remote.git rev-parse main; }

# without NAME: the good series but NAME's, one a line (for mapfile).
without() {
  local line
  for line in "${GOOD[@]}"; do [ "${line%% *}" = "$1" ] || echo "$line"; done
}

TABLE=$SCRATCH/table
printf '%-28s %-10s %-10s %-5s %s\n' "case" "prometheus" "json" "exit" "rollback" >"$TABLE"

# check_case NAME OUTCOME EXIT: runs verify with each kind, without and with
# --rollback-on-failure, and checks the outcome, the exit code and whether the
# site was rolled back (only for a measured failure), with the real git.
check_case() {
  local name=$1 want=$2 want_rc=$3 kind outcome rolled before after seen=() rollbacks=()
  for kind in prometheus json; do
    run "$INTENTCTL" verify dist --sites "sites-$kind.yaml" --site edge1
    outcome=$(awk '$1 == "edge1" && $2 == "slo" { print $3 }' "$SCRATCH/out")
    cp "$SCRATCH/out" "$SCRATCH/case-$name-$kind.out"
    [ "$outcome" = "$want" ] && pass || fail "$name ($kind): slo is '$outcome', wanted $want: $(cat "$SCRATCH/out")"
    expect_rc "$want_rc" "$name ($kind)"
    seen+=("$outcome")
    before=$(head_commit)
    run "$INTENTCTL" verify dist --sites "sites-$kind.yaml" --site edge1 --rollback-on-failure
    expect_rc "$want_rc" "$name ($kind) with --rollback-on-failure"
    after=$(head_commit)
    if [ "$before" != "$after" ]; then
      rolled=yes
      [ "$(git --git-dir=remote.git rev-parse main^)" = "$before" ] && pass || fail "$name ($kind): the revert is not on top"
      git --git-dir=remote.git log -1 --format=%B main | grep -qF "Reverts: $before" && pass ||
        fail "$name ($kind): the new commit is no revert of $before"
      expect_contains "$SCRATCH/out" "edge1  rollback  reverted ${before:0:7}; main is now ${after:0:7}" "$name ($kind): rollback said"
      "$INTENTCTL" publish -q --sites "sites-$kind.yaml" dist >/dev/null # put it back
    else
      rolled=no
      expect_not_contains "$SCRATCH/out" "rollback" "$name ($kind): no rollback said"
    fi
    rollbacks+=("$rolled")
    if [ "$want" = fail ]; then
      [ "$rolled" = yes ] && pass || fail "$name ($kind): a measured failure was not rolled back"
    else
      [ "$rolled" = no ] && pass || fail "$name ($kind): rolled back without a measured failure"
    fi
  done
  [ "${seen[0]}" = "${seen[1]}" ] && pass || fail "$name: the kinds disagree: ${seen[*]}"
  printf '%-28s %-10s %-10s %-5s %s\n' "$name" "${seen[0]}" "${seen[1]}" "$want_rc" \
    "$( [ "${rollbacks[0]}" = "${rollbacks[1]}" ] && echo "${rollbacks[0]}" || echo "${rollbacks[*]}")" >>"$TABLE"
}

slo_line() { grep "^edge1  slo" "$SCRATCH/case-$1-$2.out"; }

# --- the exporter down from the start: Prometheus never had a sample ------------------------------
set_series "${GOOD[@]}"
start_prometheus
prom_await 'up{job="edge"}' 0
check_case "exporter down" unknown 3
expect_contains "$SCRATCH/case-exporter down-prometheus.out" "latency: the query returned no series; Prometheus cannot scrape its target $EXPORTER_URL/metrics" "the down target named"
expect_contains "$SCRATCH/case-exporter down-json.out" "edge1  slo      unknown  $EXPORTER_URL/metrics.json: connection refused" "the JSON source is down"

start_exporter
serve "${GOOD[@]}"

# --- measured -----------------------------------------------------------------------------------------
check_case "pass" pass 0
expect_contains "$SCRATCH/case-pass-prometheus.out" "edge1  slo      pass  6/6 targets met: latency 12 ms, packet_loss 0.005%, throughput 800 Mbps, ..." "pass line in the targets' units"
slo_line pass json | grep -qF "6/6 targets met: latency 12 ms, packet_loss 0.005%, throughput 800 Mbps" && pass || fail "json pass line"

mapfile -t no_latency < <(without upf_latency_p95_seconds)
serve 'upf_latency_p95_seconds 0.027' "${no_latency[@]}"
check_case "fail" fail 1
expect_contains "$SCRATCH/case-fail-prometheus.out" "edge1  slo      fail  latency 27 ms, wanted IS_LESS_THAN 20 ms (expectation edge-analytics-two-sites-cn)" "fail line"

mapfile -t no_tx < <(without upf_tx_bits_per_second)
serve 'upf_tx_bits_per_second 490000000' "${no_tx[@]}"
check_case "unit conversion (bps, Mbps)" fail 1
expect_contains "$SCRATCH/case-unit conversion (bps, Mbps)-prometheus.out" "throughput 490 Mbps, wanted IS_GREATER_THAN 500 Mbps" "bps against Mbps"

serve 'upf_latency_p95_seconds 0.027' 'upf_packet_loss_ratio 0.00005' 'upf_tx_bits_per_second 800000000' \
  'edge_ul_latency_ms 9' 'edge_ues 150'
check_case "fail beside an unknown" fail 1
expect_contains "$SCRATCH/case-fail beside an unknown-prometheus.out" "latency 27 ms, wanted IS_LESS_THAN 20 ms (expectation edge-analytics-two-sites-cn); 1 of 6 targets unknown" "the failure leads, the unknown is counted"

# --- unknown: the evidence could not be had -------------------------------------------------------------
mapfile -t no_dl < <(without edge_dl_latency_ms)
serve "${no_dl[@]}"
check_case "no series" unknown 3
expect_contains "$SCRATCH/case-no series-prometheus.out" "edge1  slo      unknown  DlLatency: the query returned no series; Prometheus's only scrape target is up (expectation edge-svc-001); 1 of 6 targets unknown" "no series, and the target is up"
expect_contains "$SCRATCH/case-no series-json.out" "edge1  slo      unknown  DlLatency: no value at /edge_dl_latency_ms: no member \"edge_dl_latency_ms\"" "no value in the JSON"

mapfile -t no_ul < <(without edge_ul_latency_ms)
serve "${no_ul[@]}" 'edge_ul_latency_ms{cell="a"} 9' 'edge_ul_latency_ms{cell="b"} 12'
check_case "two series" unknown 3
expect_contains "$SCRATCH/case-two series-prometheus.out" "UlLatency: the query returned 2 series; an SLO needs one" "two series"
expect_contains "$SCRATCH/case-two series-json.out" "UlLatency: the value is a list of 2; an SLO needs one value" "a list of two"

serve "${no_latency[@]}" 'upf_latency_p95_seconds NaN'
check_case "NaN" unknown 3
expect_contains "$SCRATCH/case-NaN-prometheus.out" "latency: the query's value is NaN" "NaN said"
expect_contains "$SCRATCH/case-NaN-json.out" "latency: measured \"NaN\" is not a number" "NaN in JSON"

serve "${GOOD[@]}"
write_sites prometheus "$PROM_URL" 'sum(upf_tx_bits_per_second'
write_sites json "$EXPORTER_URL/metrics.json" '/upf_tx~2bits'
check_case "PromQL syntax error" unknown 3
expect_contains "$SCRATCH/case-PromQL syntax error-prometheus.out" "throughput: Prometheus refused the query (bad_data): invalid parameter \"query\": 1:27: parse error: unclosed left parenthesis" "Prometheus's own message"
expect_contains "$SCRATCH/case-PromQL syntax error-json.out" "throughput: no value at /upf_tx~2bits: '~' must be followed by 0 or 1" "the pointer's fault"

write_sites prometheus "$EXPORTER_URL/moved"
write_sites json "$EXPORTER_URL/moved/metrics.json"
check_case "redirect" unknown 3
expect_contains "$SCRATCH/case-redirect-prometheus.out" "edge1  slo      unknown  $EXPORTER_URL/moved/api/v1/query: HTTP 302, a redirect to $PROM_URL/api/v1/query; redirects are not followed: give the metrics URL it leads to" "the redirect and where it leads"

write_sites prometheus "$EXPORTER_URL"
write_sites json "$EXPORTER_URL/metrics"
check_case "not JSON" unknown 3
expect_contains "$SCRATCH/case-not JSON-prometheus.out" "edge1  slo      unknown  $EXPORTER_URL/api/v1/query: the answer is not JSON (HTTP 200, text/plain); is it a Prometheus server?" "not Prometheus"
expect_contains "$SCRATCH/case-not JSON-json.out" "$EXPORTER_URL/metrics: the answer is not JSON (HTTP 200, text/plain); is it a JSON metrics document?" "not JSON"
sources_default

# The exporter stops: Prometheus's next scrape fails and marks the series stale.
stop_exporter
prom_await upf_latency_p95_seconds none
check_case "stale sample" unknown 3
expect_contains "$SCRATCH/case-stale sample-prometheus.out" "the query returned no series; Prometheus cannot scrape its target $EXPORTER_URL/metrics" "stale, and why"
start_exporter
serve "${GOOD[@]}"

# The source itself is down: Prometheus; the JSON endpoint.
stop_prometheus
stop_exporter
check_case "source down" unknown 3
expect_contains "$SCRATCH/case-source down-prometheus.out" "edge1  slo      unknown  $PROM_URL/api/v1/query: connection refused" "Prometheus down"
start_exporter
start_prometheus
serve "${GOOD[@]}"

echo
echo "SLO outcomes against a real Prometheus and the same values as a JSON document:"
cat "$TABLE"
echo

# --- the three outcomes in every output ------------------------------------------------------------------
serve "${no_dl[@]}"
run "$INTENTCTL" verify dist --sites sites-prometheus.yaml --site edge1 --format json --report reports
expect_rc 3 "unknown, --format json and --report"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "JSON output: unknown check and target"
import json, sys
record = json.load(open(sys.argv[1]))["sites"][0]
assert record["status"] == "unknown", record["status"]
slo = [c for c in record["checks"] if c["check"] == "slo"][0]
assert slo["status"] == "unknown", slo
targets = {t["name"]: t for t in record["targets"]}
assert targets["DlLatency"]["status"] == "unknown" and targets["DlLatency"]["achieved"] is None, targets["DlLatency"]
assert targets["latency"]["status"] == "pass" and targets["latency"]["achieved"] == {"value": 12, "unit": "ms"}, targets["latency"]
assert targets["latency"]["wanted"] == {"condition": "IS_LESS_THAN", "value": 20, "unit": "ms"}, targets["latency"]
PY
run "$INTENTCTL" validate reports/edge1/intent-report-edge-analytics-two-sites.json
expect_rc 0 "the report holds to the IntentReport schema intentctl carries"
python3 - reports/edge1/intent-report-edge-analytics-two-sites.json <<'PY' && pass || fail "IntentReport: an unknown target is not fulfilled and says why"
import json, sys
report = json.load(open(sys.argv[1]))
fulfilment = report["intentFulfilmentReport"]
info = fulfilment["intentFulfilmentInfo"]
assert info["fulfilmentStatus"] == "NOT_FULFILLED" and info["notFullfilledState"] == "ACKNOWLEDGED", info
results = {e["expectaitonId"]: e for e in fulfilment["expectationFulfilmentResult"]}
svc = {t["targetName"]: t for t in results["edge-svc-001"]["targetFulfilmentResult"]}
dl = svc["DlLatency"]
assert "targetAchievedValue" not in dl, dl
assert dl["targetFulfilmentInfo"]["fulfilmentStatus"] == "NOT_FULFILLED", dl
assert dl["targetFulfilmentInfo"]["notFullfilledState"] == "ACKNOWLEDGED", dl
assert dl["targetFulfilmentInfo"]["notFulfilledReasons"][0].startswith("unknown: the query returned no series"), dl
assert svc["UlLatency"]["targetFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
assert results["edge-analytics-two-sites-cn"]["expectationFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
PY
expect_contains reports/edge1/report.md "| slo | unknown | DlLatency: the query returned no series" "report.md check row"
expect_contains reports/edge1/report.md "| edge-svc-001 | DlLatency | IS_LESS_THAN 10 ms | not measured | unknown: the query returned no series" "report.md target row"
run "$INTENTCTL" verify dist --sites sites-prometheus.yaml --site edge1 --format junit
expect_rc 3 "unknown, JUnit"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "JUnit: unknown is an error"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert suite.get("errors") == "1" and suite.get("failures") == "0", suite.attrib
error = suite.find("testcase[@name='slo']/error")
assert error is not None and error.get("type") == "unknown", ET.tostring(suite)
assert error.get("message").startswith("unknown: DlLatency: the query returned no series"), error.get("message")
assert "unknown: DlLatency: the query returned no series" in error.text, error.text
PY

# --- --slo against Prometheus ------------------------------------------------------------------------------
serve "${GOOD[@]}"
run "$INTENTCTL" verify dist --sites sites-prometheus.yaml --site edge1 --slo 'edge_dl_latency_ms<=8, upf_packet_loss_ratio<=0.01%'
expect_rc 0 "--slo met"
expect_contains "$SCRATCH/out" "2/2 targets met: edge_dl_latency_ms 7 ms, upf_packet_loss_ratio 0.005%" "--slo in the named units"
run "$INTENTCTL" verify dist --sites sites-prometheus.yaml --site edge1 --slo 'edge_dl_latency_ms in [1ms, 5ms]'
expect_rc 1 "--slo range violated"
expect_contains "$SCRATCH/out" "edge_dl_latency_ms 7 ms, wanted IS_WITHIN_RANGE [1 ms, 5 ms]" "range"
run "$INTENTCTL" verify dist --sites sites-prometheus.yaml --site edge1 --slo 'edge_dl_latency_ms<8, nope_metric>1' --rollback-on-failure
expect_rc 3 "--slo names a metric Prometheus does not have: unknown, not a failure"
expect_contains "$SCRATCH/out" "edge1  slo      unknown  nope_metric: the query returned no series" "unknown --slo metric"
expect_not_contains "$SCRATCH/out" "rollback" "no rollback for an unknown --slo metric"

finish
