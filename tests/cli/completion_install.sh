#!/usr/bin/env bash
# After 'cmake --install --prefix /usr/local', the shells find the completion
# scripts where the README says: zsh in its default fpath, fish through the
# one line the README gives (Debian's fish looks under /usr/local only when
# XDG_DATA_DIRS names it), bash through bash-completion. The install goes
# into a scratch DESTDIR; each shell's own search path is mapped into it.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool cmake
: "${BUILD_DIR:?}"

root=$SCRATCH/root
DESTDIR=$root cmake --install "$BUILD_DIR" --prefix /usr/local >"$SCRATCH/install.log" 2>&1 ||
  { fail "cmake --install: $(tail -5 "$SCRATCH/install.log")"; finish; exit 1; }
export HOME=$SCRATCH/home
mkdir -p "$HOME"

# zsh: its default fpath holds /usr/local/share/zsh/site-functions.
if command -v zsh >/dev/null; then
  [ -f "$root/usr/local/share/zsh/site-functions/_intentctl" ] && pass || fail "no share/zsh/site-functions/_intentctl"
  found=""
  for folder in $(zsh -f -c 'print -l $fpath'); do
    [ -f "$root$folder/_intentctl" ] && found=$folder
  done
  [ "$found" = /usr/local/share/zsh/site-functions ] && pass || fail "zsh's fpath does not reach the installed script"
  zsh -f -c "fpath=(\${fpath/#/$root} \$fpath); autoload -U compinit; compinit -u -d '$SCRATCH/zcomp'; print -r -- \$_comps[intentctl]" \
    >"$SCRATCH/out" 2>&1
  expect_contains "$SCRATCH/out" "_intentctl" "zsh's compinit registers the installed script"
fi

# fish: share/fish/vendor_completions.d, reached with the README's line.
if command -v fish >/dev/null; then
  script=$root/usr/local/share/fish/vendor_completions.d/intentctl.fish
  [ -f "$script" ] && pass || fail "no share/fish/vendor_completions.d/intentctl.fish"
  readme_line=$(grep -o 'set -p fish_complete_path /usr/local/share/fish/vendor_completions.d' "$SOURCE_DIR/README.md" | head -1)
  [ -n "$readme_line" ] && pass || fail "the README does not say what fish needs"
  mkdir -p "$HOME/.config/fish"
  echo "${readme_line/\/usr\/local/$root/usr/local}" >"$HOME/.config/fish/config.fish"
  PATH=$root/usr/local/bin:$PATH fish -c "complete -C 'intentctl tr'" >"$SCRATCH/out" 2>&1
  expect_contains "$SCRATCH/out" "translate" "fish completes with the README's line"
fi

# bash: bash-completion looks under /usr/local/share (XDG_DATA_DIRS' default).
[ -f "$root/usr/local/share/bash-completion/completions/intentctl" ] && pass ||
  fail "no share/bash-completion/completions/intentctl"
if [ -f /usr/share/bash-completion/bash_completion ]; then
  XDG_DATA_DIRS=$root/usr/local/share:/usr/share bash --norc -c \
    ". /usr/share/bash-completion/bash_completion; _completion_loader intentctl; complete -p intentctl" >"$SCRATCH/out" 2>&1
  expect_contains "$SCRATCH/out" "-F _intentctl intentctl" "bash-completion loads the installed script"
else
  echo "SKIP (bash): bash-completion is not installed"
fi

finish
