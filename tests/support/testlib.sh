# Shared helpers for the shell tests in tests/cli. Source it; it sets -eu, makes
# a scratch folder removed on exit, and counts checks.
set -eu
: "${INTENTCTL:?set INTENTCTL to the intentctl binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-test.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
checks=0
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# run CMD...: runs it, keeping stdout in $SCRATCH/out, stderr in $SCRATCH/err, code in $rc.
run() {
  set +e
  "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
  rc=$?
  set -e
}

expect_rc() { # expected-code description
  if [ "$rc" -eq "$1" ]; then pass; else fail "$2: exit $rc, wanted $1; stderr: $(head -c 2000 "$SCRATCH/err")"; fi
}

expect_contains() { # file text description
  if grep -qF -- "$2" "$1"; then pass; else fail "$3: $(basename "$1") lacks '$2'; it has: $(head -c 2000 "$1")"; fi
}

expect_not_contains() { # file text description
  if grep -qF -- "$2" "$1"; then fail "$3: $(basename "$1") holds '$2'"; else pass; fi
}

expect_same() { # file-a file-b description
  if cmp -s "$1" "$2"; then pass; else fail "$3: files differ"; diff -u "$1" "$2" | head -40 >&2 || true; fi
}

# Skips the whole test (ctest reports it skipped) when a tool is missing.
# Daemons (lighttpd, sshd) are looked for in the sbin folders too, where
# Debian puts them and where the test support scripts run them from.
require_tool() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] ||
    { echo "SKIP: $1 is not installed"; exit 77; }
}

# The same for a Python module (python3 itself included).
require_python_module() {
  require_tool python3
  python3 -c "import $1" >/dev/null 2>&1 || { echo "SKIP: the Python module $1 is not installed"; exit 77; }
}

# ssh_leaks_expected: libgit2 1.5.1 and libssh2 1.10 leak memory on each SSH
# connection; a test calls this before intentctl talks SSH, and from then on
# the sanitizer build's leak check adds tests/support/lsan-ssh.supp (which
# says why) to the suppressions it was given. Other tests keep them reported.
ssh_leaks_expected() {
  local options=${LSAN_OPTIONS:-} given=
  case "$options" in *"suppressions=$SCRATCH/lsan.supp") return 0 ;; esac
  case "$options" in *suppressions=*) given=${options##*suppressions=} given=${given%%:*} ;; esac
  cat ${given:+"$given"} "$SOURCE_DIR/tests/support/lsan-ssh.supp" >"$SCRATCH/lsan.supp"
  export LSAN_OPTIONS="${options:+$options:}suppressions=$SCRATCH/lsan.supp"
}

# Whether the binary under test is the sanitizer build (INTENTCTL_SANITIZE):
# its memory use and speed are the sanitizers' as much as intentctl's.
sanitizer_build() { grep -qx 'INTENTCTL_SANITIZE:BOOL=ON' "${BUILD_DIR:-.}/CMakeCache.txt" 2>/dev/null; }

# isolate [VAR...]: the test gets a home and a cache of its own and works in
# its scratch folder; no sites file, Git token or password prompt of the
# caller's environment reaches intentctl, nor the variables named.
isolate() {
  export XDG_CACHE_HOME=$SCRATCH/cache HOME=$SCRATCH/home GIT_TERMINAL_PROMPT=0
  mkdir -p "$HOME"
  unset INTENTCTL_SITES INTENTCTL_GIT_TOKEN INTENTCTL_GIT_USERNAME "$@"
  cd "$SCRATCH" || exit 1
}

finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
}
