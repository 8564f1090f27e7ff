#!/usr/bin/env bash
# Errors that say what to do next: a stage run before the one it needs names
# the command to run first (render before validate, publish and verify;
# publish before verify), in the FILE: error: form where there is a file.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git

isolate KUBECONFIG

# Nothing rendered yet.
run "$INTENTCTL" validate dist
expect_rc 2 "validate without dist"
expect_contains "$SCRATCH/out" "intentctl validate: error: dist: cannot read: No such file or directory; to check rendered trees, run 'intentctl render INTENT... -o dist' first" \
  "validate says to render first"
run "$INTENTCTL" validate missing.yaml
expect_not_contains "$SCRATCH/out" "intentctl render" "a missing file is not taken for a folder"
for verb in publish verify; do
  run "$INTENTCTL" $verb
  expect_rc 2 "$verb without dist"
  expect_contains "$SCRATCH/err" "intentctl $verb: error: dist: no such folder" "$verb names the missing folder"
  expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... -o dist' first" "$verb says to render first"
  run "$INTENTCTL" $verb out
  expect_contains "$SCRATCH/err" "intentctl $verb: error: out: no such folder" "$verb names the folder given"
  expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... -o out' first" "$verb's hint names the folder given"
done
mkdir dist
for verb in publish verify; do
  run "$INTENTCTL" $verb
  expect_rc 2 "$verb with an empty dist"
  expect_contains "$SCRATCH/err" "intentctl $verb: error: dist: holds no folder for any site (edge1)" "$verb with an empty dist names it"
  expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... -o dist' first" \
    "$verb with an empty dist says to render first"
done

# Rendered, not published.
"$INTENTCTL" translate "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" --output intent.json 2>/dev/null
"$INTENTCTL" render intent.json -o dist -q
run "$INTENTCTL" verify
expect_rc 3 "verify before the first publish"
expect_contains "$SCRATCH/out" "nothing is published there; run 'intentctl publish' first" "verify says to publish first"
run "$INTENTCTL" publish --dry-run
expect_contains "$SCRATCH/out" "run 'intentctl publish' first" "a dry run before the first publish says the same"

# A local repository named in a sites file is not created: say how.
cat >sites.yaml <<'YAML'
sites:
  edge1: {repo: remotes/edge1.git}
YAML
run "$INTENTCTL" publish --sites sites.yaml
expect_rc 3 "publish to a missing local repository"
expect_contains "$SCRATCH/out" "remotes/edge1.git); create it with 'git init --bare " "publish says how to create the repository"
expect_contains "$SCRATCH/out" "/remotes/edge1.git', or point the site's repo at an existing one" "publish names the path to create"

# A repository with no branch yet, and one with nothing of intentctl's on it.
git init -q --bare --initial-branch=main remotes/edge1.git
run "$INTENTCTL" verify --sites sites.yaml
expect_rc 1 "verify of an empty repository"
expect_contains "$SCRATCH/out" "has no branch main: nothing is published; run 'intentctl publish' first" "empty repository"
git clone -q remotes/edge1.git manual 2>/dev/null
(cd manual && echo x >x && git add x && git -c user.name=a -c user.email=a@b commit -qm manual && git push -q origin main)
run "$INTENTCTL" verify --sites sites.yaml
expect_rc 1 "verify with no intentctl commit"
expect_contains "$SCRATCH/out" "no intentctl commit for edge1 on main (head " "names the site and branch"
expect_contains "$SCRATCH/out" "; run 'intentctl publish' first" "says to publish first"

# A site named on the command line that has no rendered folder.
cat >sites2.yaml <<'YAML'
sites:
  edge1: {repo: remotes/edge1.git}
  edge2: {repo: remotes/edge1.git}
YAML
run "$INTENTCTL" verify --sites sites2.yaml --site edge2
expect_rc 2 "verify of a site that was not rendered"
expect_contains "$SCRATCH/err" "intentctl verify: error: dist/edge2: no such folder" "names the site's folder"
expect_contains "$SCRATCH/err" "hint: run 'intentctl render INTENT... --site edge2 -o dist' first" \
  "says to render that site"

finish
