#!/usr/bin/env bash
# The intent forms and the acceptance rule translate, render and validate
# share, from the command line: TMF921 resource fields, typed values, ranges
# in every notation, one units table, the intent gateway's form, the seed
# dialect's strictness and the limits on what messages quote. Each case was a
# disagreement between the stages or a wrong acceptance before.
. "$SOURCE_DIR/tests/support/testlib.sh"
forms=$SOURCE_DIR/tests/fixtures/forms
cd "$SCRATCH"

# translate, render or validate on FILE, and the first error line each gives.
first_error() { grep -m1 -F ': error: ' "$1" || true; }
same_first_error() { # stage-output validate-output description
  local stage validate
  stage=$(first_error "$1")
  validate=$(first_error "$2")
  [ -n "$stage" ] && [ "${validate#"$stage"}" != "$validate" ] && pass ||
    fail "$3: validate's first finding is not the error: '$stage' vs '$validate'"
}
refused_alike() { # file stage expected-message description
  run "$INTENTCTL" "$2" -q "$1" $([ "$2" = render ] && echo -o -)
  expect_rc 2 "$4: $2 refuses"
  expect_contains "$SCRATCH/err" "$3" "$4: $2's message"
  cp "$SCRATCH/err" stage-err
  run "$INTENTCTL" validate -q "$1"
  expect_rc 1 "$4: validate fails"
  same_first_error stage-err "$SCRATCH/out" "$4"
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# --- TMF921 resource fields: accepted, and carried to the delta report with their values
run "$INTENTCTL" translate "$forms/v5-resource-fields.json" --delta delta.json --output v5.json
expect_rc 0 "a v5 intent with expression.iri and the resource fields translates"
run "$INTENTCTL" validate "$forms/v5-resource-fields.json"
expect_rc 0 "validate passes the v5 intent with expression.iri"
expect_not_contains "$SCRATCH/out" "unknown field" "no unknown-field finding for expression.iri"
for field in expression.iri href @type @baseType @schemaLocation lifecycleStatus validFor creationDate lastUpdate statusChangeDate isBundle version description; do
  [ "$(json delta.json "[e['path'] for e in d['fields']].count('$field')")" = 1 ] && pass || fail "$field is not in the delta report"
done
[ "$(json delta.json "[e['value'] for e in d['fields'] if e['path'] == 'expression.iri'][0]")" = "https://intents.example.net/expressions/video-backhaul" ] &&
  pass || fail "the delta report does not carry expression.iri's value"
run "$INTENTCTL" render v5.json -o -
expect_rc 0 "render takes what translate wrote"
refused_alike "$forms/gateway-bad-resource-fields.json" translate \
  "gateway-bad-resource-fields.json:5:16: error: @baseType: expected string, got number" "a resource field of the wrong type"

# --- what translate refuses, validate fails, with the same first message
refused_alike "$forms/spec-unknown-target.json" translate 'no domain for target "coolantTemperature"' \
  "a seed tools-form target of no domain"
refused_alike "$forms/duplicate-expectation-ids.json" translate 'duplicate expectation id "cn-001"' \
  "duplicate expectation ids (translate)"
refused_alike "$forms/duplicate-expectation-ids.json" render 'duplicate expectation id "cn-001"' \
  "duplicate expectation ids (render)"

# --- an intent that another file has too: found at its own item of a JSON list,
# as at its own document of a YAML stream, not at the list's start
tmf921=$SOURCE_DIR/samples/tmf921
python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
json.dump([b, a], open("pair.json", "w"), indent=2)
open("pair.yaml", "w").write("--- " + json.dumps(b) + "\n--- " + json.dumps(a) + "\n")' \
  "$tmf921/urllc-robot-cell.json" "$tmf921/embb-video-throughput.json"
second_item=$(grep -n '^  {' pair.json | sed -n 2p | cut -d: -f1)
run "$INTENTCTL" validate "$tmf921/urllc-robot-cell.json" pair.json
expect_rc 1 "an intent in two files"
expect_contains "$SCRATCH/out" "pair.json:$second_item:3: error: duplicate intent id \"urllc-robot-cell\"" \
  "the duplicate in a JSON list: at its item"
run "$INTENTCTL" validate "$tmf921/urllc-robot-cell.json" pair.yaml
expect_contains "$SCRATCH/out" "pair.yaml:2:5: error: duplicate intent id \"urllc-robot-cell\"" \
  "the duplicate in a YAML stream: at its document"
run "$INTENTCTL" validate --format json "$tmf921/urllc-robot-cell.json" pair.json
[ "$(json "$SCRATCH/out" "[(r['name'], r['status']) for r in d['resources']]")" = \
  "[('urllc-robot-cell', 'valid'), ('embb-video-throughput', 'valid'), ('urllc-robot-cell', 'invalid')]" ] &&
  pass || fail "the duplicate's item is the invalid resource: $(head -c 1500 "$SCRATCH/out")"
"$INTENTCTL" translate -q "$tmf921/urllc-robot-cell.json" >urllc.json
"$INTENTCTL" translate -q pair.json >pair-28312.json
second_id=$(grep -n '^    "id": ' pair-28312.json | sed -n 2p | cut -d: -f1)
run "$INTENTCTL" validate urllc.json pair-28312.json
expect_contains "$SCRATCH/out" "pair-28312.json:$second_id:11: error: [1].id: duplicate intent id \"urllc-robot-cell\"" \
  "the duplicate in a list of 28.312 intents: at its item's id"

# --- typed values: one finding per wrong value, saying what was expected
run "$INTENTCTL" validate -q "$forms/wrong-types.json"
expect_rc 1 "wrong-typed values fail"
[ "$(grep -c ': error: ' "$SCRATCH/out")" = 3 ] && pass || fail "three wrong values, not three findings: $(cat "$SCRATCH/out")"
expect_contains "$SCRATCH/out" "expectationTargets[0].targetValueRange[0]: expected a number, a string, a boolean, a date-time or one of 28.312's structured values" "a list inside the values"
expect_contains "$SCRATCH/out" "expectationTargets[1].targetValueRange: expected a number, a string, a boolean, a date-time or one of 28.312's structured values" "an object that is no 28.312 value"
expect_contains "$SCRATCH/out" "got an object with value, unit; write a number with its unit as one string, such as \"5ms\"" "the hint for {value, unit}"
expect_contains "$SCRATCH/out" 'target "packetLoss": expected a ratio such as 99.9% or a fraction from 0 to 1, got "a little"' "a ratio target's word"
refused_alike "$forms/spec-less-than-true.json" translate \
  'spec-less-than-true.json:9:83: error: intentSpecification.intentExpectations[0].expectationTargets[0].targetValue: the unit "ms" needs a number, got true' \
  "lessThan true with the unit ms"
run "$INTENTCTL" render -q -o - "$forms/value-unit-object.json"
expect_rc 2 "render refuses targetValueRange {value, unit}"
expect_contains "$SCRATCH/err" "value-unit-object.json:5:86: error: expectationTargets[0].targetValueRange: expected a number, a string" "{value, unit} where it stands"
expect_not_contains "$SCRATCH/out" '{"value"' "no JSON text in a bundle"
cat >boolean-latency.json <<'JSON'
{"expectationId": "x", "expectationObject": {"objectType": "CoreNetwork"},
 "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_LESS_THAN", "targetValueRange": true}]}
JSON
refused_alike boolean-latency.json render \
  'boolean-latency.json:2:106: error: expectationTargets[0].targetValueRange: target "latency": expected a duration such as 5ms (ns, us, ms, s, min, h), got true' \
  "IS_LESS_THAN true on a latency"

# --- ranges in every notation, in every form: IS_WITHIN_RANGE with two values in one unit
run "$INTENTCTL" translate -q "$forms/spec-string-ranges.json" --output ranges.json
expect_rc 0 "ranges written as text in the seed tools' form"
targets="[(t['targetName'], t['targetCondition'], t['targetValueRange']) for e in d['intentExpectations'] for t in e['expectationTargets']]"
[ "$(json ranges.json "$targets")" = "[('subscribers', 'IS_WITHIN_RANGE', [1000, 40000]), ('throughput', 'IS_WITHIN_RANGE', ['100Mbps', '400Mbps']), ('frequency', 'IS_WITHIN_RANGE', ['3300MHz', '3800MHz']), ('rsrp', 'IS_WITHIN_RANGE', ['-110dBm', '-80dBm']), ('WeakRSRPRatio', 'IS_WITHIN_RANGE', ['1%', '5%'])]" ] &&
  pass || fail "seed tools-form ranges: $(json ranges.json "$targets")"
run "$INTENTCTL" translate -q "$forms/short-ranges-and-units.json" --output short.json
expect_rc 0 "ranges and units in the short form"
[ "$(json short.json "$targets")" = "[('latency', 'IS_WITHIN_RANGE', ['1ms', '5ms']), ('jitter', 'IS_WITHIN_RANGE', ['100us', '500us']), ('packetLoss', 'IS_LESS_THAN', '0.1%'), ('throughput', 'IS_EQUAL_TO_OR_GREATER_THAN', '2Gbps'), ('availability', 'IS_EQUAL_TO_OR_GREATER_THAN', '99.99%')]" ] &&
  pass || fail "short-form ranges and units: $(json short.json "$targets")"
[ "$(json v5.json "$targets")" = "[('bandwidth', 'IS_EQUAL_TO_OR_GREATER_THAN', '2Gbps'), ('availability', 'IS_EQUAL_TO_OR_GREATER_THAN', '99.95%'), ('latency', 'IS_WITHIN_RANGE', ['500us', '2000us'])]" ] &&
  pass || fail "JSON-LD ranges and units: $(json v5.json "$targets")"
cat >text-range.json <<'JSON'
{"expectationId": "x", "expectationObject": {"objectType": "CoreNetwork"},
 "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_WITHIN_RANGE", "targetValueRange": "between 1 and 5 ms"}]}
JSON
run "$INTENTCTL" render -q -o - text-range.json
expect_rc 0 "a 28.312 range written as text"
expect_contains "$SCRATCH/out" 'value: "[1ms, 5ms]"' "the bundle has the range's two values"
for notation in '"1..5ms"' '"1-5 ms"' '"1ms to 5ms"' '["1", "5ms"]' '"1ms..5000us"'; do
  sed "s/\"between 1 and 5 ms\"/$notation/" text-range.json >notation.json
  run "$INTENTCTL" render -q -o - notation.json
  expect_rc 0 "render reads the range $notation"
  grep -qE 'value: "\[1(000)?(ms|us), 5(000)?(ms|us)\]"' "$SCRATCH/out" && pass || fail "$notation: $(grep 'value:' "$SCRATCH/out" | head -2)"
done

# --- the intent gateway's form
run "$INTENTCTL" translate -q "$SOURCE_DIR/samples/tmf921/gateway-enterprise-slice.json"
expect_rc 0 "the gateway sample translates"
expect_same "$SCRATCH/out" "$SOURCE_DIR/samples/28312/gateway-enterprise-slice.json" "the gateway sample's translation"
run "$INTENTCTL" translate -q --from tmf921-gateway "$SOURCE_DIR/samples/tmf921/gateway-enterprise-slice.json"
expect_rc 0 "--from tmf921-gateway"
expect_same "$SCRATCH/out" "$SOURCE_DIR/samples/28312/gateway-enterprise-slice.json" "--from tmf921-gateway gives the same"
run "$INTENTCTL" translate -v --delta gateway-delta.json "$SOURCE_DIR/samples/tmf921/gateway-enterprise-slice.json"
expect_contains "$SCRATCH/err" 'characteristic[0]: TMF921 characteristic "sliceType" = eMBB: no 28.312 home' "a characteristic without a home goes to the delta"
expect_contains "$SCRATCH/err" 'characteristic[3]: TMF921 characteristic "maxThroughputDL" = 2000Mbps' "its value in the canonical unit"
expect_contains "$SCRATCH/err" 'characteristic[4]: TMF921 characteristic "reliability" = 99.99%' "percent is %"
[ "$(json "$SOURCE_DIR/samples/28312/gateway-enterprise-slice.json" "[c['contextAttribute'] for c in d['intentContexts']]")" = "['networkSlice', 'DeploymentSite']" ] &&
  pass || fail "the slice and site characteristics are intent contexts"
run "$INTENTCTL" translate -q "$forms/gateway-legacy-expectations.json"
expect_rc 0 "the gateway's older expectations with expectedValue"
expect_contains "$SCRATCH/out" '"targetValueRange": "500Mbps"' "expectedValue's kpiValue and kpiUnit"
refused_alike "$forms/gateway-disagreeing-value.json" translate \
  'expectation[0].targetValue: targetValue 10ms does not say what targetCondition "latency <= 5 ms" says (5ms)' \
  "a condition and a targetValue that disagree"
refused_alike "$forms/gateway-unknown-operator.json" translate \
  'cannot read the condition "latency ~ 5 ms": after "latency" comes a condition (>=, <=, <, >, ==, = or between), not "~ 5 ms"' \
  "an operator the gateway does not have"
refused_alike "$forms/gateway-bad-characteristic.json" translate \
  'characteristic "maxUsers": the value "many" is not of its valueType integer' "a characteristic not of its valueType"
for condition in 'throughputDL >= 1000 Mbps' 'latency <= 5 ms' 'latency < 5ms' 'throughputUL > 1 Gbps' 'redundancy == 2' 'latency between 1 and 5 ms'; do
  printf '{"id": "g", "expectation": [{"id": "e", "targetCondition": "%s"}]}\n' "$condition" >condition.json
  run "$INTENTCTL" translate -q condition.json
  expect_rc 0 "the gateway condition '$condition'"
done

# --- the seed dialect as strict as the seed's function, unless --lax-seed
for case in type:seed-without-type context:seed-without-context; do
  field=${case%%:*} file=$forms/${case#*:}.json
  run "$INTENTCTL" render -q -o - "$file"
  expect_rc 2 "a seed expectation without its $field"
  expect_contains "$SCRATCH/err" "has no intentExpectation$(tr a-z A-Z <<<"${field:0:1}")${field:1}, which the seed's function required (--lax-seed takes it without)" "the missing $field named"
  run "$INTENTCTL" validate -q "$file"
  expect_rc 1 "validate fails a seed expectation without its $field"
  run "$INTENTCTL" render -o - --lax-seed "$file"
  expect_rc 0 "--lax-seed renders it"
  expect_contains "$SCRATCH/err" "warning: seed expectation" "--lax-seed warns"
  run "$INTENTCTL" validate --lax-seed "$file"
  expect_rc 0 "validate --lax-seed passes it"
done

# --- one limits table: the same nesting limit everywhere, and short messages
python3 -c 'print("[" * 300 + "]" * 300)' >deep.json
for stage in translate render validate; do
  run "$INTENTCTL" "$stage" deep.json $([ "$stage" = render ] && echo -o -)
  grep -qF "deep.json:1:257: error: nesting too deep (more than 256 levels)" "$SCRATCH/err" "$SCRATCH/out" && pass ||
    fail "$stage: not the one nesting limit: $(cat "$SCRATCH/err" "$SCRATCH/out" | head -3)"
done
run "$INTENTCTL" translate "$forms/long-target-name.json"
expect_rc 2 "a 10,000-character target name"
[ "$(wc -c <"$SCRATCH/err")" -lt 1000 ] && pass || fail "the message echoes the whole name: $(wc -c <"$SCRATCH/err") bytes"
expect_contains "$SCRATCH/err" "xxxx...\"" "the name is cut and says so"

finish
