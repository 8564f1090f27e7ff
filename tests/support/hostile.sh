# Helpers for the hostile-input tests (source after testlib.sh): snapshots of
# the folders a command must not touch, a full disk, and runs that are measured
# or interrupted.

# snapshot DIR: every entry under DIR with its type, mode, size, link target,
# and for files their modification time and content digest (folders' own
# times are left out: creating and removing a temporary folder inside the
# output folder changes its time, and nothing else).
snapshot() {
  (
    cd "$1"
    find . -type d -printf 'd %m %p\n' | LC_ALL=C sort
    find . ! -type d -printf '%y %m %s %T@ %p -> %l\n' | LC_ALL=C sort
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
  )
}

# expect_unchanged DIR SNAPSHOT-FILE DESCRIPTION
expect_unchanged() {
  if snapshot "$1" | cmp -s - "$2"; then
    pass
  else
    fail "$3: $1 changed"
    snapshot "$1" | diff -u "$2" - | head -30 >&2 || true
  fi
}

# expect_no_leftovers DIR DESCRIPTION: no temporary folder or file of a tree
# being written (render's .<site>.new-XXXXXX, files' .<name>.XXXXXX).
expect_no_leftovers() {
  local found
  found=$(find "$1" -maxdepth 1 -name '.*' ! -name . -print 2>/dev/null | head -5)
  if [ -z "$found" ]; then pass; else fail "$2: left behind: $found"; fi
}

# run_measured CMD...: like run, and sets $max_rss_kb to the command's peak
# resident memory, so a test can tell a file was refused without being read.
run_measured() {
  set +e
  max_rss_kb=$(python3 - "$SCRATCH/out" "$SCRATCH/err" "$@" <<'PY'
import resource, subprocess, sys
out, err, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as o, open(err, "wb") as e:
    code = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=o, stderr=e).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code if code >= 0 else 128 - code)
PY
  )
  rc=$?
  set -e
}

# --- a full disk --------------------------------------------------------------
# small_disk DIR: makes DIR a 64 KiB tmpfs when this process may mount one
# (root with CAP_SYS_ADMIN); otherwise DIR stays a plain folder and commands
# run through on_small_disk get a file size limit (ulimit -f) instead, so their
# writes fail with EFBIG. DISK_KIND says which: tmpfs or ulimit.
MOUNTED=()
small_disk() {
  mkdir -p "$1"
  if [ "${INTENTCTL_TEST_NO_MOUNT:-}" != 1 ] && [ "$(id -u)" = 0 ] &&
    mount -t tmpfs -o size=64k,mode=0755 intentctl-test "$1" 2>/dev/null; then
    MOUNTED+=("$1")
    DISK_KIND=tmpfs
  else
    DISK_KIND=ulimit
  fi
}

# on_small_disk KIB CMD...: runs CMD; under DISK_KIND=ulimit, with no file
# larger than KIB KiB (SIGXFSZ ignored, so writes fail with EFBIG instead).
on_small_disk() {
  local limit=$1
  shift
  if [ "$DISK_KIND" = ulimit ]; then
    (ulimit -f "$limit" && trap '' XFSZ && exec "$@")
  else
    "$@"
  fi
}

unmount_small_disks() {
  local dir
  for dir in ${MOUNTED[@]+"${MOUNTED[@]}"}; do
    umount "$dir" 2>/dev/null || umount -l "$dir" 2>/dev/null || true
  done
  MOUNTED=()
}

# --- interrupting --------------------------------------------------------------
# interrupt_when PID CONDITION...: polls (up to two minutes) until the shell
# command CONDITION succeeds, then sends SIGINT to PID and waits for it;
# sets $rc to its exit code and $signalled to yes, or to no when PID ended
# before the condition held.
interrupt_when() {
  local pid=$1
  shift
  signalled=no
  local tries=0
  while [ $tries -lt 1200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if eval "$*"; then
      kill -INT "$pid" 2>/dev/null && signalled=yes
      break
    fi
    sleep 0.1
    tries=$((tries + 1))
  done
  [ $tries -lt 1200 ] || kill -KILL "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  rc=$?
  set -e
}
