#!/usr/bin/env bash
# Benchmark of intentctl render, printed as a table:
#   - 10,000 expectations rendered to a site tree (target: under 1 s), into a
#     new folder and again over the previous tree;
#   - 100,000 expectations (target: under 10x the 10,000 case: linear);
#   - render --stdout against the peer, kubectl kustomize of the rendered tree,
#     at 1,000 expectations (kustomize is quadratic in files; target: 5x faster).
# Each cell is the median wall time, with the CPU time (user + system) beside it:
# on a machine shared with other work the CPU time is the steadier number.
# Usage: tests/bench/render.sh [path/to/intentctl]   (RUNS=N repeats, default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
intentctl=${1:-$here/../../build/cli/intentctl}
runs=${RUNS:-3}
command -v kubectl >/dev/null || { echo "kubectl is needed for the peer column" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/render-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

for n in 1000 10000 100000; do python3 "$here/render_input.py" "$n" >"$work/in-$n.json"; done

# "WALL CPU" medians in seconds of `count` runs of a command; each run's
# arguments may use {n}, replaced by the run's number (for a new folder each run).
measure() { # count command...
  local count=$1
  shift
  local walls=() cpus=() run args
  for ((run = 0; run < count; run++)); do
    args=("${@//\{n\}/$run}")
    /usr/bin/time -f "%e %U %S" -o "$work/time" "${args[@]}" >/dev/null 2>"$work/stderr" ||
      { cat "$work/stderr" >&2; exit 1; }
    read -r wall user system <"$work/time"
    walls+=("$wall")
    cpus+=("$(awk "BEGIN { print $user + $system }")")
  done
  local median='{ t[NR] = $1 } END { printf "%.2f", t[int((NR + 1) / 2)] }'
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | awk "$median") $(printf '%s\n' "${cpus[@]}" | sort -g | awk "$median")"
}

read -r fresh_10k fresh_10k_cpu < <(measure "$runs" "$intentctl" -q render "$work/in-10000.json" -o "$work/new10k-{n}")
read -r again_10k again_10k_cpu < <(measure "$runs" "$intentctl" -q render "$work/in-10000.json" -o "$work/new10k-0")
read -r stdout_10k stdout_10k_cpu < <(measure "$runs" "$intentctl" -q render "$work/in-10000.json" --stdout)
read -r fresh_100k fresh_100k_cpu < <(measure 1 "$intentctl" -q render "$work/in-100000.json" -o "$work/new100k")
read -r again_100k again_100k_cpu < <(measure 1 "$intentctl" -q render "$work/in-100000.json" -o "$work/new100k")
files_10k=$(find "$work/new10k-0" -type f | wc -l)
files_100k=$(find "$work/new100k" -type f | wc -l)

"$intentctl" -q render "$work/in-1000.json" -o "$work/out1k" --kustomize always
files_1k=$(find "$work/out1k" -type f | wc -l)
read -r stdout_1k stdout_1k_cpu < <(measure "$runs" "$intentctl" -q render "$work/in-1000.json" --stdout)
read -r kustomize_1k kustomize_1k_cpu < <(measure "$runs" kubectl kustomize "$work/out1k/edge1")

ratio() { awk "BEGIN { printf \"%.1fx\", $1 / $2 }"; }
met() { if awk "BEGIN { exit !($1) }"; then echo "yes"; else echo "NO"; fi; }
row() { printf '%-50s %7ss %6ss  %9s %6s  %-26s %s\n' "$@"; }

echo "intentctl render: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $runs runs (100,000: one run)"
echo
printf '%-50s %8s %7s  %9s %6s  %-26s %s\n' "case" "wall" "cpu" "peer wall" "cpu" "target" "met (wall)"
row "10,000 expectations, new tree ($files_10k files)" "$fresh_10k" "$fresh_10k_cpu" "-" "-" "< 1 s" "$(met "$fresh_10k < 1")"
row "10,000 expectations over the previous tree" "$again_10k" "$again_10k_cpu" "-" "-" "< 1 s" "$(met "$again_10k < 1")"
row "10,000 expectations --stdout" "$stdout_10k" "$stdout_10k_cpu" "-" "-" "-" "-"
row "100,000 expectations, new tree ($files_100k files)" "$fresh_100k" "$fresh_100k_cpu" "-" "-" \
  "< 10 x 10,000 ($(ratio "$fresh_100k" "$fresh_10k"))" "$(met "$fresh_100k < 10 * $fresh_10k")"
row "100,000 expectations over the previous tree" "$again_100k" "$again_100k_cpu" "-" "-" \
  "< 10 x 10,000 ($(ratio "$again_100k" "$again_10k"))" "$(met "$again_100k < 10 * $again_10k")"
row "1,000: --stdout vs kubectl kustomize ($files_1k files)" "$stdout_1k" "$stdout_1k_cpu" "${kustomize_1k}s" "${kustomize_1k_cpu}s" \
  ">= 5x faster ($(ratio "$kustomize_1k" "$stdout_1k"))" "$(met "$kustomize_1k >= 5 * $stdout_1k")"
