#!/usr/bin/env bash
# Benchmark of `intentctl validate` against Python's jsonschema on the same
# objects and the same schemas, in the same run.
#
#   tests/bench/validate.sh [--rows] [EXPECTATIONS]   (default 10000: about 20,000 resources)
#   INTENTCTL=path/to/intentctl tests/bench/validate.sh
#
# It renders one site tree of EXPECTATIONS expectations (a ConfigMap and a
# bundle or ProvisioningRequest each, plus CRDs and namespaces), breaks one
# bundle in a hundred (an integer where the CRD wants a string), then times
# `intentctl validate` (median of 5 runs, -j 2 and -j 1; RUNS=N, or 3 under
# BENCH_QUICK=1) and the Python peer (tests/bench/validate_peer.py, once),
# checks that both find the same number of invalid objects, and prints a
# table (--rows: see tests/bench/lib.sh). Exits 1 when a target is missed.
set -eu
. "$(dirname "$0")/lib.sh"
bench_init "$@"
set -- "${BENCH_ARGS[@]}"
INTENTCTL=$(bench_intentctl)
expectations=${1:-10000}
runs=$(bench_runs 5 3)
work=$BENCH_WORK

python3 "$BENCH_DIR/render_input.py" "$expectations" >"$work/intent.json"
"$INTENTCTL" -q render "$work/intent.json" -o "$work/dist" --kustomize never
tree=$work/dist/edge1
broken=$(python3 - "$tree" <<'PY'
import os, sys
tree, broken = sys.argv[1], 0
names = sorted(os.listdir(f"{tree}/apps/intent"))
for n, name in enumerate(names):
    if n % 100:
        continue
    path = f"{tree}/apps/intent/{name}"
    text = open(path).read()
    if "\n  expectationType: " in text.split("\n---\n")[-1]:
        head, sep, tail = text.rpartition("\n---\n")
        open(path, "w").write(head + sep + tail.replace("\n  expectationType: ", "\n  expectationType: 42\n  removed: ", 1))
        broken += 1
print(broken)
PY
)
files=$(find "$tree" -type f | wc -l)

# validate exits 1 here: the tree has invalid objects on purpose.
summary=$("$INTENTCTL" validate -j 2 -q --summary "$tree" 2>&1 | tail -1 || true)
read -r resources invalid < <(python3 - "$summary" <<'PY'
import re, sys
m = re.search(r"Summary: (\d+) resources found in (\d+) files - Valid: (\d+), Invalid: (\d+), Errors: (\d+)", sys.argv[1])
if not m:
    sys.exit(f"no summary line from intentctl validate: {sys.argv[1]!r}")
print(m.group(1), m.group(4))
PY
)
j2=$(bench_time validate-j2 "$runs" -i -- "$INTENTCTL" validate -j 2 -q --summary "$tree")
j1=$(bench_time validate-j1 "$runs" -i -- "$INTENTCTL" validate -j 1 -q "$tree")
j2=${j2% *} j1=${j1% *}
rate=$(bench_calc "$resources / $j2")
rate_j1=$(bench_calc "$resources / $j1")

bench_row "validate: $(bench_count "$resources") resources, -j 2" "$(bench_per_s "$rate")" "-" "-" ">= 50,000/s" \
  "$(bench_met "$rate >= 50000")" "$runs"
if python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  peer=$(python3 "$BENCH_DIR/validate_peer.py" "$BENCH_SOURCE_DIR" "$tree")
  read -r peer_resources peer_invalid peer_total peer_check < <(python3 -c 'import json, sys
p = json.loads(sys.argv[1])
print(p["resources"], p["invalid"], p["total_seconds"], p["check_seconds"])' "$peer")
  peer_rate=$(bench_calc "$peer_resources / $peer_total")
  bench_row "validate: throughput vs python jsonschema" "$(bench_per_s "$rate")" "jsonschema $(bench_per_s "$peer_rate")" \
    "$(bench_ratio "$rate" "$peer_rate")" ">= 30x" "$(bench_met "$rate >= 30 * $peer_rate")" "$runs/1"
  bench_row "validate: invalid objects found" "$invalid" "jsonschema $peer_invalid" "-" "= $broken broken" \
    "$(bench_met "$invalid == $broken && $peer_invalid == $broken")" "1/1"
  bench_note "validate: jsonschema read $peer_resources resources (YAML load + check; check alone $(bench_per_s "$(bench_calc "$peer_resources / $peer_check")"))"
else
  bench_row "validate: throughput vs python jsonschema" "$(bench_per_s "$rate")" "peer missing (python3 jsonschema, yaml)" "-" ">= 30x" "-" "$runs/-"
fi
bench_note "validate: $(bench_count "$resources") resources in $files files, $broken broken on purpose; -j 1: $(bench_per_s "$rate_j1")"

bench_end "intentctl validate against Python's jsonschema"
