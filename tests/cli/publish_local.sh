#!/usr/bin/env bash
# publish to local remotes: the embedded default (.intentctl/remotes/edge1-config.git),
# file:// URLs and plain paths; usage errors, the cache lock, --branch,
# --message/--author, file modes, and --timeout against a server that never answers.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

isolate

make_tree() { # folder
  mkdir -p "$1/apps/intent" "$1/namespaces" "$1/bin"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-e1\n  labels:\n    expectation.nephio.org/id: e1\n' \
    >"$1/apps/intent/e1.yaml"
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: intent-to-krm\n' >"$1/namespaces/intent-to-krm.yaml"
  printf '#!/bin/sh\necho hook\n' >"$1/bin/check.sh"
  chmod +x "$1/bin/check.sh"
}
same_tree() { # rendered-folder clone description
  if diff -r -x .git -x .intentctl-manifest "$1" "$2" >"$SCRATCH/tree.diff"; then pass; else fail "$3: $(head -20 "$SCRATCH/tree.diff")"; fi
}

# The embedded default: no sites file, edge1 -> .intentctl/remotes/edge1-config.git.
make_tree dist/edge1
run "$INTENTCTL" publish
expect_rc 0 "publish with the embedded default"
expect_contains "$SCRATCH/out" "edge1  .intentctl/remotes/edge1-config.git  main  " "default site line"
expect_contains "$SCRATCH/out" "pushed, 3 files changed" "default publish count"
[ -d .intentctl/remotes/edge1-config.git ] && [ "$(git --git-dir=.intentctl/remotes/edge1-config.git rev-parse --is-bare-repository)" = true ] \
  && pass || fail "the default remote is a bare repository"
git clone -q .intentctl/remotes/edge1-config.git c1
same_tree dist/edge1 c1 "default remote holds the tree"
git --git-dir=.intentctl/remotes/edge1-config.git ls-tree -r main >tree
expect_contains tree "100755 blob" "executable bit kept"
git --git-dir=.intentctl/remotes/edge1-config.git log -1 --format='%an <%ae>|%B' main >msg
expect_contains msg "intentctl <intentctl@localhost>" "default author without git config"
expect_contains msg "Intent-Id: e1" "expectation id as Intent-Id when render recorded no intent id"
run "$INTENTCTL" publish
expect_rc 0 "second default publish"
expect_contains "$SCRATCH/out" "up to date" "second default publish is up to date"
run "$INTENTCTL" publish --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["sites"][0]; assert r["pushed"] is False and r["changed"] == [] and r["status"] == "up-to-date" and len(r["commit"]) == 40, r' \
  "$SCRATCH/out" && pass || fail "json for up to date: $(cat "$SCRATCH/out")"

# --message, --author, --email and --branch.
echo "# v2" >>dist/edge1/namespaces/intent-to-krm.yaml
run "$INTENTCTL" publish dist --message "Tune edge1" --author "Ops Bot" --email ops@example.net --branch staging
expect_rc 0 "publish to another branch"
git --git-dir=.intentctl/remotes/edge1-config.git log -1 --format='%s|%an|%ae' staging >msg
expect_contains msg "Tune edge1|Ops Bot|ops@example.net" "subject and author"
git --git-dir=.intentctl/remotes/edge1-config.git log -1 --format=%B staging >msg
expect_contains msg "Tree-Digest: git-tree:" "custom message still carries the trailers"
# A branch the remote does not have yet starts a history of its own.
[ "$(git --git-dir=.intentctl/remotes/edge1-config.git rev-list --count staging)" = 1 ] && pass || fail "new branch history"

# Two publishes of one site at once share the cache: the lock makes them take
# turns, both succeed, and only one commit is made.
echo "# v3" >>dist/edge1/namespaces/intent-to-krm.yaml
before=$(git --git-dir=.intentctl/remotes/edge1-config.git rev-list --count main)
"$INTENTCTL" publish >p1.out 2>&1 </dev/null &
p1=$!
"$INTENTCTL" publish >p2.out 2>&1 </dev/null &
p2=$!
wait $p1 && wait $p2 && pass || fail "concurrent publishes on one cache: $(cat p1.out p2.out)"
[ "$(git --git-dir=.intentctl/remotes/edge1-config.git rev-list --count main)" = $((before + 1)) ] && pass \
  || fail "concurrent publishes made one commit: $(cat p1.out p2.out)"
cat p1.out p2.out >both.out
expect_contains both.out "up to date" "the second of two concurrent publishes finds nothing to do"

# Every publish adds a pack to the cache; past 32 they are merged into one, and
# the cache stays whole.
for i in $(seq 1 36); do
  echo "round: $i" >dist/edge1/round.yaml
  "$INTENTCTL" publish >/dev/null 2>&1 </dev/null || fail "publish round $i"
done
cache_repo=$(ls -d "$XDG_CACHE_HOME"/intentctl/repos/edge1-config-*.git)
packs=$(ls "$cache_repo"/objects/pack/*.pack | wc -l)
[ "$packs" -le 33 ] && pass || fail "the cache holds $packs packs"
git --git-dir="$cache_repo" fsck --no-dangling >fsck.out 2>&1 && pass || fail "cache fsck: $(cat fsck.out)"
[ "$(git --git-dir="$cache_repo" show refs/remotes/origin/main:round.yaml)" = "round: 36" ] && pass || fail "cache after merging packs"
rm dist/edge1/round.yaml
run "$INTENTCTL" publish
expect_rc 0 "publish after merging packs"

# file:// and plain path remotes (a relative path is taken from the current folder).
git init -q --bare --initial-branch=main remotes/by-url.git
git init -q --bare --initial-branch=main remotes/by-path.git
mkdir -p dist/site-a dist/site-b
make_tree dist/site-a
make_tree dist/site-b
echo "b: true" >dist/site-b/b.yaml
cat >sites.yaml <<YAML
sites:
  site-a: {repo: "file://$SCRATCH/remotes/by-url.git", path: clusters/site-a}
  site-b: {repo: remotes/by-path.git}
YAML
run "$INTENTCTL" publish dist --sites sites.yaml --site site-a --site site-b
expect_rc 0 "file:// and path remotes"
git clone -q "file://$SCRATCH/remotes/by-url.git" ca
same_tree dist/site-a ca/clusters/site-a "file:// remote at a sub-path"
git clone -q remotes/by-path.git cb
same_tree dist/site-b cb "relative path remote"
run "$INTENTCTL" publish --sites sites.yaml --site site-a dist --dry-run
expect_rc 0 "dry run after publish"
rm dist/site-a/bin/check.sh
run "$INTENTCTL" publish dist --sites sites.yaml --site site-a --dry-run
expect_rc 1 "dry run with a deletion"
expect_contains "$SCRATCH/out" "deleted file mode 100755" "dry run shows the deleted file"

# Errors: exit 2 for usage and input, 3 for a missing repository.
run "$INTENTCTL" publish no-such-dist
expect_rc 2 "missing folder"
expect_contains "$SCRATCH/err" "intentctl publish: error: no-such-dist: no such folder" "missing folder named"
run "$INTENTCTL" publish dist --site nowhere
expect_rc 2 "unknown site"
expect_contains "$SCRATCH/err" 'unknown site "nowhere"' "unknown site named"
run "$INTENTCTL" publish dist --all --site edge1
expect_rc 2 "--all with --site"
run "$INTENTCTL" publish dist --timeout soon
expect_rc 2 "bad --timeout"
mkdir -p empty-dist
run "$INTENTCTL" publish empty-dist
expect_rc 2 "no site folder"
expect_contains "$SCRATCH/err" "holds no folder for any site (edge1)" "no site folder explained"
cat >sites-missing.yaml <<YAML
sites:
  site-a: {repo: remotes/not-there.git}
YAML
run "$INTENTCTL" publish dist --sites sites-missing.yaml
expect_rc 3 "missing local repository"
expect_contains "$SCRATCH/out" "repository not found" "missing local repository explained"
cat >sites-nofolder.yaml <<YAML
sites:
  site-z: {repo: remotes/by-path.git}
YAML
run "$INTENTCTL" publish dist --sites sites-nofolder.yaml --site site-z
expect_rc 2 "named site without a rendered folder"
expect_contains "$SCRATCH/out" "dist/site-z: no rendered tree here" "missing site folder named"

# --rollback with nothing of intentctl's on the branch: exit 1, nothing pushed.
git init -q --bare --initial-branch=main remotes/foreign.git
git clone -q remotes/foreign.git foreign 2>/dev/null
(cd foreign && echo x >x && git add x && git -c user.name=a -c user.email=a@b commit -qm manual && git push -q origin main)
cat >sites-foreign.yaml <<YAML
sites:
  site-a: {repo: remotes/foreign.git}
YAML
run "$INTENTCTL" publish dist --sites sites-foreign.yaml --rollback
expect_rc 1 "rollback without an intentctl commit"
expect_contains "$SCRATCH/out" "nothing to roll back" "rollback explains"

# --timeout against a server that accepts connections and never answers: exit 4, promptly.
python3 - >port <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
conns = []
end = time.time() + 60
while time.time() < end:
    s.settimeout(1)
    try:
        conns.append(s.accept()[0])
    except OSError:
        pass
PY
silent=$!
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
cat >sites-silent.yaml <<YAML
sites:
  site-a: {repo: "http://127.0.0.1:$(cat port)/git/a.git"}
YAML
start=$(date +%s)
run "$INTENTCTL" publish dist --sites sites-silent.yaml --timeout 2s
elapsed=$(( $(date +%s) - start ))
kill $silent 2>/dev/null || true
expect_rc 4 "timeout"
expect_contains "$SCRATCH/out" "timed out" "timeout explained"
[ "$elapsed" -le 10 ] && pass || fail "timeout took ${elapsed}s"

finish
