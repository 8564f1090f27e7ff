#!/usr/bin/env bash
# publish against a real Git smart-HTTP server (lighttpd + git-http-backend with
# basic auth on 127.0.0.1), every result checked with the real git client.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3
require_tool lighttpd

SERVER="$SOURCE_DIR/tests/support/git-http-server"
STATE=$SCRATCH/server
PASSWORD='s3cret-Pa55w0rd'
WRONG='wr0ng-Pa55w0rd'
BASE=$("$SERVER" start "$STATE" --user alice --password "$PASSWORD")
trap '"$SERVER" stop "$STATE"; rm -rf "$SCRATCH"' EXIT
AUTHED=${BASE/http:\/\//http://alice:$PASSWORD@}

isolate
export INTENTCTL_GIT_USERNAME=alice INTENTCTL_GIT_TOKEN=$PASSWORD

# A rendered tree like render's: ConfigMaps labelled with their ids.
expectation() { # site id [intent]
  local file=dist/$1/apps/intent/$2.yaml
  mkdir -p "$(dirname "$file")"
  {
    echo "apiVersion: v1"
    echo "kind: ConfigMap"
    echo "metadata:"
    echo "  name: expectation-$2"
    echo "  namespace: intent-to-krm"
    echo "  labels:"
    echo "    expectation.nephio.org/id: $2"
    [ -n "${3:-}" ] && echo "    intent.nephio.org/id: $3"
    echo "data:"
    echo "  expectation.json: '{\"expectationId\": \"$2\"}'"
  } >"$file"
}
render_site() { # site
  rm -rf "dist/$1"
  expectation "$1" cn-cap-001 urllc-robot-cell
  expectation "$1" ran-perf-001 urllc-robot-cell
  mkdir -p "dist/$1/namespaces"
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: intent-to-krm\n' >"dist/$1/namespaces/intent-to-krm.yaml"
  printf 'resources: []\n' >"dist/$1/kustomization.yaml"
}
clone() { # repo-name folder
  rm -rf "$2"
  git clone -q "$AUTHED/$1.git" "$2"
}
same_tree() { # rendered-folder clone description
  if diff -r -x .git -x .intentctl-manifest "$1" "$2" >"$SCRATCH/tree.diff"; then pass; else fail "$3: $(head -20 "$SCRATCH/tree.diff")"; fi
}

cat >sites.yaml <<YAML
sites:
  edge1:
    repo: $BASE/edge1-config.git
    branch: main
YAML
"$SERVER" new-repo "$STATE" edge1-config >/dev/null
render_site edge1

# 1. First publish into an empty repository.
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "first publish"
expect_contains "$SCRATCH/out" "pushed, 4 files changed" "first publish reports its files"
clone edge1-config c1
same_tree dist/edge1 c1 "first publish: the remote holds the rendered tree"
git -C c1 log -1 --format=%B >msg
expect_contains msg "Intent-Id: urllc-robot-cell" "commit carries the intent id trailer"
expect_contains msg "Tree-Digest: git-tree:$(git -C c1 rev-parse 'HEAD^{tree}')" "commit carries the tree digest"
expect_contains msg "Intentctl-Site: edge1" "commit names the site"
head=$(git -C c1 rev-parse HEAD)
expect_contains "$SCRATCH/out" "edge1  $BASE/edge1-config.git  main  ${head:0:7}  pushed" "text line has site, repo, branch, commit"

# 2. The same publish again: no second commit.
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "identical publish"
expect_contains "$SCRATCH/out" "${head:0:7}  up to date" "identical publish is up to date"
[ "$(git ls-remote "$AUTHED/edge1-config.git" refs/heads/main | cut -f1)" = "$head" ] && pass || fail "identical publish moved the branch"

# 3. A change that adds, modifies and deletes files.
expectation edge1 tn-cov-001 urllc-robot-cell
printf 'resources:\n- namespaces/intent-to-krm.yaml\n' >dist/edge1/kustomization.yaml
rm dist/edge1/apps/intent/ran-perf-001.yaml
run "$INTENTCTL" publish dist --sites sites.yaml --format json
expect_rc 0 "publish a change"
python3 - "$SCRATCH/out" <<'PY' && pass || fail "json output of a change"
import json, sys
records = json.load(open(sys.argv[1]))["sites"]
assert len(records) == 1, records
r = records[0]
assert r["site"] == "edge1" and r["branch"] == "main" and r["pushed"] is True, r
assert len(r["commit"]) == 40, r
changed = {c["path"]: c["status"] for c in r["changed"]}
assert changed == {"apps/intent/tn-cov-001.yaml": "added", "kustomization.yaml": "modified",
                   "apps/intent/ran-perf-001.yaml": "deleted"}, changed
PY
clone edge1-config c2
same_tree dist/edge1 c2 "the change arrived"
git -C c2 show --name-status --format= HEAD >show
expect_contains show "A	apps/intent/tn-cov-001.yaml" "git show: added"
expect_contains show "M	kustomization.yaml" "git show: modified"
expect_contains show "D	apps/intent/ran-perf-001.yaml" "git show: deleted"
[ "$(git -C c2 rev-list --count HEAD)" = 2 ] && pass || fail "two commits after a change"

# 4. --dry-run: exit 0 without changes, 1 with, and nothing pushed.
before=$(git ls-remote "$AUTHED/edge1-config.git" refs/heads/main | cut -f1)
run "$INTENTCTL" publish dist --sites sites.yaml --dry-run
expect_rc 0 "dry run without changes"
expect_contains "$SCRATCH/out" "up to date" "dry run without changes says so"
echo "# tuned" >>dist/edge1/kustomization.yaml
run "$INTENTCTL" publish dist --sites sites.yaml --dry-run
expect_rc 1 "dry run with a change"
expect_contains "$SCRATCH/out" "+++ b/kustomization.yaml" "dry run prints a unified diff"
expect_contains "$SCRATCH/out" "+# tuned" "dry run shows the added line"
expect_contains "$SCRATCH/out" "would change 1 file" "dry run summary"
[ "$(git ls-remote "$AUTHED/edge1-config.git" refs/heads/main | cut -f1)" = "$before" ] && pass || fail "dry run pushed"
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "publish the tuned kustomization"

# 5. Wrong password: exit 3, the URL and the cause, and the secret nowhere.
INTENTCTL_GIT_TOKEN=$WRONG run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 3 "wrong password"
expect_contains "$SCRATCH/out" "error: authentication refused (HTTP 401)" "wrong password cause"
expect_contains "$SCRATCH/out" "    hint: set INTENTCTL_GIT_TOKEN or the site's tokenEnv" "wrong password: the hint on its own line"
expect_contains "$SCRATCH/out" "$BASE/edge1-config.git" "wrong password names the URL"
expect_contains "$SCRATCH/err" "publish failed for 1 of 1 site: edge1" "summary names the failed site"
INTENTCTL_GIT_TOKEN=$WRONG run "$INTENTCTL" publish dist --sites sites.yaml --format json
expect_rc 3 "wrong password, json"
expect_contains "$SCRATCH/out" '"error": ' "json carries the error"
for secret in "$WRONG" "$PASSWORD"; do
  INTENTCTL_GIT_TOKEN=$WRONG run "$INTENTCTL" -v publish dist --sites sites.yaml
  expect_not_contains "$SCRATCH/out" "$secret" "no secret on stdout"
  expect_not_contains "$SCRATCH/err" "$secret" "no secret on stderr"
done

# No credentials at all: exit 3, never a prompt, even though it cannot ask.
env -u INTENTCTL_GIT_TOKEN "$INTENTCTL" publish dist --sites sites.yaml >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null && rc=0 || rc=$?
expect_rc 3 "no credentials"
expect_contains "$SCRATCH/out" "authentication required (HTTP 401)" "no credentials cause"

# The site's own token variable wins over INTENTCTL_GIT_TOKEN.
cat >sites-env.yaml <<YAML
sites:
  edge1:
    repo: $BASE/edge1-config.git
    auth: {usernameEnv: EDGE1_GIT_USER, tokenEnv: EDGE1_GIT_TOKEN}
YAML
EDGE1_GIT_USER=alice EDGE1_GIT_TOKEN=$PASSWORD INTENTCTL_GIT_TOKEN=$WRONG run "$INTENTCTL" publish dist --sites sites-env.yaml
expect_rc 0 "site tokenEnv wins"
EDGE1_GIT_TOKEN=$WRONG run "$INTENTCTL" publish dist --sites sites-env.yaml
expect_rc 3 "wrong site token"
expect_contains "$SCRATCH/out" "set EDGE1_GIT_TOKEN (the site's tokenEnv)" "hint names the site's variable"
expect_not_contains "$SCRATCH/out" "$WRONG" "no site token on stdout"

# Credentials in the URL: used, shown as ***, never stored in the cache.
cat >sites-url.yaml <<YAML
sites:
  edge1:
    repo: ${BASE/http:\/\//http://alice:$PASSWORD@}/edge1-config.git
YAML
echo "# url" >>dist/edge1/kustomization.yaml
env -u INTENTCTL_GIT_TOKEN -u INTENTCTL_GIT_USERNAME "$INTENTCTL" -v publish dist --sites sites-url.yaml \
  >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null && rc=0 || rc=$?
expect_rc 0 "credentials in the URL"
expect_contains "$SCRATCH/out" "http://***@127.0.0.1" "URL shown with *** for the secret"
expect_not_contains "$SCRATCH/out" "$PASSWORD" "URL secret not on stdout"
expect_not_contains "$SCRATCH/err" "$PASSWORD" "URL secret not on stderr"
if grep -rqF -e "$PASSWORD" -e "$WRONG" "$XDG_CACHE_HOME"/intentctl/repos/*.git/config; then
  fail "a secret is in a cached clone's config"
else
  pass
fi
grep -rqF "$BASE/edge1-config.git" "$XDG_CACHE_HOME"/intentctl/repos/*.git/config && pass || fail "cache config has the plain URL"

# A missing repository and an unreachable server: exit 3 with the cause.
cat >sites-missing.yaml <<YAML
sites:
  edge1: {repo: $BASE/no-such-repo.git}
YAML
run "$INTENTCTL" publish dist --sites sites-missing.yaml
expect_rc 3 "missing repository"
expect_contains "$SCRATCH/out" "repository not found" "missing repository cause"

# 6. --rollback reverts the last publish as a new commit; history is kept.
clone edge1-config c3
last=$(git -C c3 rev-parse HEAD)
previous_tree=$(git -C c3 rev-parse 'HEAD~1^{tree}')
count=$(git -C c3 rev-list --count HEAD)
run "$INTENTCTL" publish dist --sites sites.yaml --rollback
expect_rc 0 "rollback"
expect_contains "$SCRATCH/out" "rolled back ${last:0:7}" "rollback names the reverted commit"
clone edge1-config c4
[ "$(git -C c4 rev-parse 'HEAD^{tree}')" = "$previous_tree" ] && pass || fail "rollback restores the previous tree"
[ "$(git -C c4 rev-list --count HEAD)" = $((count + 1)) ] && pass || fail "rollback is a new commit"
[ "$(git -C c4 rev-parse HEAD~1)" = "$last" ] && pass || fail "rollback keeps history"
git -C c4 log -1 --format=%B >msg
expect_contains msg "Reverts: $last" "rollback trailer"
# Publishing again puts the rendered tree back.
run "$INTENTCTL" publish dist --sites sites.yaml
expect_rc 0 "publish after rollback"
clone edge1-config c5
same_tree dist/edge1 c5 "publish after rollback restores the rendered tree"

# 7. The remote moves between our fetch and our push: a pre-receive hook lets
# another clone push first (a real concurrent push); publish must fetch,
# rebuild on the new head and push again, without force, losing neither change.
git clone -q "$AUTHED/edge1-config.git" other
hook="$STATE/repos/edge1-config.git/hooks/pre-receive"
cat >"$hook" <<HOOK
#!/bin/sh
cat >/dev/null
[ -e "$SCRATCH/raced" ] && exit 0
touch "$SCRATCH/raced"
cd "$SCRATCH/other" || exit 1
unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_PUSH_OPTION_COUNT
mkdir -p ops && echo "maintenance window" >ops/NOTE
git add ops/NOTE && git -c user.name=other -c user.email=other@example.net commit -q -m "other clone: add ops/NOTE"
git push -q "$STATE/repos/edge1-config.git" HEAD:main
HOOK
chmod +x "$hook"
cat >sites-sub.yaml <<YAML
sites:
  edge1: {repo: $BASE/edge1-config.git, path: clusters/edge1}
YAML
run "$INTENTCTL" publish dist --sites sites-sub.yaml
expect_rc 0 "publish while another clone pushes"
[ -e "$SCRATCH/raced" ] && pass || fail "the concurrent push happened"
expect_contains "$SCRATCH/err" "moved on the remote while publishing" "publish says it rebuilt on the new head"
clone edge1-config c6
[ -f c6/ops/NOTE ] && pass || fail "the other clone's change survived"
same_tree dist/edge1 c6/clusters/edge1 "our change arrived beside it"
git -C c6 log --format=%s -3 >log
expect_contains log "other clone: add ops/NOTE" "the other commit is in history (no force)"
other_head=$(git -C other rev-parse HEAD)
git -C c6 merge-base --is-ancestor "$other_head" HEAD && pass || fail "our commit is built on the other clone's"
rm -f "$hook"

# A push a server hook declines after the commit is made: the message says
# that the hook refused and what it said, and not to run the same publish again
# (it would be refused the same way); the commit stays in the cache, and once
# the hook lets it through, the next publish pushes that same commit.
hook="$STATE/repos/edge1-config.git/hooks/pre-receive"
printf '#!/bin/sh\necho "frozen for maintenance" >&2\necho "ask the ops team" >&2\nexit 1\n' >"$hook"
chmod +x "$hook"
echo "# refused once" >>dist/edge1/kustomization.yaml
run "$INTENTCTL" publish dist --sites sites-sub.yaml
expect_rc 3 "push refused by a hook"
expect_contains "$SCRATCH/out" "the remote refused to update main: pre-receive hook declined" "refusal explained"
expect_contains "$SCRATCH/out" "(the server said: frozen for maintenance; ask the ops team)" "what the hook said"
expect_contains "$SCRATCH/out" "pushing again will be refused the same way" "no retry advice"
expect_not_contains "$SCRATCH/out" "run the same publish again" "no retry advice for a declined push"
expect_contains "$SCRATCH/out" "is kept in $XDG_CACHE_HOME/intentctl/repos/" "the commit is kept in the cache"
kept=$(sed -n 's/.*; commit \([0-9a-f]*\) is kept.*/\1/p' "$SCRATCH/out")
rm -f "$hook"
run "$INTENTCTL" publish dist --sites sites-sub.yaml
expect_rc 0 "retry after the refusal"
[ -n "$kept" ] && expect_contains "$SCRATCH/out" "main  $kept  pushed" "the retry pushes the kept commit"

# 8. Three sites in parallel, one unreachable: the others publish, exit 3.
for s in edge2 edge3; do "$SERVER" new-repo "$STATE" "$s-config" >/dev/null; render_site "$s"; done
render_site edge4
cat >sites-three.yaml <<YAML
sites:
  edge2: {repo: $BASE/edge2-config.git}
  edge3: {repo: $BASE/edge3-config.git}
  edge4: {repo: "http://127.0.0.1:$("$SERVER" free-port)/git/edge4-config.git"}
YAML
run "$INTENTCTL" publish dist --sites sites-three.yaml --all -j 3
expect_rc 3 "three sites, one unreachable"
expect_contains "$SCRATCH/out" "edge4" "unreachable site reported"
expect_contains "$SCRATCH/out" "unreachable" "unreachable cause"
expect_contains "$SCRATCH/err" "publish failed for 1 of 3 sites: edge4" "summary names the unreachable site"
for s in edge2 edge3; do
  clone "$s-config" "c-$s"
  same_tree "dist/$s" "c-$s" "$s published beside the unreachable one"
done

# 9. Two publishes of different paths of one repository at once, from two
# caches: both land, whichever pushes second rebuilds on the first.
"$SERVER" new-repo "$STATE" shared-config >/dev/null
cat >sites-shared.yaml <<YAML
sites:
  edge2: {repo: $BASE/shared-config.git, path: edge2}
  edge3: {repo: $BASE/shared-config.git, path: edge3}
YAML
for round in 1 2 3; do
  echo "round: $round" >"dist/edge2/round.yaml"
  echo "round: $round" >"dist/edge3/round.yaml"
  "$INTENTCTL" publish dist --sites sites-shared.yaml --site edge2 --cache "$SCRATCH/cacheA" >a.out 2>&1 </dev/null &
  a=$!
  "$INTENTCTL" publish dist --sites sites-shared.yaml --site edge3 --cache "$SCRATCH/cacheB" >b.out 2>&1 </dev/null &
  b=$!
  wait $a && wait $b && pass || fail "round $round of racing publishes: $(cat a.out b.out)"
  clone shared-config c-shared
  grep -q "round: $round" c-shared/edge2/round.yaml && grep -q "round: $round" c-shared/edge3/round.yaml \
    && pass || fail "round $round lost a change"
done

finish
