#!/usr/bin/env bash
# Completion scripts: the checked-in files are the generator's output, and bash
# completes commands, flags, enumerated values, sites and files (zsh and fish:
# completion_zsh.sh, completion_fish.sh).
. "$SOURCE_DIR/tests/support/testlib.sh"

for shell in bash zsh fish; do
  case $shell in bash) file=intentctl.bash ;; zsh) file=_intentctl ;; fish) file=intentctl.fish ;; esac
  run "$INTENTCTL" completion "$shell"
  expect_rc 0 "completion $shell"
  expect_same "$SCRATCH/out" "$SOURCE_DIR/completions/$file" \
    "completions/$file is stale: run '$INTENTCTL completion $shell > completions/$file'"
done

# bash: complete -p shows the function; COMPREPLY for a few command lines.
mkdir -p "$SCRATCH/bin" "$SCRATCH/files"
ln -s "$INTENTCTL" "$SCRATCH/bin/intentctl"
touch "$SCRATCH/files/intent-a.json" "$SCRATCH/files/intent-b.json"
cat >"$SCRATCH/sites.yaml" <<'YAML'
sites:
  north-1: {repo: r1}
  south-2: {repo: r2}
YAML
complete_bash() { # words... -> the completions, one a line
  PATH="$SCRATCH/bin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _intentctl
    printf "%s\n" "${COMPREPLY[@]}"' complete "$SOURCE_DIR/completions/intentctl.bash" "$@" | sort
}
bash -c "source '$SOURCE_DIR/completions/intentctl.bash'; complete -p intentctl" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "-F _intentctl intentctl" "bash registers the completion function"
complete_bash intentctl tr >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "translate" "bash completes a command"
complete_bash intentctl translate --fr >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "--from" "bash completes a flag"
complete_bash intentctl translate --from tmf >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = $'tmf921-gateway\ntmf921-v4\ntmf921-v5' ] && pass || fail "bash completes --from values: $(cat "$SCRATCH/out")"
complete_bash intentctl translate --format "" >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = $'json\nyaml' ] && pass || fail "bash completes --format values: $(cat "$SCRATCH/out")"
complete_bash intentctl translate "$SCRATCH/files/intent-" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "intent-b.json" "bash completes file paths"
complete_bash intentctl translate --sites "$SCRATCH/sites.yaml" --site "" >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = $'north-1\nsouth-2' ] && pass || fail "bash completes site names: $(cat "$SCRATCH/out")"
complete_bash intentctl help "" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "completion" "bash completes help topics"
complete_bash intentctl ch >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = check ] && pass || fail "bash completes the check command: $(cat "$SCRATCH/out")"
complete_bash intentctl check --format "" >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = $'intentreport\njson\ntext' ] && pass || fail "bash completes check --format values: $(cat "$SCRATCH/out")"
complete_bash intentctl check --sites "$SCRATCH/sites.yaml" --site "" >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = $'north-1\nsouth-2' ] && pass || fail "bash completes check's site names: $(cat "$SCRATCH/out")"
complete_bash intentctl render --allow >"$SCRATCH/out"
[ "$(cat "$SCRATCH/out")" = --allow-conflicts ] && pass || fail "bash completes render --allow-conflicts: $(cat "$SCRATCH/out")"

finish
