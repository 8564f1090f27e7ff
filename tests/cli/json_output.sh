#!/usr/bin/env bash
# Machine output: every JSON document intentctl prints (validate, check,
# publish and verify with --format json, translate's --delta) is exactly one
# document of apiVersion intentctl/v1alpha1 and its own kind, valid against
# the JSON Schema that ships in schemas/, with one status vocabulary in lower
# case; on success, on failure, and when an error stops the command (then the
# document carries the error, the exit code is the error's and standard error
# says it as usual). Also: each item of a list of intents is a resource of
# its own, and verify's targets say what was wanted and measured as values.
# Publish and verify run against local bare remotes and the loopback
# Kubernetes fixture with its JSON metrics endpoint (tests/support/verify-env.sh).
. "$SOURCE_DIR/tests/support/testlib.sh"
require_python_module jsonschema
isolate KUBECONFIG
. "$SOURCE_DIR/tests/support/verify-env.sh"
SCHEMAS=$SOURCE_DIR/schemas

# doc NAME KIND STATUS RC -- ARGS...: runs intentctl ARGS; the exit code is RC and
# standard output one KIND document with that status, valid against its schema.
# The document is kept as NAME.json.
doc() {
  local name=$1 kind=$2 status=$3 code=$4
  shift 5
  run "$INTENTCTL" "$@"
  expect_rc "$code" "$name: exit code ($(head -c 600 "$SCRATCH/err"))"
  "$SOURCE_DIR/tests/support/check-json-output" "$SCHEMAS" "$SCRATCH/out" "$kind" "$status" 2>"$SCRATCH/why" && pass ||
    fail "$name: $(cat "$SCRATCH/why")"
  cp "$SCRATCH/out" "$name.json"
}

# holds NAME PYTHON-EXPRESSION: the expression, over the document d of NAME.json, is true.
holds() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$1.json" "$2" && pass || fail "$1: $2: $(head -c 1500 "$1.json")"
}

for schema in "$SCHEMAS"/*.schema.json; do
  python3 -c 'import json, sys, jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' \
    "$schema" && pass || fail "$(basename "$schema") is not a valid JSON Schema"
done

# --- validate ---------------------------------------------------------------------------------
doc validate-pass ValidateReport pass 0 -- validate --format json "$SOURCE_DIR/samples/28312/urllc-robot-cell.json"
holds validate-pass 'd["apiVersion"] == "intentctl/v1alpha1" and d["errors"] == []'

# A JSON list of intents: one resource per intent, as translate and render count them.
"$INTENTCTL" translate -q "$SOURCE_DIR"/samples/tmf921/*.json >intents.json
count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' intents.json)
[ "$count" -ge 6 ] && pass || fail "translate wrote $count intents"
doc validate-list ValidateReport pass 0 -- validate --format json intents.json
holds validate-list "d['summary']['resources'] == $count and len(d['resources']) == $count"
holds validate-list "all(r['kind'] == '28.312 Intent' for r in d['resources'])"
holds validate-list "[r['name'] for r in d['resources']] == [i['id'] for i in json.load(open('intents.json'))]"
run "$INTENTCTL" validate intents.json
expect_contains "$SCRATCH/out" "Summary: $count resources found in 1 file - Valid: $count," "the text summary counts each intent"
# A finding goes to the intent it is in.
python3 -c 'import json, sys; l = json.load(open(sys.argv[1])); l[2]["intentExpectations"][0]["expectationTargets"][0]["targetCondition"] = "NEARLY"; json.dump(l, open(sys.argv[2], "w"), indent=2)' \
  intents.json broken-list.json
doc validate-list-fail ValidateReport fail 1 -- validate --format json broken-list.json
holds validate-list-fail "[r['status'] for r in d['resources']] == ['valid', 'valid', 'invalid'] + ['valid'] * ($count - 3)"
holds validate-list-fail "d['resources'][2]['findings'][0]['path'].startswith('[2].intentExpectations[0]')"

printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: 5\n' >bad-configmap.yaml
doc validate-fail ValidateReport fail 1 -- validate --format json bad-configmap.yaml
holds validate-fail 'd["resources"][0]["status"] == "invalid" and d["resources"][0]["findings"][0]["rule"] == "type"'
doc validate-unreadable ValidateReport error 2 -- validate --format json nope.yaml
holds validate-unreadable 'd["resources"][0]["status"] == "error"'
mkdir empty
doc validate-none ValidateReport fail 1 -- validate --format json empty
holds validate-none '"no resources found" in d["errors"][0]["message"]'
doc validate-usage ValidateReport error 2 -- validate --format json - - </dev/null
holds validate-usage '"standard input (-) can be read only once" in d["errors"][0]["message"] and d["resources"] == []'
expect_contains "$SCRATCH/err" "error: standard input (-) can be read only once" "the usual error on standard error too"
# With -o FILE the document goes to FILE; an error leaves FILE as it was and says itself on standard output.
echo kept >report.json
doc validate-usage-o ValidateReport error 2 -- validate --format json -o report.json - - </dev/null
[ "$(cat report.json)" = kept ] && pass || fail "-o FILE is left as it was on an error"
# Usage errors the parser finds: the same document, once --format json is read.
doc validate-unknown-flag ValidateReport error 2 -- validate --format json --bogus intents.json
holds validate-unknown-flag 'd["errors"][0]["message"].startswith("unknown flag \"--bogus\"")'
doc verify-bad-jobs VerifyReport error 2 -- verify dist --format json --jobs 0
holds verify-bad-jobs '"--jobs" in d["errors"][0]["message"]'
run "$INTENTCTL" validate --format xml intents.json
expect_rc 2 "an unknown format"
[ ! -s "$SCRATCH/out" ] && pass || fail "an unknown format: nothing on standard output: $(cat "$SCRATCH/out")"
run "$INTENTCTL" validate --bogus intents.json
expect_rc 2 "text mode: an unknown flag"
[ ! -s "$SCRATCH/out" ] && pass || fail "text mode: nothing on standard output for an unknown flag: $(cat "$SCRATCH/out")"
run "$INTENTCTL" validate --format text - - </dev/null
expect_rc 2 "text mode: exit 2"
[ ! -s "$SCRATCH/out" ] && pass || fail "text mode prints nothing on standard output on an error: $(cat "$SCRATCH/out")"

# validate --fn writes kpt's ResourceList and nothing else: --format json used to
# print YAML when it passed and a ValidateReport when it failed; now the pair is
# a usage error, said in JSON mode as every other one.
printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n' >empty-list.yaml
set +e
"$INTENTCTL" validate --fn --format json <empty-list.yaml >validate-fn-format.json 2>"$SCRATCH/err"
rc=$?
set -e
expect_rc 2 "validate --fn --format json"
"$SOURCE_DIR/tests/support/check-json-output" "$SCHEMAS" validate-fn-format.json ValidateReport error 2>"$SCRATCH/why" &&
  pass || fail "validate --fn --format json: $(cat "$SCRATCH/why")"
holds validate-fn-format '"--fn" in d["errors"][0]["message"] and "--format" in d["errors"][0]["message"]'
expect_contains "$SCRATCH/err" "intentctl validate: error: --format excludes --fn" "validate --fn --format json: the error on stderr"
run "$INTENTCTL" validate --fn --format junit
expect_rc 2 "validate --fn --format junit"
[ ! -s "$SCRATCH/out" ] && pass || fail "validate --fn --format junit: nothing on standard output: $(cat "$SCRATCH/out")"
run "$INTENTCTL" validate --fn
expect_rc 2 "validate --fn on no ResourceList"
[ ! -s "$SCRATCH/out" ] && pass || fail "validate --fn on no ResourceList: nothing on standard output: $(cat "$SCRATCH/out")"

# --- check ------------------------------------------------------------------------------------
doc check-pass CheckReport pass 0 -- check --format json "$SOURCE_DIR/samples/28312/urllc-robot-cell.json"
python3 -c 'import json, sys
i = json.load(open(sys.argv[1]))
t = i["intentExpectations"][0]["expectationTargets"]
t.append({"targetName": "latency", "targetCondition": "IS_GREATER_THAN", "targetValueRange": "5ms"})
json.dump(i, open(sys.argv[2], "w"), indent=2)' "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" conflict.json
doc check-fail CheckReport fail 1 -- check --format json conflict.json
holds check-fail 'd["conflicts"][0]["type"] == "TARGET_CONFLICT"'
holds check-fail '[{k: t[k] for k in ("condition", "value", "unit")} for t in d["conflicts"][0]["targets"]] == [{"condition": "IS_LESS_THAN", "value": 1, "unit": "ms"}, {"condition": "IS_GREATER_THAN", "value": 5, "unit": "ms"}]'
doc check-error CheckReport error 2 -- check --format json nope.yaml
holds check-error '"nope.yaml: cannot read" in d["errors"][0]["message"]'

# --- translate --delta ------------------------------------------------------------------------
run "$INTENTCTL" translate "$SOURCE_DIR/samples/tmf921/edge-analytics-two-sites.json" --delta delta.json
expect_rc 0 "translate --delta"
"$SOURCE_DIR/tests/support/check-json-output" "$SCHEMAS" delta.json TranslateDelta 2>"$SCRATCH/why" && pass ||
  fail "delta: $(cat "$SCRATCH/why")"
holds delta 'len(d["fields"]) > 0 and all(f["file"].endswith(".json") for f in d["fields"])'
# render still reads what translate wrote beside it.
cp "$SCRATCH/out" translated.json
run "$INTENTCTL" render translated.json -o - --sites "$SOURCE_DIR/samples/sites.yaml"
expect_rc 0 "render reads translate's output"

# --- publish ----------------------------------------------------------------------------------
new_remote edge1
new_remote edge2
write_sites
for site in edge1 edge2; do "$FIXTURE" kubeconfig "$STATE" "$site" --token "$TOKEN" --out "kc-$site.yaml"; done
"$INTENTCTL" render -q --sites sites.yaml "$SAMPLE" -o dist
doc publish-pushed PublishReport pass 0 -- publish --sites sites.yaml dist --format json
holds publish-pushed '[s["status"] for s in d["sites"]] == ["pushed", "pushed"] and all(s["pushed"] for s in d["sites"])'
doc publish-up-to-date PublishReport pass 0 -- publish --sites sites.yaml dist --format json
holds publish-up-to-date '[s["status"] for s in d["sites"]] == ["up-to-date", "up-to-date"]'
echo "# changed" >>dist/edge1/kustomization.yaml
doc publish-dry-run PublishReport fail 1 -- publish --sites sites.yaml dist --format json --dry-run
holds publish-dry-run '[s["status"] for s in d["sites"]] == ["would-change", "up-to-date"] and d["sites"][0]["diff"]'
git -C dist/edge1 checkout -q . 2>/dev/null || "$INTENTCTL" render -q --sites sites.yaml "$SAMPLE" -o dist
doc publish-rollback PublishReport pass 0 -- publish --sites sites.yaml dist --format json --rollback --site edge1
holds publish-rollback 'd["sites"][0]["status"] == "rolled-back" and len(d["sites"][0]["reverted"]) == 40'
"$INTENTCTL" publish -q --sites sites.yaml dist >/dev/null
sed 's|remotes/edge2.git|remotes/missing.git|' sites.yaml >sites-missing.yaml
doc publish-failed PublishReport error 3 -- publish --sites sites-missing.yaml dist --format json
holds publish-failed '[s["status"] for s in d["sites"]] == ["up-to-date", "failed"] and d["errors"][0]["site"] == "edge2"'
doc publish-no-folder PublishReport error 2 -- publish nodir --format json
holds publish-no-folder 'd["sites"] == [] and "no such folder" in d["errors"][0]["message"] and d["errors"][0]["file"] == "nodir"'
expect_contains "$SCRATCH/err" "error: nodir: no such folder" "the usual error on standard error too"
doc publish-usage PublishReport error 2 -- publish dist --sites sites.yaml --format json --timeout 0s
holds publish-usage '"--timeout" in d["errors"][0]["message"]'

# --- verify -----------------------------------------------------------------------------------
cat >good.json <<'JSON'
{"upf": {"p95": "12ms", "loss": {"value": 0.004, "unit": "%"}, "tx": {"mbps": 812.5}},
 "edge": {"dl": 7, "ul": "0.009s", "ues": 150}}
JSON
sed 's/"12ms"/"27ms"/' good.json >slow.json
write_sites "{url: '$METRICS_URL/json/@SITE@', kind: json, targets: {latency: /upf/p95, packet_loss: /upf/loss,
  throughput: {pointer: /upf/tx/mbps, unit: Mbps}, DlLatency: /edge/dl, UlLatency: /edge/ul, maxNumberofUEs: /edge/ues}}"
verify() { doc "$@" --sites sites.yaml --site edge1 dist; }
load_cluster edge1 --json good.json
verify verify-pass VerifyReport pass 0 -- verify --format json
holds verify-pass '[(c["check"], c["status"]) for c in d["sites"][0]["checks"]] == [("git", "pass"), ("cluster", "pass"), ("slo", "pass")]'
holds verify-pass 'd["sites"][0]["status"] == "pass" and all(o["status"] == "pass" for o in d["sites"][0]["checks"][1]["objects"])'
holds verify-pass '{t["name"]: (t["wanted"], t["achieved"]) for t in d["sites"][0]["targets"]}["latency"] == ({"condition": "IS_LESS_THAN", "value": 20, "unit": "ms"}, {"value": 12, "unit": "ms"})'
load_cluster edge1 --json slow.json
verify verify-fail VerifyReport fail 1 -- verify --format json
holds verify-fail '{t["name"]: t["status"] for t in d["sites"][0]["targets"]}["latency"] == "fail"'
sed -i 's|/edge/ues|/edge/users|' sites.yaml
load_cluster edge1 --json good.json
verify verify-unknown VerifyReport unknown 3 -- verify --format json
holds verify-unknown '{t["name"]: (t["status"], t["achieved"]) for t in d["sites"][0]["targets"]}["maxNumberofUEs"] == ("unknown", None)'
sed -i 's|/edge/users|/edge/ues|' sites.yaml
load_cluster edge1 --json good.json --rootsync pending
verify verify-pending VerifyReport pending 1 -- verify --format json
load_cluster edge1 --json good.json --rootsync stalled
verify verify-cluster-fail VerifyReport fail 1 -- verify --format json
doc verify-no-folder VerifyReport error 2 -- verify nodir --format json
holds verify-no-folder 'd["sites"] == [] and "no such folder" in d["errors"][0]["message"]'
expect_contains "$SCRATCH/err" "error: nodir: no such folder" "the usual error on standard error too"
doc verify-usage VerifyReport error 2 -- verify dist --format json --interval 0s
holds verify-usage '"--interval" in d["errors"][0]["message"]'

finish
