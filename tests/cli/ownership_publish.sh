#!/usr/bin/env bash
# Ownership, publish's side: publish into a repository holding README.md and
# platform/thing.yaml (path: .) keeps and names them, on a first publish, on
# dry runs and later; a file in the way needs --overwrite; hand edits of
# intentctl's files are named; rollback touches only intentctl's files; verify
# passes beside files intentctl did not write.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

isolate
samples=$SOURCE_DIR/samples
URLLC=$samples/28312/urllc-robot-cell.json
EMBB=$samples/28312/embb-video-throughput.json
git_as_someone() { git -c user.name=Someone -c user.email=someone@example.net "$@"; }

# The name render gives the eMBB intent's core-network expectation.
embb_file=embb-capacity-cn.yaml

# --- publish keeps what it did not write --------------------------------------------
git init -q --bare --initial-branch=main remote.git
git clone -q remote.git seed 2>/dev/null
mkdir -p seed/platform
echo "# Site repository of the platform team" >seed/README.md
printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: platform}\n' >seed/platform/thing.yaml
(cd seed && git add -A && git_as_someone commit -qm "The platform team's files" && git push -q origin main)
FOREIGN_HEAD=$(git --git-dir=remote.git rev-parse main)
printf 'sites:\n  edge1: {repo: remote.git, path: .}\n' >sites.yaml
"$INTENTCTL" render -q "$URLLC" -o pub
echo "local notes" >pub/edge1/Kptfile
# A dry run first: the same plan as the publish.
run "$INTENTCTL" publish pub --sites sites.yaml --dry-run
expect_rc 1 "dry run of a first publish into a repository with content"
expect_contains "$SCRATCH/err" "edge1: kept 2 files on main:. that intentctl did not write: README.md, platform/thing.yaml" \
  "the dry run names the kept files"
expect_contains "$SCRATCH/err" "edge1: left out 1 file of pub/edge1 that render did not write" "the dry run names the left-out file"
expect_not_contains "$SCRATCH/out" "deleted file" "the dry run deletes nothing"
expect_not_contains "$SCRATCH/out" "README.md" "the dry run does not touch README.md"
run "$INTENTCTL" publish pub --sites sites.yaml
expect_rc 0 "first publish into a repository with content"
expect_contains "$SCRATCH/out" "pushed, 6 files changed" "the first publish counts intentctl's files"
expect_contains "$SCRATCH/err" "kept 2 files on main:. that intentctl did not write: README.md, platform/thing.yaml" "publish names the kept files"
git clone -q remote.git c1
cmp -s seed/README.md c1/README.md && cmp -s seed/platform/thing.yaml c1/platform/thing.yaml && pass ||
  fail "publish deleted or changed the platform team's files"
[ ! -e c1/Kptfile ] && pass || fail "a file render did not write was published"
diff -r -x .git -x README.md -x platform -x Kptfile pub/edge1 c1 >tree.diff && pass || fail "the rendered files arrived: $(head tree.diff)"
git -C c1 log -1 --format=%B >msg
expect_contains msg "Tree-Digest: git-tree:$(git -C c1 rev-parse 'HEAD^{tree}')" "Tree-Digest is the site folder's tree, foreign files included"
FIRST=$(git --git-dir=remote.git rev-parse main)

# Someone changes their file and adds one where intentctl will write next.
(cd seed && git pull -q && echo "More words." >>README.md && "$INTENTCTL" render -q "$URLLC" "$EMBB" -o ../next &&
  mkdir -p apps/intent && echo "mine: true" >"apps/intent/$embb_file" && git add -A &&
  git_as_someone commit -qm "README, and a file of mine" && git push -q origin main)
before=$(git --git-dir=remote.git rev-parse main)
run "$INTENTCTL" publish next --sites sites.yaml --dry-run
expect_rc 2 "dry run with a file in the way"
expect_contains "$SCRATCH/out" "a file on main:. that intentctl did not write is where it writes: apps/intent/$embb_file; move it away in the repository, or give --overwrite to replace it" \
  "the dry run names the file in the way"
run "$INTENTCTL" publish next --sites sites.yaml
expect_rc 2 "publish with a file in the way"
expect_contains "$SCRATCH/out" "is where it writes: apps/intent/$embb_file" "publish names the file in the way"
[ "$(git --git-dir=remote.git rev-parse main)" = "$before" ] && pass || fail "a refused publish pushed"
run "$INTENTCTL" publish next --sites sites.yaml --overwrite
expect_rc 0 "publish --overwrite"
expect_contains "$SCRATCH/err" "--overwrite replaces 1 file on main:. that intentctl did not write: apps/intent/$embb_file" "--overwrite names it"
rm -rf c2 && git clone -q remote.git c2
cmp -s "next/edge1/apps/intent/$embb_file" "c2/apps/intent/$embb_file" && pass || fail "--overwrite published intentctl's file"
grep -q "More words." c2/README.md && pass || fail "the platform team's README change stayed"

# A later publish with one intent less deletes only intentctl's file.
run "$INTENTCTL" publish pub --sites sites.yaml
expect_rc 0 "publish with one intent less"
rm -rf c3 && git clone -q remote.git c3
[ ! -e "c3/apps/intent/$embb_file" ] && [ -e c3/README.md ] && [ -e c3/platform/thing.yaml ] && pass ||
  fail "the later publish deleted more or less than intentctl's own file"

# A hand edit of intentctl's file on the branch is replaced, and named.
(cd seed && git pull -q && echo "# hand" >>kustomization.yaml && git add -A && git_as_someone commit -qm "tweak" && git push -q origin main)
run "$INTENTCTL" publish pub --sites sites.yaml
expect_rc 0 "publish over a hand edit of intentctl's file"
expect_contains "$SCRATCH/err" "1 file that intentctl wrote on main:. had been changed since, by someone else: kustomization.yaml" \
  "the hand edit is named"

# --- rollback touches only intentctl's files ------------------------------------------
git init -q --bare --initial-branch=main fresh.git
git --git-dir=fresh.git fetch -q remote.git "$FOREIGN_HEAD:refs/heads/main"
printf 'sites:\n  edge1: {repo: fresh.git, path: .}\n' >fresh.yaml
run "$INTENTCTL" publish pub --sites fresh.yaml
expect_rc 0 "first publish into the fresh repository"
git clone -q fresh.git f1
(cd f1 && echo "Edited after the publish." >>README.md && git add -A && git_as_someone commit -qm "README" && git push -q origin main)
run "$INTENTCTL" publish pub --sites fresh.yaml --rollback
expect_rc 0 "rollback of the first publish"
rm -rf f2 && git clone -q fresh.git f2
(cd f2 && git ls-files) >files.after
printf 'README.md\nplatform/thing.yaml\n' >files.wanted
expect_same files.after files.wanted "after the rollback only the platform team's files are left"
grep -q "Edited after the publish." f2/README.md && pass || fail "the rollback kept the later README edit"
run "$INTENTCTL" publish pub --sites fresh.yaml
expect_rc 0 "publish again after the rollback"
# The second rollback of a later publish puts intentctl's previous files back.
run "$INTENTCTL" publish next --sites fresh.yaml
expect_rc 0 "publish the next tree"
run "$INTENTCTL" publish next --sites fresh.yaml --rollback
expect_rc 0 "rollback of the next tree"
rm -rf f3 && git clone -q fresh.git f3
diff -r -x .git -x README.md -x platform -x Kptfile pub/edge1 f3 >tree.diff && pass ||
  fail "the rollback restored intentctl's previous files: $(head tree.diff)"
grep -q "Edited after the publish." f3/README.md && pass || fail "the second rollback kept the README"

# verify's git check compares intentctl's files only.
run "$INTENTCTL" verify pub --sites fresh.yaml
expect_contains "$SCRATCH/out" "edge1  git      pass" "verify passes beside files intentctl did not write"

finish
