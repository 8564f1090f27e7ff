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
#   tests/bench/verify.sh [INTENTCTL]      (env: SITES=100 RTT_MS=10 RUNS=3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
intentctl=$(realpath "${1:-${INTENTCTL:-$source_dir/build/cli/intentctl}}")
sites=${SITES:-100}
rtt=${RTT_MS:-10}
runs=${RUNS:-3}
fixture=$source_dir/tests/support/kube-fixture
for tool in hyperfine python3 git; do
  command -v "$tool" >/dev/null || { echo "verify bench: $tool is needed" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-verify-bench.XXXXXX")
cleanup() { "$fixture" stop "$work/fixture" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
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
  "$intentctl" verify dist --sites sites.yaml -j 8 >check.out 2>&1 || { echo "verify bench: verify failed:" >&2; head -20 check.out >&2; exit 1; }
  [ "$(grep -c '  pass  ' check.out)" -eq $((3 * sites)) ] || { echo "verify bench: not every check passed" >&2; exit 1; }
}

mean_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }

measure_many() { # delay-ms -> sets seq and par (seconds)
  load_clusters "$1"
  check_passes
  hyperfine -N -w 1 -r "$runs" --export-json seq.json "$intentctl verify dist --sites sites.yaml -j 1" >/dev/null
  hyperfine -N -w 1 -r "$runs" --export-json par.json "$intentctl verify dist --sites sites.yaml -j 8" >/dev/null
  seq=$(mean_of seq.json)
  par=$(mean_of par.json)
}

measure_many 0
seq0=$seq par0=$par
measure_many "$rtt"
seq_rtt=$seq par_rtt=$par

# --- one pass on one site ------------------------------------------------------------------
load_clusters 0
hyperfine -N -w 3 -r 20 --export-json one.json "$intentctl verify dist --sites sites.yaml --site edge$(printf "%0${#sites}d" 1)" >/dev/null
one_wall=$(mean_of one.json)
for i in $(seq 20); do
  "$intentctl" -v verify dist --sites sites.yaml --site "edge$(printf "%0${#sites}d" 1)" 2>&1 >/dev/null | grep requests
done >one-pass.txt

python3 - "$sites" "$rtt" "$seq0" "$par0" "$seq_rtt" "$par_rtt" "$one_wall" one-pass.txt <<'PY'
import re, statistics, sys
sites, rtt = int(sys.argv[1]), int(sys.argv[2])
seq0, par0, seq_rtt, par_rtt, one_wall = map(float, sys.argv[3:8])
passes = [re.search(r"(\d+) requests, network ([\d.]+) ms, checks ([\d.]+) ms \(git ([\d.]+), cluster ([\d.]+), slo ([\d.]+)\)", line).groups()
          for line in open(sys.argv[8])]
requests = int(passes[0][0])
network, checks, git, cluster, slo = (statistics.median(float(p[i]) for p in passes) for i in range(1, 6))
print(f"intentctl verify, {sites} sites (git + cluster + SLO each), loopback fixture, mean of the runs")
print()
print(f"| fixture round trip      | -j 1 (one after the other) | -j 8      | speedup |")
print(f"|-------------------------|----------------------------|-----------|---------|")
print(f"| loopback (~0 ms)        | {seq0:>24.2f} s | {par0:>7.2f} s | {seq0 / par0:>6.1f}x |")
print(f"| +{rtt} ms per request      | {seq_rtt:>24.2f} s | {par_rtt:>7.2f} s | {seq_rtt / par_rtt:>6.1f}x |")
print()
print(f"one pass on one site, median of {len(passes)} ({requests} HTTP requests; process wall: the mean of 20 runs)")
print(f"| process wall | HTTP round trips | pass     | pass beyond round trips |")
print(f"|--------------|------------------|----------|-------------------------|")
print(f"| {one_wall * 1000:>9.1f} ms | {network:>13.1f} ms | {checks:>5.1f} ms | {checks - network:>20.1f} ms |")
print(f"(the pass by check, round trips included: git {git:.1f} ms, cluster {cluster:.1f} ms, slo {slo:.1f} ms)")
print()
ok_speed = seq_rtt / par_rtt >= 5
ok_pass = checks - network < 20
print(f"target: -j 8 at least 5x faster than -j 1 (with {rtt} ms round trips): {'met' if ok_speed else 'NOT met'}")
print(f"target: one pass adds under 20 ms to its round trips: {'met' if ok_pass else 'NOT met'}")
PY
