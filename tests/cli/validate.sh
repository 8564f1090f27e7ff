#!/usr/bin/env bash
# validate from the command line: every sample's render is valid, a mutated
# render is caught at the right path, line and column, every schema rule of the
# fixtures, the four output formats parsed back, exit codes, stdin, -j, --skip,
# --strict, kustomizations, duplicates, --crds and --schema-location.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3

fixtures=$SOURCE_DIR/tests/fixtures/validate
cd "$SCRATCH"

# line:column of the first line of FILE holding TEXT, the column at TEXT.
position_of() { # file text
  python3 - "$1" "$2" <<'PY'
import sys
for number, line in enumerate(open(sys.argv[1]), 1):
    at = line.find(sys.argv[2])
    if at >= 0:
        print(f"{number}:{at + 1}")
        break
PY
}

# --- every sample, translated and rendered (two sites, RootSyncs), is valid
for sample in "$SOURCE_DIR"/samples/tmf921/*.json; do
  "$INTENTCTL" translate "$sample" >"$SCRATCH/intents-$(basename "$sample")"
done
run "$INTENTCTL" render "$SCRATCH"/intents-*.json --sites "$fixtures/sites.yaml" --rootsync -o dist
expect_rc 0 "render the samples"
run "$INTENTCTL" validate dist
expect_rc 0 "the render of every sample is valid"
expect_contains "$SCRATCH/out" "Invalid: 0, Errors: 0, Skipped: 0" "summary of the valid render"
resources=$(grep -h -c '^kind:' $(find dist -type f -name '*.yaml') | awk '{ n += $1 } END { print n }')
files=$(find dist -type f -name '*.yaml' | wc -l)
expect_contains "$SCRATCH/out" "Summary: $resources resources found in $files files - Valid: $resources," "counts match the tree"
run "$INTENTCTL" render "$SOURCE_DIR"/samples/28312/*.json --sites "$fixtures/sites.yaml" --kustomize never -o plain
run "$INTENTCTL" validate plain
expect_rc 0 "the render of the 28.312 samples without kustomization is valid"
run "$INTENTCTL" validate "$SOURCE_DIR/samples/tmf921" "$SOURCE_DIR/samples/28312"
expect_rc 0 "every sample intent (TMF921 and 28.312) is valid"
expect_contains "$SCRATCH/out" "Summary: 14 resources found in 14 files - Valid: 14," "sample intents counted"

# --- a mutated render: wrong type, missing required, unknown field, bad enum
cp -r dist mutated
bundle=$(grep -l '^kind: CNBundle' mutated/edge1/apps/intent/*.yaml | head -1)
python3 - "$bundle" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
head, sep, bundle = text.partition("kind: CNBundle")
bundle = bundle.replace("  expectationType: ", "  removedType: ", 1)      # missing required + unknown field
lines = [line for line in bundle.split("\n") if not line.startswith("  objectInstance: ")]
lines.insert(lines.index("spec:") + 1, "  objectInstance: [a, b]")    # wrong type
for i, line in enumerate(lines):
    if line.strip().startswith("condition: ") and "BOGUS" not in bundle:
        lines[i] = line.split("condition: ")[0] + "condition: ROUGHLY"   # bad enum
        bundle = "BOGUS"
open(path, "w").write(head + sep + "\n".join(lines))
PY
run "$INTENTCTL" validate mutated
expect_rc 1 "a mutated render is invalid"
name=$(grep -A3 '^kind: CNBundle' "$bundle" | sed -n 's/^  name: //p')
expect_contains "$SCRATCH/out" "$bundle:$(position_of "$bundle" "[a, b]"): error: spec.objectInstance: expected string, got array (CNBundle $name)" "wrong type at its position"
expect_contains "$SCRATCH/out" "$bundle:$(position_of "$bundle" "removedType"): error: spec.removedType: unknown field (CNBundle $name)" "unknown field at its key"
expect_contains "$SCRATCH/out" "$bundle:$(position_of "$bundle" "spec:"): error: spec.expectationType: missing required field (CNBundle $name)" "missing required at its parent"
expect_contains "$SCRATCH/out" "$(position_of "$bundle" "ROUGHLY"): error: spec.capacity." "bad enum at its value"
expect_contains "$SCRATCH/out" 'condition: unsupported value "ROUGHLY" (allowed: "LESS_THAN",' "bad enum names the allowed values"
expect_contains "$SCRATCH/out" "Invalid: 1, Errors: 0" "one object invalid"

# --- output order is the same whatever the number of workers
"$INTENTCTL" validate -j 1 mutated "$fixtures/widgets" "$fixtures/crds" >j1.txt 2>&1 || true
for jobs in 2 3 8; do
  "$INTENTCTL" validate -j $jobs mutated "$fixtures/widgets" "$fixtures/crds" >j$jobs.txt 2>&1 || true
  expect_same j1.txt j$jobs.txt "-j $jobs prints what -j 1 prints"
done

# --- every structural rule: the fixture marks each broken line with the rule's name
bad=$fixtures/widgets/bad.yaml
run "$INTENTCTL" validate "$bad" "$fixtures/widgets/good.yaml" "$fixtures/crds"
expect_rc 1 "broken widgets"
expect_contains "$SCRATCH/out" "Valid: 3, Invalid: 13," "each broken widget is invalid, the good ones valid"
check_rule() { # marker expected-path expected-message
  local at
  at=$(position_of "$bad" "# $1")
  at=${at%%:*}
  if grep -qF -- "$bad:$at:" "$SCRATCH/out" && grep -F -- "$bad:$at:" "$SCRATCH/out" | grep -qF -- "$2: $3"; then pass
  else fail "rule $1: no '$2: $3' at line $at; got: $(grep -F "$bad:$at:" "$SCRATCH/out")"; fi
}
check_rule "type" "spec.size" "expected integer, got string"
check_rule "required" "spec.mode" "missing required field"
check_rule "enum" "spec.mode" 'unsupported value "quick" (allowed: "fast", "safe")'
check_rule "pattern" "spec.code" '"AbC" does not match the pattern "^[A-Z]{3}$"'
check_rule "maximum" "spec.size" "must be at most 10, got 11"
check_rule "minimum" "spec.size" "must be at least 1, got 0"
check_rule "maxLength" "spec.code" "must be at most 3 characters long, got 4"
check_rule "minItems" "spec.tags" "must have at least 1 item, got 0"
check_rule "maxItems" "spec.tags" "must have at most 3 items, got 4"
check_rule "additionalProperties" "spec.limits.cpu" "expected integer, got string"
check_rule "int-or-string" "spec.port" "expected integer or string, got number"
check_rule "unknown" "spec.bogusField" "unknown field"
check_rule "dns1123" "metadata.name" '"Bad_Name" is not a DNS-1123 subdomain'
expect_contains "$SCRATCH/out" "$bad:$(position_of "$bad" '"3"'): error: spec.size" "type error at the value's column"
expect_contains "$SCRATCH/out" "$bad:$(position_of "$bad" 'bogusField'): error: spec.bogusField" "unknown field at the key's column"

# --- the four output formats, parsed back
run "$INTENTCTL" validate --format json "$bad" "$fixtures/crds"
expect_rc 1 "-o json exit code"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "-o json structure"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["summary"] == {"resources": 14, "valid": 1, "invalid": 13, "errors": 0, "skipped": 0, "files": 2}, report["summary"]
first = report["resources"][0]
assert first["kind"] == "Widget" and first["name"] == "wrong-type" and first["status"] == "invalid", first
finding = first["findings"][0]
assert (finding["line"], finding["column"], finding["path"], finding["rule"]) == (6, 9, "spec.size", "type"), finding
assert finding["message"] == "expected integer, got string"
PY
run "$INTENTCTL" validate --format junit "$bad" "$fixtures/crds"
expect_rc 1 "-o junit exit code"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "-o junit structure"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("tests") == "14" and root.get("failures") == "13", root.attrib
suites = root.findall("testsuite")
assert [s.get("name").rsplit("/", 1)[-1] for s in suites] == ["bad.yaml", "widget.yaml"], [s.get("name") for s in suites]
cases = suites[0].findall("testcase")
assert len(cases) == 13 and all(c.find("failure") is not None for c in cases)
assert cases[0].get("name") == "Widget wrong-type" and cases[0].get("classname") == "example.com/v1/Widget"
assert "spec.size: expected integer, got string" in cases[0].find("failure").get("message")
assert suites[1].find("testcase").find("failure") is None
PY
run "$INTENTCTL" validate --format sarif "$bad" "$fixtures/crds"
expect_rc 1 "-o sarif exit code"
python3 - "$SCRATCH/out" "$bad" <<'PY' && pass || fail "-o sarif structure"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "intentctl"
rule_ids = [rule["id"] for rule in driver["rules"]]
results = run["results"]
assert len(results) == 14, len(results)
for result in results:
    assert result["level"] == "error" and result["message"]["text"]
    assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("widgets/bad.yaml")
    assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
first = results[0]
assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 9}
assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "spec.size"
PY
run "$INTENTCTL" validate --format text --summary -q dist
expect_contains "$SCRATCH/out" "CNBundle" "--summary prints counts per kind"
expect_contains "$SCRATCH/out" "Summary: " "--summary keeps the summary line under -q"
run "$INTENTCTL" validate -q dist
expect_rc 0 "-q"
[ ! -s "$SCRATCH/out" ] && pass || fail "-q prints nothing when everything is valid"

# --- exit codes and messages for unreadable, missing and empty input
mkdir empty
run "$INTENTCTL" validate empty
expect_rc 1 "empty folder"
expect_contains "$SCRATCH/err" "no resources found in 0 files" "empty input says so"
expect_contains "$SCRATCH/out" "Summary: 0 resources found in 0 files" "empty input summary"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n' >broken.yaml
run "$INTENTCTL" validate broken.yaml "$fixtures/widgets/good.yaml" "$fixtures/crds"
expect_rc 2 "unparseable input is exit 2"
expect_contains "$SCRATCH/out" "broken.yaml:4:1: error:" "the parse error has its position"
expect_contains "$SCRATCH/out" "Valid: 3, Invalid: 0, Errors: 1" "the other files are still checked"
run "$INTENTCTL" validate missing.yaml
expect_rc 2 "a missing file is exit 2"
expect_contains "$SCRATCH/out" "intentctl validate: error: missing.yaml: cannot read: No such file or directory" "missing file message"
run "$INTENTCTL" validate --format xml dist
expect_rc 2 "a bad --format is a usage error"
run "$INTENTCTL" validate - -
expect_rc 2 "stdin twice is a usage error"
printf '{"kind": "Thing"}\n[1, 2]\n' >odd.json
run "$INTENTCTL" validate odd.json
expect_rc 1 "documents that are neither objects nor intents"
expect_contains "$SCRATCH/out" "odd.json:1:1: error: apiVersion: missing required field" "object without apiVersion"
expect_contains "$SCRATCH/out" "odd.json:2:1: error: expected a KRM object (apiVersion, kind), an intent or an expectation, got array" "array document"
expect_contains "$SCRATCH/out" "Errors: 2" "both are errors"

# --- hostile input: an error at its place, never a crash or a hang
python3 -c "print('a: ' + '[' * 10000 + ']' * 10000)" >deep.yaml
run "$INTENTCTL" validate deep.yaml
expect_rc 2 "10,000 levels of nesting"
expect_contains "$SCRATCH/out" "deep.yaml:1:" "nesting too deep has a position"
expect_contains "$SCRATCH/out" "nesting too deep" "nesting message"
python3 - >bomb.yaml <<'PY'
print('a: &a ["x","x","x","x","x","x","x","x","x"]')
for prev, name in zip("abcdefg", "bcdefgh"):
    print(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
PY
run timeout 20 "$INTENTCTL" validate bomb.yaml
expect_rc 2 "an alias bomb"
expect_contains "$SCRATCH/out" "alias" "alias bomb message"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\x00\n' >nul.yaml
run "$INTENTCTL" validate nul.yaml
expect_rc 2 "a NUL byte"
expect_contains "$SCRATCH/out" "nul.yaml:3:" "NUL byte position"

# --- standard input
set +e
"$INTENTCTL" validate - <"$bundle" >stdin.out 2>&1
rc=$?
set -e
expect_rc 1 "stdin"
expect_contains stdin.out "<stdin>:$(position_of "$bundle" "[a, b]"): error: spec.objectInstance" "stdin findings name <stdin>"
set +e
cat "$fixtures/widgets/good.yaml" | "$INTENTCTL" validate --crds "$fixtures/crds" >stdin.out 2>&1
rc=$?
set -e
expect_rc 0 "no argument reads stdin"

if command -v script >/dev/null 2>&1; then # a terminal on standard input is an error, not a wait
  script -qec "$INTENTCTL validate" /dev/null </dev/null >tty.out 2>&1 && rc=0 || rc=$?
  expect_rc 2 "stdin on a terminal"
  expect_contains tty.out "standard input is a terminal" "terminal message"
fi

# --- kinds without schema, --crds, --skip, local configuration
run "$INTENTCTL" validate "$fixtures/widgets/good.yaml"
expect_rc 1 "no schema for Widget"
expect_contains "$SCRATCH/out" "error: no schema for example.com/v1 Widget: give its CRD" "no schema message"
expect_contains "$SCRATCH/out" "Errors: 2" "no schema is an error"
run "$INTENTCTL" validate "$fixtures/widgets/good.yaml" --crds "$fixtures/crds"
expect_rc 0 "--crds supplies the CRD"
expect_contains "$SCRATCH/out" "Summary: 2 resources found in 1 file - Valid: 2," "--crds CRDs are not counted as input"
run "$INTENTCTL" validate "$fixtures/widgets/good.yaml" --skip Widget
expect_rc 0 "--skip Widget"
expect_contains "$SCRATCH/out" "Skipped: 2" "--skip counts skipped"
run "$INTENTCTL" validate "$fixtures/widgets/good.yaml" --skip example.com/v1/Widget,ConfigMap
expect_rc 0 "--skip apiVersion/Kind"
printf 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n  annotations:\n    config.kubernetes.io/local-config: "true"\n' >Kptfile.yaml
run "$INTENTCTL" validate Kptfile.yaml
expect_rc 0 "local configuration without a schema is skipped"
expect_contains "$SCRATCH/out" "Skipped: 1" "local configuration skipped"

# --- kubeconform-style schema folders (and their -strict variants)
run "$INTENTCTL" validate "$fixtures/gadgets.yaml" --schema-location "$fixtures/schemas"
expect_rc 0 "--schema-location master-standalone (JSON Schema allows unknown members)"
run "$INTENTCTL" validate "$fixtures/gadgets.yaml" --schema-location "$fixtures/schemas" --strict
expect_rc 1 "--strict prefers master-standalone-strict"
expect_contains "$SCRATCH/out" "gadgets.yaml:$(position_of "$fixtures/gadgets.yaml" shade): error: spec.shade: unknown field (Gadget red-gadget)" "strict schema finding"
mkdir flat
cp "$fixtures/schemas/master-standalone/gadget-example-v1.json" flat/
sed 's/"red", "blue"/"green"/' flat/gadget-example-v1.json >flat/template-gadget.json
run "$INTENTCTL" validate "$fixtures/gadgets.yaml" --schema-location flat
expect_rc 0 "a flat folder of {kind}-{group}-{version}.json files"
run "$INTENTCTL" validate "$fixtures/gadgets.yaml" --schema-location 'flat/template-{{ .ResourceKind }}.json'
expect_rc 1 "a kubeconform path template"
expect_contains "$SCRATCH/out" 'spec.color: unsupported value "red" (allowed: "green")' "the template's schema is used"

run "$INTENTCTL" validate "$fixtures/gadgets.yaml" --schema-location https://example.net/schemas
expect_rc 2 "a remote --schema-location is a usage error"
expect_contains "$SCRATCH/err" "schemas are read from local folders only" "remote location message"

# --- duplicate keys (--strict), kustomizations, duplicate objects
run "$INTENTCTL" validate "$fixtures/dupkeys.yaml"
expect_rc 0 "duplicate keys warn"
expect_contains "$SCRATCH/out" "dupkeys.yaml:7:3: warning: data.a: duplicate key \"a\"" "duplicate key warning"
run "$INTENTCTL" validate --strict "$fixtures/dupkeys.yaml"
expect_rc 1 "duplicate keys are errors with --strict"
expect_contains "$SCRATCH/out" "dupkeys.yaml:7:3: error: data.a: duplicate key \"a\"" "duplicate key error"
run "$INTENTCTL" validate "$fixtures/kustomize"
expect_rc 1 "kustomization naming a missing file"
k=$fixtures/kustomize/kustomization.yaml
expect_contains "$SCRATCH/out" "$k:$(position_of "$k" missing.yaml): error: resources[1]: \"missing.yaml\" does not exist" "missing file named by the kustomization"
expect_contains "$SCRATCH/out" "$k:$(position_of "$k" not-a-package): error: resources[3]: the folder \"not-a-package\" holds no kustomization.yaml" "folder without a kustomization"
expect_not_contains "$SCRATCH/out" "resources[2]" "a folder with a kustomization is fine"
expect_contains "$SCRATCH/out" "error: metadata.name: duplicate object: Namespace demo is defined before, at $fixtures/kustomize/namespace.yaml:4:9" "duplicate object"
cat "$fixtures/kustomize/namespace.yaml" >twice.yaml
run "$INTENTCTL" validate twice.yaml "$fixtures/kustomize/namespace.yaml"
expect_rc 1 "the same object in two files named on the command line"
run "$INTENTCTL" validate dist dist/edge1 "dist/edge1/namespaces/../namespaces/edge1.yaml"
expect_rc 0 "a file named twice is read once"
expect_contains "$SCRATCH/out" "Summary: $resources resources found in $files files" "files named twice counted once"
# Two sites' trees are two packages: the same objects in each are no duplicates.
run "$INTENTCTL" validate dist/edge1 dist/edge2
expect_rc 0 "two site trees side by side"

# --- intents
run "$INTENTCTL" validate "$fixtures/intents/bad-28312.json" "$fixtures/intents/bad-tmf921.yaml"
expect_rc 1 "bad intents"
i=$fixtures/intents/bad-28312.json
expect_contains "$SCRATCH/out" "$i:$(position_of "$i" '500'): error: intentPriority: intentPriority must be from 1 to 100 (28.312 Intent bad-intent)" "28.312 range"
expect_contains "$SCRATCH/out" "$i:$(position_of "$i" '"ROUGHLY"'): error: intentExpectations[0].expectationTargets[0].targetCondition: unknown condition \"ROUGHLY\" (known: " "28.312 condition"
expect_contains "$SCRATCH/out" "intentExpectations[1].expectationObject: missing required field" "28.312 required"
t=$fixtures/intents/bad-tmf921.yaml
expect_contains "$SCRATCH/out" "$t:$(position_of "$t" 'fast'): error: requirements.throughput: cannot read \"fast\" as a number with an optional unit (TMF921 intent (short form))" "TMF921 short form"
# The first finding is the error translate and render stop at.
head -1 "$SCRATCH/out" >first-finding
run "$INTENTCTL" translate "$i"
expect_rc 2 "translate refuses the bad 28.312 intent"
first_error=$(head -1 "$SCRATCH/err")
grep -qF "$first_error (28.312 Intent bad-intent)" first-finding && pass || fail "validate's first finding is not translate's error: $first_error"
run "$INTENTCTL" render "$i" -o render-out
expect_rc 2 "render refuses the bad 28.312 intent"
[ "$(head -1 "$SCRATCH/err")" = "$first_error" ] && pass || fail "render's error is not translate's: $(head -1 "$SCRATCH/err")"
# Fields without a 28.312 home are no error, as in translate and render; with --strict they are.
sed 's/"targetValueRange": "1ms"/"targetValueRange": "1ms", "bogus": 1/; s/"ROUGHLY"/"IS_LESS_THAN"/; s/"intentPriority": 500/"intentPriority": 5/; s/"expectationVerb": "ENSURE",/"expectationVerb": "ENSURE", "expectationObject": {"objectType": "TN_SubNetwork"},/' "$i" >unknown-field.json
run "$INTENTCTL" validate unknown-field.json
expect_rc 0 "a field without a 28.312 home passes"
run "$INTENTCTL" validate --strict unknown-field.json
expect_rc 1 "--strict: a field without a 28.312 home fails"
expect_contains "$SCRATCH/out" "unknown-field.json:10:97: error: intentExpectations[0].expectationTargets[0].bogus: no 28.312 field of this name; not carried over (28.312 Intent bad-intent)" "--strict names the field"
run "$INTENTCTL" validate --kind krm "$SOURCE_DIR/samples/28312/urllc-robot-cell.json"
expect_rc 1 "--kind krm on an intent"
expect_contains "$SCRATCH/out" "apiVersion: missing required field" "--kind krm checks it as KRM"
run "$INTENTCTL" validate --kind tmf921 "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json"
expect_rc 0 "--kind tmf921"

finish
