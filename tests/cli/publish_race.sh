#!/usr/bin/env bash
# Eight publishes with caches of their own race on one branch, each with a
# change of its own, beside a plain git client pushing a commit of its own,
# over a local path, file://, smart HTTP (lighttpd + git-http-backend) and SSH
# (a private sshd): a few rounds each. After every round every commit reported
# pushed and the git client's commit are on the branch, git fsck is clean and
# the branch only moved forward (tests/support/publish-race; the benchmark
# tests/bench/publish_race.sh runs 100 rounds per transport).
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

HARNESS=$SOURCE_DIR/tests/support/publish-race
rounds=${RACE_ROUNDS:-3}
for transport in local file http ssh; do
  [ "$transport" = ssh ] && ssh_leaks_expected
  set +e
  "$HARNESS" race --intentctl "$INTENTCTL" --transport "$transport" --rounds "$rounds" --work "$SCRATCH/$transport" \
    >"$SCRATCH/$transport.json" 2>"$SCRATCH/$transport.err"
  rc=$?
  set -e
  if [ "$rc" = 77 ]; then
    echo "note: the $transport race is skipped: $(cat "$SCRATCH/$transport.err")"
    continue
  fi
  [ "$rc" = 0 ] && pass || fail "$transport: $(cat "$SCRATCH/$transport.json" "$SCRATCH/$transport.err" | head -c 3000)"
  python3 - "$SCRATCH/$transport.json" "$rounds" <<'PY' && pass || fail "$transport: $(cat "$SCRATCH/$transport.json")"
import json, sys
stats = json.load(open(sys.argv[1]))
assert stats["rounds"] == int(sys.argv[2]), stats
assert stats["lost"] == 0 and not stats["problems"], stats
assert stats["publishes"] + stats["gave_up"] == stats["rounds"] * stats["racers"], stats
assert stats["publishes"] > 0, stats
PY
  echo "$transport: $(cat "$SCRATCH/$transport.json")"
done

finish
