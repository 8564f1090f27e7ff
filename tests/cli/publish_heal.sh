#!/usr/bin/env bash
# publish heals what killed runs and damaged disks leave behind: a cached clone
# that fails the quick check (objects missing, a broken reference, a garbage
# HEAD, a half-made clone) is moved aside with one note and made again from
# the remote; an object found missing later does the same; temporary files of
# killed runs are removed from the cache, and from a local remote only when
# they are provably dead (an intentctl incoming folder whose owner lock is
# free) or old (libgit2's and git's temporary packs, after an hour); a
# half-made embedded remote is made again or completed, or the error names
# the command that fixes it.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

isolate

REMOTE=.intentctl/remotes/edge1-config.git
mkdir -p dist/edge1/apps/intent
for i in 1 2 3; do
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-e%s\n' "$i" >"dist/edge1/apps/intent/e$i.yaml"
done
run "$INTENTCTL" publish
expect_rc 0 "first publish"
CACHE=$(echo "$XDG_CACHE_HOME"/intentctl/repos/edge1-config-*.git)
[ -d "$CACHE" ] && pass || fail "the cache is at $CACHE"

change=0
# publish_healed DESCRIPTION: a change publishes in spite of the damage, with
# one note that the cache was moved aside, and the remote gets it.
publish_healed() {
  change=$((change + 1))
  echo "change: $change" >dist/edge1/change.yaml
  run "$INTENTCTL" publish
  expect_rc 0 "$1: publish"
  expect_contains "$SCRATCH/out" "pushed, 1 file changed" "$1: pushed"
  expect_not_contains "$SCRATCH/out" "repository not found" "$1: no misleading error"
  [ "$(grep -c "was damaged" "$SCRATCH/err")" = 1 ] && pass || fail "$1: one note about the damage: $(cat "$SCRATCH/err")"
  expect_contains "$SCRATCH/err" "moved it to ${CACHE%.git}.damaged.git and fetching the repository again" \
    "$1: the note says where the damaged cache went"
  [ "$(git --git-dir=$REMOTE show main:change.yaml)" = "change: $change" ] && pass || fail "$1: the remote lacks the change"
  git --git-dir="$CACHE" fsck --no-dangling >fsck.out 2>&1 && pass || fail "$1: the new cache: $(cat fsck.out)"
  run "$INTENTCTL" publish
  expect_rc 0 "$1: the next publish"
  expect_contains "$SCRATCH/out" "up to date" "$1: the next publish finds nothing to do"
  expect_not_contains "$SCRATCH/err" "damaged" "$1: the next publish has no note"
}

# --- a damaged cache -----------------------------------------------------------------
rm -f "$CACHE"/objects/pack/*
publish_healed "the cache's objects are gone"

echo "not a commit id" >"$CACHE/refs/remotes/origin/main"
publish_healed "a broken reference in the cache"

echo "garbage" >"$CACHE/HEAD"
publish_healed "a garbage HEAD in the cache"

rm -rf "$CACHE"
mkdir -p "$CACHE/objects"
mkdir -p "$CACHE.new-Xk3j9Q/objects" # a clone a killed run was making
publish_healed "a half-made cache"
[ ! -e "$CACHE.new-Xk3j9Q" ] && pass || fail "a half-made clone beside the cache stays"

# An object missing deep in the cache (not one a reference names) is found
# while the dry run reads the old file: the cache is made again then.
for pack in "$CACHE"/objects/pack/*.pack; do
  mv "$pack" "$pack.saved"
  git --git-dir="$CACHE" unpack-objects -q <"$pack.saved"
  rm -f "$pack.saved" "${pack%.pack}.idx"
done
blob=$(git --git-dir="$CACHE" rev-parse refs/remotes/origin/main:apps/intent/e1.yaml)
rm -f "$CACHE/objects/${blob:0:2}/${blob:2}"
echo "  # tuned" >>dist/edge1/apps/intent/e1.yaml
run "$INTENTCTL" publish --dry-run
expect_rc 1 "an object missing deep in the cache: the dry run"
expect_contains "$SCRATCH/out" "+  # tuned" "an object missing deep in the cache: the diff"
expect_contains "$SCRATCH/err" "was damaged (cannot" "an object missing deep in the cache: the note"
run "$INTENTCTL" publish
expect_rc 0 "an object missing deep in the cache: the publish"

# --- temporary files of killed runs -----------------------------------------------------
mkdir -p "$CACHE/objects/ab"
touch "$CACHE/objects/pack/pack_git2_Ab12Cd" "$CACHE/objects/ab/tmp_object_git2_Xy98" "$CACHE/refs/heads/main.lock" \
  "$CACHE/packed-refs.lock"
# In the remote: what a killed libgit2 or git left an hour ago, a killed
# intentctl's incoming folder, and a live run's files, which must stay.
touch -d '2 hours ago' "$REMOTE/objects/pack/pack_git2_Old123" "$REMOTE/objects/pack/tmp_pack_Old456"
touch "$REMOTE/objects/pack/pack_git2_Live78"
mkdir -p "$REMOTE/objects/intentctl-incoming-Dead12"
touch "$REMOTE/objects/intentctl-incoming-Dead12/owner" "$REMOTE/objects/intentctl-incoming-Dead12/pack_git2_Zz"
mkdir -p "$REMOTE/objects/intentctl-incoming-Live34"
touch "$REMOTE/objects/intentctl-incoming-Live34/owner"
python3 - "$REMOTE/objects/intentctl-incoming-Live34/owner" locked.flag <<'PY' &
import fcntl, sys, time
owner = open(sys.argv[1])
fcntl.flock(owner, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(120)
PY
holder=$!
for _ in $(seq 100); do [ -e locked.flag ] && break; sleep 0.1; done
change=$((change + 1))
echo "change: $change" >dist/edge1/change.yaml
run "$INTENTCTL" publish
expect_rc 0 "publish with temporary files of killed runs around"
left=$(find "$CACHE" \( -name 'pack_git2_*' -o -name 'tmp_*' -o -name '*.lock' \) -print)
[ -z "$left" ] && pass || fail "temporary files left in the cache: $left"
for gone in pack/pack_git2_Old123 pack/tmp_pack_Old456 intentctl-incoming-Dead12; do
  [ ! -e "$REMOTE/objects/$gone" ] && pass || fail "the remote still holds $gone"
done
for kept in pack/pack_git2_Live78 intentctl-incoming-Live34/owner; do
  [ -e "$REMOTE/objects/$kept" ] && pass || fail "a live run's $kept was removed from the remote"
done
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
rm -f "$REMOTE/objects/pack/pack_git2_Live78"
git --git-dir=$REMOTE fsck --no-dangling >fsck.out 2>&1 && pass || fail "the remote after the clean-up: $(cat fsck.out)"
# Once its owner is gone, the live run's folder goes too.
run "$INTENTCTL" publish
expect_rc 0 "publish after the live run ended"
[ ! -e "$REMOTE/objects/intentctl-incoming-Live34" ] && pass || fail "the ended run's incoming folder stays"

# --- a half-made embedded remote ------------------------------------------------------------
# Killed while it was made: nothing in it, so it is made again.
mkdir -p fresh && cd fresh
mkdir -p .intentctl/remotes/edge1-config.git/objects dist
cp -r ../dist/edge1 dist/
run "$INTENTCTL" publish
expect_rc 0 "a half-made embedded remote"
expect_contains "$SCRATCH/err" "was half-made" "a half-made embedded remote: the note"
git --git-dir=.intentctl/remotes/edge1-config.git fsck >fsck.out 2>&1 && pass || fail "the remade remote: $(cat fsck.out)"
[ "$(git --git-dir=.intentctl/remotes/edge1-config.git symbolic-ref HEAD)" = refs/heads/main ] && pass ||
  fail "the remade remote's HEAD"
cd "$SCRATCH"

# It holds published commits but lost its HEAD: completed in place, nothing lost.
before=$(git --git-dir=$REMOTE rev-parse main)
rm -f $REMOTE/HEAD
change=$((change + 1))
echo "change: $change" >dist/edge1/change.yaml
run "$INTENTCTL" publish
expect_rc 0 "an embedded remote without HEAD"
expect_contains "$SCRATCH/err" "was incomplete" "an embedded remote without HEAD: the note"
git --git-dir=$REMOTE merge-base --is-ancestor "$before" main && pass || fail "an embedded remote without HEAD lost commits"

# A garbage HEAD cannot be repaired without a guess: the error names the command.
echo garbage >$REMOTE/HEAD
run "$INTENTCTL" publish
expect_rc 3 "an embedded remote with a garbage HEAD"
expect_contains "$SCRATCH/out" "fix it with: printf 'ref: refs/heads/main\\n' > $SCRATCH/$REMOTE/HEAD" \
  "an embedded remote with a garbage HEAD: the command"
eval "$(sed -n 's/.*fix it with: //p' "$SCRATCH/out")"
run "$INTENTCTL" publish
expect_rc 0 "after the command the error named"
git --git-dir=$REMOTE merge-base --is-ancestor "$before" main && pass || fail "the repaired remote lost commits"

finish
