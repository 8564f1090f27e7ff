#!/usr/bin/env bash
# render from the command line: the pipe from translate, golden trees for every
# sample, -o - against the tree, errors (kubectl kustomize on the same
# trees: render_kustomize.sh).
# UPDATE_GOLDEN=1 rewrites tests/fixtures/render/golden from the current output.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3

fixtures=$SOURCE_DIR/tests/fixtures/render
golden=$fixtures/golden
sites=$fixtures/sites.yaml

# The documents of a tree's files (or of a stream), one per block, sorted: the
# same objects whatever the files, comments and order.
documents() { # files...
  python3 - "$@" <<'PY'
import sys
docs = []
for name in sys.argv[1:]:
    text = open(name).read()
    for doc in text.split("\n---\n") if not text.startswith("---\n") else text[4:].split("\n---\n"):
        lines = [l for l in doc.strip("\n").split("\n") if l and not l.startswith("#")]
        if lines:
            docs.append("\n".join(lines))
for doc in sorted(docs):
    print(doc)
    print("=====")
PY
}

# --- translate | render, as the README runs it -----------------------------------
echo '{"intent": "x", "requirements": {"latency": "<1ms", "throughput": ">1Gbps"}}' | "$INTENTCTL" translate |
  (cd "$SCRATCH" && "$INTENTCTL" render - -o dist) 2>"$SCRATCH/err"
expect_contains "$SCRATCH/err" "rendered 2 expectations for 1 site (edge1) into dist/edge1: 6 files" "pipe summary"
[ -f "$SCRATCH/dist/edge1/apps/intent/x-cn.yaml" ] && pass || fail "pipe: x-cn.yaml missing"
if [ -f "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" ]; then
  set +e
  "$INTENTCTL" translate "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" | "$INTENTCTL" render - -o "$SCRATCH/readme" 2>"$SCRATCH/err"
  rc=$?
  set -e
  expect_rc 0 "translate urllc-robot-cell | render"
  expect_contains "$SCRATCH/err" "into $SCRATCH/readme/edge1:" "README command summary"
fi

# --- golden trees for every sample ---------------------------------------------------
for sample in "$SOURCE_DIR"/samples/28312/*.json "$fixtures"/multi-target.json; do
  name=$(basename "$sample" .json)
  out=$SCRATCH/golden/$name
  run "$INTENTCTL" render "$sample" -o "$out" --sites "$sites" --rootsync
  expect_rc 0 "render $name"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    rm -rf "${golden:?}/$name" && mkdir -p "$golden" && cp -r "$out" "$golden/$name"
  fi
  if diff -r "$golden/$name" "$out" >"$SCRATCH/diff" 2>&1; then pass
  else fail "$name: rendered tree differs from tests/fixtures/render/golden/$name"; head -40 "$SCRATCH/diff" >&2; fi
  # The same objects as one stream.
  run "$INTENTCTL" render "$sample" -o - --sites "$sites" --rootsync
  expect_rc 0 "render $name -o -"
  cp "$SCRATCH/out" "$SCRATCH/stream.yaml"
  documents "$SCRATCH/stream.yaml" >"$SCRATCH/stream-docs"
  mapfile -t files < <(find "$out" -name '*.yaml' ! -name kustomization.yaml | sort)
  documents "${files[@]}" >"$SCRATCH/tree-docs"
  expect_same "$SCRATCH/stream-docs" "$SCRATCH/tree-docs" "$name: -o - holds the tree's objects"
  # Same input, same bytes.
  run "$INTENTCTL" render "$sample" -o "$SCRATCH/again" --sites "$sites" --rootsync
  if diff -r "$out" "$SCRATCH/again" >/dev/null; then pass; else fail "$name: a second render differs"; fi
  rm -rf "$SCRATCH/again"
done

# --- the seed's dialect, and the tree as the whole desired state ------------------
run "$INTENTCTL" render "$fixtures/seed/input" -o "$SCRATCH/seed"
expect_rc 0 "render the seed's expectations"
expect_contains "$SCRATCH/seed/edge1/apps/intent/cn-cap-001.yaml" "name: cn-bundle-cn-cap-001" "seed bundle name"
run "$INTENTCTL" render "$fixtures/seed/input/cn-cap-001.json" -o "$SCRATCH/seed"
expect_rc 0 "render one of them again"
[ ! -e "$SCRATCH/seed/edge1/apps/intent/ran-perf-001.yaml" ] && pass || fail "a dropped expectation's file stays"

# --- kustomization.yaml: auto, always, never ----------------------------------------
python3 - "$SCRATCH/many.json" <<'PY'
import json, sys
expectations = [{"expectationId": f"e{i}", "expectationObject": {"objectType": "CoreNetwork"},
                 "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]}
                for i in range(600)]
json.dump(expectations, open(sys.argv[1], "w"))
PY
run "$INTENTCTL" render "$SCRATCH/many.json" -o "$SCRATCH/many"
expect_rc 0 "render 600 expectations"
[ ! -e "$SCRATCH/many/edge1/kustomization.yaml" ] && pass || fail "auto wrote a kustomization above the limit"
expect_contains "$SCRATCH/err" "no kustomization.yaml is written" "auto says why"
run "$INTENTCTL" render "$SCRATCH/many.json" -o "$SCRATCH/many" --kustomize always
[ -e "$SCRATCH/many/edge1/kustomization.yaml" ] && pass || fail "--kustomize always"
run "$INTENTCTL" render "$fixtures/seed/input" -o "$SCRATCH/never" --kustomize never
[ ! -e "$SCRATCH/never/edge1/kustomization.yaml" ] && pass || fail "--kustomize never"
run "$INTENTCTL" render "$fixtures/seed/input" -o "$SCRATCH/never" --kustomize sometimes
expect_rc 2 "--kustomize sometimes"

# --- errors: exit 2 and FILE:LINE:COL ------------------------------------------------
bad=$SCRATCH/bad
mkdir -p "$bad"
cat >"$bad/unknown-type.json" <<'JSON'
{"expectationId": "x", "expectationObject": {"objectType": "Toaster"},
 "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]}
JSON
cat >"$bad/duplicate.yaml" <<'YAML'
- expectationId: x
  expectationObject: {objectType: CoreNetwork}
  expectationTargets: [{targetName: latency, targetCondition: "<", targetValueRange: 1ms}]
- expectationId: x
  expectationObject: {objectType: CoreNetwork}
  expectationTargets: [{targetName: latency, targetCondition: "<", targetValueRange: 2ms}]
YAML
cat >"$bad/escape.json" <<'JSON'
{"intentExpectationId": "../../etc", "intentExpectationType": "ServiceCapacity", "intentExpectationObject": {"objectType": "CoreNetwork"},
 "intentExpectationContext": {"contextAttribute": "networkSlice", "contextValueRange": ["s1"]},
 "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}}
JSON
: >"$bad/empty.yaml"
python3 - "$bad" <<'PY'
import sys
folder = sys.argv[1]
bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
for level in "bcdefghij":
    below = chr(ord(level) - 1)
    bomb += f"{level}: &{level} [" + ", ".join(["*" + below] * 10) + "]\n"
open(f"{folder}/bomb.yaml", "w").write(bomb)
open(f"{folder}/deep.json", "w").write("[" * 300 + "]" * 300 + "\n")
PY
expect_error() { # file expected-text
  run "$INTENTCTL" render "$bad/$1" -o "$SCRATCH/bad-out"
  expect_rc 2 "$1"
  expect_contains "$SCRATCH/err" "$2" "$1 message"
  [ ! -e "$SCRATCH/bad-out/edge1" ] && pass || fail "$1 wrote a tree"
}
expect_error unknown-type.json "$bad/unknown-type.json:1:60: error: expectationObject.objectType: unknown objectType \"Toaster\""
expect_error duplicate.yaml "$bad/duplicate.yaml:4:18: error: [1].expectationId: duplicate expectation id \"x\" (first at $bad/duplicate.yaml:1:3)"
expect_error escape.json "$bad/escape.json:1:25: error: intentExpectationId: expectation id \"../../etc\" cannot name Kubernetes objects or files"
expect_error empty.yaml "$bad/empty.yaml:1:1: error: no intent or expectation in the input"
expect_error bomb.yaml "$bad/bomb.yaml:5:36: error: too many nodes from YAML aliases"
expect_error deep.json "$bad/deep.json:1:257: error: nesting too deep (more than 256 levels)"
[ ! -e "$SCRATCH/etc" ] && [ ! -e "$SCRATCH/bad-out/etc" ] && pass || fail "../../etc escaped"

run "$INTENTCTL" render "$fixtures/seed/input"
expect_rc 2 "no -o"
run "$INTENTCTL" render "$fixtures/seed/input" -o x --stdout
expect_rc 2 "-o and --stdout"
run "$INTENTCTL" render "$fixtures/seed/input" --stdout --site edge9
expect_rc 2 "unknown --site"
expect_contains "$SCRATCH/err" 'unknown site "edge9"' "unknown --site named"

finish
