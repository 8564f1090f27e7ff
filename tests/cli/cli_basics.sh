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

run "$INTENTCTL" translate -o xml x.json
expect_rc 2 "bad enumeration value"

# Diagnostics carry no color codes off a terminal, with or without NO_COLOR.
run "$INTENTCTL" translate "$SCRATCH/missing.json"
expect_rc 2 "missing file"
expect_not_contains "$SCRATCH/err" $'\033[' "no color off a terminal"
expect_contains "$SCRATCH/err" "missing.json: cannot read" "missing file named"

finish
