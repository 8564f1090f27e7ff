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

# Without a sites file the function keeps the site settings render wrote into
# the package: a tree rendered for the samples' sites (edge1 on cluster
# edge-cluster-01) comes back byte for byte.
samples=$SOURCE_DIR/samples
run "$INTENTCTL" render "$samples"/28312/*.json --sites "$samples/sites.yaml" -o "$SCRATCH/sampled"
expect_rc 0 "render the samples for their sites"
cp -r "$SCRATCH/sampled/edge1" "$SCRATCH/sample-pkg"
run kpt fn eval "$SCRATCH/sample-pkg" --exec "$INTENTCTL render --fn"
expect_rc 0 "kpt fn eval on the samples' edge1"
if diff -r "$SCRATCH/sampled/edge1" "$SCRATCH/sample-pkg" >/dev/null; then pass
else fail "render --fn changed a freshly rendered package: $(diff -r "$SCRATCH/sampled/edge1" "$SCRATCH/sample-pkg" | head -5)"; fi
expect_contains "$SCRATCH/sample-pkg/o2ims/edge-svc-001.yaml" "clusterName: edge-cluster-01" "the cluster render wrote"

# A request whose file is gone is rebuilt with the package's settings.
rm "$SCRATCH/sample-pkg/o2ims/edge-svc-001.yaml"
python3 - "$SCRATCH/sample-pkg" <<'PY'
import glob, sys
for path in glob.glob(f"{sys.argv[1]}/apps/intent/*.yaml"):
    text = open(path).read()
    if "kind: ProvisioningRequest" in text:
        raise SystemExit(f"{path} holds a request: the test wants them in o2ims/ only")
PY
kept=$(grep -rl "kind: ProvisioningRequest" "$SCRATCH/sample-pkg" | wc -l)
if [ "$kept" -eq 0 ]; then
  # The only request was deleted: nothing in the package says the cluster any
  # more, so the rebuilt request takes the defaults, and the function says so.
  run kpt fn eval "$SCRATCH/sample-pkg" --exec "$INTENTCTL render --fn"
  expect_rc 0 "kpt fn eval after the request was deleted"
  expect_contains "$SCRATCH/err" "are defaults" "the function says the request was built from defaults"
  run kpt fn eval "$SCRATCH/sample-pkg" --exec "$INTENTCTL render --fn --sites $samples/sites.yaml"
  expect_rc 0 "kpt fn eval with the sites file"
  expect_not_contains "$SCRATCH/err" "are defaults" "the sites file describes the site"
  grep -rq "clusterName: edge-cluster-01" "$SCRATCH/sample-pkg" && pass || fail "the sites file's cluster is back"
else
  fail "expected edge-svc-001 to be the samples' only request on edge1"
fi

finish
