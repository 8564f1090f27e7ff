#!/usr/bin/env bash
# Where publish and verify look, whatever folder they run from: paths in a
# sites file are taken from the file's folder; the embedded default's remote
# is the .intentctl/ found from the rendered folder upward (as git finds
# .git), created beside the rendered folder only when there is none, and
# publish says so; a site's folder given instead of the rendered folder gets
# the command that was meant.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git

cd "$SCRATCH"
"$INTENTCTL" translate -q "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" >intent.json
head_of() { git --git-dir="$1" rev-parse --short refs/heads/main 2>/dev/null || echo none; }

# ---- a sites file in another folder: its repo and kubeconfig are the file's neighbours
mkdir -p mk/repos other
git init -q --bare -b main mk/repos/edge1.git
printf 'sites:\n  edge1:\n    repo: repos/edge1.git\n' >mk/sites.yaml
printf 'sites:\n  edge1:\n    repo: repos/edge1.git\n    kubeconfig: kc.yaml\n    context: nope\n' >mk/sites-kc.yaml
printf 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' >mk/kc.yaml
"$INTENTCTL" render -q intent.json --sites mk/sites.yaml -o mk/dist
cd other
run "$INTENTCTL" publish --sites ../mk/sites.yaml ../mk/dist
expect_rc 0 "publish with a sites file in another folder"
expect_contains "$SCRATCH/out" "edge1  repos/edge1.git  main" "the repo as the sites file writes it"
[ "$(head_of ../mk/repos/edge1.git)" != none ] && pass || fail "the sites file's repo did not get the commit"
[ ! -e repos ] && [ ! -e .intentctl ] && pass || fail "publish made a repository in the working folder: $(ls -A)"
run "$INTENTCTL" verify --sites ../mk/sites.yaml ../mk/dist
expect_rc 0 "verify with a sites file in another folder"
expect_contains "$SCRATCH/out" "edge1  git      pass" "verify finds the same repository"
run "$INTENTCTL" verify --sites ../mk/sites-kc.yaml ../mk/dist
expect_rc 2 "verify with the sites file's kubeconfig, whose context is missing"
expect_contains "$SCRATCH/err" 'intentctl verify: error: ../mk/kc.yaml: context "nope" not found' "the kubeconfig is the sites file's neighbour"
cd "$SCRATCH"

# ---- the embedded default: found upward from the rendered folder, made beside it once
if [ -e "$(dirname "$SCRATCH")/.intentctl" ] || [ -e /.intentctl ]; then
  echo "SKIP (embedded default): a .intentctl/ above $SCRATCH would be found"
else
  mkdir -p proj/sub
  "$INTENTCTL" render -q intent.json -o proj/dist
  run "$INTENTCTL" publish proj/dist
  expect_rc 0 "first publish from the folder above"
  expect_contains "$SCRATCH/err" \
    "edge1: no .intentctl/ in proj or a folder above it: created the embedded default's remote proj/.intentctl/remotes/edge1-config.git" \
    "publish says where it created the remote"
  expect_contains "$SCRATCH/out" "edge1  proj/.intentctl/remotes/edge1-config.git  main" "the status line names it"
  [ -d proj/.intentctl/remotes/edge1-config.git ] && [ ! -e .intentctl ] && pass ||
    fail "the remote is not beside the rendered folder: $(find . -name '*.git' -maxdepth 4)"
  first=$(head_of proj/.intentctl/remotes/edge1-config.git)

  (cd proj && "$INTENTCTL" publish dist >"$SCRATCH/out" 2>"$SCRATCH/err") && pass || fail "publish from the project"
  expect_contains "$SCRATCH/out" "edge1  .intentctl/remotes/edge1-config.git  main  $first  up to date" "same remote from proj"
  expect_not_contains "$SCRATCH/err" "created" "nothing created the second time"

  (cd proj/sub && "$INTENTCTL" verify ../dist >"$SCRATCH/out" 2>"$SCRATCH/err") && pass || fail "verify from proj/sub"
  expect_contains "$SCRATCH/out" "edge1  git      pass  $first" "verify from a sub-folder finds it"
  [ ! -e proj/sub/.intentctl ] && pass || fail "verify made a remote"

  # A tree rendered deeper in the project publishes to the project's remote.
  "$INTENTCTL" translate -q "$SOURCE_DIR/samples/tmf921/embb-video-throughput.json" |
    "$INTENTCTL" render -q - -o proj/sub/deep/dist
  (cd proj/sub && "$INTENTCTL" publish deep/dist >"$SCRATCH/out" 2>"$SCRATCH/err") && pass || fail "publish deep/dist"
  expect_contains "$SCRATCH/out" "edge1  ../.intentctl/remotes/edge1-config.git  main" "found two folders up"
  [ "$(head_of proj/.intentctl/remotes/edge1-config.git)" != "$first" ] && pass || fail "the project's remote moved"
  [ ! -e proj/sub/.intentctl ] && [ ! -e proj/sub/deep/.intentctl ] && pass || fail "a second remote was made"

  # A dry run and a rollback never create one.
  "$INTENTCTL" render -q intent.json -o lone/dist
  run "$INTENTCTL" publish --dry-run lone/dist
  expect_rc 3 "dry run without a remote"
  [ ! -e lone/.intentctl ] && pass || fail "a dry run created the remote"
  run "$INTENTCTL" verify lone/dist
  expect_contains "$SCRATCH/out" "lone/.intentctl/remotes/edge1-config.git" "verify names where it looked"
  [ ! -e lone/.intentctl ] && pass || fail "verify created the remote"
fi

# ---- a site's folder for the rendered folder: the command that was meant
"$INTENTCTL" render -q intent.json -o dist
for command in publish verify; do
  for given in dist/edge1 dist/edge1/; do
    run "$INTENTCTL" "$command" "$given"
    expect_rc 2 "$command $given"
    expect_contains "$SCRATCH/err" "is the folder of site edge1, not the rendered folder" "$command $given: says why"
    expect_contains "$SCRATCH/err" "run 'intentctl $command dist --site edge1'" "$command $given: the command"
    expect_not_contains "$SCRATCH/err" "-o dist/edge1" "$command $given: no render into the site folder"
  done
done
run "$INTENTCTL" verify nodir
expect_rc 2 "verify of a missing folder"
expect_contains "$SCRATCH/err" "intentctl verify: error: nodir: no such folder" "a missing folder is named"
expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... -o nodir' first" "and what makes it"
(cd dist && "$INTENTCTL" publish edge1 2>"$SCRATCH/err") && fail "publish edge1 from dist" || true
expect_contains "$SCRATCH/err" "run 'intentctl publish . --site edge1'" "from inside the rendered folder"
[ ! -e .intentctl ] && [ ! -e dist/.intentctl ] && pass || fail "a wrong folder created a remote"

finish
