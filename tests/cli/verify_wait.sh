#!/usr/bin/env bash
# verify --wait: polling until Config Sync catches up (the fixture switches
# state mid-run), a definite failure ending the wait at once, and --timeout
# ending it with exit 4 and what was still pending.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"

publish_sample
HEAD1=$(head_of edge1)

# Pending at first; the cluster catches up while verify waits.
load_cluster edge1 --rootsync pending --old-commit 9d01b2e0000000000000000000000000000000aa
"$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 30s \
  >"$SCRATCH/wait.out" 2>"$SCRATCH/wait.err" &
verify_pid=$!
sleep 1.5
load_cluster edge1 --bundles not-ready
sleep 1
load_cluster edge1
set +e
wait "$verify_pid"
rc=$?
set -e
expect_rc 0 "--wait turns green when the cluster catches up"
expect_contains "$SCRATCH/wait.out" "edge1  git      pass" "git line"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  wait  RootSync root-sync: PENDING (source ${HEAD1:0:7}, sync 9d01b2e)" "wait line while pending"
expect_contains "$SCRATCH/wait.out" "0/2 bundles Ready" "wait line while the bundles come up"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  pass  RootSync root-sync: SYNCED at ${HEAD1:0:7}; 11/11 objects present; 2/2 bundles Ready; 1/1 ProvisioningRequest fulfilled" "pass line at the end"
[ "$(grep -c 'PENDING (source' "$SCRATCH/wait.out")" -eq 1 ] && pass || fail "the same wait line is printed once"

# Never synced: --timeout ends the wait with exit 4 and says what was pending.
load_cluster edge1 --rootsync old-commit --old-commit 9d01b2e0000000000000000000000000000000aa
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 300ms --timeout 2s
expect_rc 4 "timed out"
elapsed=$(( $(date +%s) - start ))
[ "$elapsed" -ge 2 ] && [ "$elapsed" -le 5 ] && pass || fail "timeout took ${elapsed}s"
expect_contains "$SCRATCH/out" "edge1  cluster  pending  RootSync root-sync: SYNCED at 9d01b2e, waiting for ${HEAD1:0:7}" "final pending line"
expect_contains "$SCRATCH/err" "timed out after 2s waiting for: edge1 cluster" "what was pending"

# A definite failure ends the wait at once (exit 1), long before the timeout.
load_cluster edge1 --pr failed
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 60s
expect_rc 1 "failure under --wait"
[ $(( $(date +%s) - start )) -le 10 ] && pass || fail "a failure should not wait for the timeout"

# Refused credentials are not retried either.
"$FIXTURE" kubeconfig "$STATE" edge1 --token wrong --out kc-edge1.yaml
start=$(date +%s)
run "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 60s
expect_rc 3 "refused auth under --wait"
[ $(( $(date +%s) - start )) -le 10 ] && pass || fail "refused auth should not wait for the timeout"

# A server error is retried under --wait and gives way when the server recovers.
"$FIXTURE" kubeconfig "$STATE" edge1 --token "$TOKEN" --out kc-edge1.yaml
load_cluster edge1 --fault 'rootsyncs=503'
"$INTENTCTL" verify dist --sites sites.yaml --site edge1 --wait --interval 200ms --timeout 30s \
  >"$SCRATCH/wait.out" 2>"$SCRATCH/wait.err" &
verify_pid=$!
sleep 1
load_cluster edge1
set +e
wait "$verify_pid"
rc=$?
set -e
expect_rc 0 "a 503 is retried under --wait"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  wait  $API_URL/clusters/edge1/apis/configsync.gke.io/v1beta1/namespaces/config-management-system/rootsyncs/root-sync: HTTP 503: injected fault" "the error is a wait line"
expect_contains "$SCRATCH/wait.out" "edge1  cluster  pass" "then the pass line"
expect_not_contains "$SCRATCH/wait.out" "edge1  cluster  error" "no final error line for a retried error"

# Bad durations are usage errors.
run "$INTENTCTL" verify dist --sites sites.yaml --wait --timeout soon
expect_rc 2 "bad --timeout"
expect_contains "$SCRATCH/err" "--timeout" "names the flag"
run "$INTENTCTL" verify dist --sites sites.yaml --wait --interval 0s
expect_rc 2 "zero --interval"

finish
