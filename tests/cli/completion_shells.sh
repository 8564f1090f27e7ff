#!/usr/bin/env bash
# Completion in real interactive bash, zsh and fish sessions: each case starts
# the shell in a tmux pane, types a command line, presses TAB and reads what
# the shell wrote on the screen. Cases: commands after a global flag, site
# names from a sites file whose name has a space (--sites FILE and
# --sites=FILE), --flag=value, and file names with spaces.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool tmux

completions=$SOURCE_DIR/completions
mkdir -p "$SCRATCH/bin" "$SCRATCH/home" "$SCRATCH/work/in"
ln -s "$INTENTCTL" "$SCRATCH/bin/intentctl"
cd "$SCRATCH/work"
printf 'sites:\n  north-1: {repo: r1}\n  south-2: {repo: r2}\n' >"my sites.yaml"
touch "in/intent one.json"
socket=$SCRATCH/tmux.sock
trap 'tmux -S "$socket" kill-server >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
export HOME=$SCRATCH/home PATH=$SCRATCH/bin:$PATH TERM=xterm-256color
unset INTENTCTL_SITES

# Start files: a plain prompt ("> "), the completion script, nothing else.
cat >"$SCRATCH/bashrc" <<EOF
PS1='> '
bind 'set bell-style none'
bind 'set show-all-if-ambiguous on'
source '$completions/intentctl.bash'
EOF
mkdir -p "$SCRATCH/zdot"
cat >"$SCRATCH/zdot/.zshrc" <<EOF
PS1='> '
fpath=('$completions' \$fpath)
autoload -U compinit && compinit -u -D
unsetopt beep
EOF
fish_init="function fish_prompt; echo '> '; end; source '$completions/intentctl.fish'"

# A session that stays, so that the server does not exit (and a client racing
# with its exit fail) each time a case's session is killed.
tmux -S "$socket" new-session -d -s keep "cat"

shell_command() { # shell
  case $1 in
    bash) echo "bash --noprofile --rcfile '$SCRATCH/bashrc' -i" ;;
    zsh) echo "env ZDOTDIR='$SCRATCH/zdot' zsh -i" ;;
    fish) echo "fish --no-config -i -C \"$fish_init\"" ;;
  esac
}

screen() { tmux -S "$socket" capture-pane -p -N -t case; } # -N: trailing spaces too

# complete SHELL TYPED WANTED [TABS]: types TYPED, presses TAB (twice if TABS
# is 2), and waits up to 30 s for a screen line that holds WANTED.
complete_case() {
  local shell=$1 typed=$2 wanted=$3 tabs=${4:-1} i
  tmux -S "$socket" kill-session -t case 2>/dev/null || true
  tmux -S "$socket" new-session -d -s case -x 200 -y 40 -c "$SCRATCH/work" "$(shell_command "$shell")"
  for ((i = 0; i < 300; i++)); do screen | grep -q '^> ' && break; sleep 0.1; done
  tmux -S "$socket" send-keys -t case -l "$typed"
  tmux -S "$socket" send-keys -t case Tab
  [ "$tabs" = 2 ] && { sleep 0.5; tmux -S "$socket" send-keys -t case Tab; }
  for ((i = 0; i < 300; i++)); do
    if screen | grep -qF -- "$wanted"; then pass; return; fi
    sleep 0.1
  done
  fail "$shell: '$typed' + TAB should show '$wanted'; the screen: $(screen | grep -v '^$' | tail -8)"
}

for shell in bash zsh fish; do
  if ! command -v "$shell" >/dev/null; then echo "SKIP: $shell is not installed"; continue; fi
  complete_case "$shell" "intentctl tr" "> intentctl translate "
  complete_case "$shell" "intentctl -v tr" "> intentctl -v translate "
  complete_case "$shell" "intentctl translate --format=y" "> intentctl translate --format=yaml"
  complete_case "$shell" "intentctl translate --from tmf921-g" "> intentctl translate --from tmf921-gateway"
  complete_case "$shell" "intentctl publish --sites 'my sites.yaml' --site n" \
    "> intentctl publish --sites 'my sites.yaml' --site north-1"
  complete_case "$shell" "intentctl verify --sites=my\\ sites.yaml --site s" \
    "> intentctl verify --sites=my\\ sites.yaml --site south-2"
  complete_case "$shell" "intentctl publish --sites 'my sites.yaml' --site " "south-2" 2
done
complete_case bash "intentctl translate in/intent\\ o" "> intentctl translate in/intent\\ one.json"
complete_case zsh "intentctl translate in/intent\\ o" "> intentctl translate in/intent\\ one.json"
complete_case fish "intentctl translate in/intent\\ o" "> intentctl translate in/intent\\ one.json"
complete_case zsh "intentctl --no-color he" "> intentctl --no-color help "
complete_case bash "intentctl help vers" "> intentctl help version "

finish
