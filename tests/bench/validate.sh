#!/usr/bin/env bash
# Benchmark of `intentctl validate` against Python's jsonschema on the same
# objects and the same schemas, in the same run.
#
#   tests/bench/validate.sh [EXPECTATIONS]      (default 10000: about 20,000 resources)
#   INTENTCTL=path/to/intentctl tests/bench/validate.sh
#
# It renders one site tree of EXPECTATIONS expectations (a ConfigMap and a
# bundle or ProvisioningRequest each, plus CRDs and namespaces), breaks one
# bundle in a hundred (an integer where the CRD wants a string), then times
# `intentctl validate` (median of 5 runs, -j 2 and -j 1) and the Python peer
# (tests/bench/validate_peer.py, once), checks that both find the same number
# of invalid objects, and prints a table.
set -eu
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
INTENTCTL=${INTENTCTL:-$SOURCE_DIR/build/cli/intentctl}
expectations=${1:-10000}
work=$(mktemp -d "${TMPDIR:-/tmp}/intentctl-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$expectations" >"$work/intent.json" <<'PY'
import json, sys
count = int(sys.argv[1])
domains = [
    ("5GC_SubNetwork", "networkSlice", [("latency", "IS_LESS_THAN", "5ms"), ("jitter", "IS_LESS_THAN", "1ms")]),
    ("RAN_SubNetwork", "networkFunction", [("throughput", "IS_GREATER_THAN", "1Gbps")]),
    ("TN_SubNetwork", "transportNetwork", [("availability", "IS_WITHIN_RANGE", ["99.9%", "100%"])]),
    ("Edge_Service_Support", None, [("DlLatency", "IS_LESS_THAN", "10ms"), ("maxNumberofUEs", "IS_EQUAL_TO_OR_LESS_THAN", 200)]),
]
expectations = []
for i in range(count):
    object_type, context, targets = domains[i % len(domains)]
    expectation = {
        "expectationId": f"exp-{i:06d}",
        "expectationVerb": "DELIVER",
        "expectationObject": {"objectType": object_type, "objectInstance": f"instance-{i % 97}"},
        "expectationTargets": [{"targetName": n, "targetCondition": c, "targetValueRange": v} for n, c, v in targets],
    }
    if context:
        expectation["expectationContexts"] = [
            {"contextAttribute": context, "contextCondition": "IS_ONE_OF", "contextValueRange": [f"item-{i % 7}", f"item-{i % 5}"]}]
    expectations.append(expectation)
json.dump({"id": f"bench-{count}", "userLabel": "benchmark", "intentExpectations": expectations}, sys.stdout)
PY
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

# "WALL CPU" seconds of one run (validate exits 1: the tree has invalid objects).
seconds() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/last.out" 2>&1 || true
  tail -1 "$work/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}
median_of_5() { # the run with the median wall time
  for _ in 1 2 3 4 5; do seconds "$@"; done | sort -n | sed -n 3p
}

j2=$(median_of_5 "$INTENTCTL" validate -j 2 -q --summary "$tree")
summary=$(tail -1 "$work/last.out")
j1=$(median_of_5 "$INTENTCTL" validate -j 1 -q "$tree")
peer_cpu=$work/peer.time
peer=$(/usr/bin/time -f "%U %S" -o "$peer_cpu" python3 "$SOURCE_DIR/tests/bench/validate_peer.py" "$SOURCE_DIR" "$tree")
peer_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$peer_cpu")

python3 - "$j2" "$j1" "$peer" "$summary" "$broken" "$files" "$(nproc)" "$(cat /proc/loadavg)" "$peer_cpu" <<'PY'
import json, re, sys
(j2, j2_cpu), (j1, j1_cpu) = (map(float, sys.argv[1].split())), (map(float, sys.argv[2].split()))
peer = json.loads(sys.argv[3])
summary, broken, files, cores, load = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], sys.argv[8]
peer_cpu = float(sys.argv[9])
m = re.search(r"Summary: (\d+) resources found in (\d+) files - Valid: (\d+), Invalid: (\d+), Errors: (\d+)", summary)
resources, ours_invalid = int(m.group(1)), int(m.group(4))
rows = [
    ("intentctl validate -j 2", resources, j2, j2_cpu),
    ("intentctl validate -j 1", resources, j1, j1_cpu),
    ("python jsonschema, YAML load + check", peer["resources"], peer["total_seconds"], peer_cpu),
    ("python jsonschema, check only", peer["resources"], peer["check_seconds"], None),
]
peer_rate = peer["resources"] / peer["total_seconds"]
print(f"validate benchmark: {resources} resources in {files} files, {broken} objects broken on purpose; "
      f"{cores} cores, load average {load.split()[0]} (other work on the machine slows every row alike)")
print(f"{'tool':38} {'resources':>9} {'wall s':>7} {'resources/s':>12} {'vs jsonschema':>14} {'CPU s':>6} {'per CPU-s':>10}")
for name, count, secs, cpu in rows:
    rate = count / secs
    cpu_text = f"{cpu:>6.2f} {count / cpu:>10,.0f}" if cpu else f"{'':>6} {'':>10}"
    print(f"{name:38} {count:>9} {secs:>7.2f} {rate:>12,.0f} {rate / peer_rate:>13.1f}x {cpu_text}")
print(f"invalid objects found: intentctl {ours_invalid}, jsonschema {peer['invalid']} (broken on purpose: {broken})")
ours = resources / j2
checks = [
    (ours >= 20000, f"intentctl -j 2 at least 20,000 resources/s: {ours:,.0f}"),
    (ours / peer_rate >= 10, f"at least 10x python jsonschema (YAML load + check): {ours / peer_rate:.1f}x"),
    (ours_invalid == peer["invalid"] == broken, "both tools find exactly the broken objects"),
]
for ok, text in checks:
    print(("PASS  " if ok else "MISS  ") + text)
PY
