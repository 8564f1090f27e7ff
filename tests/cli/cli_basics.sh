#!/usr/bin/env bash
# The command table, help, version and usage errors.
. "$SOURCE_DIR/tests/support/testlib.sh"

run "$INTENTCTL" --version
expect_rc 0 "--version"
expect_contains "$SCRATCH/out" "intentctl " "--version names the program"
expect_contains "$SCRATCH/out" "(commit " "--version names the commit"
commit=$(git -C "$SOURCE_DIR" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
expect_contains "$SCRATCH/out" "$commit" "--version has the source's commit"

run "$INTENTCTL" --help
expect_rc 0 "--help"
expect_contains "$SCRATCH/out" "translate" "--help lists translate"
expect_contains "$SCRATCH/out" "Exit codes" "--help lists the exit codes"

run "$INTENTCTL" help translate
expect_rc 0 "help translate"
expect_contains "$SCRATCH/out" "--from" "help translate lists --from"

# version and help are commands like the others: 'intentctl version', 'help CMD',
# 'CMD --help' and 'help --help' for every command.
run "$INTENTCTL" version
expect_rc 0 "intentctl version"
expect_contains "$SCRATCH/out" "$commit" "intentctl version has the source's commit"
commands=$("$INTENTCTL" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
for command in $commands; do
  run "$INTENTCTL" "$command" --help
  expect_rc 0 "$command --help"
  expect_contains "$SCRATCH/out" "Usage: intentctl $command " "$command --help shows its usage"
  cp "$SCRATCH/out" "$SCRATCH/flag-help"
  run "$INTENTCTL" help "$command"
  expect_rc 0 "help $command"
  expect_same "$SCRATCH/out" "$SCRATCH/flag-help" "help $command is $command --help"
done
echo "$commands" | grep -qx version && echo "$commands" | grep -qx help && pass || fail "help and version are not listed"
run "$INTENTCTL" help --help
expect_rc 0 "help --help"
expect_contains "$SCRATCH/out" "Usage: intentctl help [flags]" "help --help is help's help"

# One --slo grammar: the example of verify --help is the one of the man page
# and the README, and it parses (ranges with a unit at one end included).
run "$INTENTCTL" verify --help
slo=$(awk '/^ +--slo /{ on = 1 } on && /^ +--wait/{ exit } on' "$SCRATCH/out" | tr -s ' \n' '  ' |
  sed -n "s/.*like '\([^']*\)'.*/\1/p")
[ -n "$slo" ] && pass || fail "verify --help shows no --slo example"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$SOURCE_DIR/man/intentctl-verify.1" | grep -qF -- "'$slo'" && pass ||
  fail "intentctl-verify(1) lacks the --slo example '$slo'"
grep -qF -- "--slo '$slo'" "$SOURCE_DIR/README.md" && pass || fail "README lacks the --slo example '$slo'"
run "$INTENTCTL" verify no-such-folder --slo "$slo"
expect_contains "$SCRATCH/err" "no such folder" "the --slo example parses"
run "$INTENTCTL" verify no-such-folder --slo 'jitter in [0, 0.5ms]'
expect_contains "$SCRATCH/err" "no such folder" "a range with its unit at one end parses"

run "$INTENTCTL" transalte x.json
expect_rc 2 "misspelt command"
expect_contains "$SCRATCH/err" 'unknown command "transalte"; did you mean "translate"?' "misspelt command suggestion"

run "$INTENTCTL" help transalte
expect_rc 2 "help for an unknown command"

run "$INTENTCTL" translate --fomat yaml x.json
expect_rc 2 "misspelt flag"
expect_contains "$SCRATCH/err" 'unknown flag "--fomat"; did you mean "--format"?' "misspelt flag suggestion"

run "$INTENTCTL" --verbsoe translate
expect_rc 2 "misspelt global flag"
expect_contains "$SCRATCH/err" 'did you mean "--verbose"?' "global flag suggestion"

run "$INTENTCTL" translate --format xml x.json
expect_rc 2 "bad enumeration value"

# Diagnostics carry no color codes off a terminal, with or without NO_COLOR.
run "$INTENTCTL" translate "$SCRATCH/missing.json"
expect_rc 2 "missing file"
expect_not_contains "$SCRATCH/err" $'\033[' "no color off a terminal"
expect_contains "$SCRATCH/err" "missing.json: cannot read" "missing file named"

finish
