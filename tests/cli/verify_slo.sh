#!/usr/bin/env bash
# verify's SLO check beside the loopback Kubernetes fixture, for what a real
# Prometheus cannot show (verify_prometheus.sh runs one): a JSON metrics
# document with nested values found by pointer, units inside values, every
# rendered target judged; SLOs measured only once the cluster check passed;
# a Prometheus answering 503 with its error body; the 28.312 IntentReport of
# a failing and a passing site (checked by intentctl validate against the
# IntentReport schema intentctl carries); and --slo's usage errors.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"
require_tool python3

publish_sample
HEAD1=$(head_of edge1)
verify_json() { run "$INTENTCTL" verify dist --sites sites-json.yaml --site edge1 "$@"; }

# --- a JSON endpoint --------------------------------------------------------------------
cat >good.json <<'JSON'
{"upf": {"p95": "12ms", "loss": {"value": 0.004, "unit": "%"}, "tx": {"mbps": 812.5}},
 "edge": {"dl": 7, "ul": "0.009s", "ues": 150}}
JSON
sed 's/"12ms"/"27ms"/' good.json >slow.json
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
  edge2: {repo: remotes/edge2.git}
YAML
load_cluster edge1 --json good.json
verify_json
expect_rc 0 "JSON endpoint, values found by pointer"
expect_contains "$SCRATCH/out" "edge1  slo      pass  6/6 targets met: latency 12 ms, packet_loss 0.004%, throughput 812.5 Mbps, ..." "JSON values with units"
expect_contains "$SCRATCH/out" "    met: UlLatency 9 ms, wanted IS_LESS_THAN 15 ms (expectation edge-svc-001) [pointer /edge/ul]" "s inside the value, against ms"

load_cluster edge1 --json slow.json
verify_json
expect_rc 1 "a value beyond its target"
expect_contains "$SCRATCH/out" "edge1  slo      fail  latency 27 ms, wanted IS_LESS_THAN 20 ms (expectation edge-analytics-two-sites-cn)" "fail line"

sed -i 's|/edge/ues|/edge/users|' sites-json.yaml
load_cluster edge1 --json good.json
verify_json
expect_rc 3 "a JSON pointer that finds nothing: unknown"
expect_contains "$SCRATCH/out" "edge1  slo      unknown  maxNumberofUEs: no value at /edge/users: no member \"users\" (expectation edge-svc-001); 1 of 6 targets unknown" "missing JSON value"
sed -i 's|/edge/users|/edge/ues|' sites-json.yaml

# SLOs are measured only once the cluster runs the published commit.
load_cluster edge1 --json good.json --rootsync pending
verify_json
expect_rc 1 "not synced yet"
expect_contains "$SCRATCH/out" "edge1  slo      pending  waiting for the cluster check" "slo waits for the cluster"
load_cluster edge1 --json good.json --rootsync stalled
verify_json
expect_rc 1 "the cluster failed"
expect_contains "$SCRATCH/out" "edge1  slo      skip  not measured: the cluster check failed" "slo not measured"
load_cluster edge1 --json good.json --fault 'rootsyncs=500'
verify_json
expect_rc 3 "the cluster unknown"
expect_contains "$SCRATCH/out" "edge1  slo      skip  not measured: the cluster check is unknown" "slo not measured, and why"

# A timeout without a failure never rolls back.
load_cluster edge1 --json slow.json --rootsync pending
verify_json --rollback-on-failure
expect_rc 1 "pending, one pass"
expect_not_contains "$SCRATCH/out" "rollback" "no rollback for pending"
[ "$(head_of edge1)" = "$HEAD1" ] && pass || fail "the branch moved"

# --- Prometheus answering 503 with its error body: unknown, for every target -------------------
write_sites "{url: '$METRICS_URL/prom/@SITE@', targets: {latency: {query: 'histogram_quantile(0.95, sum(rate(upf_latency_seconds_bucket[5m])) by (le))', unit: s}}}"
load_cluster edge1 --prometheus-status 503
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --rollback-on-failure
expect_rc 3 "Prometheus unavailable"
expect_contains "$SCRATCH/out" "edge1  slo      unknown  $METRICS_URL/prom/edge1/api/v1/query: HTTP 503: injected fault" "Prometheus's answer"
expect_not_contains "$SCRATCH/out" "rollback" "no rollback without evidence"

# --- the 28.312 IntentReport -----------------------------------------------------------
load_cluster edge1 --json slow.json
verify_json --report reports
expect_rc 1 "report of a failing site"
expect_contains "$SCRATCH/out" "report: reports/edge1/intent-report-edge-analytics-two-sites.json, reports/edge1/report.md" "report paths"
run "$INTENTCTL" validate reports/edge1/intent-report-edge-analytics-two-sites.json
expect_rc 0 "the report holds to the IntentReport schema intentctl carries"
python3 - reports/edge1/intent-report-edge-analytics-two-sites.json <<'PY' && pass || fail "IntentReport structure"
import json, sys
report = json.load(open(sys.argv[1]))
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
assert abs(cn["packet_loss"]["targetAchievedValue"] - 0.004) < 1e-12
assert results["edge-svc-001"]["expectationFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
PY
expect_contains reports/edge1/report.md "| slo | fail | latency 27 ms, wanted IS_LESS_THAN 20 ms" "markdown report"
expect_contains reports/edge1/report.md "| ConfigMap intent-to-krm/expectation-edge-svc-001 | Current |" "markdown: each object's status"

load_cluster edge1 --json good.json
verify_json --report reports
expect_rc 0 "report of a passing site"
run "$INTENTCTL" validate reports/edge1/intent-report-edge-analytics-two-sites.json
expect_rc 0 "the fulfilled report holds to the IntentReport schema"
python3 - reports/edge1/intent-report-edge-analytics-two-sites.json <<'PY' && pass || fail "fulfilled IntentReport"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["intentFulfilmentReport"]["intentFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
PY

# --- a report folder that cannot be written: a warning; the results, the exit code and the rollback stand
load_cluster edge1 --json slow.json
echo "not a folder" >reports-file
verify_json --report reports-file --rollback-on-failure
expect_rc 1 "the exit code comes from the checks"
expect_contains "$SCRATCH/out" "edge1  slo      fail  latency 27 ms, wanted IS_LESS_THAN 20 ms" "the results are printed"
NEW_HEAD=$(head_of edge1)
expect_contains "$SCRATCH/out" "edge1  rollback  reverted ${HEAD1:0:7}; main is now ${NEW_HEAD:0:7}" "the rollback is announced"
expect_contains "$SCRATCH/err" "warning: edge1: rollback: reverted ${HEAD1:0:7}; main is now ${NEW_HEAD:0:7}" "and said on stderr at once"
expect_contains "$SCRATCH/err" "warning: edge1: no report written: cannot create reports-file/edge1" "the report's failure is a warning"
[ "$(git --git-dir=remotes/edge1.git rev-parse main^)" = "$HEAD1" ] && pass || fail "the revert sits on the published commit"
"$INTENTCTL" publish -q dist --sites sites.yaml --site edge1 >/dev/null # put it back
load_cluster edge1 --json slow.json
HEAD2=$(head_of edge1)
mkdir -p reports-blocked
echo "a file where the site's folder goes" >reports-blocked/edge1
verify_json --report reports-blocked --format json --rollback-on-failure
expect_rc 1 "-o json: the exit code comes from the checks"
python3 - "$SCRATCH/out" "${HEAD2:0:7}" <<'PY' && pass || fail "-o json: results and rollback printed"
import json, sys
record = json.load(open(sys.argv[1]))["sites"][0]
assert record["status"] == "fail", record
assert record["rollback"].startswith("reverted " + sys.argv[2]), record["rollback"]
assert "reports" not in record, record
PY
expect_contains "$SCRATCH/err" "warning: edge1: no report written" "warning with --format json"
"$INTENTCTL" publish -q dist --sites sites.yaml --site edge1 >/dev/null
load_cluster edge1 --json good.json
verify_json --report reports-file
expect_rc 0 "a passing site stays a pass"
expect_contains "$SCRATCH/out" "edge1  slo      pass" "pass line"

# --- --slo: usage errors ------------------------------------------------------------------------
verify_json --slo 'DlLatency_ms<=8, success_ratio>=99.5%, rate(http_errors_total[5m])' 2>/dev/null
expect_rc 2 "a PromQL expression is not a name"
verify_json --slo 'latency<<5'
expect_rc 2 "--slo syntax error"
expect_contains "$SCRATCH/err" "--slo:1:9: error: expected a value, found '<'" "positioned --slo error"
verify_json --slo 'latency<5parsecs'
expect_rc 2 "--slo unknown unit"
expect_contains "$SCRATCH/err" "--slo:1:10: error: unknown unit \"parsecs\"" "unit error at its column"
verify_json --slo 'a<1,,b>2'
expect_rc 2 "--slo empty condition"
expect_contains "$SCRATCH/err" "--slo:1:5: error: expected a metric name" "empty condition"
SITES_KUBECONFIG=no write_sites
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --slo 'x<1'
expect_rc 2 "--slo without a metrics source"
expect_contains "$SCRATCH/err" "--slo needs a metrics source for edge1" "explained"

finish
