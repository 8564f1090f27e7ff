#!/usr/bin/env bash
# zsh reads the completion script, and compinit registers it for intentctl.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool zsh

run zsh -n "$SOURCE_DIR/completions/_intentctl"
expect_rc 0 "zsh reads the script"
ZDOTDIR=$SCRATCH zsh -c "fpath=('$SOURCE_DIR/completions' \$fpath); autoload -U compinit; compinit -u -d '$SCRATCH/zcomp'; print -r -- \$_comps[intentctl]" >"$SCRATCH/out"
expect_contains "$SCRATCH/out" "_intentctl" "zsh registers _intentctl"

finish
