#!/usr/bin/env bash
# kill -9 at a random moment of a 20,000-file publish, to a local (file://)
# remote, where publish writes into the remote itself, and over smart HTTP:
# the remote holds its old head or the whole tree and git fsck finds it
# sound; the next publish recovers, and leaves no temporary file in the cache
# or the remote (tests/support/publish-race kill; the benchmark
# tests/bench/publish_race.sh kills 20 times per transport).
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool git
require_tool python3

HARNESS=$SOURCE_DIR/tests/support/publish-race
iterations=${KILL_ITERATIONS:-3}
set +e
"$HARNESS" kill --intentctl "$INTENTCTL" --transport file,http --iterations "$iterations" --files 20000 \
  --work "$SCRATCH/work" >"$SCRATCH/kill.json" 2>"$SCRATCH/kill.err"
rc=$?
set -e
[ "$rc" = 77 ] && { echo "SKIP: $(cat "$SCRATCH/kill.err")"; exit 77; }
[ "$rc" = 0 ] && pass || fail "$(cat "$SCRATCH/kill.json" "$SCRATCH/kill.err" | head -c 3000)"
python3 - "$SCRATCH/kill.json" "$iterations" <<'PY' && pass || fail "$(cat "$SCRATCH/kill.json")"
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
assert [stats["transport"] for stats in lines] == ["file", "http"], lines
for stats in lines:
    assert stats["iterations"] == int(sys.argv[2]) and not stats["problems"], stats
    assert stats["unchanged"] + stats["complete"] == stats["iterations"], stats
PY
cat "$SCRATCH/kill.json"

finish
