#!/usr/bin/env bash
# Ownership, render's side: render creates, changes and deletes only the files
# its .intentctl-manifest lists. Hand-written files in DIR/<site> survive
# (also when render is killed at any point); a file in the way is refused,
# and taken over with --overwrite; Config Sync, kubectl kustomize and kpt
# never take the manifest for a resource.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/hostile.sh"
require_tool git
require_tool python3
require_tool kubectl

isolate
samples=$SOURCE_DIR/samples
URLLC=$samples/28312/urllc-robot-cell.json
EMBB=$samples/28312/embb-video-throughput.json
git_as_someone() { git -c user.name=Someone -c user.email=someone@example.net "$@"; }

# Every file of a tree's manifest holds the content its blob id says.
manifest_matches() { # folder description
  python3 - "$1" <<'PY' && pass || fail "$2: the manifest does not describe the tree"
import hashlib, json, os, sys
folder = sys.argv[1]
manifest = json.load(open(os.path.join(folder, ".intentctl-manifest")))
assert manifest["manifest"] == "intentctl/v1" and manifest["site"] == os.path.basename(folder), manifest
for path, blob in manifest["files"].items():
    data = open(os.path.join(folder, path), "rb").read()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == blob, path
PY
}

# --- render keeps what it did not write ---------------------------------------------
"$INTENTCTL" render -q "$URLLC" "$EMBB" -o dist
manifest_matches dist/edge1 "first render"
printf 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata: {name: edge1}\n' >dist/edge1/Kptfile
echo "# Edge site 1, by the ops team" >dist/edge1/README.md
mkdir -p dist/edge1/data dist/edge1/apps/intent/notes dist/edge1/empty
printf 'a,b\n1,2\n' >dist/edge1/data/cells.csv
echo "why the slice exists" >dist/edge1/apps/intent/notes/why.txt
chmod 0750 dist/edge1/data/cells.csv
ln -s README.md dist/edge1/READ-THIS
cp -a dist/edge1 mine.before
# A rendered file is gone on the next render (one intent less); the others stay.
embb_file=$(cd dist/edge1 && ls apps/intent | grep -m1 embb)
run "$INTENTCTL" render "$URLLC" -o dist
expect_rc 0 "render over hand-written files"
for f in Kptfile README.md data/cells.csv apps/intent/notes/why.txt; do
  cmp -s "mine.before/$f" "dist/edge1/$f" && pass || fail "render kept $f"
done
[ "$(stat -c %a dist/edge1/data/cells.csv)" = 750 ] && pass || fail "render kept the data file's mode"
[ "$(readlink dist/edge1/READ-THIS)" = README.md ] && pass || fail "render kept the link"
[ -d dist/edge1/empty ] && pass || fail "render kept the empty folder"
[ ! -e "dist/edge1/apps/intent/$embb_file" ] && pass || fail "render removed its own file that is no longer rendered"
expect_contains "$SCRATCH/err" "note: dist/edge1: kept 5 files that render did not write: Kptfile, READ-THIS, README.md, apps/intent/notes/why.txt, data/cells.csv" \
  "render names what it kept"
manifest_matches dist/edge1 "render beside hand-written files"
expect_not_contains dist/edge1/.intentctl-manifest "Kptfile" "the manifest lists only render's files"

# A file of someone else's where render writes: refused, nothing replaced; --overwrite takes it over.
printf 'resources: [mine.yaml]\n' >"dist/edge1/apps/intent/$embb_file"
snapshot dist >dist.snapshot
run "$INTENTCTL" render "$URLLC" "$EMBB" -o dist
expect_rc 2 "render with a file in the way"
expect_contains "$SCRATCH/err" "intentctl render: error: dist/edge1: 1 file that render did not write is where it writes: apps/intent/$embb_file; move it away, or give --overwrite to replace it" \
  "the file in the way is named"
expect_unchanged dist dist.snapshot "a refused render"
expect_no_leftovers dist "a refused render"
# The same bytes as render's are no conflict: taken over, and said so.
"$INTENTCTL" render -q "$URLLC" "$EMBB" -o other
cp "other/edge1/apps/intent/$embb_file" "dist/edge1/apps/intent/$embb_file"
run "$INTENTCTL" render "$URLLC" "$EMBB" -o dist
expect_rc 0 "render over an identical file of someone else's"
expect_contains "$SCRATCH/err" "took over 1 file that held exactly what render writes: apps/intent/$embb_file" "identical file taken over"
"$INTENTCTL" render -q "$URLLC" -o dist
printf 'hand: made\n' >"dist/edge1/apps/intent/$embb_file"
run "$INTENTCTL" render "$URLLC" "$EMBB" -o dist --overwrite
expect_rc 0 "render --overwrite"
expect_contains "$SCRATCH/err" "--overwrite replaced 1 file that render did not write: apps/intent/$embb_file" "--overwrite names it"
cmp -s "other/edge1/apps/intent/$embb_file" "dist/edge1/apps/intent/$embb_file" && pass || fail "--overwrite wrote render's file"
cmp -s mine.before/README.md dist/edge1/README.md && pass || fail "--overwrite kept what was merely beside"
# A hand edit of one of render's files: render's again, and named.
echo "# tuned by hand" >>dist/edge1/kustomization.yaml
run "$INTENTCTL" render "$URLLC" "$EMBB" -o dist
expect_contains "$SCRATCH/err" "1 file that render wrote had been changed since, and is render's now: kustomization.yaml" \
  "a hand edit of render's file is named"
# Another site's manifest is not this site's.
mkdir -p copy && cp -a dist/edge1 copy/edge1
sed -i 's/"site": "edge1"/"site": "edge2"/' copy/edge1/.intentctl-manifest || fail "no manifest to give another site"
run "$INTENTCTL" render "$URLLC" -o copy
expect_rc 2 "render over another site's tree"
expect_contains "$SCRATCH/err" "are where it writes: .intentctl-manifest, kustomization.yaml (the folder's manifest is site edge2's)" \
  "another site's manifest"

# Config Sync reads only .yaml, .yml and .json files (unstructured); kubectl
# kustomize only what the kustomization names; kpt only *.yaml and *.yml.
python3 - dist/edge1 <<'PY' && pass || fail "every YAML or JSON file of the tree is a KRM object, the manifest none of them"
import os, sys, yaml
root = sys.argv[1]
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        if name == ".intentctl-manifest":
            assert os.path.splitext(name)[1] not in (".yaml", ".yml", ".json"), name
        if os.path.splitext(name)[1] in (".yaml", ".yml", ".json") and not os.path.islink(path):
            for doc in yaml.safe_load_all(open(path)):
                assert doc and "apiVersion" in doc and "kind" in doc, path
PY
if kubectl kustomize dist/edge1 >kustomized.yaml 2>kustomize.err; then pass; else fail "kubectl kustomize: $(head -c 500 kustomize.err)"; fi
expect_not_contains kustomized.yaml "intentctl/v1" "kustomize output holds no manifest"
expect_not_contains kustomized.yaml "Edge site 1" "kustomize output holds no README"
run "$INTENTCTL" validate dist
expect_rc 0 "validate the tree with its manifest and hand-written files"

# --- killed at any point, render loses nothing of anyone's -------------------------
python3 - many.json <<'PY'
import json, sys
json.dump([{"expectationId": f"e-{i:05d}", "expectationObject": {"objectType": "5GC_SubNetwork"},
            "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_LESS_THAN",
                                    "targetValueRange": f"{1 + i % 9}ms"}]} for i in range(4000)], open(sys.argv[1], "w"))
PY
rm -rf kill && mkdir kill
"$INTENTCTL" render -q "$URLLC" -o kill
echo "keep me" >kill/edge1/KEEP.md
mkdir -p kill/edge1/apps/intent/mine && echo "mine too" >kill/edge1/apps/intent/mine/x.txt
for round in $(seq 1 12); do
  input=$([ $((round % 2)) = 1 ] && echo many.json || echo "$URLLC")
  "$INTENTCTL" render -q "$input" -o kill </dev/null >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%02d' $((RANDOM % 60)))"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  [ "$(cat kill/edge1/KEEP.md 2>/dev/null)" = "keep me" ] && [ "$(cat kill/edge1/apps/intent/mine/x.txt 2>/dev/null)" = "mine too" ] &&
    pass || fail "killed render, round $round: a hand-written file is gone"
  manifest_matches kill/edge1 "killed render, round $round"
  find kill -maxdepth 1 -name '.edge1.new-*' -exec rm -rf {} + # a killed run leaves its staging folder
done
run "$INTENTCTL" render "$URLLC" -o kill
expect_rc 0 "render after the kills"
[ "$(cat kill/edge1/KEEP.md)" = "keep me" ] && pass || fail "after the kills"

finish
