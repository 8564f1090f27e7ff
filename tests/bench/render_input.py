#!/usr/bin/env python3
"""Writes a 28.312 Intent with N expectations (cycling CN, RAN, TN and edge
objects, one to three targets each) as JSON on standard output: the input of
tests/bench/render.sh."""
import json
import sys

count = int(sys.argv[1])
domains = [
    ("5GC_SubNetwork", "networkSlice", [("latency", "IS_LESS_THAN", "5ms"), ("jitter", "IS_LESS_THAN", "1ms")]),
    ("RAN_SubNetwork", "networkFunction", [("throughput", "IS_GREATER_THAN", "1Gbps")]),
    ("TN_SubNetwork", "transportNetwork", [("availability", "IS_WITHIN_RANGE", ["99.9%", "100%"])]),
    ("Edge_Service_Support", None, [("DlLatency", "IS_LESS_THAN", "10ms"), ("maxNumberofUEs", "IS_EQUAL_TO_OR_LESS_THAN", 200)]),
]
expectations = []
for i in range(count):
    object_type, list_context, targets = domains[i % len(domains)]
    expectation = {
        "expectationId": f"exp-{i:06d}",
        "expectationVerb": "DELIVER",
        "expectationObject": {"objectType": object_type, "objectInstance": f"instance-{i % 97}"},
        "expectationTargets": [
            {"targetName": name, "targetCondition": condition, "targetValueRange": value}
            for name, condition, value in targets
        ],
    }
    if list_context:
        expectation["expectationContexts"] = [
            {"contextAttribute": list_context, "contextCondition": "IS_ONE_OF", "contextValueRange": [f"item-{i % 7}", f"item-{i % 5}"]}
        ]
    expectations.append(expectation)
json.dump({"id": f"bench-{count}", "userLabel": "benchmark", "intentExpectations": expectations}, sys.stdout, indent=1)
