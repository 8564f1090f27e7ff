#!/usr/bin/env bash
# intentctl translate: every error path, with its exit code and the exact
# FILE:LINE:COL of the diagnostic. Nothing reaches standard output on an error.
. "$SOURCE_DIR/tests/support/testlib.sh"

fixtures="$SOURCE_DIR/tests/fixtures/translate"
cd "$fixtures" # diagnostics name the files as given on the command line

# expect_error FIXTURE EXIT-CODE EXACT-FIRST-LINE-PREFIX: translate FIXTURE and check the diagnostic.
expect_error() {
  run "$INTENTCTL" translate "$1"
  expect_rc "$2" "$1"
  local first
  first=$(head -n 1 "$SCRATCH/err")
  case "$first" in
    "$3"*) pass ;;
    *) fail "$1: diagnostic is '$first', wanted it to start with '$3'" ;;
  esac
  [ -s "$SCRATCH/out" ] && fail "$1: standard output should stay empty on an error" || pass
}

expect_error turtle.json 2 \
  "turtle.json:6:14: error: expression.@type: Turtle expressions are not supported; give the intent as a JsonLdExpression"
expect_error unknown-condition.json 2 \
  'unknown-condition.json:7:56: error: intentSpecification.intentExpectations[0].expectationTargets[0].targetCondition: unknown condition "roughlyAround" (known: lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, equalTo, between, '
expect_error unknown-operator.json 2 \
  'unknown-operator.json:17:84: error: expression.expressionValue.log:allOf[0].log:allOf[0].q:roughlyAround: unknown condition "q:roughlyAround" (known: lessThan, '
expect_error no-value.json 2 \
  'no-value.json:7:11: error: intentSpecification.intentExpectations[0].expectationTargets[0]: target "latency" has no value (targetValue)'
expect_error no-value-jsonld.json 2 \
  'no-value-jsonld.json:17:84: error: expression.expressionValue.log:allOf[0].log:allOf[0].quan:smaller: target "latency" has no value'
expect_error no-expectations.json 2 \
  'no-expectations.json:6:24: error: expression.expressionValue: intent "empty-intent" has no expectations'
expect_error no-expectations-seed.json 2 \
  'no-expectations-seed.json:4:27: error: intentSpecification.intentExpectations: intent "empty-seed" has no expectations'
expect_error unknown-domain.json 2 \
  'unknown-domain.json:5:15: error: no domain for target "colour": name a latency, jitter, packet loss, bandwidth, throughput, subscribers, frequency, radio coverage, availability, reliability, redundancy or sites target, or add it to a --mapping file'
expect_error undefined-prefix.json 2 \
  "undefined-prefix.json:7:7: error: expression.expressionValue.log:allOf: undefined prefix \"log\" in \"log:allOf\": bind it in the expression's @context"
expect_error v4-broken-string.json 2 \
  "v4-broken-string.json:6:71: error: expression.expressionValue: in the JSON-LD of the expressionValue string: expected a JSON value, found '}'"
expect_error geoarea-two-points.json 2 \
  'geoarea-two-points.json:8:77: error: intentSpecification.intentExpectations[0].expectationContext[0].contextValue.convexGeoPolygon: a convexGeoPolygon needs at least 3 points'
expect_error unrecognised.json 2 \
  'unrecognised.json:1:1: error: not an intent or an expectation in a form intentctl reads: expected a TMF921 Intent (expression), the intent gateway'"'"'s form (expectation, characteristic), the intentSpecification form, the short form (intent, requirements), a 28.312 Intent (intentExpectations), a 28.312 expectation (expectationId) or a seed expectation (intentExpectationId)'
expect_error duplicate-ids.json 2 'duplicate-ids.json:3:3: error: [1]: duplicate intent id "twin" (first at duplicate-ids.json:2:3)'
expect_error malformed.json 2 "malformed.json:4:38: error: expected a member name in quotes, found '}'"
expect_error missing.json 2 'intentctl translate: error: missing.json: cannot read: No such file or directory'

# The same error read from standard input is named <stdin>.
set +e
"$INTENTCTL" translate - <turtle.json >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
set -e
expect_rc 2 "Turtle on standard input"
expect_contains "$SCRATCH/err" "<stdin>:6:14: error: expression.@type: Turtle expressions are not supported" "stdin is named <stdin>"

# An empty input, a TMF921 expression of another kind, a wrong form forced.
printf '' >"$SCRATCH/empty.json"
run "$INTENTCTL" translate "$SCRATCH/empty.json"
expect_rc 2 "empty input"
expect_contains "$SCRATCH/err" "empty.json:1:1: error: no intent found in the input" "empty input"
printf '{"id": "x", "expression": {"@type": "RdfXmlExpression", "expressionValue": "<rdf/>"}}\n' >"$SCRATCH/rdf.json"
run "$INTENTCTL" translate "$SCRATCH/rdf.json"
expect_rc 2 "another expression type"
expect_contains "$SCRATCH/err" 'rdf.json:1:37: error: expression.@type: expression @type "RdfXmlExpression" is not supported (known: JsonLdExpression)' "another expression type"
run "$INTENTCTL" translate --from seed "$SCRATCH/rdf.json"
expect_rc 2 "--from seed on a TMF921 intent"
expect_contains "$SCRATCH/err" 'missing required field "intentSpecification"' "--from seed says what is missing"

# Site names must be usable as folder and repository names.
printf '{"id": "s", "intentSpecification": {"intentExpectations": [{"expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValue": "1ms"}], "expectationContext": [{"contextParameter": "site", "contextValue": "Edge_1"}]}]}}\n' >"$SCRATCH/site.json"
run "$INTENTCTL" translate "$SCRATCH/site.json"
expect_rc 2 "a site that is no DNS-1123 label"
expect_contains "$SCRATCH/err" 'site.json:1:181: error: site "Edge_1" is not a DNS-1123 label' "bad site name"
run "$INTENTCTL" translate --site edge1 --site ../x "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json"
expect_rc 2 "a --site that is a path"
expect_contains "$SCRATCH/err" '--site "../x" is not a DNS-1123 label' "bad --site named"
[ ! -s "$SCRATCH/out" ] && pass || fail "nothing written for a bad --site"

# Usage errors: exit 2 as well.
run "$INTENTCTL" translate --from tmf999 turtle.json
expect_rc 2 "unknown --from"
run "$INTENTCTL" translate --layout nested turtle.json
expect_rc 2 "unknown --layout"
run "$INTENTCTL" translate --mapping "$SCRATCH/none.yaml" turtle.json
expect_rc 2 "missing --mapping file"
expect_contains "$SCRATCH/err" "none.yaml: cannot read" "missing --mapping file named"

finish
