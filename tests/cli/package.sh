#!/usr/bin/env bash
# The .deb: built by CPack, with the dependencies dpkg-shlibdeps finds, holding the
# binary, man pages and completions where Debian expects them; installed into a
# scratch root, it runs.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool cpack
require_tool dpkg-deb
: "${BUILD_DIR:?}"

run cpack --config "$BUILD_DIR/CPackConfig.cmake" -G DEB -B "$SCRATCH/pkg"
expect_rc 0 "cpack builds the package"
deb=$(ls "$SCRATCH"/pkg/intentctl_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && pass || { fail "no .deb was built"; finish; exit 1; }

dpkg-deb -I "$deb" >"$SCRATCH/info"
expect_contains "$SCRATCH/info" "Package: intentctl" "package name"
for dependency in libc6 libstdc++6 libyaml-0-2; do
  expect_contains "$SCRATCH/info" "$dependency" "depends on $dependency"
done

dpkg-deb -c "$deb" >"$SCRATCH/contents"
for path in ./usr/bin/intentctl ./usr/share/bash-completion/completions/intentctl \
  ./usr/share/zsh/vendor-completions/_intentctl ./usr/share/fish/vendor_completions.d/intentctl.fish; do
  expect_contains "$SCRATCH/contents" "$path" "package holds $path"
done
for page in "$SOURCE_DIR"/man/*.1; do
  [ -e "$page" ] || continue
  expect_contains "$SCRATCH/contents" "./usr/share/man/man1/$(basename "$page")" "package holds $(basename "$page")"
done

# Install into a scratch root (dpkg's own unpacking, no system change) and run it.
mkdir -p "$SCRATCH/root"
dpkg-deb -x "$deb" "$SCRATCH/root"
run "$SCRATCH/root/usr/bin/intentctl" --version
expect_rc 0 "the installed binary runs"
expect_contains "$SCRATCH/out" "intentctl" "the installed binary says its version"
echo '{"intent": "x", "requirements": {"latency": "<1ms"}}' >"$SCRATCH/i.json"
run "$SCRATCH/root/usr/bin/intentctl" translate "$SCRATCH/i.json"
expect_rc 0 "the installed binary translates"

finish
