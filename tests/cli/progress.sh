#!/usr/bin/env bash
# Progress on a terminal: "stage: done/total unit" drawn in place on standard
# error while render, publish and verify work through many items, erased when
# done; nothing of it when standard error is a file or a pipe, or with --quiet.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool script # util-linux: runs a command on a pseudo-terminal
require_tool python3
require_tool git

isolate NO_COLOR

on_terminal() { # output-file command...: stdout and stderr of the command, both on one pseudo-terminal
  local out=$1
  shift
  script -qec "$(printf '%q ' "$@")" /dev/null >"$out" </dev/null
}
has_status_line() { # file stage
  grep -qa $'\r\033\[K'"$2: [0-9]*/[0-9]* " "$1"
}

python3 "$SOURCE_DIR/tests/bench/render_input.py" 3000 >big.json

# render: counted in expectations once the input is large.
on_terminal tty.out "$INTENTCTL" render big.json -o dist
has_status_line tty.out render && pass || fail "render draws its counter on a terminal: $(head -c 300 tty.out | od -c | head)"
grep -qa "render: 3000/3000 expectations" tty.out && pass || fail "render's counter reaches the total"
grep -qa $'\r\033\[Krendered ' tty.out && pass || fail "the counter is erased before the summary line"
run "$INTENTCTL" render big.json -o dist
expect_rc 0 "render to a file"
grep -qa $'\033' "$SCRATCH/err" && fail "no escape codes when stderr is not a terminal" || pass
on_terminal quiet.out "$INTENTCTL" render -q big.json -o dist
has_status_line quiet.out render && fail "--quiet draws no counter" || pass

# publish and verify: counted in sites.
mkdir -p sites-dist
printf 'sites:\n' >sites.yaml
for n in 1 2 3 4; do
  mkdir -p "sites-dist/s$n"
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns%s\n' "$n" >"sites-dist/s$n/ns.yaml"
  printf '  s%s: {repo: remotes/s%s.git}\n' "$n" "$n" >>sites.yaml
  git init -q --bare "remotes/s$n.git"
done
on_terminal publish.out "$INTENTCTL" publish sites-dist --sites sites.yaml
has_status_line publish.out publish && pass || fail "publish draws its counter: $(od -c publish.out | head)"
grep -qa "s4  remotes/s4.git  main  " publish.out && pass || fail "publish's results still printed"
on_terminal verify.out "$INTENTCTL" verify sites-dist --sites sites.yaml
has_status_line verify.out verify && pass || fail "verify draws its counter: $(od -c verify.out | head)"
run "$INTENTCTL" verify sites-dist --sites sites.yaml
expect_rc 0 "verify to a file"
grep -qa $'\033' "$SCRATCH/err" "$SCRATCH/out" && fail "no escape codes in files" || pass

finish
