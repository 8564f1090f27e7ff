#!/usr/bin/env bash
# History that cannot be forged: a control character (C0, C1, DEL) in an id,
# a name or a value that reaches a file name, label, annotation, commit
# message or trailer is refused by every reader with exit 2 at its line and
# column; --message is one line; and publish --rollback --site edge2 believes
# only a trailer block in intentctl's exact form, for edge2, whose Tree-Digest
# matches, and never touches edge1's files.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

isolate
samples=$SOURCE_DIR/samples

# --- readers ----------------------------------------------------------------------
# The intent id of a sample, replaced by one holding a forged trailer, written
# as a JSON escape (\n, \u000a), raw (C1 U+0085, DEL) or as a tab.
python3 - "$samples" <<'PY'
import sys
samples = sys.argv[1]
variants = {
    "lf": "urllc\\nIntentctl-Site: edge2",
    "u000a": "urllc\\u000aIntentctl-Site: edge2",
    "c1": "urllc\\u0085Intentctl-Site: edge2",
    "del": "urllc\\u007fx",
    "raw-c1": "urllc\u0085x",
    "raw-del": "urllc\x7fx",
    "tab": "urllc\\tx",
}
for form in ("28312", "tmf921"):
    text = open(f"{samples}/{form}/urllc-robot-cell.json", encoding="utf-8").read()
    for name, bad in variants.items():
        with open(f"{form}-{name}.json", "w", encoding="utf-8") as out:
            out.write(text.replace('"id": "urllc-robot-cell"', f'"id": "{bad}"', 1))
PY
expect_refused() { # file line:col description [stream]
  local stream=${4:-err}
  expect_rc 2 "$3"
  expect_contains "$SCRATCH/$stream" "$1:$2: error: id: the value holds a control character" "$3: position"
  # Never the character itself: a line of its own, a raw C1 or DEL.
  if grep -q '^Intentctl-Site' "$SCRATCH/$stream" || LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\x7f|\t' "$SCRATCH/$stream"; then
    fail "$3: the message prints the refused value unescaped"
  else pass; fi
}
for variant in lf u000a c1 del raw-c1 raw-del tab; do
  run "$INTENTCTL" render "28312-$variant.json" -o dist
  expect_refused "28312-$variant.json" 2:9 "render, id with $variant"
  [ ! -e dist ] && pass || fail "render, id with $variant: wrote a tree"
  run "$INTENTCTL" validate "28312-$variant.json"
  expect_refused "28312-$variant.json" 2:9 "validate 28.312, id with $variant" out
  run "$INTENTCTL" translate "tmf921-$variant.json"
  expect_refused "tmf921-$variant.json" 3:9 "translate, id with $variant"
  [ ! -s "$SCRATCH/out" ] && pass || fail "translate, id with $variant: wrote output"
  run "$INTENTCTL" validate "tmf921-$variant.json"
  expect_refused "tmf921-$variant.json" 3:9 "validate TMF921, id with $variant" out
done
# The 28.312 intent straight from translate's own 28.312 reader, and render from a pipe.
run "$INTENTCTL" translate --from 28312 28312-u000a.json
expect_refused 28312-u000a.json 2:9 "translate --from 28312"
run sh -c "\"$INTENTCTL\" render - -o dist <28312-lf.json"
expect_refused "<stdin>" 2:9 "render from standard input"

# YAML, an expectation id and a target value, the seed dialect, the short form.
cat >forged.yaml <<'YAML'
id: robot
intentExpectations:
  - expectationId: "e1\nIntentctl-Site: edge2"
    expectationObject: {objectType: 5GC_SubNetwork}
    expectationTargets: [{targetName: latency, targetCondition: IS_LESS_THAN, targetValueRange: "1ms"}]
YAML
run "$INTENTCTL" render forged.yaml -o dist
expect_rc 2 "render, expectation id in YAML"
expect_contains "$SCRATCH/err" "forged.yaml:3:20: error: intentExpectations[0].expectationId: the value holds" "render, YAML position"
sed 's/expectationId: "e1\\nIntentctl-Site: edge2"/expectationId: e1/; s/targetValueRange: "1ms"/targetValueRange: "1ms\\u0085"/' \
  forged.yaml >value.yaml
run "$INTENTCTL" render value.yaml -o dist
expect_rc 2 "render, a target value with C1"
expect_contains "$SCRATCH/err" "value.yaml:5:" "render, target value position"
printf '{"intentExpectationId": "seed\\u000ax", "intentExpectationObject": {"objectType": "5GC_SubNetwork"},\n "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "lessThan", "targetValue": "1ms"}}\n' \
  >seed.json
run "$INTENTCTL" render seed.json -o dist
expect_rc 2 "render, seed dialect id"
expect_contains "$SCRATCH/err" "seed.json:1:25: error: intentExpectationId: the value holds" "render, seed dialect position"
echo '{"intent": "5G", "requirements": {"lat\u000aency": "<1ms"}}' >short.json
run "$INTENTCTL" translate short.json
expect_rc 2 "translate, short form target name"
expect_contains "$SCRATCH/err" 'short.json:1:35: error: requirements.lat\nency: the target name holds' "short form position"
# Free text keeps tabs and line breaks (it only goes out escaped).
sed 's/"userLabel": "URLLC slice for the robot cell"/"userLabel": "URLLC slice\\n\\tfor the robot cell"/' \
  "$samples/28312/urllc-robot-cell.json" >label.json
run "$INTENTCTL" translate --from 28312 label.json
expect_rc 0 "a userLabel with a line break and a tab"
sed 's/"userLabel": "URLLC slice for the robot cell"/"userLabel": "URLLC \\u001b[31m"/' \
  "$samples/28312/urllc-robot-cell.json" >escape.json
run "$INTENTCTL" translate --from 28312 escape.json
expect_rc 2 "a userLabel with an escape character"

# The sites file, --site, --message, --author.
printf 'sites:\n  edge1: {repo: remotes/one.git, branch: "main\\nx"}\n' >sites-bad.yaml
run "$INTENTCTL" render "$samples/28312/urllc-robot-cell.json" --sites sites-bad.yaml -o dist
expect_rc 2 "a sites file value with a line feed"
expect_contains "$SCRATCH/err" "sites-bad.yaml:2:42: error: sites.edge1.branch: the value holds" "sites file position"
run "$INTENTCTL" render "$samples/28312/urllc-robot-cell.json" --site "$(printf 'edge1\nx')" -o dist
expect_rc 2 "--site with a line feed"
expect_contains "$SCRATCH/err" '--site "edge1\nx" holds a control character' "--site refused, escaped"

# --- publish --------------------------------------------------------------------
git init -q --bare --initial-branch=main remotes/shared.git
cat >sites.yaml <<'YAML'
sites:
  edge1: {repo: remotes/shared.git, path: edge1}
  edge2: {repo: remotes/shared.git, path: edge2}
YAML
"$INTENTCTL" render -q "$samples/28312/edge-analytics-two-sites.json" --sites sites.yaml -o dist
run "$INTENTCTL" publish dist --sites sites.yaml --site edge1 -m "$(printf 'One line\nIntentctl-Site: edge2')"
expect_rc 2 "--message with a line feed"
expect_contains "$SCRATCH/err" '--message "One line\nIntentctl-Site: edge2" holds a control character' "--message refused"
run "$INTENTCTL" publish dist --sites sites.yaml --site edge1 --author "$(printf 'Ops\nx')"
expect_rc 2 "--author with a line feed"
[ -z "$(git --git-dir=remotes/shared.git for-each-ref)" ] && pass || fail "a refused publish pushed something"

# A rendered tree edited by hand: the ConfigMap's intent id would become a trailer.
cp -r dist hand
python3 - hand/edge1/apps/intent <<'PY'
import os, sys
folder = sys.argv[1]
name = sorted(os.listdir(folder))[0]
path = os.path.join(folder, name)
text = open(path).read()
open(path, "w").write(text.replace("expectation.nephio.org/intent-id: edge-analytics-two-sites",
                                   'expectation.nephio.org/intent-id: "x\\nIntentctl-Site: edge2"', 1))
PY
run "$INTENTCTL" publish hand --sites sites.yaml --site edge1
expect_rc 2 "a hand-edited intent id with a line feed"
expect_contains "$SCRATCH/out" "error: hand/edge1/apps/intent/edge-analytics-two-sites-cn.yaml:15:39: the intent id holds a control character (U+000A, line feed)" \
  "publish names the file, the position and the id"
[ -z "$(git --git-dir=remotes/shared.git for-each-ref)" ] && pass || fail "a refused tree was pushed"

# --- rollback believes only intentctl's own trailers --------------------------------
run "$INTENTCTL" publish dist --sites sites.yaml --site edge2
expect_rc 0 "publish edge2"
E2=$(git --git-dir=remotes/shared.git rev-parse main)
run "$INTENTCTL" publish dist --sites sites.yaml --site edge1
expect_rc 0 "publish edge1"
git clone -q remotes/shared.git work
# A person changes edge1's files and writes a message that looks like
# intentctl's for edge2: the block the old writer made from a forged id.
(cd work && echo "# tuned by hand" >>edge1/kustomization.yaml && git add -A &&
  git -c user.name=a -c user.email=a@b commit -q -m "Publish edge1: 1 file changed" \
    -m "$(printf 'Intent-Id: x\nIntentctl-Site: edge2\nIntentctl-Site: edge1\nTree-Digest: %s' \
      "git-tree:$(git rev-parse HEAD:edge1)")" && git push -q origin main)
EDGE1_BEFORE=$(git --git-dir=remotes/shared.git rev-parse main:edge1)
run "$INTENTCTL" publish dist --sites sites.yaml --site edge2 --rollback
expect_rc 0 "rollback of edge2 past a forged-looking commit"
expect_contains "$SCRATCH/out" "rolled back ${E2:0:7}" "rollback of edge2 reverts edge2's own publish"
[ "$(git --git-dir=remotes/shared.git rev-parse main:edge1)" = "$EDGE1_BEFORE" ] && pass ||
  fail "rollback of edge2 changed edge1's files"
git --git-dir=remotes/shared.git rev-parse -q --verify main:edge2 >/dev/null && fail "edge2's files are still there" || pass

# Trailers in a body paragraph, other spellings: never a publish of edge2.
for message in "Fix$(printf '\n\nIntentctl-Site: edge2\nTree-Digest: git-tree:%s\n\nSigned-off-by: a <a@b>' "$(git --git-dir=remotes/shared.git rev-parse main:edge1)")" \
  "Fix$(printf '\n\nintentctl-site: edge2\nTree-Digest: git-tree:4b825dc642cb6eb9a060e54bf8d69288fbee4904')" \
  "Fix$(printf '\n\nIntentctl-Site: edge2\nTree-Digest: git-tree:4b825dc642cb6eb9a060e54bf8d69288fbee4904\nSigned-off-by: a <a@b>')"; do
  (cd work && git pull -q && echo "# again" >>edge1/kustomization.yaml && git add -A &&
    git -c user.name=a -c user.email=a@b commit -q -m "$message" && git push -q origin main)
  before=$(git --git-dir=remotes/shared.git rev-parse main)
  run "$INTENTCTL" publish dist --sites sites.yaml --site edge2 --rollback
  expect_rc 1 "rollback of edge2 with only forged-looking commits left"
  expect_contains "$SCRATCH/out" "nothing to roll back: no commit of intentctl for site edge2" "nothing of edge2's left"
  [ "$(git --git-dir=remotes/shared.git rev-parse main)" = "$before" ] && pass || fail "the branch moved"
done

# A block in the exact form whose Tree-Digest is not the commit's tree: refused, exit 1.
(cd work && git pull -q && echo "# once more" >>edge1/kustomization.yaml && git add -A &&
  git -c user.name=a -c user.email=a@b commit -q -m "Publish edge2: 1 file changed" \
    -m "$(printf 'Intentctl-Site: edge2\nTree-Digest: git-tree:%s' "$(git rev-parse HEAD:edge1)")" && git push -q origin main)
before=$(git --git-dir=remotes/shared.git rev-parse main)
run "$INTENTCTL" publish dist --sites sites.yaml --site edge2 --rollback
expect_rc 1 "rollback of a commit whose Tree-Digest lies"
expect_contains "$SCRATCH/out" "refusing to roll back ${before:0:7}: its Tree-Digest trailer says" "the lie is named"
[ "$(git --git-dir=remotes/shared.git rev-parse main)" = "$before" ] && pass || fail "the branch moved"

finish
