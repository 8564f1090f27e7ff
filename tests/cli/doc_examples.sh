#!/usr/bin/env bash
# Every example of the README and the man pages runs as shown (tests/support/doc-examples says
# how examples are read, and how a page marks one that needs a server, a
# cluster or a build): each command's output and exit code are checked, and
# the count of commands run and skipped is printed.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3
require_tool git

python3 "$SOURCE_DIR/tests/support/doc-examples" --intentctl "$INTENTCTL" --source "$SOURCE_DIR" \
  --work "$SCRATCH" "$SOURCE_DIR/README.md" "$SOURCE_DIR"/man/*.1 && pass || fail "an example does not do what its page shows"

finish
