#!/usr/bin/env bash
# Every man page is clean under mandoc's lint, warnings included.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool mandoc

for page in "${MAN_DIR:-$SOURCE_DIR/man}"/*.1; do
  run mandoc -T lint -W warning "$page"
  if [ "$rc" -eq 0 ] && [ ! -s "$SCRATCH/out" ] && [ ! -s "$SCRATCH/err" ]; then pass
  else fail "mandoc -T lint -W warning $(basename "$page") (exit $rc): $(cat "$SCRATCH/out" "$SCRATCH/err")"; fi
done

finish
