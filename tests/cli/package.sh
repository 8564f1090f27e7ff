#!/usr/bin/env bash
# The .deb: built by CPack, with the dependencies dpkg-shlibdeps finds, holding the
# binary, man pages and completions where Debian expects them; installed into a
# scratch root, it runs.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool cpack
require_tool dpkg-deb
require_tool lintian
: "${BUILD_DIR:?}"

run cpack --config "$BUILD_DIR/CPackConfig.cmake" -G DEB -B "$SCRATCH/pkg"
expect_rc 0 "cpack builds the package"
deb=$(ls "$SCRATCH"/pkg/intentctl_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && pass || { fail "no .deb was built"; finish; exit 1; }

dpkg-deb -I "$deb" >"$SCRATCH/info"
expect_contains "$SCRATCH/info" "Package: intentctl" "package name"
for dependency in libc6 libstdc++6 libyaml-0-2 libgit2 libcurl; do
  expect_contains "$SCRATCH/info" "$dependency" "depends on $dependency"
done

dpkg-deb -c "$deb" >"$SCRATCH/contents"
for path in ./usr/bin/intentctl ./usr/share/bash-completion/completions/intentctl \
  ./usr/share/zsh/vendor-completions/_intentctl ./usr/share/fish/vendor_completions.d/intentctl.fish; do
  expect_contains "$SCRATCH/contents" "$path" "package holds $path"
done
grep -q '/intentctl/modules/intentctl-net.so$' "$SCRATCH/contents" && pass || fail "package holds the network module"
for page in "$SOURCE_DIR"/man/*.1; do
  [ -e "$page" ] || continue
  expect_contains "$SCRATCH/contents" "./usr/share/man/man1/$(basename "$page").gz" "package holds $(basename "$page"), compressed"
done
for schema in "$SOURCE_DIR"/schemas/*.schema.json; do
  expect_contains "$SCRATCH/contents" "./usr/share/intentctl/schemas/$(basename "$schema")" "package holds $(basename "$schema")"
done
for doc in copyright changelog.gz; do
  expect_contains "$SCRATCH/contents" "./usr/share/doc/intentctl/$doc" "package holds $doc"
done

# Debian's own package checker reports no error and no warning (build.sh test
# installs it).
lintian --tag-display-limit 0 "$deb" >"$SCRATCH/lintian" 2>&1 || true
grep -E '^[EW]: ' "$SCRATCH/lintian" >"$SCRATCH/tags" || true
if [ -s "$SCRATCH/tags" ]; then fail "lintian: $(cat "$SCRATCH/tags")"; else pass; fi

# Install into a scratch root (dpkg's own unpacking, no system change) and run it.
mkdir -p "$SCRATCH/root"
dpkg-deb -x "$deb" "$SCRATCH/root"
run "$SCRATCH/root/usr/bin/intentctl" --version
expect_rc 0 "the installed binary runs"
expect_contains "$SCRATCH/out" "intentctl" "the installed binary says its version"
echo '{"intent": "x", "requirements": {"latency": "<1ms"}}' >"$SCRATCH/i.json"
run "$SCRATCH/root/usr/bin/intentctl" translate "$SCRATCH/i.json"
expect_rc 0 "the installed binary translates"
# publish and verify load the network module from the package's library folder.
cp "$SCRATCH/out" "$SCRATCH/intent.json"
cd "$SCRATCH"
run "$SCRATCH/root/usr/bin/intentctl" render intent.json -o dist
expect_rc 0 "the installed binary renders"
run "$SCRATCH/root/usr/bin/intentctl" publish dist
expect_rc 0 "the installed binary publishes (network module found)"
run "$SCRATCH/root/usr/bin/intentctl" verify dist
expect_rc 0 "the installed binary verifies"
# A binary without its module still translates, and says what is missing.
mkdir -p "$SCRATCH/lonely/bin"
cp "$SCRATCH/root/usr/bin/intentctl" "$SCRATCH/lonely/bin/"
run "$SCRATCH/lonely/bin/intentctl" publish dist
expect_rc 3 "publish without the network module"
expect_contains "$SCRATCH/err" "network module" "the missing module is named"
expect_contains "$SCRATCH/err" "reinstall intentctl" "and what to do"

finish
