#!/usr/bin/env python3
"""Writes the input of tests/bench/conflicts.sh into FOLDER:

  sites.yaml      SITES sites, nine in ten declaring a capacity
  intents.json    a list of 28.312 Intents with N expectations in all, four
                  per intent (core, RAN, transport, edge; one or two targets
                  each); intent i on site i mod SITES, in one of two slices
  expected        the number of conflicts the check must find

One intent in seven asks for a core latency above 20 ms where the others ask
for less than 10 ms: it conflicts with every other intent of its site and
slice. Nothing is infeasible; the intents on sites without a capacity are
of unknown feasibility.

  conflicts_input.py FOLDER N SITES"""
import json
import os
import sys

folder, count, site_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)

with open(os.path.join(folder, "sites.yaml"), "w") as out:
    out.write("sites:\n")
    for s in range(site_count):
        capacity = "" if s % 10 == 9 else (
            ", capacity: {maxThroughput: 400Gbps, maxBandwidth: 100Gbps, maxSubscribers: 1000000,"
            " minLatency: 1ms, maxAvailability: 99.999%}")
        out.write(f"  site-{s:04d}: {{repo: ../repos/site-{s:04d}.git{capacity}}}\n")


def target(name, condition, value):
    return {"targetName": name, "targetCondition": condition, "targetValueRange": value}


def slice_context(name):
    return [{"contextAttribute": "networkSlice", "contextCondition": "IS_EQUAL_TO", "contextValueRange": name}]


intents = []
slow, fast = {}, {}  # per (site, slice): intents asking for more than 20 ms, for less than 10 ms
for i in range((count + 3) // 4):
    site = f"site-{i % site_count:04d}"
    slice_name = f"slice-{(i // site_count) % 2}"
    odd = i % 7 == 6
    latency = target("latency", "IS_GREATER_THAN", "20ms") if odd else \
        target("latency", "IS_LESS_THAN", f"{5 + i % 5}ms")
    if count - 4 * i >= 1:  # the core expectation is the first
        tally = slow if odd else fast
        tally[site, slice_name] = tally.get((site, slice_name), 0) + 1
    domains = [
        ("5GC_SubNetwork", "core", [latency, target("jitter", "IS_LESS_THAN", "2000us")]),
        ("RAN_SubNetwork", "ran", [target("throughput", "IS_GREATER_THAN", f"{100 + i % 400}Mbps")]),
        ("TN_SubNetwork", "transport", [target("availability", "IS_WITHIN_RANGE", ["99.9%", "100%"])]),
        ("Edge_Service_Support", "edge", [target("DlLatency", "IS_LESS_THAN", "10ms"),
                                          target("maxNumberofUEs", "IS_EQUAL_TO_OR_LESS_THAN", 200)]),
    ]
    expectations = []
    for object_type, instance, targets in domains[:min(4, count - 4 * i)]:
        expectations.append({
            "expectationId": f"i{i:06d}-{instance}",
            "expectationVerb": "DELIVER",
            "expectationObject": {"objectType": object_type, "objectInstance": instance},
            "expectationContexts": slice_context(slice_name),
            "expectationTargets": targets,
        })
    intents.append({
        "id": f"intent-{i:06d}",
        "intentExpectations": expectations,
        "intentContexts": [{"contextAttribute": "DeploymentSite", "contextCondition": "IS_ONE_OF",
                            "contextValueRange": [site]}],
    })

with open(os.path.join(folder, "intents.json"), "w") as out:
    json.dump(intents, out, separators=(",", ":"))
with open(os.path.join(folder, "expected"), "w") as out:
    print(sum(n * fast.get(key, 0) for key, n in slow.items()), file=out)
