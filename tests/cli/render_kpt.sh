#!/usr/bin/env bash
# render --fn under the real kpt: `kpt fn eval PKG --exec "intentctl render --fn"`
# regenerates the bundles of a package's expectation ConfigMaps.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool kpt
require_tool python3

fixtures=$SOURCE_DIR/tests/fixtures/render
pkg=$SCRATCH/pkg
run "$INTENTCTL" render "$fixtures/seed/input" -o "$SCRATCH/dist"
expect_rc 0 "render the package's contents"
cp -r "$SCRATCH/dist/edge1" "$pkg"
printf 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n' >"$pkg/Kptfile"
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: probe # kept as it is\nspec:\n  ports:\n  - port: 80\n' >"$pkg/service.yaml"
cp "$pkg/service.yaml" "$SCRATCH/service.before"

# The package's author edits one expectation and deletes a generated bundle.
python3 - "$pkg" <<'PY'
import sys
pkg = sys.argv[1]
path = f"{pkg}/apps/intent/cn-cap-001.yaml"
text = open(path).read()
assert '"targetValueRange": "1ms"' in text
open(path, "w").write(text.replace('"targetValueRange": "1ms"', '"targetValueRange": "3ms"'))
path = f"{pkg}/apps/intent/tn-cov-001.yaml"
config_map_only = open(path).read().split("\n---\n")[0] + "\n"
open(path, "w").write(config_map_only)
PY
grep -q "TNBundle" "$pkg/apps/intent/tn-cov-001.yaml" && fail "the TN bundle was not removed" || pass

run kpt fn eval "$pkg" --exec "$INTENTCTL render --fn"
expect_rc 0 "kpt fn eval --exec render --fn"
expect_contains "$pkg/apps/intent/tn-cov-001.yaml" "kind: TNBundle" "the deleted bundle is back in its ConfigMap's file"
expect_contains "$pkg/apps/intent/tn-cov-001.yaml" "name: tn-bundle-tn-cov-001" "regenerated bundle name"
expect_contains "$pkg/apps/intent/cn-cap-001.yaml" 'value: "3ms"' "the edited target reaches the bundle"
expect_not_contains "$pkg/apps/intent/cn-cap-001.yaml" 'value: "1ms"' "the old target is gone"
expect_same "$SCRATCH/service.before" "$pkg/service.yaml" "other resources pass through untouched"
[ -f "$pkg/Kptfile" ] && pass || fail "Kptfile lost"

# Running it again changes nothing.
cp -r "$pkg" "$SCRATCH/pkg.before"
run kpt fn eval "$pkg" --exec "$INTENTCTL render --fn"
expect_rc 0 "second kpt fn eval"
if diff -r "$SCRATCH/pkg.before" "$pkg" >/dev/null; then pass; else fail "a second run changed the package"; fi

# A broken expectation: kpt reports the result and fails; the package stays as it was.
sed -i 's/"objectType": "RANFunction"/"objectType": "Toaster"/' "$pkg/apps/intent/ran-perf-001.yaml"
cp -r "$pkg" "$SCRATCH/pkg.broken"
run kpt fn eval "$pkg" --exec "$INTENTCTL render --fn"
if [ "$rc" -ne 0 ]; then pass; else fail "kpt fn eval passed on an unknown objectType"; fi
expect_contains "$SCRATCH/err" 'unknown objectType "Toaster"' "kpt shows the result"
if diff -r "$SCRATCH/pkg.broken" "$pkg" >/dev/null; then pass; else fail "a failed run changed the package"; fi

finish
