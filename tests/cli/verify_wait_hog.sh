#!/usr/bin/env bash
# The verify --wait cases of verify_wait.sh beside a CPU hog on both cores
# (stress-ng --cpu 2): waiting and deadlines must not depend on how fast the
# machine is.
VERIFY_WAIT_HOG=1 exec bash "$SOURCE_DIR/tests/cli/verify_wait.sh"
