#!/usr/bin/env bash
# intentctl translate: every sample against its golden 28.312 file, stdin,
# streams of intents, output formats and layouts, --delta, --site, --output,
# --mapping.
#
# The golden files samples/28312/<name>.json are the translations of
# samples/tmf921/<name>.json. When a change to translate changes them on
# purpose, regenerate them and review the diff:
#   INTENTCTL_REGENERATE=1 ctest --test-dir <build> -R cli.translate$
# (or: for f in samples/tmf921/*.json; do intentctl -q translate "$f" > samples/28312/$(basename "$f"); done)
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3

samples="$SOURCE_DIR/samples/tmf921"
goldens="$SOURCE_DIR/samples/28312"
fixtures="$SOURCE_DIR/tests/fixtures/translate"

# json_same FILE-A FILE-B DESCRIPTION: equal as JSON values (member order aside).
json_same() {
  if python3 - "$1" "$2" <<'EOF'; then pass; else fail "$3: not the same JSON"; diff -u "$1" "$2" | head -40 >&2 || true; fi
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
EOF
}

# json_query FILE EXPRESSION: prints a Python expression over the document "d".
json_query() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# ---- every sample translates to its golden file, byte for byte
count=0
for input in "$samples"/*.json; do
  name=$(basename "$input")
  count=$((count + 1))
  run "$INTENTCTL" translate "$input"
  expect_rc 0 "translate $name"
  if [ "${INTENTCTL_REGENERATE:-}" = 1 ]; then
    cp "$SCRATCH/out" "$goldens/$name"
    echo "regenerated samples/28312/$name"
  fi
  if [ -f "$goldens/$name" ]; then
    expect_same "$SCRATCH/out" "$goldens/$name" "samples/28312/$name is the translation of samples/tmf921/$name"
  else
    fail "samples/28312/$name is missing"
  fi
done
[ "$count" -ge 5 ] && pass || fail "at least five samples, found $count"
for golden in "$goldens"/*.json; do
  [ -f "$samples/$(basename "$golden")" ] && pass || fail "samples/28312/$(basename "$golden") has no input in samples/tmf921"
done

# ---- each input form is among the samples
run "$INTENTCTL" translate --from tmf921-v5 "$samples/urllc-robot-cell.json"
expect_rc 0 "--from tmf921-v5"
run "$INTENTCTL" translate --from tmf921-v4 "$samples/embb-video-throughput.json"
expect_rc 0 "--from tmf921-v4"
run "$INTENTCTL" translate --from seed "$samples/edge-analytics-two-sites.json"
expect_rc 0 "--from seed"
run "$INTENTCTL" translate --from short "$samples/5g-network-short.json"
expect_rc 0 "--from short"
run "$INTENTCTL" translate --from tmf921-v4 "$samples/urllc-robot-cell.json"
expect_rc 2 "a v5 intent forced through v4"
expect_contains "$SCRATCH/err" "expected string as the expressionValue of a TMF921 v4 intent, got object" "wrong --from says why"

# ---- the edge sample gives an edge expectation for both sites
json_query "$goldens/edge-analytics-two-sites.json" \
  '[e["expectationObject"]["objectType"] for e in d["intentExpectations"]] + d["intentContexts"][0]["contextValueRange"]' \
  >"$SCRATCH/edge"
expect_contains "$SCRATCH/edge" "['Edge_Service_Support', '5GC_SubNetwork', 'RAN_SubNetwork', 'edge1', 'edge2']" \
  "edge expectation and two sites"
json_query "$goldens/urllc-robot-cell.json" 'len(d["intentExpectations"])' >"$SCRATCH/count"
expect_contains "$SCRATCH/count" "2" "the URLLC sample has two expectations"

# ---- translate - < file equals translate file
for input in "$samples"/*.json; do
  name=$(basename "$input")
  set +e
  "$INTENTCTL" translate - <"$input" >"$SCRATCH/stdin.out" 2>"$SCRATCH/stdin.err"
  rc=$?
  set -e
  expect_rc 0 "translate - < $name"
  expect_same "$SCRATCH/stdin.out" "$goldens/$name" "translate - < $name equals translate $name"
done
set +e
"$INTENTCTL" translate <"$samples/urllc-robot-cell.json" >"$SCRATCH/noarg.out" 2>/dev/null
set -e
expect_same "$SCRATCH/noarg.out" "$goldens/urllc-robot-cell.json" "no file argument reads standard input"

# ---- several intents: files, a JSON array, JSON values one after another, a YAML stream
run "$INTENTCTL" translate "$samples/urllc-robot-cell.json" "$samples/5g-network-short.json"
expect_rc 0 "two files"
python3 - "$SCRATCH/out" "$goldens/urllc-robot-cell.json" "$goldens/5g-network-short.json" <<'EOF' && pass || fail "two files give a JSON array of both translations"
import json, sys
out = json.load(open(sys.argv[1]))
sys.exit(0 if out == [json.load(open(p)) for p in sys.argv[2:]] else 1)
EOF

{ echo '['; cat "$samples/transport-availability.json"; echo ','; cat "$samples/embb-video-throughput.json"; echo ']'; } >"$SCRATCH/array.json"
run "$INTENTCTL" translate "$SCRATCH/array.json"
expect_rc 0 "a JSON array of intents"
python3 - "$SCRATCH/out" "$goldens/transport-availability.json" "$goldens/embb-video-throughput.json" <<'EOF' && pass || fail "a JSON array gives each translation in order"
import json, sys
out = json.load(open(sys.argv[1]))
sys.exit(0 if out == [json.load(open(p)) for p in sys.argv[2:]] else 1)
EOF

cat "$samples/5g-network-short.json" "$samples/factory-campus-slice.json" >"$SCRATCH/concatenated.json"
run "$INTENTCTL" translate "$SCRATCH/concatenated.json"
expect_rc 0 "JSON values one after another"
json_query "$SCRATCH/out" '[i["id"] for i in d]' >"$SCRATCH/ids"
expect_contains "$SCRATCH/ids" "['5g-network', 'factory-campus-slice']" "concatenated JSON values"

cat >"$SCRATCH/stream.yaml" <<'EOF'
# three intents in three forms, one YAML stream
intent: Stadium uplink
id: stadium-uplink
site: edge2
requirements:
  throughput: ">=200Mbps"
  latency: "<20ms"
---
id: metro-backup
intentSpecification:
  intentExpectations:
    - expectationId: tn-backup-001
      expectationObject: {objectType: TransportNetwork}
      expectationTargets:
        - {targetName: availability, targetCondition: greaterThanOrEqual, targetValue: "99.95", targetUnit: "%"}
---
id: yaml-jsonld
expression:
  "@type": JsonLdExpression
  expressionValue:
    "@context":
      icm: http://tio.models.tmforum.org/tio/v3.6.0/IntentCommonModel/
      log: http://tio.models.tmforum.org/tio/v3.6.0/LogicalOperators/
      quan: http://tio.models.tmforum.org/tio/v3.6.0/QuantityOntology/
      ex: https://intents.example.net/yaml/
    "@type": icm:Intent
    log:allOf:
      - "@type": icm:PropertyExpectation
        icm:valuesOfTargetProperty: ex:jitter
        quan:atMost: 2ms
EOF
run "$INTENTCTL" translate "$SCRATCH/stream.yaml"
expect_rc 0 "a multi-document YAML stream"
json_query "$SCRATCH/out" '[(i["id"], [e["expectationId"] for e in i["intentExpectations"]]) for i in d]' >"$SCRATCH/ids"
expect_contains "$SCRATCH/ids" \
  "[('stadium-uplink', ['stadium-uplink-ran', 'stadium-uplink-cn']), ('metro-backup', ['tn-backup-001']), ('yaml-jsonld', ['yaml-jsonld-cn'])]" \
  "three intents from a YAML stream"

# ---- --format yaml, read back
run "$INTENTCTL" translate --format yaml "$samples/factory-campus-slice.json"
expect_rc 0 "-o yaml"
cp "$SCRATCH/out" "$SCRATCH/intent.yaml"
expect_contains "$SCRATCH/intent.yaml" "id: factory-campus-slice" "YAML output"
expect_not_contains "$SCRATCH/intent.yaml" "{" "block YAML"
run "$INTENTCTL" translate --from 28312 "$SCRATCH/intent.yaml"
expect_rc 0 "YAML output read back"
expect_same "$SCRATCH/out" "$goldens/factory-campus-slice.json" "YAML read back gives the same intent"

run "$INTENTCTL" translate --format yaml "$samples/urllc-robot-cell.json" "$samples/5g-network-short.json"
expect_rc 0 "-o yaml with two intents"
[ "$(grep -c '^---$' "$SCRATCH/out")" = 2 ] && pass || fail "two YAML documents"
cp "$SCRATCH/out" "$SCRATCH/two.yaml"
run "$INTENTCTL" translate "$SCRATCH/two.yaml"
expect_rc 0 "a YAML stream of 28.312 intents read back (detected)"
python3 - "$SCRATCH/out" "$goldens/urllc-robot-cell.json" "$goldens/5g-network-short.json" <<'EOF' && pass || fail "YAML stream read back"
import json, sys
out = json.load(open(sys.argv[1]))
sys.exit(0 if out == [json.load(open(p)) for p in sys.argv[2:]] else 1)
EOF

# ---- --layout attributes, read back to the flat layout
for input in "$samples"/*.json; do
  name=$(basename "$input")
  "$INTENTCTL" -q translate --layout attributes "$input" >"$SCRATCH/attributes.json"
  json_query "$SCRATCH/attributes.json" 'sorted(d.keys())' >"$SCRATCH/keys"
  expect_contains "$SCRATCH/keys" "['attributes', 'id']" "$name: attributes layout"
  run "$INTENTCTL" translate --from 28312 "$SCRATCH/attributes.json"
  expect_rc 0 "$name: attributes layout read back"
  expect_same "$SCRATCH/out" "$goldens/$name" "$name: attributes layout read back is the flat translation"
done

# ---- --delta FILE and -v
run "$INTENTCTL" translate --delta "$SCRATCH/delta.json" "$samples/transport-availability.json"
expect_rc 0 "--delta"
expect_same "$SCRATCH/out" "$goldens/transport-availability.json" "--delta leaves the output alone"
python3 - "$SCRATCH/delta.json" "$samples/transport-availability.json" <<'EOF' && pass || fail "--delta lists each field without a home, with its place"
import json, sys
delta = json.load(open(sys.argv[1]))["fields"]
want = {("@type", 2, 3), ("description", 5, 3), ("version", 6, 3), ("characteristic[0]", 9, 5), ("characteristic[1]", 10, 5)}
got = {(e["path"], e["line"], e["column"]) for e in delta}
ok = got == want and all(e["file"] == sys.argv[2] and e["note"] for e in delta)
if not ok: print(delta, file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
run "$INTENTCTL" translate --delta "$SCRATCH/empty-delta.json" "$samples/5g-network-short.json"
expect_contains "$SCRATCH/empty-delta.json" '"fields": []' "an empty delta is an empty list"
run "$INTENTCTL" translate "$samples/urllc-robot-cell.json"
expect_contains "$SCRATCH/err" "--delta" "without --delta, a note says how to see what was left out"
run "$INTENTCTL" -v translate "$samples/urllc-robot-cell.json"
expect_contains "$SCRATCH/err" "urllc-robot-cell.json:5:3: note: description: TMF921 Intent field without a 28.312 home" "-v lists the delta"
run "$INTENTCTL" -q translate "$samples/urllc-robot-cell.json"
[ -s "$SCRATCH/err" ] && fail "-q prints nothing on standard error" || pass

# ---- --site replaces the sites
run "$INTENTCTL" translate --site edge7 --site edge8 "$samples/edge-analytics-two-sites.json"
expect_rc 0 "--site"
json_query "$SCRATCH/out" '[c["contextValueRange"] for c in d["intentContexts"] if c["contextAttribute"] == "DeploymentSite"]' >"$SCRATCH/sites"
expect_contains "$SCRATCH/sites" "[['edge7', 'edge8']]" "--site replaces the intent's sites"

# ---- --output FILE
run "$INTENTCTL" translate --output "$SCRATCH/written.json" "$samples/urllc-robot-cell.json"
expect_rc 0 "--output"
[ -s "$SCRATCH/out" ] && fail "--output leaves standard output empty" || pass
expect_same "$SCRATCH/written.json" "$goldens/urllc-robot-cell.json" "--output writes the translation"
run "$INTENTCTL" translate --output "$SCRATCH/written.json" "$fixtures/turtle.json"
expect_rc 2 "--output with a bad input"
expect_same "$SCRATCH/written.json" "$goldens/urllc-robot-cell.json" "a failed translation leaves --output's file as it was"

# ---- --mapping FILE
cat >"$SCRATCH/mapping.yaml" <<'EOF'
domains:
  - name: mec
    objectType: Edge_Service_Support
    objectTypes: [Edge_Service_Support]
    targets: [gpu, gpuMemory]
EOF
cat >"$SCRATCH/gpu.json" <<'EOF'
{"id": "gpu-at-the-edge", "intent": "GPU at the edge", "requirements": {"gpu": ">=2", "latency": "<10ms"}}
EOF
run "$INTENTCTL" translate "$SCRATCH/gpu.json"
expect_rc 2 "a target name the built-in mapping does not know"
expect_contains "$SCRATCH/err" "gpu.json:1:80: error: no domain for target \"gpu\"" "unknown target name, at its value"
run "$INTENTCTL" translate --mapping "$SCRATCH/mapping.yaml" "$SCRATCH/gpu.json"
expect_rc 0 "--mapping"
json_query "$SCRATCH/out" '[(e["expectationId"], e["expectationObject"]["objectType"]) for e in d["intentExpectations"]]' >"$SCRATCH/mapped"
expect_contains "$SCRATCH/mapped" "[('gpu-at-the-edge-mec', 'Edge_Service_Support'), ('gpu-at-the-edge-cn', '5GC_SubNetwork')]" \
  "--mapping adds a domain"
run "$INTENTCTL" translate --mapping "$fixtures/bad-mapping.yaml" "$samples/5g-network-short.json"
expect_rc 2 "a bad --mapping file"
expect_contains "$SCRATCH/err" "bad-mapping.yaml:5:5: error: domains[0].colour: unknown field \"colour\"" "bad mapping file, at the key"

# ---- output is deterministic
"$INTENTCTL" -q translate "$samples"/*.json >"$SCRATCH/all1.json"
"$INTENTCTL" -q translate "$samples"/*.json >"$SCRATCH/all2.json"
expect_same "$SCRATCH/all1.json" "$SCRATCH/all2.json" "same input, same bytes"

finish
