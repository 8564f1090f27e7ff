#!/usr/bin/env bash
# render builds a site of 512 expectations or more on several threads: the
# tree (and the -o - stream) is the same, byte for byte, whatever -j, and
# from one run to the next. 2,100 expectations make two batches of the
# threaded path (2,048 and 52), split unevenly among 2, 3, 4 and 7 threads.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_tool python3
cd "$SCRATCH"

python3 - 2100 >intent.json <<'PY'
import json, sys
domains = [
    ("5GC_SubNetwork", [("latency", "IS_LESS_THAN", "5ms"), ("jitter", "IS_LESS_THAN", "1ms")]),
    ("RAN_SubNetwork", [("throughput", "IS_GREATER_THAN", "1Gbps")]),
    ("TN_SubNetwork", [("availability", "IS_WITHIN_RANGE", ["99.9%", "100%"])]),
    ("Edge_Service_Support", [("maxNumberofUEs", "IS_EQUAL_TO_OR_LESS_THAN", 200)]),
]
expectations = []
for i in range(int(sys.argv[1])):
    object_type, targets = domains[i % len(domains)]
    expectations.append({
        "expectationId": f"exp-{i:05d}",
        "expectationVerb": "DELIVER",
        "expectationObject": {"objectType": object_type, "objectInstance": f"instance-{i % 97}"},
        "expectationTargets": [{"targetName": n, "targetCondition": c, "targetValueRange": v} for n, c, v in targets],
    })
json.dump({"id": "threads", "userLabel": "threaded render", "intentExpectations": expectations}, sys.stdout)
PY

# The stream: every file of the tree, in order (cheap to compare many times).
run "$INTENTCTL" render intent.json -o - -j 1
expect_rc 0 "render -o - -j 1 (one thread)"
mv "$SCRATCH/out" one.yaml
[ "$(grep -c '^kind: ConfigMap' one.yaml)" -ge 2100 ] && pass || fail "the stream has every expectation"
for jobs in 2 3 4 7 default default default; do
  if [ "$jobs" = default ]; then run "$INTENTCTL" render intent.json -o -
  else run "$INTENTCTL" render intent.json -o - -j "$jobs"; fi
  expect_rc 0 "render -o - -j $jobs"
  expect_same one.yaml "$SCRATCH/out" "the stream with -j $jobs is the one of -j 1"
done

# The tree written to disk.
run "$INTENTCTL" render intent.json -o one -j 1
expect_rc 0 "render -o -j 1"
files=$(find one -type f | wc -l)
[ "$files" -ge 2100 ] && pass || fail "the tree has a file per expectation: $files files"
run "$INTENTCTL" render intent.json -o three -j 3
expect_rc 0 "render -o -j 3"
if diff -r one three >diff.txt 2>&1; then pass; else fail "the tree of -j 3 differs from -j 1's"; head -20 diff.txt >&2; fi

run "$INTENTCTL" render intent.json -o zero -j 0
expect_rc 2 "-j 0 is a usage error"

finish
