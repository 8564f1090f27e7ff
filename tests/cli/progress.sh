#!/usr/bin/env bash
# Progress on a terminal: "stage: done/total unit" drawn in place on standard
# error while render, publish and verify work through many items, erased when
# done; nothing of it when standard error is a file or a pipe, or with --quiet.
# Within a site's publish, its phases: "edge1: reading files 2,500/3,753",
# "edge1: writing objects ...", "edge1: sending objects ..., 1.2 MiB", to a
# local remote and over smart HTTP; never in a pipe, with --quiet or in JSON.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool script # util-linux: runs a command on a pseudo-terminal
require_tool python3
require_tool git
require_tool lighttpd

isolate NO_COLOR

on_terminal() { # output-file command...: stdout and stderr of the command, both on one pseudo-terminal
  local out=$1
  shift
  script -qec "$(printf '%q ' "$@")" /dev/null >"$out" </dev/null
}
has_status_line() { # file stage
  grep -qa $'\r\033\[K'"$2: [0-9,]*/[0-9,]* " "$1"
}

python3 "$SOURCE_DIR/tests/bench/render_input.py" 3000 >big.json

# render: counted in expectations once the input is large.
on_terminal tty.out "$INTENTCTL" render big.json -o dist
has_status_line tty.out render && pass || fail "render draws its counter on a terminal: $(head -c 300 tty.out | od -c | head)"
grep -qa "render: 3,000/3,000 expectations" tty.out && pass || fail "render's counter reaches the total"
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

# publish of one large site: its phases, each drawn on the terminal, the line
# erased before the results and at the end.
SERVER="$SOURCE_DIR/tests/support/git-http-server"
STATE=$SCRATCH/http
BASE=$("$SERVER" start "$STATE" --anonymous)
trap '"$SERVER" stop "$STATE"; rm -rf "$SCRATCH"' EXIT
files=$(find dist/edge1 -type f ! -name .intentctl-manifest | wc -l)
[ "$files" -gt 2000 ] && pass || fail "the large tree has thousands of files, not $files"
big_site() { # name: a sites file for edge1 in a new empty repository, local or over HTTP
  if [ "$1" = http ]; then
    printf 'sites:\n  edge1: {repo: %s}\n' "$("$SERVER" new-repo "$STATE" "big-$1")" >"big-$1.yaml"
  else
    git init -q --bare "remotes/big-$1.git"
    printf 'sites:\n  edge1: {repo: remotes/big-%s.git}\n' "$1" >"big-$1.yaml"
  fi
}
status_lines() { # file: the lines drawn in place, one a line
  sed 's/\r\x1b\[K/\n/g' "$1" | tr -d '\r'
}
has_phase() { # file phase-pattern description
  if status_lines "$1" | grep -Eqa "^edge1: $2\$"; then pass; else fail "$3: $(status_lines "$1" | sort -u | head -30)"; fi
}
erased_before() { # file result-line-start description: the erase sequence comes right before it
  grep -qaF $'\r\033[K'"$2" "$1" && pass || fail "$3: $(od -c "$1" | tail -20)"
}
ends_without_line() { # file: nothing drawn after the results (the line was erased, not left behind)
  local tail
  tail=$(status_lines "$1" | grep -av '^$' | tail -n 1)
  case "$tail" in
    edge1\ \ *) pass ;;
    *) fail "the output ends with the results, not with a status line: '$tail'" ;;
  esac
}

# verify on a terminal: only its counter, erased before the results; with
# machine output (JSON, JUnit, read by programs) not even that.
erased_before verify.out "s1  git  " "verify: the counter is erased before the results"
status_lines verify.out | grep -aEv '^(verify: [0-9,]+/4 sites|s[1-4]  .*)?$' >verify-other.lines &&
  fail "verify draws only its counter: $(head -5 verify-other.lines)" || pass
for format in json junit; do
  on_terminal "verify-$format.out" "$INTENTCTL" verify sites-dist --sites sites.yaml --format "$format"
  grep -qa $'\033' "verify-$format.out" && fail "verify --format $format draws: $(cat -v "verify-$format.out" | head -3)" || pass
done
grep -qa '"kind": "VerifyReport"' verify-json.out && pass || fail "verify --format json printed its report"

for kind in local http; do
  big_site "$kind"
  on_terminal "big-$kind.out" "$INTENTCTL" publish dist --sites "big-$kind.yaml"
  grep -qa "edge1  .*  main  [0-9a-f]*  pushed, $files files changed" "big-$kind.out" && pass ||
    fail "$kind: the large publish pushed: $(status_lines "big-$kind.out" | tail -5)"
  has_phase "big-$kind.out" "reading files [0-9,]+/[0-9,]+" "$kind: reading files, counted of the manifest's"
  status_lines "big-$kind.out" | grep -qa "^edge1: reading files [0-9,]*/$(python3 -c "print(f'{$files:,}')")\$" && pass ||
    fail "$kind: reading files reaches the total, with thousands grouped"
  has_phase "big-$kind.out" "counting objects [0-9,]+" "$kind: counting objects"
  has_phase "big-$kind.out" "writing objects [0-9,]+/[0-9,]+" "$kind: writing objects into the cache"
  has_phase "big-$kind.out" "sending objects [0-9,]+/[0-9,]+(, [0-9.]+ (bytes|KiB|MiB))?" "$kind: sending objects"
  erased_before "big-$kind.out" "edge1  " "$kind: the line is erased before the results"
  ends_without_line "big-$kind.out"
done
# verify's dry run fetches the large tree into an empty cache: no phase of it
# on the terminal (one site: no counter either), in any format.
for format in text json; do
  on_terminal "verify-big-$format.out" env XDG_CACHE_HOME="$SCRATCH/cache-$format" \
    "$INTENTCTL" verify dist --sites big-http.yaml --format "$format"
  grep -qa "tree matches dist/edge1" "verify-big-$format.out" && pass ||
    fail "verify $format: the large tree matches: $(status_lines "verify-big-$format.out" | tail -5)"
  status_lines "verify-big-$format.out" | grep -qaE "^edge1: |objects [0-9]" &&
    fail "verify $format draws the fetch: $(status_lines "verify-big-$format.out" | grep -aE "^edge1: " | head -3)" || pass
done
# HTTP says how many bytes went out, as git does.
has_phase big-http.out "sending objects [0-9,]+/[0-9,]+, [0-9.]+ (KiB|MiB)" "http: the bytes sent"
# A second publish of the same tree reads the files and finds it up to date.
on_terminal again.out "$INTENTCTL" publish dist --sites big-local.yaml
grep -qa "edge1  .*  up to date" again.out && pass || fail "the second publish is up to date"
erased_before again.out "edge1  " "up to date: the line is erased before the results"

# Cut short by --timeout on a terminal: exit 4 as in a pipe, and the line is
# gone before the error (whichever phase the deadline caught).
big_site timeout
set +e
on_terminal timeout.out "$INTENTCTL" publish dist --sites big-timeout.yaml --timeout 700ms
rc=$?
set -e
expect_rc 4 "--timeout on a terminal"
last=$(status_lines timeout.out | grep -av '^$' | tail -n 1)
case "$last" in
  *"publish failed for 1 of 1 site: edge1"*) pass ;;
  *) fail "--timeout: the error comes last, no status line after it: '$last'" ;;
esac

# Never in a pipe, with --quiet, or in JSON mode (which keeps stdout and
# stderr free of it on a terminal too).
big_site pipe
"$INTENTCTL" publish dist --sites big-pipe.yaml 2>&1 | cat >pipe.out
grep -qa "pushed, $files files changed" pipe.out && pass || fail "the piped publish pushed: $(head -c 500 pipe.out)"
grep -qa $'\033' pipe.out && fail "no escape codes in a pipe: $(head -c 300 pipe.out | od -c | head)" || pass
grep -qaE "reading files|objects [0-9]" pipe.out && fail "no phase in a pipe" || pass
big_site quiet
on_terminal quiet-big.out "$INTENTCTL" publish -q dist --sites big-quiet.yaml
grep -qa "pushed, $files files changed" quiet-big.out && pass || fail "--quiet still pushed and printed its results"
grep -qaE "reading files|objects [0-9]|"$'\033' quiet-big.out && fail "--quiet draws no phase: $(status_lines quiet-big.out | head)" || pass
big_site json
on_terminal json-big.out "$INTENTCTL" publish --format json dist --sites big-json.yaml
grep -qa '"pushed": *true' json-big.out && pass || fail "JSON mode pushed: $(head -c 500 json-big.out)"
grep -qaE "reading files|objects [0-9]|"$'\033' json-big.out && fail "JSON mode draws no phase: $(status_lines json-big.out | head)" || pass
"$SERVER" stop "$STATE"

finish
