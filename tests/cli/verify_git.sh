#!/usr/bin/env bash
# verify's git check: the embedded default end to end (translate, render,
# publish, verify), drift shown as a diff, --commit, commits made by others on
# top, a branch with no intentctl commit, unreachable remotes; text, JSON and
# JUnit output.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3
export XDG_CACHE_HOME=$SCRATCH/cache
unset KUBECONFIG INTENTCTL_SITES
cd "$SCRATCH"

# Before anything is published the remote does not exist.
mkdir -p dist/edge1
run "$INTENTCTL" verify dist
expect_rc 3 "no remote yet"
expect_contains "$SCRATCH/out" "edge1  git      unknown  .intentctl/remotes/edge1-config.git: repository not found" "says so"

"$INTENTCTL" translate "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" 2>/dev/null >intent.json
"$INTENTCTL" render -q intent.json -o dist
"$INTENTCTL" publish -q dist >/dev/null
HEAD=$(git --git-dir=.intentctl/remotes/edge1-config.git rev-parse main)

run "$INTENTCTL" verify dist
expect_rc 0 "published tree verifies"
expect_same "$SCRATCH/out" <(printf '%s\n' \
  "edge1  git      pass  ${HEAD:0:7} is the head of main; tree matches dist/edge1" \
  "edge1  cluster  skip  no kubeconfig for edge1" \
  "edge1  slo      skip  no metrics source for edge1") "the README's session"

run "$INTENTCTL" verify dist --format json
expect_rc 0 "json output"
python3 - "$SCRATCH/out" "$HEAD" <<'PY' && pass || fail "JSON record"
import json, sys
records = json.load(open(sys.argv[1]))["sites"]
assert len(records) == 1
record = records[0]
assert record["site"] == "edge1" and record["status"] == "pass", record
assert record["head"] == sys.argv[2] and record["published"] == sys.argv[2]
assert [(c["check"], c["status"]) for c in record["checks"]] == [("git", "pass"), ("cluster", "skip"), ("slo", "skip")]
PY

run "$INTENTCTL" verify dist --format junit
python3 - "$SCRATCH/out" <<'PY' && pass || fail "JUnit output"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("3", "0", "0", "2")
PY

run "$INTENTCTL" verify dist --commit "${HEAD:0:10}"
expect_rc 0 "--commit, abbreviated"
run "$INTENTCTL" verify dist --commit 0123456789abcdef0123456789abcdef01234567
expect_rc 1 "--commit not on the branch"
expect_contains "$SCRATCH/out" "0123456789abcdef0123456789abcdef01234567 is not on main (head ${HEAD:0:7})" "names both"
run "$INTENTCTL" verify dist --commit xyz
expect_rc 2 "--commit that is no commit id"

# Drift: the rendered tree changed after publishing. The diff reads like git's.
sed -i 's/value: "1ms"/value: "2ms"/' dist/edge1/apps/intent/cn-cap-001.yaml
rm dist/edge1/apps/intent/tn-rel-001.yaml
run "$INTENTCTL" verify dist --rollback-on-failure
expect_rc 1 "drift"
expect_not_contains "$SCRATCH/out" "rollback" "drift is not rolled back: what is published was never verified"
[ "$(git --git-dir=.intentctl/remotes/edge1-config.git rev-parse main)" = "$HEAD" ] && pass || fail "the branch did not move"
expect_contains "$SCRATCH/out" "edge1  git      fail  ${HEAD:0:7} is the head of main; but the tree differs from dist/edge1: apps/intent/cn-cap-001.yaml differs, apps/intent/tn-rel-001.yaml only on the branch" "changed files listed"
expect_contains "$SCRATCH/out" "    --- a/apps/intent/cn-cap-001.yaml" "per-file diff"
expect_contains "$SCRATCH/out" '    -      value: "1ms"' "published line"
expect_contains "$SCRATCH/out" '    +      value: "2ms"' "rendered line"
"$INTENTCTL" render -q intent.json -o dist

# Someone else commits beside the site's folder: the published commit is
# still in the branch and the site's tree still matches.
cat >sites.yaml <<YAML
sites:
  edge1: {repo: remotes/shared.git, path: sites/edge1}
YAML
git init -q --bare -b main remotes/shared.git
"$INTENTCTL" publish -q dist --sites sites.yaml >/dev/null
PUBLISHED=$(git --git-dir=remotes/shared.git rev-parse main)
git clone -q remotes/shared.git work 2>/dev/null
(cd work && echo "hello" >README.md && git add README.md &&
  git -c user.name=someone -c user.email=someone@example.net commit -q -m "docs" && git push -q origin main)
OTHER=$(git --git-dir=remotes/shared.git rev-parse main)
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 0 "a later commit elsewhere in the repository"
expect_contains "$SCRATCH/out" "${PUBLISHED:0:7} is in main (head ${OTHER:0:7}); tree matches dist/edge1" "published vs head"

# ... and one that edits the site's folder is drift.
(cd work && sed -i 's/^  name: expectation-cn-cap-001$/  name: renamed/' sites/edge1/apps/intent/cn-cap-001.yaml &&
  git -c user.name=someone -c user.email=someone@example.net commit -qam "hand edit" && git push -q origin main)
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 1 "hand edit in the site's folder"
expect_contains "$SCRATCH/out" "but sites/edge1 differs from dist/edge1: sites/edge1/apps/intent/cn-cap-001.yaml differs" "drift in the folder"

# A branch with commits but none from intentctl.
git init -q --bare -b main remotes/plain.git
(git clone -q remotes/plain.git plain 2>/dev/null && cd plain && echo x >x && git add x &&
  git -c user.name=someone -c user.email=someone@example.net commit -q -m "by hand" && git push -q origin main)
cat >sites.yaml <<YAML
sites:
  edge1: {repo: remotes/plain.git}
YAML
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 1 "no intentctl commit"
expect_contains "$SCRATCH/out" "no intentctl commit for edge1 on main" "says publish first"

# A branch that does not exist.
cat >sites.yaml <<YAML
sites:
  edge1: {repo: remotes/plain.git, branch: release}
YAML
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 1 "missing branch"
expect_contains "$SCRATCH/out" "has no branch release: nothing is published" "missing branch"

# An unreachable remote is an external error.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >sites.yaml <<YAML
sites:
  edge1: {repo: "http://127.0.0.1:$port/edge1.git"}
YAML
run "$INTENTCTL" verify dist --sites sites.yaml
expect_rc 3 "unreachable remote"
expect_contains "$SCRATCH/out" "edge1  git      unknown" "error line"

# Usage and input errors.
run "$INTENTCTL" verify missing-dir
expect_rc 2 "missing folder"
expect_contains "$SCRATCH/err" "intentctl verify: error: missing-dir: no such folder" "names it"
run "$INTENTCTL" verify dist --site edge9
expect_rc 2 "unknown site"
expect_contains "$SCRATCH/err" 'unknown site "edge9" (known: edge1' "lists the known sites"
run "$INTENTCTL" verify dist --format yaml
expect_rc 2 "unknown format"

finish
