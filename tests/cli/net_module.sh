#!/usr/bin/env bash
# The network module of another build is refused, before it is loaded, with
# both identities and what to do (exit 3): one whose identity differs (the
# built module with its identity changed in the file, as a stale module from a
# build with other headers carries), and one from a build that recorded no
# identity (compiled here, exporting the entry point under the old contract).
# The module of this build loads.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3
require_tool c++
: "${BUILD_DIR:?}"
module=$(dirname "$INTENTCTL")/intentctl-net.so
cd "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/cache

# identity FILE: the module identity a binary or module carries.
identity() { grep -a -o 'intentctl-net-abi:[0-9a-f]\{16\} (intentctl [^)]*)' "$1" | head -1; }
ours=$(identity "$INTENTCTL")
[ -n "$ours" ] && pass || fail "the executable carries a module identity"
[ "$(identity "$module")" = "$ours" ] && pass || fail "the module of this build carries the executable's identity"
shown=${ours#intentctl-net-abi:}

echo '{"intent": "x", "requirements": {"latency": "<1ms"}}' | "$INTENTCTL" translate | "$INTENTCTL" -q render - -o dist

# install DIR MODULE: intentctl and MODULE, side by side, as the build tree keeps them.
install_with() {
  mkdir -p "$1"
  cp "$INTENTCTL" "$1/intentctl"
  cp "$2" "$1/intentctl-net.so"
}

install_with good "$module"
run good/intentctl publish dist
expect_rc 0 "the module of this build loads and publishes"

# The same module with another identity: a stale build's.
python3 - "$module" stale.so <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
found = re.search(rb"intentctl-net-abi:([0-9a-f]{16})", data)
assert found, "no identity in the module"
other = bytes(reversed(found.group(1)))
if other == found.group(1):
    other = b"0123456789abcdef"
open(sys.argv[2], "wb").write(data[:found.start(1)] + other + data[found.end(1):])
PY
install_with stale stale.so
stale_shown=$(identity stale/intentctl-net.so)
stale_shown=${stale_shown#intentctl-net-abi:}
for command in publish verify; do
  run stale/intentctl "$command" dist
  expect_rc 3 "$command with a stale module"
  expect_contains "$SCRATCH/err" "stale/intentctl-net.so belongs to another build of intentctl: its module identity is $stale_shown, this intentctl's is $shown; reinstall intentctl" "$command names both identities"
done

# A module of a build from before identities: the entry point alone.
cat >old.cpp <<'CPP'
struct OldModule { int abi; void* publish; void* verify; };
static const OldModule entry{1, nullptr, nullptr};
extern "C" __attribute__((visibility("default"))) const OldModule* intentctl_net_module() { return &entry; }
CPP
c++ -shared -fPIC -o old.so old.cpp
install_with old old.so
run old/intentctl publish dist
expect_rc 3 "publish with a module that has no identity"
expect_contains "$SCRATCH/err" "old/intentctl-net.so belongs to another build of intentctl: its module identity is missing, this intentctl's is $shown; reinstall intentctl" "the missing identity is said"

# Not a module at all.
echo "not a module" >junk.so
install_with junk junk.so
run junk/intentctl verify dist
expect_rc 3 "verify with a file that is no module"
expect_contains "$SCRATCH/err" "reinstall intentctl" "what to do"

finish
