#!/usr/bin/env bash
# Benchmark of intentctl check, printed as a table: the conflict and
# feasibility check of 1,000, 10,000 and 100,000 expectations over 1,000 sites
# (tests/bench/conflicts_input.py: four expectations per intent, each intent
# on one site and one of two slices, one intent in seven in conflict with the
# others of its site and slice).
#   - the check itself (intentctl-bench-conflicts: grouping by site, object,
#     contexts and target name, the comparisons, the sums and the feasibility,
#     timed in one process apart from reading the input): under 1 s at
#     100,000, and growing as n log n, not n^2: each tenfold size under twice
#     what n log n allows (13.3x from 1,000 to 10,000, 12.5x from 10,000 to
#     100,000; n^2 would be 100x); the conflicts found are the ones the input
#     holds;
#   - intentctl check end to end (reading the JSON included), for the record.
# No other tool checks intents for conflicts: the peer column holds the
# previous size. Figures are median wall times.
# Usage: tests/bench/conflicts.sh [--rows] [path/to/intentctl]
#   (default: $INTENTCTL, then build/cli/intentctl; intentctl-bench-conflicts
#   beside it, built by tests/bench/run or ninja -C BUILD intentctl_bench_conflicts;
#   RUNS=N rounds of the check per size; --rows: see tests/bench/lib.sh)
# Exits 1 when a target is missed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
intentctl=$(bench_intentctl "${1:-}")
bench=$(dirname "$intentctl")/intentctl-bench-conflicts
[ -x "$bench" ] || bench_fail "no $bench (build it: ninja -C $(dirname "$(dirname "$intentctl")") intentctl_bench_conflicts)"
work=$BENCH_WORK
sites=1000
sizes=(1000 10000 100000)
rounds=$(bench_runs 9 5)
runs=$(bench_runs 3 1)

declare -A wall cpu read found expected megabytes
for n in "${sizes[@]}"; do
  python3 "$BENCH_DIR/conflicts_input.py" "$work/in-$n" "$n" "$sites"
  expected[$n]=$(cat "$work/in-$n/expected")
  megabytes[$n]=$(du -m "$work/in-$n/intents.json" | cut -f1)
  read -r wall[$n] cpu[$n] read[$n] count _ found[$n] _ _ < <("$bench" "$rounds" "$work/in-$n/sites.yaml" "$work/in-$n/intents.json")
  [ "$count" = "$n" ] || bench_fail "intentctl-bench-conflicts read $count expectations, not $n"
done

# n log n from size a to size b, and twice that as the target.
nlogn() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b * log(b) / (a * log(a)) }'; }

bench_row "check: $(bench_count 1000) expectations, $(bench_count $sites) sites" "$(bench_ms "${wall[1000]}")" "-" "-" \
  "< 1 s" "$(bench_met "${wall[1000]} < 1")" "$rounds"
previous=1000
for n in 10000 100000; do
  growth=$(nlogn "$previous" "$n")
  target="< $(bench_calc "2 * $growth")x (n log n ${growth}x)"
  met="${wall[$n]} < 2 * $growth * ${wall[$previous]}"
  if [ "$n" = 100000 ]; then target="< 1 s, $target"; met="$met && ${wall[$n]} < 1"; fi
  bench_row "check: $(bench_count "$n") expectations, $(bench_count $sites) sites" "$(bench_ms "${wall[$n]}")" \
    "$(bench_count "$previous"): $(bench_ms "${wall[$previous]}")" "$(bench_ratio "${wall[$n]}" "${wall[$previous]}")" \
    "$target" "$(bench_met "$met")" "$rounds"
  previous=$n
done
for n in "${sizes[@]}"; do
  bench_row "check: conflicts found in $(bench_count "$n")" "$(bench_count "${found[$n]}")" \
    "input holds $(bench_count "${expected[$n]}")" "-" "= input" "$(bench_met "${found[$n]} == ${expected[$n]}")" "1"
done

for n in "${sizes[@]}"; do
  times=$(bench_time "check-$n" "$runs" -i -- "$intentctl" -q check "$work/in-$n/intents.json" --sites "$work/in-$n/sites.yaml")
  bench_row "intentctl check end to end, $(bench_count "$n") (${megabytes[$n]} MB of JSON)" "$(bench_s "${times% *}")" \
    "-" "-" "-" "-" "$runs"
done
for n in "${sizes[@]}"; do
  bench_note "check at $(bench_count "$n"): $(bench_ms "${cpu[$n]}") of CPU a round; reading the input, once: $(bench_s "${read[$n]}")"
done

bench_end "intentctl check: conflicts and feasibility at scale"
