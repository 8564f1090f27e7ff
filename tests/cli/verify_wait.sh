#!/usr/bin/env bash
# verify --wait: polling until Config Sync catches up (the fixture switches
# state as soon as verify has shown what it waits for), a definite failure
# ending the wait at once, refused credentials not asked again, a server
# error asked again until it passes; and the deadline: --timeout ends a wait
# with exit 4 and what was still open, a request still running at the
# deadline is cut off and reported pending (exit 4), a server error that
# lasts until the deadline is unknown with exit 4 (3 without --wait).
#
# Nothing here waits a fixed time for the program: every step waits for what
# it needs to see, so the test holds on a busy machine. With VERIFY_WAIT_HOG=1
# (the cli.verify_wait_hog test) it runs beside stress-ng keeping both cores busy.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"

HOG=
if [ "${VERIFY_WAIT_HOG:-0}" = 1 ]; then
  require_tool stress-ng
  stress-ng --cpu 2 --quiet &
  HOG=$!
  echo "running beside stress-ng --cpu 2 (pid $HOG)"
fi
trap '[ -z "$HOG" ] || kill "$HOG" 2>/dev/null; "$FIXTURE" stop "$STATE"; rm -rf "$SCRATCH"' EXIT

publish_sample
HEAD1=$(head_of edge1)

# wait_for_line FILE TEXT: until FILE holds TEXT (two minutes at most).
wait_for_line() {
  local tries=0
  until grep -qF -- "$2" "$1" 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -lt 1200 ] || { fail "never saw '$2' in $(basename "$1")"; return 1; }
    sleep 0.1
  done
}

# finish_background PID: waits for it, setting $rc.
finish_background() {
  set +e
  wait "$1"
  rc=$?
  set -e
}

seconds_since() { echo $(( $(date +%s) - $1 )); }

# --- catching up ------------------------------------------------------------------------------
load_cluster edge1 --rootsync pending --old-commit 9d01b2e0000000000000000000000000000000aa
"$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 5m \
  >"$SCRATCH/wait.out" 2>"$SCRATCH/wait.err" &
verify_pid=$!
wait_for_line "$SCRATCH/wait.out" "RootSync root-sync: PENDING (source"
load_cluster edge1 --bundles not-ready
wait_for_line "$SCRATCH/wait.out" "0/2 bundles Ready"
load_cluster edge1
finish_background "$verify_pid"
expect_rc 0 "--wait turns green when the cluster catches up"
expect_contains "$SCRATCH/wait.out" "edge1  git      pass" "git line"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  wait  RootSync root-sync: PENDING (source ${HEAD1:0:7}, sync 9d01b2e)" "wait line while pending"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  wait  RootSync root-sync: SYNCED at ${HEAD1:0:7}; 11/11 objects present; 11/11 Current; 0/2 bundles Ready" "wait line while the bundles come up"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  pass  RootSync root-sync: SYNCED at ${HEAD1:0:7}; 11/11 objects present; 11/11 Current; 2/2 bundles Ready; 1/1 ProvisioningRequest fulfilled" "pass line at the end"
[ "$(grep -c 'PENDING (source' "$SCRATCH/wait.out")" -eq 1 ] && pass || fail "the same wait line is printed once"

# --- the deadline -------------------------------------------------------------------------------
# Never synced: --timeout ends the wait with exit 4 and says what was pending.
load_cluster edge1 --rootsync old-commit --old-commit 9d01b2e0000000000000000000000000000000aa
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 300ms --timeout 2s
expect_rc 4 "timed out"
elapsed=$(seconds_since "$start")
[ "$elapsed" -ge 2 ] && [ "$elapsed" -le 6 ] && pass || fail "timeout took ${elapsed}s"
expect_contains "$SCRATCH/out" "edge1  cluster  pending  RootSync root-sync: SYNCED at 9d01b2e, waiting for ${HEAD1:0:7}" "final pending line"
expect_contains "$SCRATCH/err" "timed out after 2s waiting for: edge1 cluster" "what was pending"

# A request still running when the deadline comes is cut off: pending, exit 4.
load_cluster edge1 --fault 'rootsyncs=hang'
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 2s
expect_rc 4 "a request cut off by the deadline under --wait"
elapsed=$(seconds_since "$start")
[ "$elapsed" -le 6 ] && pass || fail "the hanging request was cut off after ${elapsed}s"
expect_contains "$SCRATCH/out" "edge1  cluster  pending  $API_URL/clusters/edge1/apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync: no answer before the deadline" "pending, not an error"
expect_not_contains "$SCRATCH/out" "unknown" "a deadline is not an unknown"
expect_contains "$SCRATCH/err" "timed out after 2s waiting for: edge1 cluster" "the deadline named"
# The same without --wait: --timeout is a deadline all the same.
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --timeout 2s
expect_rc 4 "a request cut off by --timeout"
expect_contains "$SCRATCH/out" "edge1  cluster  pending" "pending without --wait too"

# A server error that lasts until the deadline: unknown, and exit 4 (--wait
# was still asking); without --wait it is exit 3 at once.
load_cluster edge1 --fault 'rootsyncs=503'
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 2s
expect_rc 4 "an error retried until the deadline"
expect_contains "$SCRATCH/out" "edge1  cluster  unknown  $API_URL/clusters/edge1/apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync: HTTP 503: injected fault" "the last answer, as unknown"
expect_contains "$SCRATCH/err" "timed out after 2s waiting for: edge1 cluster (unknown)" "unknown at the deadline"
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1
expect_rc 3 "the same error in one pass"

# A metrics endpoint that never answers, under --wait: the SLO check is pending at the deadline.
write_sites "{url: '$METRICS_URL/hostile/hang', targets: {latency: latency}}"
load_cluster edge1
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 3s
expect_rc 4 "a metrics request cut off by the deadline"
expect_contains "$SCRATCH/out" "edge1  cluster  pass" "the cluster passed first"
expect_contains "$SCRATCH/out" "edge1  slo      pending  $METRICS_URL/hostile/hang/api/v1/query: no answer before the deadline" "slo pending at the deadline"
write_sites

# --- what ends a wait early ------------------------------------------------------------------------
# A definite failure ends the wait at once (exit 1), long before the timeout.
load_cluster edge1 --pr failed
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 60s
expect_rc 1 "failure under --wait"
[ "$(seconds_since "$start")" -le 30 ] && pass || fail "a failure should not wait for the timeout"

# Refused credentials are not retried either: unknown, exit 3.
"$FIXTURE" kubeconfig "$STATE" edge1 --token wrong --out kc-edge1.yaml
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 60s
expect_rc 3 "refused auth under --wait"
expect_contains "$SCRATCH/out" "edge1  cluster  unknown" "refused credentials: unknown"
[ "$(seconds_since "$start")" -le 30 ] && pass || fail "refused auth should not wait for the timeout"

# A server error is retried under --wait and gives way when the server recovers.
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --out kc-edge1.yaml
load_cluster edge1 --fault 'rootsyncs=503'
"$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 5m \
  >"$SCRATCH/wait.out" 2>"$SCRATCH/wait.err" &
verify_pid=$!
wait_for_line "$SCRATCH/wait.out" "HTTP 503: injected fault"
load_cluster edge1
finish_background "$verify_pid"
expect_rc 0 "a 503 is retried under --wait"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  wait  $API_URL/clusters/edge1/apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync: HTTP 503: injected fault" "the error is a wait line"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  pass" "then the pass line"
expect_not_contains "$SCRATCH/wait.out" "edge1  cluster  unknown" "no final unknown line for a retried error"

# Bad durations are usage errors.
run "$INTENTCTL" verify dist --sites sites.yaml --wait --timeout soon
expect_rc 2 "bad --timeout"
expect_contains "$SCRATCH/err" "--timeout" "names the flag"
run "$INTENTCTL" verify dist --sites sites.yaml --wait --interval 0s
expect_rc 2 "zero --interval"

finish
