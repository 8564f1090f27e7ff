#!/usr/bin/env bash
# The two places where intentctl's own code replaces a library for speed,
# measured against that library in the same run, so that the reason for the
# hand code stays a number:
#   - the block-subset YAML reader (lib/io/yaml_block.cpp) against libyaml's
#     event parser: the reading alone (intentctl-bench yaml), and validate end
#     to end with INTENTCTL_YAML_FAST_PATH=0 as the peer;
#   - the KRM schema checker (lib/validate/schema_*.cpp) against valijson on
#     the same CRD schemas and objects (intentctl-bench schema), both finding
#     the same invalid objects.
#
#   tests/bench/components.sh [--rows] [EXPECTATIONS]   (default 10000)
#   INTENTCTL=path/to/intentctl tests/bench/components.sh
#
# intentctl-bench is built beside intentctl by tests/bench/run (or: ninja -C
# BUILD intentctl_bench). Rounds: 9, or 5 under BENCH_QUICK=1 (RUNS=N sets
# them); times are medians. Exits 1 when a target is missed.
set -eu
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
INTENTCTL=$(bench_intentctl)
BENCH=$(dirname "$INTENTCTL")/intentctl-bench
[ -x "$BENCH" ] || bench_fail "no $BENCH (build it: ninja -C $(dirname "$(dirname "$INTENTCTL")") intentctl_bench)"
expectations=${1:-10000}
rounds=$(bench_runs 9 5)
work=$BENCH_WORK

python3 "$BENCH_DIR/render_input.py" "$expectations" >"$work/intent.json"
"$INTENTCTL" -q render "$work/intent.json" -o "$work/dist" --kustomize never
tree=$work/dist/edge1
# One bundle in a hundred gets an integer where its CRD wants a string.
mapfile -t files < <(find "$tree/apps" -name '*.yaml' | sort)
broken=0
for ((i = 0; i < ${#files[@]}; i += 100)); do
  sed -i 's/^  expectationId: .*/  expectationId: 42/' "${files[i]}"
  broken=$((broken + 1))
done

# --- the YAML reader ---------------------------------------------------------------------------
read -r fast libyaml count fast_docs libyaml_docs < <("$BENCH" yaml "$rounds" "${files[@]}")
[ "$fast_docs" = "$libyaml_docs" ] || bench_fail "the two YAML paths read $fast_docs and $libyaml_docs documents"
bench_row "YAML: read $(bench_count "$count") files, fast path vs libyaml" "$(bench_ms "$fast")" \
  "libyaml $(bench_ms "$libyaml")" "$(bench_ratio "$libyaml" "$fast")" ">= 2x" "$(bench_met "$libyaml >= 2 * $fast")" \
  "$rounds/$rounds"

runs=$(bench_runs 5 3)
on=$(bench_time validate-fast "$runs" -i -- "$INTENTCTL" validate -j 2 -q "$tree")
off=$(INTENTCTL_YAML_FAST_PATH=0 bench_time validate-libyaml "$runs" -i -- "$INTENTCTL" validate -j 2 -q "$tree")
on=${on% *} off=${off% *}
bench_row "YAML: validate -j 2 of the tree, end to end" "$(bench_s "$on")" "FAST_PATH=0 $(bench_s "$off")" \
  "$(bench_ratio "$off" "$on")" ">= 1.2x" "$(bench_met "$off >= 1.2 * $on")" "$runs/$runs"

# --- the schema checker ------------------------------------------------------------------------
read -r ours peer objects ours_invalid peer_invalid < <("$BENCH" schema "$rounds" "$tree/crds/bundles.yaml" "${files[@]}")
bench_row "schema: check $(bench_count "$objects") bundles, KRM checker vs valijson" "$(bench_ms "$ours")" \
  "valijson $(bench_ms "$peer")" "$(bench_ratio "$peer" "$ours")" ">= 3x" "$(bench_met "$peer >= 3 * $ours")" \
  "$rounds/$rounds"
bench_row "schema: invalid bundles found" "$ours_invalid" "valijson $peer_invalid" "-" "= $broken broken" \
  "$(bench_met "$ours_invalid == $broken && $peer_invalid == $broken")" "1/1"
bench_note "components: $(bench_count "$expectations") expectations rendered into $(bench_count "${#files[@]}") files; the readers and checkers are timed in one process (intentctl-bench), validate as a whole under hyperfine"

bench_end "intentctl's hand-written fast paths against the libraries they replace"
