#!/usr/bin/env bash
# Hostile servers on 127.0.0.1 (the fixture's API server and metrics
# listener): a body far beyond any limit, a server that never answers, one
# that answers byte by byte, invalid JSON, an HTML page, a redirect. Each ends
# as unknown (exit 3), or pending when the deadline cuts it off (exit 4); none
# is a pass or a failure, none rolls back, memory stays bounded, and a slow
# but honest answer still counts when there is time for it.
. "$SOURCE_DIR/tests/support/testlib.sh"
. "$SOURCE_DIR/tests/support/verify-env.sh"
. "$SOURCE_DIR/tests/support/hostile.sh"

publish_sample
HEAD1=$(head_of edge1)
load_cluster edge1

# metrics_sites KIND HOW: edge1 with no cluster and its metrics at /hostile/HOW.
metrics_sites() {
  SITES_KUBECONFIG=no write_sites "{url: '$METRICS_URL/hostile/$2', kind: $1, targets: {latency: $( [ "$1" = json ] && echo /latency || echo latency)}}"
}
verify_slo() { run_measured "$INTENTCTL" verify dist --sites sites.yaml --site edge1 --slo 'latency<20ms' "$@"; }
slo_state() { awk '$1 == "edge1" && $2 == "slo" { print $3 }' "$SCRATCH/out"; }
no_rollback() {
  [ "$(head_of edge1)" = "$HEAD1" ] && pass || fail "$1: the branch moved"
  expect_not_contains "$SCRATCH/out" "rollback" "$1: no rollback"
}

# expect_stopped_at_limit WHAT: the huge answer (300 MiB, sent as fast as it
# is read) was refused at 64 MiB without being held: verify hung up with most
# of it unsent (what the socket buffers hold aside), and its peak memory stayed
# far below the answer's size. The peak is not judged in the sanitizer build,
# whose allocator keeps freed memory (up to 256 MiB) to catch uses after free.
huge_answers=0
expect_stopped_at_limit() {
  local notes=$STATE/huge-sent sent
  for _ in $(seq 600); do
    [ "$(cat "$notes" 2>/dev/null | wc -l)" -gt "$huge_answers" ] && break
    sleep 0.1
  done
  sent=$(tail -n +$((huge_answers + 1)) "$notes" 2>/dev/null | sort -n | tail -n 1)
  huge_answers=$(cat "$notes" 2>/dev/null | wc -l)
  [ -n "$sent" ] && [ "$sent" -lt $((96 << 20)) ] && pass ||
    fail "$1: the huge answer was read on: ${sent:-no note of it} bytes went out"
  sanitizer_build || { [ "$max_rss_kb" -lt 300000 ] && pass || fail "$1: ${max_rss_kb} KiB for a refused answer"; }
}

for kind in prometheus json; do
  where=$METRICS_URL/hostile
  # Far more than any answer may be: refused at 64 MiB, without holding it all.
  metrics_sites "$kind" huge
  verify_slo --rollback-on-failure
  expect_rc 3 "$kind: a huge answer"
  [ "$(slo_state)" = unknown ] && pass || fail "$kind: huge answer is '$(slo_state)'"
  expect_contains "$SCRATCH/out" "response larger than 64 MiB" "$kind: the limit named"
  expect_stopped_at_limit "$kind"
  no_rollback "$kind huge"

  # Never answers: the deadline cuts it off.
  metrics_sites "$kind" hang
  start=$(date +%s)
  verify_slo --timeout 2s --rollback-on-failure
  expect_rc 4 "$kind: a server that never answers"
  [ "$(slo_state)" = pending ] && pass || fail "$kind: a hang is '$(slo_state)'"
  expect_contains "$SCRATCH/out" "no answer before the deadline" "$kind: the deadline said"
  [ $(( $(date +%s) - start )) -le 8 ] && pass || fail "$kind: the hang held verify $(( $(date +%s) - start ))s"
  no_rollback "$kind hang"

  # Byte by byte, about three seconds: fine with time, cut off without.
  metrics_sites "$kind" trickle
  verify_slo --timeout 60s
  expect_rc 0 "$kind: a slow but honest answer"
  expect_contains "$SCRATCH/out" "edge1  slo      pass  1/1 targets met: latency 0.5 ms" "$kind: its value counts"
  verify_slo --timeout 1s --rollback-on-failure
  expect_rc 4 "$kind: a slow answer cut off by the deadline"
  [ "$(slo_state)" = pending ] && pass || fail "$kind: a cut-off trickle is '$(slo_state)'"
  no_rollback "$kind trickle"

  for how in invalid-json html redirect; do
    metrics_sites "$kind" "$how"
    verify_slo --rollback-on-failure
    expect_rc 3 "$kind: $how"
    [ "$(slo_state)" = unknown ] && pass || fail "$kind: $how is '$(slo_state)'"
    no_rollback "$kind $how"
  done
  expect_contains "$SCRATCH/out" "HTTP 302, a redirect to http://***@127.0.0.1:1/login; redirects are not followed" "$kind: the redirect, masked"
done
metrics_sites json html
verify_slo
expect_contains "$SCRATCH/out" "the answer is not JSON (HTTP 200, text/html); is it a JSON metrics document?" "an HTML page said"

# --- the API server --------------------------------------------------------------------------
write_sites
verify_cluster() { run_measured "$INTENTCTL" verify dist --sites sites.yaml --site edge1 "$@"; }
cluster_state() { awk '$1 == "edge1" && $2 == "cluster" { print $3 }' "$SCRATCH/out"; }

load_cluster edge1 --fault 'rootsyncs=huge'
verify_cluster
expect_rc 3 "API: a huge answer"
[ "$(cluster_state)" = unknown ] && pass || fail "API huge is '$(cluster_state)'"
expect_contains "$SCRATCH/out" "response larger than 64 MiB" "API: the limit named"
expect_stopped_at_limit API

load_cluster edge1 --fault 'rootsyncs=hang'
verify_cluster --timeout 2s
expect_rc 4 "API: never answers"
[ "$(cluster_state)" = pending ] && pass || fail "API hang is '$(cluster_state)'"

load_cluster edge1 --fault 'rootsyncs=trickle'
verify_cluster --timeout 60s
expect_rc 0 "API: the RootSync byte by byte, with time for it"
expect_contains "$SCRATCH/out" "edge1  cluster  pass  RootSync root-sync: SYNCED at ${HEAD1:0:7}" "API: the slow answer counts"
verify_cluster --timeout 1s
expect_rc 4 "API: byte by byte, cut off"

for how in invalid-json html redirect; do
  load_cluster edge1 --fault "rootsyncs=$how"
  verify_cluster
  expect_rc 3 "API: $how"
  [ "$(cluster_state)" = unknown ] && pass || fail "API $how is '$(cluster_state)'"
done
expect_contains "$SCRATCH/out" "HTTP 302, a redirect to http://***@127.0.0.1:1/login; redirects are not followed" "API: the redirect, masked"
load_cluster edge1 --fault 'rootsyncs=invalid-json'
verify_cluster
expect_contains "$SCRATCH/out" "the answer is not JSON" "API: invalid JSON said"

finish
