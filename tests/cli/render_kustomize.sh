#!/usr/bin/env bash
# kubectl kustomize builds every tree render writes, and yields every object of
# the tree: the pipe from translate, the README's command, and each sample's
# tree per site (with a sites file and RootSyncs).
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool kubectl
require_tool python3

fixtures=$SOURCE_DIR/tests/fixtures/render
cd "$SCRATCH"

# "Kind/name" of every object in kubectl kustomize's output or in files.
object_names() { # files...
  python3 - "$@" <<'PY'
import sys
names = []
for name in sys.argv[1:]:
    kind = None
    in_metadata = False
    for line in open(name):
        line = line.rstrip("\n")
        if line.startswith("kind: "):
            kind = line[6:]
        elif line == "metadata:":
            in_metadata = True
        elif in_metadata and line.startswith("  name: "):
            names.append(f"{kind}/{line[8:]}")
            in_metadata = False
        elif line and not line.startswith(" "):
            in_metadata = False
for n in sorted(names):
    print(n)
PY
}

check_kustomize() { # site-tree description
  local tree=$1 what=$2
  if ! kubectl kustomize "$tree" >"$SCRATCH/kustomized.yaml" 2>"$SCRATCH/kustomize.err"; then
    fail "$what: kubectl kustomize failed: $(head -c 1000 "$SCRATCH/kustomize.err")"
    return
  fi
  mapfile -t files < <(cd "$tree" && find . -name '*.yaml' ! -name kustomization.yaml ! -path './bootstrap/*' | sort)
  (cd "$tree" && object_names "${files[@]}") >"$SCRATCH/tree-objects"
  object_names "$SCRATCH/kustomized.yaml" >"$SCRATCH/kustomize-objects"
  if [ -s "$SCRATCH/tree-objects" ] && cmp -s "$SCRATCH/tree-objects" "$SCRATCH/kustomize-objects"; then pass
  else fail "$what: kubectl kustomize does not yield every object"; diff "$SCRATCH/tree-objects" "$SCRATCH/kustomize-objects" | head -20 >&2; fi
}

echo '{"intent": "x", "requirements": {"latency": "<1ms", "throughput": ">1Gbps"}}' | "$INTENTCTL" translate |
  "$INTENTCTL" -q render - -o pipe
check_kustomize pipe/edge1 "pipe tree"
"$INTENTCTL" translate "$SOURCE_DIR/samples/tmf921/urllc-robot-cell.json" | "$INTENTCTL" -q render - -o readme
check_kustomize readme/edge1 "README command tree"

for sample in "$SOURCE_DIR"/samples/28312/*.json "$fixtures"/multi-target.json; do
  name=$(basename "$sample" .json)
  run "$INTENTCTL" render "$sample" -o "samples/$name" --sites "$fixtures/sites.yaml" --rootsync
  expect_rc 0 "render $name"
  for tree in "samples/$name"/*/; do check_kustomize "${tree%/}" "$name/$(basename "$tree")"; done
done

finish
