#!/usr/bin/env bash
# fish completes commands, enumerated values and site names with the script.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool fish

mkdir -p "$SCRATCH/bin"
ln -s "$INTENTCTL" "$SCRATCH/bin/intentctl"
cat >"$SCRATCH/sites.yaml" <<'YAML'
sites:
  north-1: {repo: r1}
  south-2: {repo: r2}
YAML
complete_fish() { PATH="$SCRATCH/bin:$PATH" fish --no-config -c "source '$SOURCE_DIR/completions/intentctl.fish'; complete -C '$1'" | cut -f1 | sort; }
complete_fish "intentctl tr" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "translate" "fish completes a command"
complete_fish "intentctl translate --from tmf" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "tmf921-v5" "fish completes --from values"
complete_fish "intentctl translate --sites $SCRATCH/sites.yaml --site " >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "north-1" "fish completes site names"
complete_fish "intentctl render --allow" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "--allow-conflicts" "fish completes render --allow-conflicts"

finish
