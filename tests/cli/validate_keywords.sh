#!/usr/bin/env bash
# --schema-location schemas that use the draft-7 keywords beyond the
# structural ones (contains, items as a tuple with additionalItems,
# dependencies in both forms, if/then/else, not, propertyNames,
# patternProperties, const): intentctl finds, object by object, as many
# violations as Python's jsonschema does on the same objects, and a schema
# with a keyword it does not check is refused at that keyword.
. "$SOURCE_DIR/tests/support/testlib.sh"
require_python_module jsonschema
require_python_module yaml

fixtures=$SOURCE_DIR/tests/fixtures/validate/keywords
cd "$SCRATCH"
cp "$fixtures/racks.yaml" .
mkdir schemas
cp "$fixtures/rack-example-v1.json" schemas/

# name count, one line per object, from Python's jsonschema (draft 7).
python3 - schemas/rack-example-v1.json racks.yaml >peer.txt <<'PY'
import json, sys
import jsonschema, yaml
validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
for document in yaml.safe_load_all(open(sys.argv[2])):
    print(document["metadata"]["name"], len(list(validator.iter_errors(document))))
PY

run "$INTENTCTL" validate racks.yaml --schema-location schemas --format json
expect_rc 1 "the racks that break the schema are invalid"
python3 - "$SCRATCH/out" >ours.txt <<'PY'
import json, sys
for resource in json.load(open(sys.argv[1]))["resources"]:
    print(resource["name"], len(resource["findings"]))
PY
expect_same peer.txt ours.txt "violations per object, intentctl and jsonschema"
total=$(awk '{ n += $2 } END { print n }' ours.txt)
[ "$total" -eq 13 ] && pass || fail "13 violations in all, got $total"

# Each keyword's finding, at its place.
run "$INTENTCTL" validate racks.yaml --schema-location schemas
for finding in \
  "racks.yaml:22:10: error: spec.ports: none of the 2 items matches the contains schema (Rack no-https)" \
  "racks.yaml:29:16: error: spec.slot[2]: must have at most 2 items (additionalItems: false), got 3 (Rack long-slot)" \
  "racks.yaml:35:1: error: spec.key: missing field, required when tls is set (Rack half-tls)" \
  "racks.yaml:43:1: error: spec.mode: missing required field (Rack lonely-replicas)" \
  "racks.yaml:53:10: error: spec.slot[0]: expected string, got integer (Rack weak-ha)" \
  "racks.yaml:54:18: error: spec.cables[1]: expected integer, got string (Rack weak-ha)" \
  "racks.yaml:52:13: error: spec.replicas: must be at least 3, got 2 (Rack weak-ha)" \
  "racks.yaml:63:10: error: spec.ports: must contain an item that matches the contains schema, got an empty list (Rack cables-without-ha)"; do
  expect_contains "$SCRATCH/out" "$finding" "finding"
done

# A keyword of another draft refuses the schema, naming the keyword and its place.
refused() { # description python-edit keyword-to-point-at expected-message
  mkdir -p "refused/$1"
  local at
  at=$(python3 - "$fixtures/rack-example-v1.json" "refused/$1/rack-example-v1.json" "$2" "$3" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
spec = schema["properties"]["spec"]
exec(sys.argv[3])
json.dump(schema, open(sys.argv[2], "w"), indent=2)
for number, line in enumerate(open(sys.argv[2]), 1):
    if sys.argv[4] in line:
        print(f"{number}:{line.index(sys.argv[4]) + 1}")
        break
PY
)
  run "$INTENTCTL" validate racks.yaml --schema-location "refused/$1"
  expect_rc 1 "$1: the objects are not passed"
  expect_contains "$SCRATCH/out" "Valid: 0, Invalid: 0, Errors: 7" "$1: every object is an error"
  expect_contains "$SCRATCH/out" "the schema refused/$1/rack-example-v1.json is unusable: refused/$1/rack-example-v1.json:$at: error: $4" "$1"
}
refused prefixItems 'spec["properties"]["slot"] = {"type": "array", "prefixItems": [{"type": "string"}]}' \
  '"prefixItems"' 'unsupported schema keyword "prefixItems" (JSON Schema 2020-12)'
refused unevaluatedProperties 'spec["unevaluatedProperties"] = False' \
  '"unevaluatedProperties"' 'unsupported schema keyword "unevaluatedProperties" (JSON Schema 2019-09)'
refused dependentRequired 'spec["dependentRequired"] = {"tls": ["key"]}' \
  '"dependentRequired"' 'unsupported schema keyword "dependentRequired" (JSON Schema 2019-09)'
refused draft2020 'schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"' \
  '"https://json-schema.org/draft/2020-12/schema"' 'unsupported schema dialect "https://json-schema.org/draft/2020-12/schema"'
refused nested-id 'spec["$id"] = "https://example.com/spec.json"' \
  '"$id"' 'unsupported schema keyword "$id" below the top of the schema'

finish
