#!/usr/bin/env bash
# samples/Makefile end to end on a copy of samples/: translate, render per site,
# validate, a real publish into the two local bare repositories (checked with
# the real git), verify; then what one changed intent re-makes, a second run
# that changes nothing, a broken intent, and make clean.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool make
require_tool git

isolate KUBECONFIG MAKEFLAGS MAKELEVEL
mkdir work
cp -R "$SOURCE_DIR/samples" work/samples
rm -rf work/samples/build work/samples/dist work/samples/.intentctl # a developer's own run
cp -R work/samples pristine
S=work/samples

remote() { echo "$S/.intentctl/remotes/$1-config.git"; }
commits() { git --git-dir="$(remote "$1")" rev-list --count main; }
# stamp NAME: a file whose time is now, to compare others against (-newer).
stamp() { sleep 1; touch "$SCRATCH/$1"; }
newer() { [ -n "$(find "$1" -newer "$SCRATCH/$2" 2>/dev/null)" ]; }

# --- end to end, from the folder above, in parallel ---------------------------
cd work
run make -C samples -j2 INTENTCTL="$INTENTCTL" verify
cd "$SCRATCH"
expect_rc 0 "make -C samples -j2 verify"
names=$(cd "$S/tmf921" && ls *.json | sed 's/\.json$//')
for name in $names; do
  [ -s "$S/build/28312/$name.json" ] && pass || fail "$name was not translated"
  expect_same "$SOURCE_DIR/samples/28312/$name.json" "$S/build/28312/$name.json" "$name translated as samples/28312 has it"
done
for site in edge1 edge2; do
  expect_contains "$SCRATCH/out" "$site  .intentctl/remotes/$site-config.git  main  " "$site published"
  expect_contains "$SCRATCH/out" "files changed" "$site pushed"
  expect_contains "$SCRATCH/out" "$site  git      pass  " "$site verified"
  [ "$(git --git-dir="$(remote $site)" rev-parse --is-bare-repository)" = true ] && pass || fail "$site remote is bare"
  git --git-dir="$(remote $site)" fsck --no-dangling >fsck.out 2>&1 && pass || fail "$site remote fsck: $(cat fsck.out)"
  rm -rf "clone-$site"
  git clone -q "$(remote $site)" "clone-$site"
  diff -r -x .git "$S/dist/$site" "clone-$site" >tree.diff && pass || fail "$site remote holds dist/$site: $(head -20 tree.diff)"
  [ "$(commits $site)" = 1 ] && pass || fail "$site has one commit"
done
expect_contains "$SCRATCH/out" "Summary: " "validate ran"
# The intents that name a site land there only; the one that names none lands on both.
[ -f "$S/dist/edge2/apps/intent/cn-lim-001.yaml" ] && [ ! -f "$S/dist/edge1/apps/intent/cn-lim-001.yaml" ] \
  && pass || fail "factory-campus-slice lands on edge2 only"
[ -f "$S/dist/edge1/apps/intent/cn-cap-001.yaml" ] && [ ! -f "$S/dist/edge2/apps/intent/cn-cap-001.yaml" ] \
  && pass || fail "urllc-robot-cell lands on edge1 only"
[ -f "$S/dist/edge1/apps/intent/5g-network-cn.yaml" ] && [ -f "$S/dist/edge2/apps/intent/5g-network-cn.yaml" ] \
  && pass || fail "5g-network-short lands on both sites"

# --- nothing changed: nothing to do, publish up to date, no new commit --------
run make -C "$S" INTENTCTL="$INTENTCTL"
expect_contains "$SCRATCH/out" "Nothing to be done for 'all'" "a second make does nothing"
run make -C "$S" INTENTCTL="$INTENTCTL" verify
expect_rc 0 "second make verify"
expect_not_contains "$SCRATCH/out" "intentctl translate" "second make verify translates nothing"
expect_not_contains "$SCRATCH/out" "intentctl render" "second make verify renders nothing"
expect_contains "$SCRATCH/out" "edge1-config.git  main" "publish ran"
[ "$(grep -c ' up to date$' "$SCRATCH/out")" = 2 ] && pass || fail "publish says up to date twice: $(cat "$SCRATCH/out")"
[ "$(commits edge1)" = 1 ] && [ "$(commits edge2)" = 1 ] && pass || fail "second make verify made no commit"

# --- one intent touched: only it is translated, only its site rendered --------
stamp before-touch
touch "$S/tmf921/factory-campus-slice.json"   # lands on edge2 only
run make -C "$S" -n INTENTCTL="$INTENTCTL" validate
expect_rc 0 "make -n after a touch"
[ "$(grep -c 'intentctl translate' "$SCRATCH/out")" = 1 ] && pass || fail "make -n: one translation: $(cat "$SCRATCH/out")"
expect_contains "$SCRATCH/out" "translate tmf921/factory-campus-slice.json" "make -n: the touched intent is translated"
[ "$(grep -c 'intentctl render' "$SCRATCH/out")" = 1 ] && pass || fail "make -n: one render: $(cat "$SCRATCH/out")"
expect_contains "$SCRATCH/out" "--site edge2 -o dist" "make -n: edge2 is rendered"
expect_not_contains "$SCRATCH/out" "--site edge1" "make -n: edge1 is not"
newer "$S/build/28312/factory-campus-slice.json" before-touch && fail "make -n translated for real" || pass
run make -C "$S" INTENTCTL="$INTENTCTL" validate
expect_rc 0 "make after a touch"
for name in $names; do
  if [ "$name" = factory-campus-slice ]; then
    newer "$S/build/28312/$name.json" before-touch && pass || fail "$name re-translated"
  else
    newer "$S/build/28312/$name.json" before-touch && fail "$name re-translated though untouched" || pass
  fi
done
newer "$S/build/stamps/render-edge2" before-touch && pass || fail "edge2 re-rendered"
newer "$S/build/stamps/render-edge1" before-touch && fail "edge1 re-rendered" || pass
[ -z "$(find "$S/dist/edge1" -newer "$SCRATCH/before-touch")" ] && pass || fail "dist/edge1 untouched"
run make -C "$S" INTENTCTL="$INTENTCTL" verify
expect_rc 0 "make verify after a touch"
[ "$(grep -c ' up to date$' "$SCRATCH/out")" = 2 ] && pass || fail "same content, nothing to publish: $(cat "$SCRATCH/out")"
[ "$(commits edge1)" = 1 ] && [ "$(commits edge2)" = 1 ] && pass || fail "a touch made no commit"

# --- one intent changed: edge2 gets a commit, edge1 does not ------------------
sed -i 's/"q:larger": {"value": 50,/"q:larger": {"value": 80,/' "$S/tmf921/factory-campus-slice.json"
run make -C "$S" INTENTCTL="$INTENTCTL" verify
expect_rc 0 "make verify after a change"
expect_contains "$SCRATCH/out" "edge1-config.git  main" "edge1 line"
grep -q "^edge1 .* up to date$" "$SCRATCH/out" && pass || fail "edge1 up to date: $(cat "$SCRATCH/out")"
grep -q "^edge2 .* pushed, 1 file changed$" "$SCRATCH/out" && pass || fail "edge2 pushed one file: $(cat "$SCRATCH/out")"
[ "$(commits edge1)" = 1 ] && [ "$(commits edge2)" = 2 ] && pass || fail "one new commit, on edge2"
git --git-dir="$(remote edge2)" show main:apps/intent/ran-cov-001.yaml >ran.yaml
expect_contains ran.yaml "80Mbps" "the new value reached edge2's repository"

# --- an intent moved to another site: both sites are rendered again ------------
sed -i 's/"nw:site": "edge1"/"nw:site": "edge2"/' "$S/tmf921/urllc-robot-cell.json"
run make -C "$S" -n INTENTCTL="$INTENTCTL" validate
expect_contains "$SCRATCH/out" "--site edge1 -o dist" "the site it left is rendered again"
expect_contains "$SCRATCH/out" "--site edge2 -o dist" "the site it moved to is rendered again"
run make -C "$S" INTENTCTL="$INTENTCTL" validate
expect_rc 0 "make after a move"
[ -f "$S/dist/edge2/apps/intent/cn-cap-001.yaml" ] && [ ! -f "$S/dist/edge1/apps/intent/cn-cap-001.yaml" ] \
  && pass || fail "urllc-robot-cell moved from edge1 to edge2"
sed -i 's/"nw:site": "edge2"/"nw:site": "edge1"/' "$S/tmf921/urllc-robot-cell.json"

# --- a broken intent: make stops, the trees stay as they were ------------------
run make -C "$S" INTENTCTL="$INTENTCTL" validate
cp -R "$S/dist" dist-before
sed 's/"q:larger"/"q:roughly"/' "$S/tmf921/factory-campus-slice.json" >"$S/tmf921/zz-broken.json"
run make -C "$S" INTENTCTL="$INTENTCTL" verify
expect_rc 2 "make with a broken intent"
expect_contains "$SCRATCH/err" "tmf921/zz-broken.json:" "the broken intent is named"
diff -r "$S/dist" dist-before >/dev/null && pass || fail "the trees are untouched"
[ ! -e "$S/build/28312/zz-broken.json" ] && pass || fail "no translation of the broken intent"
[ "$(commits edge1)" = 1 ] && [ "$(commits edge2)" = 2 ] && pass || fail "nothing published after the failure"
rm "$S/tmf921/zz-broken.json"
run make -C "$S" INTENTCTL="$INTENTCTL" validate
expect_contains "$SCRATCH/out" "Nothing to be done for 'validate'" "nothing left to do once it is gone"

# --- a conflicting intent: the check stops make before render ------------------
# 5g-network-short asks every site's core for latency under 1 ms; this one for over 5 ms.
echo '{"intent": "zz slow core", "requirements": {"latency": ">5ms"}}' >"$S/tmf921/zz-conflict.json"
run make -C "$S" INTENTCTL="$INTENTCTL" verify
expect_rc 2 "make with a conflicting intent"
expect_contains "$SCRATCH/out" "intentctl check " "the check ran"
expect_contains "$SCRATCH/out" "edge1, edge2: INTENT_CONFLICT: latency IS_LESS_THAN 1ms (intent 5g-network, expectation 5g-network-cn) and latency IS_GREATER_THAN 5ms (intent zz-slow-core, expectation zz-slow-core-cn)" \
  "the conflict is named, on both sites"
expect_not_contains "$SCRATCH/out" "intentctl render " "nothing rendered after the conflict"
diff -r "$S/dist" dist-before >/dev/null && pass || fail "the trees are untouched by the conflict"
grep -q '"conflictingIntent": "Intent=zz-slow-core"' "$S/build/reports/intent-report-5g-network.json" && pass ||
  fail "the IntentReport of 5g-network names the conflicting intent"
[ "$(commits edge1)" = 1 ] && [ "$(commits edge2)" = 2 ] && pass || fail "nothing published after the conflict"
rm "$S/tmf921/zz-conflict.json"
run make -C "$S" INTENTCTL="$INTENTCTL" validate
expect_rc 0 "make once the conflicting intent is gone"

# --- make clean removes what make made -----------------------------------------
run make -C "$S" clean
expect_rc 0 "make clean"
sed -i 's/"q:larger": {"value": 80,/"q:larger": {"value": 50,/' "$S/tmf921/factory-campus-slice.json"
diff -r "$S" pristine >clean.diff && pass || fail "make clean leaves the folder as it came: $(cat clean.diff)"

# --- INTENTCTL that is not there: a message, not a mystery ----------------------
run make -C "$S" INTENTCTL="$SCRATCH/no-such-intentctl"
expect_rc 2 "make without intentctl"
expect_contains "$SCRATCH/err" "no-such-intentctl installed? (make INTENTCTL=" "missing intentctl explained"

finish
