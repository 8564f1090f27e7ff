#!/usr/bin/env bash
# Eight publishes racing on one branch, each with a cache and a change of its
# own, beside a plain git client pushing a commit of its own, over a local
# path, file://, smart HTTP (lighttpd + git-http-backend) and SSH (a private
# sshd), against eight plain git clients racing the same way (each commits
# into its folder, then fetches and rebases until its push lands). After every
# round no commit reported pushed may be missing from the branch, git fsck
# must be clean and the branch may only have moved forward; then kill -9 at
# random moments of a 20,000-file publish (file:// and HTTP): the remote must
# hold its old head or the whole tree, and the next publish must recover and
# leave no temporary file. Prints a table; exits 1 when a commit was lost or
# a check failed.
#
#   tests/bench/publish_race.sh [--rows] [path/to/intentctl]   (default: $INTENTCTL, then build/cli/intentctl)
#   ROUNDS rounds per transport (default 100, 3 under BENCH_QUICK=1), PEER_ROUNDS
#   rounds of the git clients (default 20, 3 under BENCH_QUICK=1); KILLS
#   kills per transport (default 20, 2 under BENCH_QUICK=1); --rows: see tests/bench/lib.sh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
INTENTCTL=$(bench_intentctl "${1:-}")
ROUNDS=${ROUNDS:-$(bench_runs 100 3)}
PEER_ROUNDS=${PEER_ROUNDS:-$(bench_runs 20 3)} # the git clients are slower; 20 rounds give their rate
KILLS=${KILLS:-$(bench_runs 20 2)}
command -v git >/dev/null || bench_fail "git is needed (the servers run git, and git is the peer)"
harness=$BENCH_SOURCE_DIR/tests/support/publish-race
work=$BENCH_WORK

field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
rate() { awk -v r="$1" 'BEGIN { printf "%.2f/s", r }'; }

table=("transport  racers        rounds  publishes  retries  gave up  lost  publishes/s")
for transport in local file http ssh; do
  echo "racing over $transport: $ROUNDS rounds of 8 publishes, then $PEER_ROUNDS of 8 git clients ..." >&2
  status=0
  ours=$("$harness" race --intentctl "$INTENTCTL" --transport "$transport" --rounds "$ROUNDS" 2>"$work/$transport.err") ||
    status=$?
  if [ "$status" = 77 ]; then
    bench_row "race over $transport" "-" "-" "-" "0 lost" "-" "-"
    bench_note "race over $transport: skipped ($(tail -1 "$work/$transport.err"))"
    continue
  fi
  [ -n "$ours" ] || bench_fail "the $transport race did not run: $(tail -5 "$work/$transport.err")"
  peer=$("$harness" race --intentctl "$INTENTCTL" --transport "$transport" --rounds "$PEER_ROUNDS" --peer git \
    2>>"$work/$transport.err") || true
  [ -n "$peer" ] || bench_fail "the $transport race of git clients did not run: $(tail -5 "$work/$transport.err")"
  for result in "$ours" "$peer"; do
    table+=("$(printf '%-9s  %-12s  %6s  %9s  %7s  %7s  %4s  %11s' "$transport" \
      "8 $([ "$(field "$result" peer)" = git ] && echo "git" || echo "intentctl")" "$(field "$result" rounds)" \
      "$(field "$result" publishes)" "$(field "$result" retries)" "$(field "$result" gave_up)" \
      "$(field "$result" lost)" "$(rate "$(field "$result" per_second)")")")
  done
  lost=$(field "$ours" lost)
  problems=$(python3 -c 'import json, sys; print(len(json.loads(sys.argv[1])["problems"]))' "$ours")
  met=$([ "$lost" = 0 ] && [ "$problems" = 0 ] && [ "$status" = 0 ] && echo yes || echo no)
  bench_row "race over $transport: publishes/s of 8 racers + git" "$(rate "$(field "$ours" per_second)")" \
    "$(rate "$(field "$peer" per_second)") (git)" \
    "$(bench_ratio "$(field "$ours" per_second)" "$(field "$peer" per_second)")" "0 lost, invariants hold" "$met" \
    "$ROUNDS rounds"
  if [ "$problems" != 0 ]; then
    python3 -c 'import json, sys; [print(p) for p in json.loads(sys.argv[1])["problems"][:5]]' "$ours" |
      while read -r line; do bench_note "$transport: $line"; done
  fi
done

echo "killing 20,000-file publishes: $KILLS per transport ..." >&2
status=0
"$harness" kill --intentctl "$INTENTCTL" --transport file,http --iterations "$KILLS" --files 20000 \
  >"$work/kill.json" 2>"$work/kill.err" || status=$?
[ -s "$work/kill.json" ] || bench_fail "the kills did not run: $(tail -5 "$work/kill.err")"
table+=("" "kill -9    iterations  killed  unchanged  complete  recovered  publish (s)")
failing=0
while read -r result; do
  transport=$(field "$result" transport)
  problems=$(python3 -c 'import json, sys; print(len(json.loads(sys.argv[1])["problems"]))' "$result")
  iterations=$(field "$result" iterations)
  table+=("$(printf '%-9s  %10s  %6s  %9s  %8s  %9s  %11s' "$transport" "$iterations" "$(field "$result" killed)" \
    "$(field "$result" unchanged)" "$(field "$result" complete)" "$((iterations - problems))" \
    "$(field "$result" publish_seconds)")")
  # status is the kill command's, over every transport: a transport is judged by its own problems.
  met=$([ "$problems" = 0 ] && echo yes || echo no)
  [ "$problems" = 0 ] || failing=$((failing + 1))
  bench_row "kill -9 in a 20,000-file publish over $transport" "$((iterations - problems)) of $iterations recovered" \
    "-" "-" "all recover, nothing left" "$met" "$iterations kills"
  python3 -c 'import json, sys; [print(p) for p in json.loads(sys.argv[1])["problems"][:5]]' "$result" |
    while read -r line; do bench_note "$transport: $line"; done
done <"$work/kill.json"
[ "$status" = 0 ] || [ "$failing" != 0 ] || bench_fail "the kills ended with exit $status: $(tail -5 "$work/kill.err")"

for line in "${table[@]}"; do bench_note "$line"; done
bench_note "retries: rebuilds on a branch that moved; gave up: publishes that ended in an error after 10 attempts"
bench_end "publish under races and kills: 8 racing publishes + a git client per round, against 8 git clients"
