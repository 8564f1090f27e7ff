#!/usr/bin/env bash
# publish under hostile input and a hostile world, against the real Git
# smart-HTTP server: a clear error, the exit code of docs/conventions.md, nothing outside
# the rendered folder and the cache changed, the cached clone always a valid
# repository (git fsck), and the remote either unchanged or fully updated.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/hostile.sh"
require_tool git
require_tool python3
require_tool lighttpd

SERVER=$SOURCE_DIR/tests/support/git-http-server
STATE=$SCRATCH/server
PASSWORD='h0stile-Pa55'
BASE=$("$SERVER" start "$STATE" --user alice --password "$PASSWORD")
trap '"$SERVER" stop "$STATE"; unmount_small_disks; rm -rf "$SCRATCH"' EXIT
REMOTE=$STATE/repos/edge1-config.git
"$SERVER" new-repo "$STATE" edge1-config >/dev/null

isolate
export INTENTCTL_GIT_USERNAME=alice INTENTCTL_GIT_TOKEN=$PASSWORD

WORLD=$SCRATCH/world # the rendered folder (dist/), the sites file, and what publish must not touch
mkdir -p "$WORLD/sentinel" "$WORLD/outside"
echo "keep me" >"$WORLD/sentinel/a.txt"
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: outside}\nstringData: {token: not-for-git}\n' \
  >"$WORLD/outside/secret.yaml"
cd "$WORLD"
cat >sites.yaml <<YAML
sites:
  edge1: {repo: $BASE/edge1-config.git}
YAML
"$INTENTCTL" render -q "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" -o dist
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "first publish"
CACHE_REPO=$(echo "$XDG_CACHE_HOME"/intentctl/repos/edge1-config-*.git)
[ -d "$CACHE_REPO" ] && pass || fail "the cached clone is at $CACHE_REPO"

remote_head() { git --git-dir="$REMOTE" rev-parse -q --verify refs/heads/main || true; }

# The cached clone is a sound repository: fsck clean, no lock or temporary
# file of an interrupted write.
expect_valid_cache() { # repository description
  if git --git-dir="$1" fsck --full --no-dangling >"$SCRATCH/fsck" 2>&1; then pass; else fail "$2: git fsck of the cache: $(head -c 1000 "$SCRATCH/fsck")"; fi
  local junk
  junk=$(find "$1" \( -name '*.lock' -o -name 'pack_git2_*' -o -name 'tmp_*' -o -name '*.tmp' \) -print | head -5)
  if [ -z "$junk" ]; then pass; else fail "$2: left in the cache: $junk"; fi
  junk=$(find "$(dirname "$1")" -maxdepth 1 -name '.*' -print | head -5)
  if [ -z "$junk" ]; then pass; else fail "$2: temporary files beside the cache: $junk"; fi
}

expect_remote_sound() { # description
  if git --git-dir="$REMOTE" fsck --full --no-dangling >"$SCRATCH/fsck" 2>&1; then pass; else fail "$1: git fsck of the remote: $(head -c 1000 "$SCRATCH/fsck")"; fi
}

# Everything but the rendered folder and the cache.
snapshot_outside() { snapshot "$WORLD" | grep -v ' \./dist/' | grep -v '  \./dist/'; }
snapshot_outside >"$SCRATCH/world.before"
expect_outside_unchanged() { # description
  if snapshot_outside | cmp -s - "$SCRATCH/world.before"; then pass; else
    fail "$1: something outside dist/ changed"
    snapshot_outside | diff -u "$SCRATCH/world.before" - | head -20 >&2 || true
  fi
}
HEAD_A=$(remote_head)

# --- site names with a slash -----------------------------------------------------
for site in edge1/../x ../edge1 /etc; do
  run timeout 60 "$INTENTCTL" publish dist --sites sites.yaml --site "$site"
  expect_rc 2 "--site $site"
  expect_contains "$SCRATCH/err" "unknown site \"$site\" (known: edge1" "--site $site"
done
printf 'sites:\n  edge1: {repo: %s/edge1-config.git}\n  "edge1/../../x": {repo: %s/edge1-config.git}\n' "$BASE" "$BASE" \
  >"$SCRATCH/sites-slash.yaml"
run timeout 60 "$INTENTCTL" publish dist --sites "$SCRATCH/sites-slash.yaml"
expect_rc 2 "site name with a slash in a sites file"
expect_contains "$SCRATCH/err" "sites-slash.yaml:3:3: error:" "site name with a slash: file:line:col"
expect_contains "$SCRATCH/err" 'site name "edge1/../../x" is not a DNS-1123 label' "site name with a slash: why"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "site names with a slash: the remote moved"
expect_outside_unchanged "site names with a slash"

# --- symbolic links in the rendered tree ---------------------------------------------
# A link to a file outside, in place of a file render wrote: refused, naming
# it; neither the link nor what it points at reaches the remote.
mv dist/edge1/apps/intent/cn-cap-001.yaml "$SCRATCH/cn-cap-001.saved"
ln -s ../../../outside/secret.yaml dist/edge1/apps/intent/cn-cap-001.yaml
run timeout 60 "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 2 "a link in the rendered tree"
expect_contains "$SCRATCH/out" "error: dist/edge1/apps/intent/cn-cap-001.yaml: is a symbolic link to ../../../outside/secret.yaml" \
  "a link in the rendered tree is named"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "a link in the rendered tree: the remote moved"
if git --git-dir="$REMOTE" grep -q not-for-git main -- 2>/dev/null; then fail "outside content published"; else pass; fi
expect_outside_unchanged "a link in the rendered tree"
expect_valid_cache "$CACHE_REPO" "a link in the rendered tree"
rm dist/edge1/apps/intent/cn-cap-001.yaml
mv "$SCRATCH/cn-cap-001.saved" dist/edge1/apps/intent/cn-cap-001.yaml
# A link render did not write (its manifest does not list it): left out and
# named, never followed.
ln -s ../../../outside/secret.yaml dist/edge1/apps/intent/zz-link.yaml
run timeout 60 "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "a link beside render's files"
expect_contains "$SCRATCH/err" "left out 1 file of dist/edge1 that render did not write (its manifest does not list them): apps/intent/zz-link.yaml" \
  "a link beside render's files is named"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "a link beside render's files: the remote moved"
rm dist/edge1/apps/intent/zz-link.yaml
# A link to a folder outside, in place of a folder render wrote.
mv dist/edge1/namespaces "$SCRATCH/namespaces.saved"
ln -s ../../outside dist/edge1/namespaces
run timeout 60 "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 2 "a folder link in the rendered tree"
expect_contains "$SCRATCH/out" "error: dist/edge1/namespaces: is a symbolic link to ../../outside" "a folder link is named"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "a folder link: the remote moved"
rm dist/edge1/namespaces
mv "$SCRATCH/namespaces.saved" dist/edge1/namespaces
# The site's folder itself a link to a folder outside.
mv dist/edge1 "$SCRATCH/edge1.real"
ln -s ../outside dist/edge1
run timeout 60 "$INTENTCTL" publish dist --sites sites.yaml --site edge1
expect_rc 2 "the site folder is a link"
expect_contains "$SCRATCH/out" "error: dist/edge1: is a symbolic link to ../outside" "the site folder link is named"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "the site folder is a link: the remote moved"
expect_outside_unchanged "the site folder is a link"
rm dist/edge1
mv "$SCRATCH/edge1.real" dist/edge1

# --- a full disk under the cache -------------------------------------------------------
# A fresh cache on a small disk: the clone fits, the new commit's pack does not.
# Without its manifest the folder is published whole, noise included.
mv dist/edge1/.intentctl-manifest "$SCRATCH/manifest.saved"
python3 - dist/edge1/apps/intent <<'PY'
import base64, os, sys
for i in range(200):
    with open(os.path.join(sys.argv[1], f"zz-noise-{i:03d}.yaml"), "w") as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: noise-%03d, namespace: intent-to-krm}\n" % i)
        f.write("data: {noise: %s}\n" % base64.b64encode(os.urandom(1024)).decode())
PY
small_disk "$SCRATCH/disk"
echo "full disk: $([ "$DISK_KIND" = tmpfs ] && echo "a 64 KiB tmpfs" || echo "ulimit -f (writes fail with EFBIG)")"
if [ "$DISK_KIND" = ulimit ]; then
  # The limit lets the clone of the sample be written, not the pack of 200 KiB of noise.
  run on_small_disk 32 "$INTENTCTL" publish dist --sites sites.yaml --cache "$SCRATCH/disk" --dry-run
else
  run "$INTENTCTL" publish dist --sites sites.yaml --cache "$SCRATCH/disk" --dry-run
fi
expect_rc 1 "a dry run fills the small cache with the clone"
DISK_REPO=$(echo "$SCRATCH"/disk/repos/edge1-config-*.git)
run on_small_disk 32 "$INTENTCTL" publish dist --sites sites.yaml --cache "$SCRATCH/disk"
expect_rc 3 "full disk under the cache"
if [ "$DISK_KIND" = tmpfs ]; then
  expect_contains "$SCRATCH/out" "No space left on device" "full disk under the cache: why"
else
  expect_contains "$SCRATCH/out" "File too large" "full disk under the cache: why"
fi
expect_contains "$SCRATCH/out" "cannot write the new objects to the cache $DISK_REPO" "full disk: names the cache"
[ "$(remote_head)" = "$HEAD_A" ] && pass || fail "full disk: the remote moved"
expect_valid_cache "$DISK_REPO" "full disk"
expect_outside_unchanged "full disk"
# With room again, the same cache publishes.
if [ "$DISK_KIND" = tmpfs ]; then mount -o remount,size=4m "$SCRATCH/disk"; fi
run "$INTENTCTL" publish dist --sites sites.yaml --cache "$SCRATCH/disk"
expect_rc 0 "publish once there is room"
expect_valid_cache "$DISK_REPO" "after the full disk"
HEAD_B=$(remote_head)
[ "$HEAD_B" != "$HEAD_A" ] && pass || fail "publish once there is room: nothing pushed"
unmount_small_disks
rm dist/edge1/apps/intent/zz-noise-*.yaml
mv "$SCRATCH/manifest.saved" dist/edge1/.intentctl-manifest

# --- Ctrl-C in the middle of publishing 20,000 files -----------------------------------
# The remote must end unchanged or fully updated, the cache valid, and the
# next publish must push the tree.
python3 - "$SCRATCH/many.json" <<'PY'
import json, sys
items = [{"expectationId": f"cn-cap-{i:06d}", "expectationVerb": "DELIVER",
          "expectationObject": {"objectType": "5GC_SubNetwork", "objectInstance": f"slice-{i}"},
          "expectationTargets": [{"targetName": "latency", "targetCondition": "IS_LESS_THAN",
                                  "targetValueRange": f"{1 + i % 9}ms"}]} for i in range(20000)]
json.dump(items, open(sys.argv[1], "w"))
PY
"$INTENTCTL" render -q "$SCRATCH/many.json" -o dist
files=$(find dist/edge1 -type f | wc -l)

# The remote is the head it was, or a commit whose tree is the whole rendered tree.
expect_remote_unchanged_or_complete() { # previous-head description
  local head
  head=$(remote_head)
  expect_remote_sound "$2"
  if [ "$head" = "$1" ]; then
    pass
  elif [ "$(git --git-dir="$REMOTE" ls-tree -r --name-only "$head" | wc -l)" = "$files" ]; then
    pass
  else
    fail "$2: the remote holds neither the old head nor the whole tree"
  fi
}

interrupted_publish() { # condition description
  local before
  before=$(remote_head)
  "$INTENTCTL" publish dist --sites sites.yaml >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null &
  interrupt_when $! "$1"
  if [ "$signalled" = no ]; then
    echo "note: publish ended (exit $rc) before it could be interrupted ($2)"
    return
  fi
  expect_rc 130 "$2"
  expect_contains "$SCRATCH/out" "interrupted" "$2 says so"
  expect_valid_cache "$CACHE_REPO" "$2"
  expect_remote_unchanged_or_complete "$before" "$2"
  expect_outside_unchanged "$2"
}

# While the tree is being read (the process has read a few MiB of it).
reading() {
  local read
  read=$(awk '/^rchar:/ {print $2}' "/proc/$!/io" 2>/dev/null || echo 0)
  [ "${read:-0}" -gt 4000000 ]
}
interrupted_publish reading "SIGINT while reading the tree"

# While the new objects are written and pushed: a new pack appears in the cache.
packs_before=$(find "$CACHE_REPO/objects/pack" -type f | wc -l)
packing() { [ "$(find "$CACHE_REPO/objects/pack" -type f | wc -l)" -gt "$packs_before" ]; }
interrupted_publish packing "SIGINT while packing and pushing"

run timeout 120 "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "publish after the interruptions"
expect_valid_cache "$CACHE_REPO" "publish after the interruptions"
expect_remote_sound "publish after the interruptions"
# The Git tree id of the rendered folder, computed here (a clone of 20,000
# files would cost more than the whole publish).
rendered_tree=$(python3 - dist/edge1 <<'PY'
import hashlib, os, stat, sys
def tree(path):
    entries = []
    for name in os.listdir(path):
        full = os.path.join(path, name)
        if os.path.isdir(full):
            entries.append((name + "/", b"40000 " + name.encode() + b"\0" + tree(full)))
        else:
            data = open(full, "rb").read()
            blob = hashlib.sha1(b"blob %d\0" % len(data) + data).digest()
            mode = b"100755" if os.stat(full).st_mode & stat.S_IXUSR else b"100644"
            entries.append((name, mode + b" " + name.encode() + b"\0" + blob))
    body = b"".join(entry for _, entry in sorted(entries))
    return hashlib.sha1(b"tree %d\0" % len(body) + body).digest()
print(tree(sys.argv[1]).hex())
PY
)
[ "$(git --git-dir="$REMOTE" rev-parse 'main^{tree}')" = "$rendered_tree" ] && pass ||
  fail "after the interruptions the remote does not hold the rendered tree"

finish
