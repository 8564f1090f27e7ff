#!/usr/bin/env python3
"""The peer of tests/bench/validate.sh: Python's jsonschema checking the same
objects against the same schemas as `intentctl validate`.

The schemas are the ones validate uses: the CRDs found in the tree (render's
crds/bundles.yaml) and validate's built-in schemas for the core kinds and
ObjectMeta, read from lib/validate/builtin_schemas.cpp. They are Kubernetes
structural schemas, so they are turned into draft-7 JSON Schema with the same
meaning: fields a schema does not name are errors (additionalProperties:
false), x-kubernetes-int-or-string and nullable become type lists, and
metadata names and label keys get the DNS-1123 / qualified-name patterns.

Usage: validate_peer.py SOURCE_DIR TREE  -> one JSON line of counts and times.
"""
import json
import os
import re
import sys
import time

import jsonschema
import yaml

SUBDOMAIN = r"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
LABEL = r"^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
QUALIFIED = r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
LABEL_VALUE = r"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$"


def structural_to_json_schema(schema, in_branch=False):
    """A structural schema as a draft-7 JSON Schema with the same checks."""
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in ("properties",):
            out[key] = {name: structural_to_json_schema(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not", "propertyNames") and isinstance(value, dict):
            out[key] = structural_to_json_schema(value, in_branch=key in ("not", "propertyNames"))
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [structural_to_json_schema(sub, in_branch=True) for sub in value]
        elif key.startswith("x-kubernetes-") or key in ("nullable", "format", "description"):
            continue
        else:
            out[key] = value
    if schema.get("x-kubernetes-int-or-string"):
        out["type"] = ["integer", "string"]
    if schema.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
    is_object = schema.get("type") == "object" or "properties" in schema
    if (is_object and not in_branch and not schema.get("x-kubernetes-preserve-unknown-fields")
            and "additionalProperties" not in schema):
        out["additionalProperties"] = False  # pruned by the API server: an unknown field
    return out


def object_schema(openapi_schema, object_meta):
    schema = structural_to_json_schema(openapi_schema)
    properties = dict(schema.get("properties", {}))
    properties["apiVersion"] = {"type": "string"}
    properties["kind"] = {"type": "string"}
    properties["metadata"] = object_meta
    schema["properties"] = properties
    return schema


def builtin_schemas(source_dir):
    text = open(os.path.join(source_dir, "lib/validate/builtin_schemas.cpp")).read()
    blocks = re.findall(r'R"yaml\((.*?)\)yaml"', text, re.S)
    kinds_text, meta_text = blocks[0], blocks[1]
    meta = structural_to_json_schema(yaml.safe_load(meta_text))
    meta["properties"]["name"] = {"type": "string", "pattern": SUBDOMAIN}
    meta["properties"]["namespace"] = {"type": "string", "pattern": LABEL}
    meta["properties"]["labels"] = {"type": "object", "propertyNames": {"pattern": QUALIFIED},
                                    "additionalProperties": {"type": "string", "pattern": LABEL_VALUE}}
    meta["properties"]["annotations"] = {"type": "object", "propertyNames": {"pattern": QUALIFIED},
                                         "additionalProperties": {"type": "string"}}
    meta["required"] = ["name"]
    schemas = {}
    for document in yaml.safe_load_all(kinds_text):
        for kind in document["kinds"]:
            schemas[(kind["apiVersion"], kind["kind"])] = object_schema(document["schema"], meta)
    return schemas, meta


def files_of(tree):
    found = []
    for folder, folders, names in os.walk(tree):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += [os.path.join(folder, n) for n in names if n.endswith((".yaml", ".yml", ".json"))]
    return sorted(found)


def main():
    source_dir, tree = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    schemas, meta = builtin_schemas(source_dir)
    documents = []
    for path in files_of(tree):
        with open(path) as stream:
            documents += [d for d in yaml.load_all(stream, Loader=yaml.CSafeLoader) if d is not None]
    for document in documents:
        if document.get("kind") == "CustomResourceDefinition":
            spec = document["spec"]
            for version in spec["versions"]:
                key = (f"{spec['group']}/{version['name']}", spec["names"]["kind"])
                schemas[key] = object_schema(version["schema"]["openAPIV3Schema"], meta)
    parsed = time.perf_counter()
    validators = {key: jsonschema.Draft7Validator(schema) for key, schema in schemas.items()}
    valid = invalid = errors = 0
    for document in documents:
        validator = validators.get((document.get("apiVersion"), document.get("kind")))
        if validator is None:
            errors += 1
        elif next(validator.iter_errors(document), None) is None:
            valid += 1
        else:
            invalid += 1
    done = time.perf_counter()
    print(json.dumps({"resources": len(documents), "valid": valid, "invalid": invalid, "errors": errors,
                      "parse_seconds": parsed - start, "check_seconds": done - parsed,
                      "total_seconds": done - start}))


if __name__ == "__main__":
    main()
