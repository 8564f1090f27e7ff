#!/usr/bin/env bash
# Benchmark of intentctl render, printed as a table:
#   - 10,000 expectations rendered to a site tree (target: under 1 s), into a
#     new folder and again over the previous tree;
#   - 100,000 expectations (target: under 10x the 10,000 case: linear);
#   - render -o - against the peer, kubectl kustomize of the rendered tree,
#     at 1,000 expectations (kustomize is quadratic in files; target: 5x faster).
# Each figure is the median wall time of its runs.
# Usage: tests/bench/render.sh [--rows] [path/to/intentctl]
#   (default: $INTENTCTL, then build/cli/intentctl; RUNS=N repeats, default 3,
#   100,000 once; BENCH_QUICK=1 runs kustomize once; --rows: see tests/bench/lib.sh)
# Exits 1 when a target is missed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
intentctl=$(bench_intentctl "${1:-}")
runs=$(bench_runs 3 3)
runs_kustomize=$(bench_runs 3 1)
work=$BENCH_WORK

for n in 1000 10000 100000; do python3 "$BENCH_DIR/render_input.py" "$n" >"$work/in-$n.json"; done

# A new tree each run: the previous run's folder is removed before it.
fresh_10k=$(bench_time fresh-10k "$runs" --prepare "rm -rf $work/new10k" -- "$intentctl" -q render "$work/in-10000.json" -o "$work/new10k")
again_10k=$(bench_time again-10k "$runs" -- "$intentctl" -q render "$work/in-10000.json" -o "$work/new10k")
stdout_10k=$(bench_time stdout-10k "$runs" -- "$intentctl" -q render "$work/in-10000.json" -o -)
fresh_100k=$(bench_time fresh-100k 1 -- "$intentctl" -q render "$work/in-100000.json" -o "$work/new100k")
again_100k=$(bench_time again-100k 1 -- "$intentctl" -q render "$work/in-100000.json" -o "$work/new100k")
fresh_10k=${fresh_10k% *} again_10k=${again_10k% *} stdout_10k=${stdout_10k% *}
fresh_100k=${fresh_100k% *} again_100k=${again_100k% *}
files_10k=$(find "$work/new10k" -type f | wc -l)
files_100k=$(find "$work/new100k" -type f | wc -l)

bench_row "render: 10,000 expectations, new tree" "$(bench_s "$fresh_10k")" "-" "-" "< 1 s" \
  "$(bench_met "$fresh_10k < 1")" "$runs"
bench_row "render: 10,000 over the previous tree" "$(bench_s "$again_10k")" "-" "-" "< 1 s" \
  "$(bench_met "$again_10k < 1")" "$runs"
bench_row "render: 100,000 expectations, new tree" "$(bench_s "$fresh_100k")" "10,000: $(bench_s "$fresh_10k")" \
  "$(bench_ratio "$fresh_100k" "$fresh_10k")" "< 10x the 10,000" "$(bench_met "$fresh_100k < 10 * $fresh_10k")" "1/$runs"
bench_row "render: 100,000 over the previous tree" "$(bench_s "$again_100k")" "10,000: $(bench_s "$again_10k")" \
  "$(bench_ratio "$again_100k" "$again_10k")" "< 10x the 10,000" "$(bench_met "$again_100k < 10 * $again_10k")" "1/$runs"

"$intentctl" -q render "$work/in-1000.json" -o "$work/out1k" --kustomize always
files_1k=$(find "$work/out1k" -type f | wc -l)
stdout_1k=$(bench_time stdout-1k "$runs" -- "$intentctl" -q render "$work/in-1000.json" -o -)
stdout_1k=${stdout_1k% *}
if command -v kubectl >/dev/null; then
  kustomize_1k=$(bench_time kustomize-1k "$runs_kustomize" -- kubectl kustomize "$work/out1k/edge1")
  kustomize_1k=${kustomize_1k% *}
  bench_row "render: -o -, 1,000 expectations" "$(bench_s "$stdout_1k")" "kubectl kustomize $(bench_s "$kustomize_1k")" \
    "$(bench_ratio "$kustomize_1k" "$stdout_1k")" ">= 5x faster" "$(bench_met "$kustomize_1k >= 5 * $stdout_1k")" "$runs/$runs_kustomize"
else
  bench_row "render: -o -, 1,000 expectations" "$(bench_s "$stdout_1k")" "peer missing (kubectl)" "-" ">= 5x faster" "-" "$runs/-"
fi
bench_note "render: trees of $files_10k files (10,000), $files_100k (100,000), $files_1k (1,000, the tree kustomize reads); -o - of 10,000: $(bench_s "$stdout_10k"); kustomize is compared at 1,000 expectations because its time grows with the square of the files"

bench_end "intentctl render"
