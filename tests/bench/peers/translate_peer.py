#!/usr/bin/env python3
"""A TMF921 (v5, JSON-LD expression) to 3GPP TS 28.312 translator in plain Python.

The benchmark peer of `intentctl translate`: the same work a Python translator
process does (load the JSON, expand the JSON-LD prefixes through @context,
map expectations, conditions, targets and contexts, dump the 28.312 JSON), for
the shapes the URLLC sample uses. The benchmark checks that its output equals
intentctl's for that sample, so both sides do the same job.

Usage: translate_peer.py FILE   (one intent, or several JSON values one after another)
"""
import json
import re
import sys

TIO = re.compile(r"^https?://tio\.models\.tmforum\.org/tio/[^/]+/([A-Za-z]+)/(.+)$")
MODULES = {"IntentCommonModel": "icm", "LogicalOperators": "log", "SetOperators": "set",
           "QuantityOntology": "quan"}
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
CONDITIONS = {"smaller": "IS_LESS_THAN", "greater": "IS_GREATER_THAN", "larger": "IS_GREATER_THAN",
              "atLeast": "IS_EQUAL_TO_OR_GREATER_THAN", "atMost": "IS_EQUAL_TO_OR_LESS_THAN",
              "exactly": "IS_EQUAL_TO", "inRange": "IS_WITHIN_RANGE"}
DOMAINS = [("cn", "5GC_SubNetwork", {"latency", "jitter", "packetloss", "bandwidth"}),
           ("ran", "RAN_SubNetwork", {"throughput", "subscribers", "frequency", "radiocoverage"}),
           ("tn", "TN_SubNetwork", {"availability", "reliability", "redundancy", "sites"})]
OBJECT_TYPES = {"RAN_SubNetwork", "5GC_SubNetwork", "Edge_Service_Support", "Radio_Service", "TN_SubNetwork"}
ALIASES = {"site": "DeploymentSite", "sites": "DeploymentSite", "slice": "networkSlice",
           "area": "CoverageAreaPolygon"}
ISO = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


class Context:
    def __init__(self, definition):
        self.terms = dict(definition or {})

    def expand(self, text):
        if text.startswith("@") or ":" not in text:
            return text
        prefix, rest = text.split(":", 1)
        if rest.startswith("//"):
            return text
        if prefix not in self.terms:
            raise ValueError(f"undefined prefix {prefix!r} in {text!r}")
        return self.terms[prefix] + rest

    def term(self, text):
        iri = self.expand(text)
        match = TIO.match(iri)
        if match and match.group(1) in MODULES:
            return MODULES[match.group(1)], match.group(2)
        if iri == RDF_VALUE:
            return "rdf", "value"
        return "other", re.split(r"[/#:]", iri)[-1]


def items(value):
    if isinstance(value, dict) and "@list" in value:
        value = value["@list"]
    return value if isinstance(value, list) else [value]


def quantity(value, unit=""):
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    text = str(value)
    if isinstance(value, (int, float)) and not unit:
        return value
    return f"{text}{unit}" if unit else text


def values(ctx, operand):
    out = []
    for item in items(operand):
        if isinstance(item, dict) and set(item) == {"@id"}:
            continue  # the condition's variable
        if isinstance(item, dict):
            unit, value = "", None
            for key, inner in item.items():
                kind = ctx.term(key)
                if kind == ("rdf", "value"):
                    value = inner
                elif kind == ("quan", "unit"):
                    unit = inner
            out.append(quantity(value, unit))
        else:
            out.append(item)
    return out


def collect(ctx, node, names, operators):
    """Target property names and (condition, value) pairs of a condition and its set:forAll parts."""
    for key, value in node.items():
        vocab, local = ctx.term(key)
        if (vocab, local) == ("icm", "valuesOfTargetProperty"):
            names += [ctx.term(i["@id"] if isinstance(i, dict) else i)[1] for i in items(value)]
        elif (vocab, local) == ("set", "forAll"):
            for part in items(value):
                if isinstance(part, dict) and set(part) != {"@id"}:
                    collect(ctx, part, names, operators)
        elif vocab == "quan" and local in CONDITIONS:
            found = values(ctx, value)
            operators.append((CONDITIONS[local], found if local == "inRange" else found[0]))


def condition_targets(ctx, node):
    names, operators = [], []
    collect(ctx, node, names, operators)
    return [{"targetName": n, "targetCondition": c, "targetValueRange": v} for n in names for c, v in operators]


def context_entries(ctx, node):
    out = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        name = ctx.term(key)[1]
        entry_values = values(ctx, value)
        listed = isinstance(value, (list, dict))
        out.append({"contextAttribute": ALIASES.get(name.lower(), name),
                    "contextCondition": "IS_ONE_OF" if listed else "IS_EQUAL_TO",
                    "contextValueRange": entry_values if listed else entry_values[0]})
    return out


def domain_of(name):
    normalized = re.sub(r"[ _-]", "", name).lower()
    for domain, object_type, names in DOMAINS:
        if normalized in names:
            return domain, object_type
    raise ValueError(f"no domain for target {name!r}")


def expectation(ctx, intent_id, node):
    local = ctx.term(node["@id"])[1] if "@id" in node else None
    verb = "ENSURE" if ctx.term(node["@type"])[1] == "PropertyExpectation" else "DELIVER"
    obj, targets, contexts = {}, [], []
    for key, value in node.items():
        vocab, name = ctx.term(key)
        if (vocab, name) == ("icm", "target"):
            kind = ctx.term(value["@type"])[1] if "@type" in value else None
            if kind in OBJECT_TYPES:
                obj["objectType"] = kind
            obj["objectInstance"] = ctx.term(value["@id"])[1]
            object_contexts = context_entries(ctx, value)
            if object_contexts:
                obj["objectContexts"] = object_contexts
        elif (vocab, name) == ("log", "allOf"):
            for item in items(value):
                item_kind = ctx.term(item.get("@type", ""))[1]
                if item_kind == "Context":
                    contexts += context_entries(ctx, item)
                else:
                    targets += condition_targets(ctx, item)
    if "objectType" not in obj:
        domain, object_type = domain_of(targets[0]["targetName"])
        obj = {"objectType": object_type, **obj}
        local = local or f"{intent_id}-{domain}"
    else:
        obj = {"objectType": obj.pop("objectType"), **obj}
    result = {"expectationId": local, "expectationVerb": verb, "expectationObject": obj,
              "expectationTargets": targets}
    if contexts:
        result["expectationContexts"] = contexts
    return result


def translate(intent):
    value = intent["expression"]["expressionValue"]
    ctx = Context(value.get("@context"))
    intent_id = intent.get("id") or ctx.term(value["@id"])[1]
    out = {"id": intent_id}
    if intent.get("name"):
        out["userLabel"] = intent["name"]
    expectations, contexts, sites, period = [], [], [], None
    for key, items_value in value.items():
        if ctx.term(key) != ("log", "allOf"):
            continue
        for node in items(items_value):
            kind = ctx.term(node["@type"])[1]
            if kind in ("DeliveryExpectation", "PropertyExpectation"):
                expectations.append(expectation(ctx, intent_id, node))
            elif kind == "Context":
                for entry in context_entries(ctx, node):
                    if entry["contextAttribute"] == "DeploymentSite":
                        sites += items(entry["contextValueRange"])
                    else:
                        contexts.append(entry)
            elif kind == "ReportingExpectation":
                for k, v in node.items():
                    match = ISO.match(v) if not k.startswith("@") else None
                    if match:
                        h, m, s = (int(x or 0) for x in match.groups())
                        period = h * 3600 + m * 60 + s
    out["intentExpectations"] = expectations
    if sites:
        contexts.append({"contextAttribute": "DeploymentSite", "contextCondition": "IS_ONE_OF",
                         "contextValueRange": sites})
    if contexts:
        out["intentContexts"] = contexts
    priority = intent.get("priority")
    if priority is not None and str(priority).isdigit() and 1 <= int(priority) <= 100:
        out["intentPriority"] = int(priority)
    if period:
        out["observationPeriod"] = period
    return out


def documents(text):
    decoder, at = json.JSONDecoder(), 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        document, at = decoder.raw_decode(text, at)
        yield document


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        intents = [translate(d) for d in documents(f.read())]
    json.dump(intents[0] if len(intents) == 1 else intents, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
