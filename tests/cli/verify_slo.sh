#!/usr/bin/env bash
# verify's SLO check: Prometheus and JSON endpoints in the fixture, every
# target of the rendered expectations judged with units, --slo expressions,
# missing metrics, the 28.312 IntentReport (checked against a schema with the
# standard's field names), and --rollback-on-failure checked with the real git.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"
python3 -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema is not installed"; exit 77; }

LATENCY='histogram_quantile(0.95, sum(rate(upf_latency_seconds_bucket[5m])) by (le))'
THROUGHPUT='sum(rate(upf_tx_bytes_total[1m])) * 8'
publish_sample "{url: '$METRICS_URL/prom/@SITE@', targets: {latency: {query: '$LATENCY', unit: s}, packet_loss: upf_packet_loss_ratio, throughput: {query: '$THROUGHPUT', unit: bps}}}"
HEAD1=$(head_of edge1)

# load_metrics [overrides...]: the cluster synced, and every metric good unless overridden.
load_metrics() {
  load_cluster edge1 --metric "$LATENCY=0.012" --metric upf_packet_loss_ratio=0.00005 --metric "$THROUGHPUT=8e8" \
    --metric DlLatency=7 --metric UlLatency=9 --metric maxNumberofUEs=150 "$@"
}
verify_edge1() { run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 "$@"; }

load_metrics
verify_edge1
expect_rc 0 "every target met"
expect_contains "$SCRATCH/out" "edge1  slo      pass  6/6 targets met: latency 12 ms, packet_loss 0.005%, throughput 800 Mbps, ..." "pass line in the targets' units"

load_metrics --metric "$LATENCY=0.027"
verify_edge1
expect_rc 1 "latency too high"
expect_contains "$SCRATCH/out" "edge1  slo      fail  latency 27 ms, wanted IS_LESS_THAN 20 ms (expectation edge-analytics-two-sites-cn)" "fail line: seconds compared with ms"

load_metrics --metric upf_packet_loss_ratio=0.0002
verify_edge1
expect_rc 1 "packet loss outside its range"
expect_contains "$SCRATCH/out" "packet_loss 0.02%, wanted IS_WITHIN_RANGE [0%, 0.01%]" "ratio compared with %"

load_metrics --metric "$THROUGHPUT=4.9e8"
verify_edge1
expect_rc 1 "throughput too low"
expect_contains "$SCRATCH/out" "throughput 490 Mbps, wanted IS_GREATER_THAN 500 Mbps" "bps compared with Mbps"

load_metrics --metric maxNumberofUEs=200
verify_edge1
expect_rc 0 "IS_EQUAL_TO_OR_LESS_THAN holds at the bound"

# Missing metrics are failures, never passes.
load_cluster edge1 --metric "$LATENCY=0.012" --metric upf_packet_loss_ratio=0.00005 --metric DlLatency=7 \
  --metric UlLatency=9 --metric maxNumberofUEs=150
verify_edge1
expect_rc 1 "a missing metric"
expect_contains "$SCRATCH/out" "throughput: the query returned no series (is the metric scraped?) (expectation edge-analytics-two-sites-ran)" "missing metric named"

load_metrics --metric-series "DlLatency=3,4"
verify_edge1
expect_rc 1 "two series for one target"
expect_contains "$SCRATCH/out" "DlLatency: the query returned 2 series; an SLO needs one" "ambiguous query"

load_metrics --metric-error "UlLatency=parse error at char 3: unexpected identifier"
verify_edge1
expect_rc 1 "Prometheus refuses a query"
expect_contains "$SCRATCH/out" "Prometheus refused the query (bad_data): parse error at char 3: unexpected identifier" "Prometheus's message"

load_metrics --prometheus-status 503
verify_edge1
expect_rc 3 "Prometheus unavailable"
expect_contains "$SCRATCH/out" "edge1  slo      error" "error line"
expect_contains "$SCRATCH/out" "HTTP 503: injected fault" "Prometheus's answer"

# SLOs are measured only once the cluster runs the published commit.
load_metrics --rootsync pending
verify_edge1
expect_rc 1 "not synced yet"
expect_contains "$SCRATCH/out" "edge1  slo      pending  waiting for the cluster check" "slo waits for the cluster"

# --- --slo ----------------------------------------------------------------------------
load_metrics --metric DlLatency_ms=7.5 --metric success_ratio=0.997 --metric 'rate(http_errors_total[5m])=0'
verify_edge1 --slo 'DlLatency_ms<=8, success_ratio>=99.5%, rate(http_errors_total[5m])' 2>/dev/null
expect_rc 2 "a PromQL expression is not a name"
verify_edge1 --slo 'DlLatency_ms<=8, success_ratio>=99.5%'
expect_rc 0 "--slo met"
expect_contains "$SCRATCH/out" "2/2 targets met: DlLatency_ms 7.5 ms, success_ratio 99.7%" "--slo in the named units"
load_metrics --metric DlLatency_ms=7.5 --metric success_ratio=0.99
verify_edge1 --slo 'DlLatency_ms<=8,success_ratio>=99.5%'
expect_rc 1 "--slo violated"
expect_contains "$SCRATCH/out" "success_ratio 99%, wanted IS_EQUAL_TO_OR_GREATER_THAN 99.5%" "ratio against %"
verify_edge1 --slo 'DlLatency_ms in [1, 5]'
expect_rc 1 "--slo range"
expect_contains "$SCRATCH/out" "DlLatency_ms 7.5 ms, wanted IS_WITHIN_RANGE [1 ms, 5 ms]" "range"
verify_edge1 --slo 'DlLatency_ms<8, nope_metric>1'
expect_rc 1 "--slo names a metric Prometheus does not have"
expect_contains "$SCRATCH/out" "nope_metric: the query returned no series" "missing --slo metric"

verify_edge1 --slo 'latency<<5'
expect_rc 2 "--slo syntax error"
expect_contains "$SCRATCH/err" "--slo:1:9: error: expected a value, found '<'" "positioned --slo error"
verify_edge1 --slo 'latency<5parsecs'
expect_rc 2 "--slo unknown unit"
expect_contains "$SCRATCH/err" "--slo:1:10: error: unknown unit \"parsecs\"" "unit error at its column"
verify_edge1 --slo 'a<1,,b>2'
expect_rc 2 "--slo empty condition"
expect_contains "$SCRATCH/err" "--slo:1:5: error: expected a metric name" "empty condition"
SITES_KUBECONFIG=no write_sites
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --slo 'x<1'
expect_rc 2 "--slo without a metrics source"
expect_contains "$SCRATCH/err" "--slo needs a metrics source for edge1" "explained"
write_sites "{url: '$METRICS_URL/prom/@SITE@', targets: {latency: {query: '$LATENCY', unit: s}, packet_loss: upf_packet_loss_ratio, throughput: {query: '$THROUGHPUT', unit: bps}}}"

# --- a JSON endpoint --------------------------------------------------------------------
cat >metrics.json <<'JSON'
{"upf": {"p95": "12ms", "loss": {"value": 0.004, "unit": "%"}, "tx": {"mbps": 812.5}},
 "edge": {"dl": 7, "ul": "0.009s", "ues": 150}}
JSON
cat >sites-json.yaml <<YAML
sites:
  edge1:
    repo: remotes/edge1.git
    kubeconfig: kc-edge1.yaml
    metrics:
      url: $METRICS_URL/json/edge1
      kind: json
      targets: {latency: /upf/p95, packet_loss: /upf/loss, throughput: {pointer: /upf/tx/mbps, unit: Mbps},
                DlLatency: /edge/dl, UlLatency: /edge/ul, maxNumberofUEs: /edge/ues}
YAML
load_metrics --json metrics.json
run "$INTENTCTL" verify dist --sites sites-json.yaml --site edge1
expect_rc 0 "JSON endpoint, values found by pointer"
expect_contains "$SCRATCH/out" "6/6 targets met: latency 12 ms, packet_loss 0.004%, throughput 812.5 Mbps" "JSON values with units"
sed -i 's|/edge/ues|/edge/users|' sites-json.yaml
run "$INTENTCTL" verify dist --sites sites-json.yaml --site edge1
expect_rc 1 "JSON pointer that finds nothing"
expect_contains "$SCRATCH/out" "maxNumberofUEs: no value at /edge/users: no member \"users\"" "missing JSON value"

# --- the 28.312 IntentReport -----------------------------------------------------------
load_metrics --metric "$LATENCY=0.027"
verify_edge1 --report reports
expect_rc 1 "report of a failing site"
expect_contains "$SCRATCH/out" "report: reports/edge1/intent-report-edge-analytics-two-sites.json, reports/edge1/report.md" "report paths"
python3 - "$SOURCE_DIR/tests/fixtures/verify/intent-report.schema.json" reports/edge1/intent-report-edge-analytics-two-sites.json <<'PY' && pass || fail "IntentReport structure"
import json, sys, jsonschema
schema, report = (json.load(open(path)) for path in sys.argv[1:3])
jsonschema.validate(report, schema)
fulfilment = report["intentFulfilmentReport"]
assert fulfilment["intentFulfilmentInfo"]["fulfilmentStatus"] == "NOT_FULFILLED"
assert fulfilment["intentFulfilmentInfo"]["notFullfilledState"] == "FULFILMENTFAILED"
assert report["intentReference"] == "Intent=edge-analytics-two-sites"
results = {e["expectaitonId"]: e for e in fulfilment["expectationFulfilmentResult"]}
assert set(results) == {"edge-svc-001", "edge-analytics-two-sites-cn", "edge-analytics-two-sites-ran"}, results.keys()
cn = {t["targetName"]: t for t in results["edge-analytics-two-sites-cn"]["targetFulfilmentResult"]}
assert cn["latency"]["targetAchievedValue"] == 27, cn["latency"]
assert cn["latency"]["targetFulfilmentInfo"]["notFulfilledReasons"] == ["27 ms, wanted IS_LESS_THAN 20 ms"]
assert cn["packet_loss"]["targetFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
assert abs(cn["packet_loss"]["targetAchievedValue"] - 0.005) < 1e-12
assert results["edge-svc-001"]["expectationFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
PY
expect_contains reports/edge1/report.md "| slo | fail | latency 27 ms, wanted IS_LESS_THAN 20 ms" "markdown report"

load_metrics
verify_edge1 --report reports
expect_rc 0 "report of a passing site"
python3 - "$SOURCE_DIR/tests/fixtures/verify/intent-report.schema.json" reports/edge1/intent-report-edge-analytics-two-sites.json <<'PY' && pass || fail "fulfilled IntentReport"
import json, sys, jsonschema
schema, report = (json.load(open(path)) for path in sys.argv[1:3])
jsonschema.validate(report, schema)
assert report["intentFulfilmentReport"]["intentFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
PY

# --- --rollback-on-failure, checked with git ---------------------------------------------------
load_metrics --metric "$LATENCY=0.027"
verify_edge1 --rollback-on-failure
expect_rc 1 "a failed SLO rolls back and still fails"
NEW_HEAD=$(head_of edge1)
expect_contains "$SCRATCH/out" "edge1  rollback  reverted ${HEAD1:0:7}; main is now ${NEW_HEAD:0:7}" "rollback said"
[ "$(git --git-dir=remotes/edge1.git rev-parse main^)" = "$HEAD1" ] && pass || fail "the revert sits on top of the published commit"
git --git-dir=remotes/edge1.git log -1 --format=%B main >"$SCRATCH/message"
expect_contains "$SCRATCH/message" "Reverts: $HEAD1" "revert commit names what it reverts"
[ "$(git --git-dir=remotes/edge1.git rev-parse main^{tree})" = "$(git --git-dir=remotes/edge1.git rev-parse "$HEAD1^{tree}")" ] \
  && fail "the tree did not change" || pass
[ "$(git --git-dir=remotes/edge1.git ls-tree -r --name-only main | wc -l)" -eq 0 ] && pass || fail "reverting the first publish empties the branch"
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1
expect_rc 1 "after the rollback, the branch no longer holds the rendered tree"

# A timeout without a failure never rolls back.
"$INTENTCTL" publish -q dist --sites sites.yaml --site edge1 >/dev/null
load_metrics --rootsync pending
verify_edge1 --rollback-on-failure
expect_rc 1 "pending, one pass"
expect_not_contains "$SCRATCH/out" "rollback" "no rollback for pending"

finish
