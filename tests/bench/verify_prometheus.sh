#!/usr/bin/env bash
# Benchmark of intentctl verify of 100 sites against a real Prometheus
# (Debian's prometheus package, scraping tests/support/metrics-exporter, both
# on 127.0.0.1; tests/support/prometheus-env.sh). Every site has its own local
# Git remote and five SLO targets (the urllc-robot-cell sample), each read with
# its own query; there is no cluster, so verify runs the git check and the SLO
# check of every site.
#
# Peer: what a script does without intentctl, a shell loop that asks
# Prometheus the same five queries per site with curl and judges each value
# with awk, one after the other. It does less than verify (no git check, no
# unit handling beyond fixed factors, no report), so it is the floor of what
# the SLO checks alone cost through Prometheus's HTTP API.
#
#   tests/bench/verify_prometheus.sh [--rows] [INTENTCTL]   (env: SITES=100 RUNS=5)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
intentctl=$(bench_intentctl "${1:-}")
sites=${SITES:-100}
runs=$(bench_runs 5 3)
command -v git >/dev/null || bench_fail "git is needed"
command -v curl >/dev/null || bench_fail "curl is needed (Debian package curl)"
command -v prometheus >/dev/null || bench_fail "prometheus is needed (Debian package prometheus)"

work=$BENCH_WORK
cd "$work"
export XDG_CACHE_HOME=$work/cache HOME=$work/home
unset KUBECONFIG INTENTCTL_SITES
mkdir -p "$HOME"
. "$BENCH_SOURCE_DIR/tests/support/prometheus-env.sh"
metrics_lab_init "$work/lab"
bench_on_exit metrics_lab_stop

# --- set-up: N sites, each with its own remote and its own series in Prometheus ----------------
names=()
for i in $(seq -w 1 "$sites"); do names+=("edge$i"); done
series=()
{
  echo "sites:"
  for name in "${names[@]}"; do
    git init -q --bare -b main "remotes/$name.git"
    cat <<YAML
  $name:
    repo: remotes/$name.git
    metrics:
      url: $PROM_URL
      targets:
        latency: {query: 'upf_latency_p95_seconds{site="$name"}', unit: s}
        jitter: {query: 'upf_jitter_seconds{site="$name"}', unit: s}
        packetLoss: {query: 'upf_packet_loss_ratio{site="$name"}', unit: ratio}
        reliability: {query: 'tn_reliability_percent{site="$name"}', unit: '%'}
        redundancy: 'tn_redundancy{site="$name"}'
YAML
    series+=("upf_latency_p95_seconds{site=\"$name\"} 0.0004" "upf_jitter_seconds{site=\"$name\"} 0.0001"
      "upf_packet_loss_ratio{site=\"$name\"} 0.000005" "tn_reliability_percent{site=\"$name\"} 99.9995"
      "tn_redundancy{site=\"$name\"} 2")
  done
} >sites.yaml
site_flags=()
for name in "${names[@]}"; do site_flags+=(--site "$name"); done
"$intentctl" translate "$BENCH_SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" "${site_flags[@]}" >intent.json 2>/dev/null
"$intentctl" render -q --sites sites.yaml intent.json -o dist
"$intentctl" publish -q --sites sites.yaml -j 8 dist >/dev/null
start_exporter
start_prometheus
serve "${series[@]}"

# The peer: the same queries, one after the other, judged with awk.
cat >peer.sh <<'SH'
#!/usr/bin/env bash
# PROM SITES: exit 0 when every site's five values meet their targets.
prom=$1 failed=0
value() { # query -> its one sample, or "none"
  curl -sf --get "$prom/api/v1/query" --data-urlencode "query=$1" |
    sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p' | grep . || echo none
}
meets() { # value op bound factor
  awk -v v="$1" -v op="$2" -v b="$3" -v f="$4" 'BEGIN {
    if (v == "none" || v == "NaN") exit 2
    x = v * f
    exit !(op == "<" ? x < b : op == "<=" ? x <= b : op == ">=" ? x >= b : x == b) }'
}
for site in $(seq -w 1 "$2"); do
  s=edge$site
  meets "$(value "upf_latency_p95_seconds{site=\"$s\"}")" "<" 1 1000 || failed=1
  meets "$(value "upf_jitter_seconds{site=\"$s\"}")" "<=" 0.2 1000 || failed=1
  meets "$(value "upf_packet_loss_ratio{site=\"$s\"}")" "<" 0.001 100 || failed=1
  meets "$(value "tn_reliability_percent{site=\"$s\"}")" ">=" 99.999 1 || failed=1
  meets "$(value "tn_redundancy{site=\"$s\"}")" "=" 2 1 || failed=1
done
exit $failed
SH

# Every run must pass every check, or the numbers mean nothing.
"$intentctl" verify dist --sites sites.yaml -j 8 >check.out 2>&1 || { head -20 check.out >&2; bench_fail "verify failed"; }
[ "$(grep -c '  slo      pass  5/5 targets met' check.out)" -eq "$sites" ] || bench_fail "not every SLO check passed"
[ "$(grep -c '  git      pass' check.out)" -eq "$sites" ] || bench_fail "not every git check passed"
bash peer.sh "$PROM_URL" "$sites" || bench_fail "the peer found a target not met"

par=$(bench_time par "$runs" --warmup 1 -- "$intentctl" verify dist --sites sites.yaml -j 8)
seq=$(bench_time seq "$runs" --warmup 1 -- "$intentctl" verify dist --sites sites.yaml -j 1)
peer=$(bench_time peer "$runs" --warmup 1 -- bash peer.sh "$PROM_URL" "$sites")
par=${par% *} seq=${seq% *} peer=${peer% *}

label="verify: $sites sites vs Prometheus (git + 5 SLO targets each)"
bench_row "$label, -j 8" "$(bench_s "$par")" "curl loop $(bench_s "$peer")" "$(bench_ratio "$peer" "$par")" "-" "-" "$runs/$runs"
bench_row "$label, -j 1" "$(bench_s "$seq")" "curl loop $(bench_s "$peer")" "$(bench_ratio "$peer" "$seq")" "-" "-" "$runs/$runs"
bench_note "verify_prometheus: $(prometheus --version 2>&1 | head -1 | cut -d' ' -f1-3), scrape every 1s, $((5 * sites)) series; ours: $((5 * sites)) queries and $sites git checks per run; peer: the $((5 * sites)) queries with curl and awk, one after the other, no git check"

bench_end "intentctl verify, $sites sites against a real Prometheus"
