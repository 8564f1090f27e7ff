#!/usr/bin/env bash
# Benchmark of intentctl verify against the loopback Kubernetes fixture
# (tests/support/kube-fixture), every check on: git (a local bare repository
# per site), cluster (RootSync, every object, bundles) and SLO (Prometheus API).
#
#   1. 100 sites one after the other (-j 1) against 8 at once (-j 8), with the
#      fixture answering at once and with an emulated round trip (RTT_MS,
#      default 10 ms: a cluster API in another data centre);
#   2. one pass on one site: how long it takes beyond its HTTP round trips.
#
#   tests/bench/verify.sh [--rows] [INTENTCTL]   (env: SITES=100 RTT_MS=10 RUNS=3)
#
# Under BENCH_QUICK=1 the -j 1 run with round trips (about 20 s of emulated
# network alone) is timed once without a warm-up, the one-site pass 10 times
# instead of 20. --rows: see tests/bench/lib.sh. Exits 1 when a target is missed.
set -eu
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
intentctl=$(bench_intentctl "${1:-}")
sites=${SITES:-100}
rtt=${RTT_MS:-10}
runs=$(bench_runs 3 3)
runs_slow=$(bench_runs 3 1) warmup_slow=1
[ "${BENCH_QUICK:-0}" = 1 ] && warmup_slow=0
runs_one=$(bench_runs 20 10)
fixture=$BENCH_SOURCE_DIR/tests/support/kube-fixture
source_dir=$BENCH_SOURCE_DIR
command -v git >/dev/null || bench_fail "git is needed"

work=$BENCH_WORK
bench_on_exit "$fixture" stop "$work/fixture"
cd "$work"
export XDG_CACHE_HOME=$work/cache
unset KUBECONFIG INTENTCTL_SITES

# --- set-up: N sites, each with its own remote, cluster and Prometheus ----------------
"$fixture" start fixture >/dev/null
metrics_url=$(cat fixture/metrics-url)
names=()
for i in $(seq -w 1 "$sites"); do names+=("edge$i"); done
{
  echo "sites:"
  for name in "${names[@]}"; do
    echo "  $name: {repo: remotes/$name.git, kubeconfig: kc/$name.yaml, metrics: {url: '$metrics_url/prom/$name'}}"
    git init -q --bare -b main "remotes/$name.git"
  done
} >sites.yaml
mkdir -p kc
"$fixture" kubeconfig fixture edge-template --token bench-token --out kc/template.yaml
for name in "${names[@]}"; do sed "s/edge-template/$name/g" kc/template.yaml >"kc/$name.yaml"; done
site_flags=()
for name in "${names[@]}"; do site_flags+=(--site "$name"); done
"$intentctl" translate "$source_dir/samples/tmf921/urllc-robot-cell.json" "${site_flags[@]}" >intent.json 2>/dev/null
"$intentctl" render -q --sites sites.yaml intent.json -o dist
"$intentctl" publish -q --sites sites.yaml -j 8 dist >/dev/null
all=$(IFS=,; echo "${names[*]}")

load_clusters() { # delay-ms
  "$fixture" load fixture "$all" --tree 'dist/{cluster}' --commit-git 'remotes/{cluster}.git' --token bench-token \
    --pr none --delay-ms "$1" --metrics-delay-ms "$1" \
    --metric latency=0.4 --metric jitter=0.1 --metric packetLoss=0.0005 --metric reliability=99.9995 --metric redundancy=2
}

# Every run must pass every check, or the numbers mean nothing.
check_passes() {
  "$intentctl" verify dist --sites sites.yaml -j 8 >check.out 2>&1 || { head -20 check.out >&2; bench_fail "verify failed"; }
  [ "$(grep -c '  pass  ' check.out)" -eq $((3 * sites)) ] || bench_fail "not every check passed"
}

measure_many() { # delay-ms runs-of-j1 warmup-of-j1 -> sets seq and par (seconds)
  load_clusters "$1"
  check_passes
  seq=$(bench_time "seq-$1" "$2" --warmup "$3" -- "$intentctl" verify dist --sites sites.yaml -j 1)
  par=$(bench_time "par-$1" "$runs" --warmup 1 -- "$intentctl" verify dist --sites sites.yaml -j 8)
  seq=${seq% *} par=${par% *}
}

measure_many 0 "$runs" 1
seq0=$seq par0=$par
measure_many "$rtt" "$runs_slow" "$warmup_slow"
seq_rtt=$seq par_rtt=$par

# --- one pass on one site ------------------------------------------------------------------
load_clusters 0
one_site=edge$(printf "%0${#sites}d" 1)
one_wall=$(bench_time one "$runs_one" --warmup 3 -- "$intentctl" verify dist --sites sites.yaml --site "$one_site")
one_wall=${one_wall% *}
for _ in $(seq "$runs_one"); do
  "$intentctl" -v verify dist --sites sites.yaml --site "$one_site" 2>&1 >/dev/null | grep requests
done >one-pass.txt
# "REQUESTS NETWORK CHECKS GIT CLUSTER SLO": medians of the passes' own account, in ms
read -r requests network checks git cluster slo < <(python3 - one-pass.txt <<'PY'
import re, statistics, sys
passes = [re.search(r"(\d+) requests, network ([\d.]+) ms, checks ([\d.]+) ms \(git ([\d.]+), cluster ([\d.]+), slo ([\d.]+)\)", line).groups()
          for line in open(sys.argv[1])]
print(passes[0][0], *("%.1f" % statistics.median(float(p[i]) for p in passes) for i in range(1, 6)))
PY
)
beyond=$(bench_calc "($checks - $network) / 1000")

label="verify: $sites sites, -j 8"
bench_row "$label, loopback" "$(bench_s "$par0")" "-j 1 $(bench_s "$seq0")" "$(bench_ratio "$seq0" "$par0")" \
  ">= 5x faster" "$(bench_met "$seq0 >= 5 * $par0")" "$runs/$runs"
bench_row "$label, +$rtt ms round trip" "$(bench_s "$par_rtt")" "-j 1 $(bench_s "$seq_rtt")" "$(bench_ratio "$seq_rtt" "$par_rtt")" \
  ">= 5x faster" "$(bench_met "$seq_rtt >= 5 * $par_rtt")" "$runs/$runs_slow"
bench_row "verify: one pass, beyond its round trips" "$(bench_ms "$beyond")" "-" "-" "< 20 ms" \
  "$(bench_met "$beyond < 0.020")" "$runs_one"
bench_note "verify: every site checked for git, cluster and SLO against the loopback fixture; one pass on one site: $requests HTTP requests, round trips $network ms of its $checks ms (git $git, cluster $cluster, slo $slo ms), whole process $(bench_ms "$one_wall")"

bench_end "intentctl verify, $sites sites (git + cluster + SLO each), loopback fixture"
