#!/usr/bin/env bash
# The machine's failures are exit 3, like the network's, never 2 (the input's):
# no file descriptors left (EMFILE) while render writes its tree or publish
# reads one. A full disk is in hostile_render.sh and hostile_publish.sh.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3
require_tool git

isolate

# with_fds N CMD...: like run, with at most N open files (the limit is set in
# the child, so the test's own redirections do not count).
with_fds() {
  local limit=$1
  shift
  set +e
  python3 - "$limit" "$SCRATCH/out" "$SCRATCH/err" "$@" <<'PY'
import resource, subprocess, sys
limit, out, err, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
def cap():
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
with open(out, "w") as o, open(err, "w") as e:
    sys.exit(subprocess.run(command, stdin=subprocess.DEVNULL, stdout=o, stderr=e, preexec_fn=cap).returncode)
PY
  rc=$?
  set -e
}

# render: between the fewest descriptors with which it renders at all (to
# standard output) and the number with which it writes the whole tree, every
# limit runs out somewhere in the tree. Whichever file or folder render was
# writing then, the exit code is 3, the message says which and why, and no
# half-written tree is left (its removal needs descriptors too). The limits
# are found, not fixed: the loader and a sanitizer build take descriptors of
# their own.
fewest=
for limit in $(seq 3 64); do
  with_fds "$limit" "$INTENTCTL" render -q "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" --stdout
  [ "$rc" -eq 0 ] && { fewest=$limit; break; }
done
[ -n "$fewest" ] && pass || fail "render --stdout failed with every limit up to 64: $(head -c 2000 "$SCRATCH/err")"
emfile=0
for limit in $(seq "${fewest:-64}" $((${fewest:-64} + 64))); do
  rm -rf out-render
  with_fds "$limit" "$INTENTCTL" render -q "$SOURCE_DIR/samples/28312/urllc-robot-cell.json" -o out-render
  [ "$rc" -eq 0 ] && break
  emfile=$((emfile + 1))
  expect_rc 3 "render with $limit file descriptors"
  expect_contains "$SCRATCH/err" "Too many open files" "render with $limit file descriptors says why"
  expect_contains "$SCRATCH/err" "error: out-render/edge1" "render with $limit file descriptors names the file"
  left=$(find out-render -mindepth 1 2>/dev/null | head -n 3)
  [ -z "$left" ] && pass || fail "render with $limit file descriptors left a partial tree: $left"
done
[ "$rc" -eq 0 ] && pass || fail "render with $limit file descriptors: exit $rc, wanted 0: $(head -c 2000 "$SCRATCH/err")"
[ "$emfile" -gt 0 ] && pass || fail "render never ran out of file descriptors (limits $fewest to $limit)"

# publish: a rendered tree 100 folders deep holds a descriptor per folder while
# it is read, more than 32 allow.
deep=dist/edge1
for _ in $(seq 100); do deep=$deep/d; done
mkdir -p "$deep"
echo "a: 1" >"$deep/a.yaml"
echo "b: 1" >dist/edge1/b.yaml
with_fds 32 "$INTENTCTL" publish
expect_rc 3 "publish reading a tree with 32 file descriptors"
expect_contains "$SCRATCH/out" "cannot list: Too many open files" "publish with 32 file descriptors: why"
expect_contains "$SCRATCH/out" "error: dist/edge1/d/d/d" "publish with 32 file descriptors: where"
# With enough of them the same tree publishes.
run "$INTENTCTL" publish
expect_rc 0 "publish with the usual file descriptors"

finish
