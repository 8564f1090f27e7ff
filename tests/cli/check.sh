#!/usr/bin/env bash
# intentctl check: a table of cases (intents and a sites file in; exit code and
# the exact finding lines out), every input form render takes, the JSON and
# IntentReport outputs (every report checked by intentctl validate against the
# project's schema), the sites file's capacity errors, and render refusing
# what check finds unless --allow-conflicts.
. "$SOURCE_DIR/tests/support/testlib.sh"
cd "$SCRATCH"
unset INTENTCTL_SITES

# target NAME CONDITION VALUE: one expectationTargets entry (VALUE as YAML).
target() { echo "{targetName: $1, targetCondition: $2, targetValueRange: $3}"; }
# intent FILE ID SITES EXPECTATION-ID OBJECT-TYPE INSTANCE SLICE TARGET...: a 28.312 intent in YAML.
intent() {
  local file=$1 id=$2 sites=$3 expectation=$4 type=$5 instance=$6 slice=$7
  shift 7
  {
    echo "id: $id"
    echo "intentExpectations:"
    echo "  - expectationId: $expectation"
    echo "    expectationVerb: DELIVER"
    echo "    expectationObject:"
    echo "      objectType: $type"
    echo "      objectInstance: $instance"
    echo "      objectContexts: [{contextAttribute: networkSlice, contextCondition: IS_EQUAL_TO, contextValueRange: $slice}]"
    echo "    expectationTargets:"
    local each
    for each in "$@"; do echo "      - $each"; done
    [ -z "$sites" ] || echo "intentContexts: [{contextAttribute: DeploymentSite, contextCondition: IS_ONE_OF, contextValueRange: [$sites]}]"
  } >"$file"
}

cat >sites.yaml <<'YAML'
sites:
  edge1:
    repo: r1
    capacity: {maxThroughput: 10Gbps, minLatency: 500us, maxSubscribers: 5000, maxAvailability: 99.99%}
  edge2: {repo: r2}
YAML

# case NAME RC EXPECTED-LINES -- check ARGS...: runs intentctl check and
# compares standard output with the lines (a Summary line is left out when
# the lines hold none).
case_() {
  local name=$1 want_rc=$2 want=$3
  shift 4
  run "$INTENTCTL" check "$@"
  expect_rc "$want_rc" "$name"
  if [[ $want != *Summary:* ]]; then grep -v '^Summary: ' "$SCRATCH/out" >"$SCRATCH/got" || true; else cp "$SCRATCH/out" "$SCRATCH/got"; fi
  printf '%s\n' "$want" | sed '/^$/d' >"$SCRATCH/want"
  if cmp -s "$SCRATCH/want" "$SCRATCH/got"; then pass
  else fail "$name: output differs"; diff -u "$SCRATCH/want" "$SCRATCH/got" >&2 || true; fi
}

# --- the case table ----------------------------------------------------------------------------
intent a.yaml a edge1 cn-a 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 1ms)"
intent b.yaml b edge1 cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 5ms)"
case_ "latency < 1 ms against > 5 ms" 1 \
  "a.yaml:10:9: edge1: INTENT_CONFLICT: latency IS_LESS_THAN 1ms (intent a, expectation cn-a) and latency IS_GREATER_THAN 5ms (intent b, expectation cn-b) at b.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)
Summary: 2 intents with 2 expectations on 1 site - Conflicts: 1, Infeasible: 0, Feasible: 2, Unknown: 0" \
  -- a.yaml b.yaml --sites sites.yaml

intent b.yaml b edge1 cn-b CoreNetwork core robot "$(target latency IS_GREATER_THAN 1000us)"
case_ "units on both sides, open bounds, another objectType spelling: < 1 ms and > 1000 us" 1 \
  "a.yaml:10:9: edge1: INTENT_CONFLICT: latency IS_LESS_THAN 1ms (intent a, expectation cn-a) and latency IS_GREATER_THAN 1000us (intent b, expectation cn-b) at b.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)" \
  -- a.yaml b.yaml --sites sites.yaml

intent b.yaml b edge1 cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 500us)"
case_ "units on both sides that overlap: < 1 ms and > 500 us" 0 "" -- a.yaml b.yaml --sites sites.yaml

intent c.yaml c edge1 cn-c 5GC_SubNetwork core robot "$(target latency IS_EQUAL_TO_OR_LESS_THAN 2ms)"
intent d.yaml d edge1 cn-d 5GC_SubNetwork core robot "$(target latency IS_EQUAL_TO_OR_GREATER_THAN 2000us)"
case_ "closed bounds that meet: <= 2 ms and >= 2000 us" 0 "" -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 cn-c 5GC_SubNetwork core robot "$(target throughput IS_EQUAL_TO_OR_GREATER_THAN 1Gbps)"
intent d.yaml d edge1 cn-d 5GC_SubNetwork core robot "$(target throughput IS_EQUAL_TO_OR_LESS_THAN 800Mbps)"
case_ "bit rates: >= 1 Gbps against <= 800 Mbps" 1 \
  "c.yaml:10:9: edge1: INTENT_CONFLICT: throughput IS_EQUAL_TO_OR_GREATER_THAN 1Gbps (intent c, expectation cn-c) and throughput IS_EQUAL_TO_OR_LESS_THAN 800Mbps (intent d, expectation cn-d) at d.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)" \
  -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 tn-c TN_SubNetwork wan robot "$(target availability IS_EQUAL_TO_OR_GREATER_THAN 99.9%)"
intent d.yaml d edge1 tn-d TN_SubNetwork wan robot "$(target availability IS_EQUAL_TO_OR_LESS_THAN 0.999)"
case_ "equal values do not conflict: >= 99.9 % and <= 0.999" 0 "" -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 tn-c TN_SubNetwork wan robot "$(target redundancy IS_EQUAL_TO 2)"
intent d.yaml d edge1 tn-d TN_SubNetwork wan robot "$(target redundancy IS_EQUAL_TO 3)"
case_ "IS_EQUAL_TO 2 against IS_EQUAL_TO 3" 1 \
  "c.yaml:10:9: edge1: INTENT_CONFLICT: redundancy IS_EQUAL_TO 2 (intent c, expectation tn-c) and redundancy IS_EQUAL_TO 3 (intent d, expectation tn-d) at d.yaml:10:9 cannot both hold on TN_SubNetwork wan (networkSlice IS_EQUAL_TO robot)" \
  -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 cn-c 5GC_SubNetwork core robot "$(target latency IS_WITHIN_RANGE 2-5ms)"
intent d.yaml d edge1 cn-d 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 10ms)"
case_ "a range disjoint from a bound: 2-5ms against > 10 ms" 1 \
  "c.yaml:10:9: edge1: INTENT_CONFLICT: latency IS_WITHIN_RANGE [2ms, 5ms] (intent c, expectation cn-c) and latency IS_GREATER_THAN 10ms (intent d, expectation cn-d) at d.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)" \
  -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 ran-c RAN_SubNetwork ran robot "$(target band IS_ONE_OF '[n77, n78]')"
intent d.yaml d edge1 ran-d RAN_SubNetwork ran robot "$(target band IS_EQUAL_TO n79)"
case_ "one-of sets: {n77, n78} against n79" 1 \
  "c.yaml:10:9: edge1: INTENT_CONFLICT: band IS_ONE_OF [n77, n78] (intent c, expectation ran-c) and band IS_EQUAL_TO n79 (intent d, expectation ran-d) at d.yaml:10:9 cannot both hold on RAN_SubNetwork ran (networkSlice IS_EQUAL_TO robot)" \
  -- c.yaml d.yaml --sites sites.yaml

intent b.yaml b edge1 cn-b 5GC_SubNetwork core video "$(target latency IS_GREATER_THAN 5ms)"
case_ "another slice is another context" 0 "" -- a.yaml b.yaml --sites sites.yaml
intent b.yaml b edge2 cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 5ms)"
case_ "another site is no conflict" 0 "" -- a.yaml b.yaml --sites sites.yaml

intent e.yaml e "" cn-e 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 2ms)"
intent b.yaml b "edge1, edge2" cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 5ms)"
case_ "one intent over two sites, one over every site: one line, both sites" 1 \
  "e.yaml:10:9: edge1, edge2: INTENT_CONFLICT: latency IS_LESS_THAN 2ms (intent e, expectation cn-e) and latency IS_GREATER_THAN 5ms (intent b, expectation cn-b) at b.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)" \
  -- e.yaml b.yaml --sites sites.yaml
case_ "--site keeps one site" 1 \
  "e.yaml:10:9: edge2: INTENT_CONFLICT: latency IS_LESS_THAN 2ms (intent e, expectation cn-e) and latency IS_GREATER_THAN 5ms (intent b, expectation cn-b) at b.yaml:10:9 cannot both hold on 5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)" \
  -- e.yaml b.yaml --sites sites.yaml --site edge2

cat >two.yaml <<'YAML'
id: two
intentExpectations:
  - expectationId: cn-1
    expectationObject: {objectType: 5GC_SubNetwork, objectInstance: core}
    expectationTargets:
      - {targetName: latency, targetCondition: IS_LESS_THAN, targetValueRange: 2ms}
      - {targetName: latency, targetCondition: IS_GREATER_THAN, targetValueRange: 5ms}
  - expectationId: cn-2
    expectationObject: {objectType: 5GC_SubNetwork, objectInstance: core}
    expectationTargets:
      - {targetName: jitter, targetCondition: IS_LESS_THAN, targetValueRange: 1ms}
  - expectationId: cn-3
    expectationObject: {objectType: 5GC_SubNetwork, objectInstance: core}
    expectationTargets:
      - {targetName: jitter, targetCondition: IS_GREATER_THAN, targetValueRange: 2ms}
intentContexts: [{contextAttribute: DeploymentSite, contextCondition: IS_ONE_OF, contextValueRange: [edge1]}]
YAML
case_ "TARGET_CONFLICT in one expectation, EXPECTATION_CONFLICT between two of one intent" 1 \
  "two.yaml:6:9: edge1: TARGET_CONFLICT: latency IS_LESS_THAN 2ms (intent two, expectation cn-1) and latency IS_GREATER_THAN 5ms (intent two, expectation cn-1) at two.yaml:7:9 cannot both hold on 5GC_SubNetwork core
two.yaml:11:9: edge1: EXPECTATION_CONFLICT: jitter IS_LESS_THAN 1ms (intent two, expectation cn-2) and jitter IS_GREATER_THAN 2ms (intent two, expectation cn-3) at two.yaml:15:9 cannot both hold on 5GC_SubNetwork core" \
  -- two.yaml --sites sites.yaml

intent c.yaml c edge1 ran-c RAN_SubNetwork ran video "$(target throughput IS_GREATER_THAN 6Gbps)"
intent d.yaml d edge1 ran-d RAN_SubNetwork ran robot "$(target throughput IS_EQUAL_TO_OR_GREATER_THAN 6000Mbps)"
case_ "summed throughput over the site's maxThroughput" 1 \
  "edge1: INTENT_CONFLICT: intents c (6Gbps) and d (6Gbps) ask for 12Gbps in all, above the maxThroughput 10Gbps the site declares" \
  -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge1 cn-c 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 300us)"
intent d.yaml d edge1 ran-d RAN_SubNetwork ran robot "$(target throughput IS_GREATER_THAN 20Gbps)"
case_ "infeasible: a latency below minLatency, a throughput above maxThroughput" 1 \
  "c.yaml:10:9: intent c: infeasible: latency IS_LESS_THAN 300us (expectation cn-c) is below the minLatency 500us site edge1 declares
d.yaml:10:9: intent d: infeasible: its targets on site edge1 ask for 20Gbps in all (ran-d throughput IS_GREATER_THAN 20Gbps), above the maxThroughput 10Gbps the site declares
Summary: 2 intents with 2 expectations on 1 site - Conflicts: 0, Infeasible: 2, Feasible: 0, Unknown: 0" \
  -- c.yaml d.yaml --sites sites.yaml

intent c.yaml c edge2 ran-c RAN_SubNetwork ran robot "$(target throughput IS_GREATER_THAN 100Gbps)"
case_ "a site without declared capacity: feasibility unknown, exit 0" 0 \
  "Summary: 1 intent with 1 expectation on 1 site - Conflicts: 0, Infeasible: 0, Feasible: 0, Unknown: 1" \
  -- c.yaml --sites sites.yaml
expect_contains "$SCRATCH/err" "note: the feasibility of 1 intent is unknown" "unknown is said on stderr"
case_ "-v says why it is unknown" 0 \
  "intent c: feasibility unknown: site edge2 declares no capacity" \
  -- c.yaml --sites sites.yaml -v
case_ "no sites file: the single site edge1 declares nothing" 0 \
  "Summary: 1 intent with 1 expectation on 1 site - Conflicts: 0, Infeasible: 0, Feasible: 0, Unknown: 1" \
  -- a.yaml

# --- every input form render takes ---------------------------------------------------------------
intent a.yaml a edge1 cn-a 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 1ms)"
intent b.yaml b edge1 cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 5ms)"
mkdir -p folder/sub && cp a.yaml folder/ && cp b.yaml folder/sub/
run "$INTENTCTL" check folder --sites sites.yaml
expect_rc 1 "a folder"
expect_contains "$SCRATCH/out" "folder/a.yaml:10:9: edge1: INTENT_CONFLICT" "a folder: the conflict, at the file's path"
{ cat a.yaml; echo ---; cat b.yaml; } >stream.yaml
set +e
"$INTENTCTL" check - --sites sites.yaml <stream.yaml >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
set -e
expect_rc 1 "a YAML stream on standard input"
expect_contains "$SCRATCH/out" "<stdin>:10:9: edge1: INTENT_CONFLICT" "standard input is named <stdin>"
python3 -c 'import json, sys, yaml; print(json.dumps([yaml.safe_load(open(f)) for f in sys.argv[1:]]))' a.yaml b.yaml >list.json
run "$INTENTCTL" check list.json --sites sites.yaml
expect_rc 1 "a JSON list of intents"
cat >bare.json <<'JSON'
[{"expectationId": "bare-1", "expectationObject": {"objectType": "5GC_SubNetwork", "objectInstance": "core"},
  "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_LESS_THAN", "targetValueRange": "1ms"}]},
 {"intentExpectationId": "seed-1", "intentExpectationType": "ServiceCapacity",
  "intentExpectationContext": {"contextAttribute": "networkSlice", "contextCondition": "EQUAL", "contextValueRange": "x"},
  "intentExpectationObject": {"objectType": "CoreNetwork", "objectInstance": "core"},
  "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "GREATER_THAN", "targetValue": "5ms"}},
 {"intentExpectationId": "seed-2", "intentExpectationType": "ServiceCapacity",
  "intentExpectationContext": {"contextAttribute": "networkSlice", "contextCondition": "EQUAL", "contextValueRange": "x"},
  "intentExpectationObject": {"objectType": "CoreNetwork", "objectInstance": "core"},
  "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}}]
JSON
case_ "bare 28.312 expectations and the seed dialect (each its own intent)" 1 \
  "bare.json:6:30: edge1: INTENT_CONFLICT: latency IS_GREATER_THAN 5ms (intent seed-1, expectation seed-1) and latency IS_LESS_THAN 1ms (intent seed-2, expectation seed-2) at bare.json:10:30 cannot both hold on CoreNetwork core (networkSlice IS_EQUAL_TO x)" \
  -- bare.json

# --- JSON and IntentReports ------------------------------------------------------------------------
intent c.yaml c edge1 cn-c 5GC_SubNetwork core video "$(target latency IS_LESS_THAN 300us)"
run "$INTENTCTL" check a.yaml b.yaml c.yaml --sites sites.yaml --format json --report reports
expect_rc 1 "--format json --report"
python3 - "$SCRATCH/out" >"$SCRATCH/json-check" 2>&1 <<'PY' && pass || fail "the JSON document: $(cat "$SCRATCH/json-check")"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["apiVersion"] == "intentctl/v1alpha1" and doc["kind"] == "CheckReport", doc
assert doc["status"] == "fail", doc["status"]
assert doc["summary"] == {"intents": 3, "expectations": 3, "sites": 1, "conflicts": 1, "feasible": 2,
                          "infeasible": 1, "unknown": 0}, doc["summary"]
conflict = doc["conflicts"][0]
assert conflict["type"] == "INTENT_CONFLICT" and conflict["sites"] == ["edge1"], conflict
assert conflict["object"] == {"type": "5GC_SubNetwork", "instance": "core"}, conflict
first, second = conflict["targets"]
assert (first["condition"], first["value"], first["unit"]) == ("IS_LESS_THAN", 1, "ms"), first
assert (second["condition"], second["value"], second["unit"]) == ("IS_GREATER_THAN", 5, "ms"), second
assert (first["file"], first["line"], first["column"]) == ("a.yaml", 10, 9), first
verdicts = {intent["intent"]: intent["feasibility"] for intent in doc["intents"]}
assert verdicts == {"a": "feasible", "b": "feasible", "c": "infeasible"}, verdicts
assert "minLatency 500us" in doc["intents"][2]["reasons"][0]["message"], doc["intents"][2]
PY
[ "$(ls reports)" = $'intent-report-a.json\nintent-report-b.json\nintent-report-c.json' ] && pass ||
  fail "--report writes one IntentReport per intent: $(ls reports)"
expect_contains reports/intent-report-a.json '"conflictId": "edge1:cn-a/latency:b/cn-b/latency"' "a's report names both sides"
expect_contains reports/intent-report-a.json '"conflictingIntent": "Intent=b"' "a's report names b"
expect_contains reports/intent-report-b.json '"conflictingIntent": "Intent=a"' "b's report names a"
expect_contains reports/intent-report-c.json '"feasibilityCheckResult": "INFEASIBLE"' "c is infeasible"
expect_contains reports/intent-report-a.json '"feasibilityCheckResult": "FEASIBLE"' "a is feasible"
cp "$SCRATCH/out" check.json
run "$INTENTCTL" check a.yaml b.yaml c.yaml --sites sites.yaml --format json -o findings.json
expect_rc 1 "-o FILE: the exit code stands"
[ ! -s "$SCRATCH/out" ] && cmp -s findings.json check.json && pass ||
  fail "-o FILE holds what standard output held, and standard output nothing"
run "$INTENTCTL" check a.yaml --sites sites.yaml -o json
expect_rc 2 "-o with a format's name"
expect_contains "$SCRATCH/err" "hint: " "-o json: a hint"
[ ! -e json ] && pass || fail "-o json created a file"
run "$INTENTCTL" check two.yaml c.yaml --sites sites.yaml --report reports2
intent f.yaml f edge2 cn-f 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 1ms)"
run "$INTENTCTL" check f.yaml --sites sites.yaml --site edge2 --format intentreport -q
expect_rc 0 "--format intentreport, feasibility unknown"
cp "$SCRATCH/out" unknown-reports.json
expect_not_contains unknown-reports.json "intentFeasibilityCheckReport" "unknown: no intentFeasibilityCheckReport"
expect_contains unknown-reports.json '"intentConflictReports": []' "no conflict: an empty list"
expect_contains reports2/intent-report-two.json '"conflictingTarget": "latency"' "TARGET_CONFLICT names the target"
expect_contains reports2/intent-report-two.json '"conflictId": "edge1:cn-1/latency#1:two/cn-1/latency#2"' "a target named twice: positions"
expect_contains reports2/intent-report-two.json '"conflictingExpectation": "cn-3"' "EXPECTATION_CONFLICT names the expectation"
# Every IntentReport written above, against the project's schema (valijson, as validate checks).
run "$INTENTCTL" validate reports reports2 unknown-reports.json
expect_rc 0 "every IntentReport is valid against the project's schema"
expect_contains "$SCRATCH/out" "Summary: 6 resources found in 6 files - Valid: 6, Invalid: 0" "six reports validated"
sed 's/"FEASIBLE"/"MAYBE"/' reports/intent-report-a.json >broken-report.json
run "$INTENTCTL" validate broken-report.json
expect_rc 1 "a broken IntentReport fails validate"
expect_contains "$SCRATCH/out" 'intentFeasibilityCheckReport.feasibilityCheckResult: unsupported value "MAYBE"' "named at its path"

# --- the sites file's capacity ---------------------------------------------------------------------
bad_capacity() { # name capacity expected-message
  printf 'sites:\n  edge1:\n    repo: r1\n    capacity: %s\n' "$2" >bad-sites.yaml
  run "$INTENTCTL" check a.yaml --sites bad-sites.yaml
  expect_rc 2 "$1"
  expect_contains "$SCRATCH/err" "$3" "$1"
}
bad_capacity "unknown capacity field" "{maxThroughputs: 1Gbps}" \
  'bad-sites.yaml:4:16: error: sites.edge1.capacity.maxThroughputs: unknown field "maxThroughputs" (known: maxThroughput, maxBandwidth, maxSubscribers, minLatency, maxAvailability, maxReliability)'
bad_capacity "a time for a bit rate" "{maxThroughput: 10ms}" \
  'bad-sites.yaml:4:31: error: sites.edge1.capacity.maxThroughput: expected a bit rate, like 10Gbps; got "10ms"'
bad_capacity "a latency without a unit" "{minLatency: 1}" \
  'bad-sites.yaml:4:28: error: sites.edge1.capacity.minLatency: expected a duration, like 1ms; got "1"'
bad_capacity "availability over 1 as a fraction" "{maxAvailability: 99.99}" \
  'sites.edge1.capacity.maxAvailability: a plain number is a fraction from 0 to 1; write 99.99% for a percentage'
bad_capacity "a negative capacity" "{maxSubscribers: -5}" "a capacity cannot be negative"

# --- bad input -------------------------------------------------------------------------------------
printf 'sites:\n  edge1: {repo: r1}\n' >one-site.yaml
run "$INTENTCTL" check b.yaml --sites one-site.yaml
expect_rc 0 "a site the file knows"
intent x.yaml x edge9 cn-x 5GC_SubNetwork core robot "$(target latency IS_LESS_THAN 1ms)"
run "$INTENTCTL" check x.yaml --sites sites.yaml
expect_rc 2 "an unknown site"
expect_contains "$SCRATCH/err" 'intent "x" names site "edge9", which sites.yaml does not know (known: edge1, edge2)' "the unknown site named"
run "$INTENTCTL" check a.yaml --format yaml
expect_rc 2 "an unknown format"
run "$INTENTCTL" check no-such-file.yaml
expect_rc 2 "a missing file"

# --- render refuses what check finds ------------------------------------------------------------------
run "$INTENTCTL" render a.yaml b.yaml c.yaml --sites sites.yaml -o dist
expect_rc 1 "render refuses conflicting and infeasible intents"
expect_contains "$SCRATCH/err" "a.yaml:10:9: error: edge1: INTENT_CONFLICT: latency IS_LESS_THAN 1ms" "render names the conflict"
expect_contains "$SCRATCH/err" "c.yaml:10:9: error: intent c: infeasible:" "render names the infeasible intent"
expect_contains "$SCRATCH/err" "intentctl render: error: nothing rendered: 1 conflict and 1 infeasible intent (intentctl check says more); --allow-conflicts renders them anyway" "render says what to do"
[ ! -e dist ] && pass || fail "render wrote nothing"
mkdir -p kept/edge1 && echo old >kept/edge1/marker
run "$INTENTCTL" render a.yaml b.yaml --sites sites.yaml -o kept
expect_rc 1 "render refuses over a previous tree"
[ "$(cat kept/edge1/marker)" = old ] && pass || fail "the previous tree stays as it was"
run "$INTENTCTL" render a.yaml b.yaml c.yaml --sites sites.yaml -o dist --allow-conflicts
expect_rc 0 "render --allow-conflicts"
expect_contains "$SCRATCH/err" "a.yaml:10:9: warning: edge1: INTENT_CONFLICT:" "the conflict is a warning"
[ -f dist/edge1/apps/intent/cn-a.yaml ] && [ -f dist/edge1/apps/intent/cn-b.yaml ] && pass || fail "render --allow-conflicts wrote the tree"
run "$INTENTCTL" render e.yaml b.yaml --sites sites.yaml -o dist2 --site edge1
expect_rc 1 "render of a site where they conflict"
intent b.yaml b edge2 cn-b 5GC_SubNetwork core robot "$(target latency IS_GREATER_THAN 5ms)"
run "$INTENTCTL" render a.yaml b.yaml --sites sites.yaml -o dist3
expect_rc 0 "render of intents on different sites"
run "$INTENTCTL" render two.yaml --sites sites.yaml -o dist4
expect_rc 2 "render refuses a target named twice (its own rule, before the check)"
expect_contains "$SCRATCH/err" 'two.yaml:7:9: error: target "latency" appears twice in expectation "cn-1"' "render names the twice-named target"
run "$INTENTCTL" render --help
expect_contains "$SCRATCH/out" "--allow-conflicts" "render --help lists --allow-conflicts"

finish
