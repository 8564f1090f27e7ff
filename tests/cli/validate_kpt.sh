#!/usr/bin/env bash
# validate --fn under the real kpt: `kpt fn eval PKG --exec "intentctl validate --fn"`
# passes a good package, fails a bad one with results that name the object,
# the field and the file, and leaves the package's files as they were.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool kpt
require_tool python3
require_python_module yaml

fixtures=$SOURCE_DIR/tests/fixtures/validate
run "$INTENTCTL" render "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" -o "$SCRATCH/dist"
expect_rc 0 "render a package"
good=$SCRATCH/good
cp -r "$SCRATCH/dist/edge1" "$good"
printf 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: good\n  annotations:\n    config.kubernetes.io/local-config: "true"\n' >"$good/Kptfile"
cp "$fixtures/crds/widget.yaml" "$good/widget-crd.yaml"
cp "$fixtures/widgets/good.yaml" "$good/widgets.yaml"

run kpt fn eval "$good" --exec "$INTENTCTL validate --fn"
expect_rc 0 "a good package passes"
expect_contains "$SCRATCH/err" "[PASS]" "kpt reports the pass"

bad=$SCRATCH/bad
cp -r "$good" "$bad"
bundle=$bad/apps/intent/cn-cap-001.yaml
sed -i 's/^  objectInstance: .*/  objectInstance: [a, b]/; s/^  expectationType: ServiceCapacity/  bogusField: 1/' "$bundle"
sed -i 's/^  mode: safe/  mode: quick/' "$bad/widgets.yaml"
cp -r "$bad" "$SCRATCH/bad.before"
run kpt fn eval "$bad" --exec "$INTENTCTL validate --fn" --results-dir "$SCRATCH/results"
expect_rc 1 "a bad package fails"
expect_contains "$SCRATCH/err" "[FAIL]" "kpt reports the failure"
expect_contains "$SCRATCH/err" "spec.objectInstance: expected string, got array" "wrong type result"
expect_contains "$SCRATCH/err" "spec.bogusField: unknown field" "unknown field result"
expect_contains "$SCRATCH/err" "spec.expectationType: missing required field" "missing field result"
expect_contains "$SCRATCH/err" 'spec.mode: unsupported value "quick"' "result against a CRD of the package"
expect_contains "$SCRATCH/err" "cn.nephio.org/v1alpha1/CNBundle/intent-to-krm/cn-bundle-cn-cap-001" "results name the object"
results=$(find "$SCRATCH/results" -type f | head -1)
python3 - "$results" <<'PY' && pass || fail "the results file names the field and the file"
import sys
text = open(sys.argv[1]).read()
assert "path: apps/intent/cn-cap-001.yaml" in text, text
assert "path: spec.objectInstance" in text, text
assert "severity: error" in text
PY
diff -r "$SCRATCH/bad.before" "$bad" >/dev/null && pass || fail "validate --fn changed the package"

# Options arrive as a ConfigMap functionConfig (kpt's "-- key=value").
run kpt fn eval "$bad" --exec "$INTENTCTL validate --fn" -- skip=CNBundle,Widget
expect_rc 0 "skip=CNBundle,Widget passes"
run kpt fn eval "$bad" --exec "$INTENTCTL validate --fn" -- colour=blue
expect_rc 1 "an unknown functionConfig key fails"
expect_contains "$SCRATCH/err" 'functionConfig: unknown key' "unknown key message"

# Without kpt: the ResourceList comes back with the same items.
kpt fn source "$bad" >"$SCRATCH/list.yaml"
set +e
"$INTENTCTL" validate --fn <"$SCRATCH/list.yaml" >"$SCRATCH/list.out" 2>"$SCRATCH/list.err"
rc=$?
set -e
expect_rc 1 "validate --fn on a ResourceList"
python3 - "$SCRATCH/list.yaml" "$SCRATCH/list.out" <<'PY' && pass || fail "items pass through unchanged"
import sys
import yaml
before = yaml.safe_load(open(sys.argv[1]))
after = yaml.safe_load(open(sys.argv[2]))
assert after["kind"] == "ResourceList"
assert before["items"] == after["items"]
assert len(after["results"]) == 4, after["results"]
PY

finish
