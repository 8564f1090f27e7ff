#!/usr/bin/env bash
# render under hostile input and a hostile file system: a clear error
# (FILE:LINE:COL where the input is at fault), the exit code of docs/conventions.md, and
# nothing outside the output folder changed; the previous tree in the output
# folder stays as it was unless a render completes, and no temporary folder is
# left behind.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/hostile.sh"
require_tool python3
trap 'unmount_small_disks; rm -rf "$SCRATCH"' EXIT

SAMPLE=$SOURCE_DIR/samples/28312/urllc-robot-cell.json
IN=$SCRATCH/in       # hostile inputs
WORLD=$SCRATCH/world # what render may touch (out/) and what it must not (the rest)
mkdir -p "$IN" "$WORLD/sentinel/sub" "$WORLD/outside"
echo "keep me" >"$WORLD/sentinel/a.txt"
echo "kind: Keep" >"$WORLD/sentinel/sub/b.yaml"
echo "outside the output folder" >"$WORLD/outside/target.yaml"
cd "$WORLD"
"$INTENTCTL" render -q "$SAMPLE" -o out
[ -f out/edge1/apps/intent/cn-cap-001.yaml ] && pass || fail "the previous tree was rendered"
snapshot "$WORLD" >"$SCRATCH/world.before"

# N expectations for edge1 as a bare list (the names sort after the sample's).
expectations() { # count file
  python3 - "$1" "$2" <<'PY'
import json, sys
n = int(sys.argv[1])
items = [{"expectationId": f"cn-cap-{i:06d}", "expectationVerb": "DELIVER",
          "expectationObject": {"objectType": "5GC_SubNetwork", "objectInstance": f"slice-{i}"},
          "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_LESS_THAN",
                                  "targetValueRange": f"{1 + i % 9}ms"}]} for i in range(n)]
with open(sys.argv[2], "w") as f:
    json.dump(items, f, indent=1)
PY
}

# The sample with one change, made by a line of Python on "doc".
sample_with() { # file python-statement
  python3 - "$SAMPLE" "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(doc, indent=2) + "\n")
PY
}

# refused FILE-OR-FLAGS... -- CODE MESSAGE DESCRIPTION: render refuses with
# that exit code and message, and the whole world (the previous tree too) is as before.
refused() {
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  run timeout 60 "$INTENTCTL" render "${args[@]}"
  expect_rc "$1" "$3"
  expect_contains "$SCRATCH/err" "$2" "$3"
  expect_unchanged "$WORLD" "$SCRATCH/world.before" "$3"
}

# --- inputs too big, too deep, too many --------------------------------------------
# A 1 GiB file (sparse) is refused by its size, without being read: the
# process never holds anything near the 256 MiB it would read before the limit
# stopped it (the bound leaves room for a sanitizer build's own memory).
truncate -s 1G "$IN/huge.json"
run_measured timeout 60 "$INTENTCTL" render "$IN/huge.json" -o out
expect_rc 2 "1 GiB input"
expect_contains "$SCRATCH/err" "$IN/huge.json: input is larger than the limit of 256 MiB" "1 GiB input"
[ "$max_rss_kb" -lt 204800 ] && pass || fail "1 GiB input was read: peak memory $max_rss_kb KiB"
expect_unchanged "$WORLD" "$SCRATCH/world.before" "1 GiB input"
truncate -s 1G "$IN/huge-sites.yaml"
refused "$SAMPLE" -o out --sites "$IN/huge-sites.yaml" -- 2 "huge-sites.yaml: input is larger than the limit" "1 GiB sites file"

python3 -c 'print("[" * 10000 + "]" * 10000)' >"$IN/deep.json"
refused "$IN/deep.json" -o out -- 2 "deep.json:1:257: error: nesting too deep (more than 256 levels)" "10,000 levels of JSON"
python3 -c 'print("a: " + "[" * 10000 + "]" * 10000)' >"$IN/deep-flow.yaml"
refused "$IN/deep-flow.yaml" -o out -- 2 "deep-flow.yaml:1:259: error: nesting too deep (more than 256 levels)" \
  "10,000 levels of YAML flow"
python3 -c '
import sys
sys.stdout.writelines(" " * i + "k:\n" for i in range(10000))' >"$IN/deep-block.yaml"
refused "$IN/deep-block.yaml" -o out -- 2 "deep-block.yaml:257:257: error: nesting too deep (more than 256 levels)" \
  "10,000 levels of YAML blocks"

python3 - "$IN/bomb.yaml" <<'PY'
import sys
lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
names = "abcdefghi"
for n in range(1, 9):
    lines.append(f'{names[n]}: &{names[n]} [' + ",".join(f"*{names[n-1]}" for _ in range(9)) + "]")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
refused "$IN/bomb.yaml" -o out -- 2 "bomb.yaml:6:8: error: too many nodes from YAML aliases" "YAML alias bomb"

# --- bytes that are not text, keys given twice ------------------------------------
python3 - "$SAMPLE" "$IN" <<'PY'
import sys
text = open(sys.argv[1], "rb").read()
label = b'"URLLC slice'
assert label in text
open(sys.argv[2] + "/utf8.json", "wb").write(text.replace(label, b'"URLLC \xff slice'))
open(sys.argv[2] + "/nul.json", "wb").write(text.replace(label, b'"URLLC \x00 slice'))
PY
refused "$IN/utf8.json" -o out -- 2 "utf8.json:3:23: error: invalid UTF-8 in a string" "invalid UTF-8 in JSON"
printf 'id: x\nuserLabel: "ab\xc3\x28"\nintentExpectations: []\n' >"$IN/utf8.yaml"
refused "$IN/utf8.yaml" -o out -- 2 "utf8.yaml:2:16: error: invalid trailing UTF-8 octet" "invalid UTF-8 in YAML"
refused "$IN/nul.json" -o out -- 2 "nul.json:3:23: error: NUL byte in the input" "NUL byte in JSON"
printf 'id: x\nuserLabel: a\0b\n' >"$IN/nul.yaml"
refused "$IN/nul.yaml" -o out -- 2 "nul.yaml:2:13: error: NUL byte in the input" "NUL byte in YAML"
sed 's/^  "userLabel": \(.*\)$/  "userLabel": \1\n  "id": "again",/' "$SAMPLE" >"$IN/dup.json"
refused "$IN/dup.json" -o out -- 2 'dup.json:4:3: error: id: duplicate key "id"' "duplicate key in JSON"
printf 'id: x\nintentExpectations: []\nid: y\n' >"$IN/dup.yaml"
refused "$IN/dup.yaml" -o out -- 2 'dup.yaml:3:1: error: id: duplicate key "id"' "duplicate key in YAML"

# --- ids and site names that are paths ---------------------------------------------
n=0
for id in ../../x /etc/passwd a/../../b; do
  n=$((n + 1))
  sample_with "$IN/id-$n.json" "doc['intentExpectations'][0]['expectationId'] = '$id'"
  refused "$IN/id-$n.json" -o out -- 2 \
    "id-$n.json:6:24: error: intentExpectations[0].expectationId: expectation id \"$id\" cannot name Kubernetes objects or files" \
    "expectation id $id"
  printf '{"intentExpectationId": "%s", "intentExpectationType": "ServiceCapacity", "intentExpectationObject": {"objectType": "CoreNetwork"},\n "intentExpectationContext": {"contextAttribute": "networkSlice", "contextValueRange": ["s1"]},\n "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}}\n' \
    "$id" >"$IN/seed-id-$n.json"
  refused "$IN/seed-id-$n.json" -o out -- 2 "seed-id-$n.json:1:25: error: intentExpectationId: expectation id \"$id\"" \
    "seed expectation id $id"
done
# An intent's id names no file: any text is a valid 28.312 id, and it lands only
# in annotations, inside the tree.
sample_with "$IN/intent-id.json" "doc['id'] = '../../x'"
run timeout 60 "$INTENTCTL" render "$IN/intent-id.json" -o "$SCRATCH/intent-id-out"
expect_rc 0 "intent id that is a path"
(cd "$SCRATCH/intent-id-out" && find . | LC_ALL=C sort) >"$SCRATCH/intent-id.files"
(cd "$WORLD/out" && find . | LC_ALL=C sort) >"$SCRATCH/usual.files"
expect_same "$SCRATCH/usual.files" "$SCRATCH/intent-id.files" "intent id that is a path: the usual file names"
expect_contains "$SCRATCH/intent-id-out/edge1/apps/intent/cn-cap-001.yaml" 'expectation.nephio.org/intent-id: "../../x"' \
  "intent id kept as an annotation"
expect_unchanged "$WORLD" "$SCRATCH/world.before" "intent id that is a path"

for site in edge1/../x ../edge1 /etc; do
  refused "$SAMPLE" -o out --site "$site" -- 2 "unknown site \"$site\" (known: edge1" "--site $site"
done
printf 'sites:\n  edge1: {repo: https://git.example.net/edge1.git}\n  "../x": {repo: https://git.example.net/x.git}\n' \
  >"$IN/sites-slash.yaml"
refused "$SAMPLE" -o out --sites "$IN/sites-slash.yaml" -- 2 \
  'sites-slash.yaml:3:3: error: sites.../x: site name "../x" is not a DNS-1123 label' "site name with a slash in a sites file"
sample_with "$IN/site-slash.json" "doc['intentContexts'][0]['contextValueRange'] = ['edge1/../../x']"
refused "$IN/site-slash.json" -o out -- 2 \
  "site-slash.json:67:28: error: intentContexts[0].contextValueRange: intent \"urllc-robot-cell\" names site \"edge1/../../x\"" \
  "site name with a slash in an intent"

# --- the output folder ---------------------------------------------------------------
refused "$SAMPLE" -o sentinel/a.txt/dist -- 2 "sentinel/a.txt/dist: cannot create the output folder: Not a directory" \
  "output folder below a regular file"
refused "$SAMPLE" -o sentinel/a.txt -- 2 "sentinel/a.txt: cannot create the output folder" "output folder is a file"

# The site's folder is a symbolic link to a folder outside: never written through.
mkdir -p "$SCRATCH/links"
ln -s ../world/outside "$SCRATCH/links/edge1"
snapshot "$SCRATCH/links" >"$SCRATCH/links.before"
refused "$SAMPLE" -o "$SCRATCH/links" -- 2 "$SCRATCH/links/edge1: is a symbolic link to ../world/outside; refusing" \
  "site folder is a symbolic link"
expect_unchanged "$SCRATCH/links" "$SCRATCH/links.before" "site folder is a symbolic link"

# Links planted inside the previous tree, to a file and to a folder outside:
# never followed. A link where render writes a folder is not render's (no
# manifest lists it): refused, until --overwrite replaces it; a link in place
# of a file render wrote is replaced. The targets stay as they were.
cp -a out "$SCRATCH/out.saved"
ln -sfn ../../../outside/target.yaml out/edge1/apps/intent/cn-cap-001.yaml
ln -sfn ../../outside out/edge1/namespaces.tmp && rm -rf out/edge1/namespaces && mv out/edge1/namespaces.tmp out/edge1/namespaces
snapshot "$WORLD/outside" >"$SCRATCH/outside.before"
run timeout 60 "$INTENTCTL" render "$SAMPLE" -o out
expect_rc 2 "render over a planted link where it writes a folder"
expect_contains "$SCRATCH/err" "render did not write is where it writes: namespaces; move it away, or give --overwrite" \
  "render over a planted link names it"
[ -L out/edge1/namespaces ] && pass || fail "a refused render replaced the planted link"
expect_unchanged "$WORLD/outside" "$SCRATCH/outside.before" "refused render over planted links: their targets"
run timeout 60 "$INTENTCTL" render "$SAMPLE" -o out --overwrite
expect_rc 0 "render --overwrite over planted links"
expect_unchanged "$WORLD/outside" "$SCRATCH/outside.before" "render over planted links: their targets"
[ ! -L out/edge1/apps/intent/cn-cap-001.yaml ] && [ ! -L out/edge1/namespaces ] && pass ||
  fail "render over planted links kept a link"
diff -r "$SCRATCH/out.saved" out >/dev/null && pass || fail "render over planted links: the tree is not the rendered one"
expect_no_leftovers out "render over planted links"
rm -rf "$SCRATCH/out.saved"
snapshot "$WORLD" >"$SCRATCH/world.before"

# --- a full disk -------------------------------------------------------------------
# The previous tree fits; the next one (more expectations) does not.
expectations 60 "$IN/sixty.json"
small_disk "$SCRATCH/disk"
echo "full disk: $([ "$DISK_KIND" = tmpfs ] && echo "a 64 KiB tmpfs" || echo "ulimit -f (writes fail with EFBIG)")"
run "$INTENTCTL" render "$SAMPLE" -o "$SCRATCH/disk"
expect_rc 0 "the previous tree on the small disk"
snapshot "$SCRATCH/disk" >"$SCRATCH/disk.before"
# The limit under ulimit: more than any file of the previous tree (the CRDs are
# reused as they are), less than the kustomization of 62 files.
# A full disk is the machine's failure, not the input's: exit 3.
run on_small_disk 2 "$INTENTCTL" render "$SAMPLE" "$IN/sixty.json" -o "$SCRATCH/disk" --kustomize always
expect_rc 3 "full disk"
if [ "$DISK_KIND" = tmpfs ]; then
  expect_contains "$SCRATCH/err" "cannot write: No space left on device" "full disk"
else
  expect_contains "$SCRATCH/err" "cannot write: File too large" "full disk"
fi
expect_contains "$SCRATCH/err" "error: $SCRATCH/disk/edge1/" "full disk names the file"
expect_unchanged "$SCRATCH/disk" "$SCRATCH/disk.before" "full disk: the previous tree"
expect_no_leftovers "$SCRATCH/disk" "full disk"
expect_unchanged "$WORLD" "$SCRATCH/world.before" "full disk"
unmount_small_disks

# --- Ctrl-C in the middle of a large render ----------------------------------------------
# 100,000 expectations take seconds to write; SIGINT once the new tree is
# demonstrably being written.
expectations 100000 "$IN/many.json"
"$INTENTCTL" render "$IN/many.json" -o out >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null &
writing() {
  local staging
  staging=$(find out -maxdepth 1 -name '.edge1.new-*' -print -quit)
  [ -n "$staging" ] && [ "$(find "$staging" -name 'cn-cap-0*.yaml' 2>/dev/null | head -200 | wc -l)" -ge 200 ]
}
interrupt_when $! writing
if [ "$signalled" = yes ]; then
  expect_rc 130 "SIGINT during render"
  expect_contains "$SCRATCH/err" "error: interrupted" "SIGINT during render says so"
  expect_unchanged "$WORLD" "$SCRATCH/world.before" "SIGINT during render: the previous tree"
  expect_no_leftovers out "SIGINT during render"
else
  echo "note: render of 100,000 expectations ended (exit $rc) before it could be interrupted"
fi

finish
