// The structural schema checker: every rule with a failing and a passing
// case, and the exact line and column of what it reports.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "io/reader.hpp"
#include "validate/schema.hpp"

using namespace intentctl;

namespace {

Node yaml(const std::string& text, const std::string& name = "doc.yaml") {
  return parse_yaml(Source{name, text}, ReadLimits{}).documents.at(0);
}

std::shared_ptr<const CompiledSchema> compile(const std::string& schema_yaml,
                                              SchemaDialect dialect = SchemaDialect::structural,
                                              bool object_root = false) {
  auto document =
      std::make_shared<const std::pair<Source, Node>>(Source{"schema.yaml", {}}, yaml(schema_yaml, "schema.yaml"));
  return CompiledSchema::compile(document, document->second, dialect, {}, object_root);
}

std::vector<SchemaViolation> check(const std::string& schema_yaml, const std::string& value_yaml,
                                   SchemaDialect dialect = SchemaDialect::structural) {
  return compile(schema_yaml, dialect)->check(yaml(value_yaml));
}

// "LINE:COL PATH: MESSAGE [rule]" for the one violation expected.
std::string only(const std::vector<SchemaViolation>& violations) {
  REQUIRE(violations.size() == 1);
  const auto& v = violations.front();
  return std::to_string(v.mark.line) + ":" + std::to_string(v.mark.column) + " " + v.path + ": " + v.message + " [" +
         v.rule + "]";
}

std::string schema_error(const std::string& schema_yaml) {
  try {
    compile(schema_yaml);
  } catch (const Error& error) {
    return error.describe();
  }
  FAIL("expected the schema to be refused");
  return {};
}

constexpr const char* kObject = R"(
type: object
properties:
  name: {type: string}
  count: {type: integer}
  ratio: {type: number}
  enabled: {type: boolean}
  tags: {type: array, items: {type: string}}
  spec:
    type: object
    required: [size]
    properties:
      size: {type: integer}
)";

} // namespace

TEST_CASE("schema: types, with the value's position") {
  CHECK(check(kObject, "name: x\ncount: 3\nratio: 1.5\nenabled: true\ntags: [a]\n").empty());
  CHECK(only(check(kObject, "name: [a, b]\n")) == "1:7 name: expected string, got array [type]");
  CHECK(only(check(kObject, "count: 1.5\n")) == "1:8 count: expected integer, got number [type]");
  CHECK(check(kObject, "count: 2.0\n").empty()); // integral numbers are integers
  CHECK(check(kObject, "ratio: 2\n").empty());   // integers are numbers
  CHECK(only(check(kObject, "enabled: \"true\"\n")) == "1:10 enabled: expected boolean, got string [type]");
  CHECK(only(check(kObject, "tags:\n  - a\n  - 3\n")) == "3:5 tags[1]: expected string, got integer [type]");
  CHECK(only(check(kObject, "spec: 7\n")) == "1:7 spec: expected object, got integer [type]");
  CHECK(only(check(kObject, "name:\n")) == "1:6 name: expected string, got null [type]");
}

TEST_CASE("schema: nullable allows null") {
  const char* schema = "type: object\nproperties:\n  x: {type: string, nullable: true}\n";
  CHECK(check(schema, "x: null\n").empty());
  CHECK(check(schema, "x: text\n").empty());
  CHECK(only(check(schema, "x: 1\n")) == "1:4 x: expected string, got integer [type]");
}

TEST_CASE("schema: required fields are reported at the key of the object that lacks them") {
  CHECK(check(kObject, "spec:\n  size: 1\n").empty());
  const auto violations = check(kObject, "name: x\nspec:\n  size2: 1\n");
  REQUIRE(violations.size() == 2);
  CHECK(violations[0].path == "spec.size");
  CHECK(violations[0].message == "missing required field");
  CHECK(violations[0].mark.line == 2);
  CHECK(violations[0].mark.column == 1);
  CHECK(violations[1].path == "spec.size2");
  CHECK(violations[1].message == "unknown field");
  CHECK(violations[1].mark.line == 3);
  CHECK(violations[1].mark.column == 3);
}

TEST_CASE("schema: unknown fields are errors in structural schemas, allowed in JSON Schema") {
  CHECK(only(check(kObject, "name: x\nbogusField: 1\n")) == "2:1 bogusField: unknown field [unknown-field]");
  CHECK(check(kObject, "name: x\nbogusField: 1\n", SchemaDialect::json_schema).empty());
  const char* closed = "type: object\nadditionalProperties: false\nproperties:\n  a: {type: string}\n";
  CHECK(only(check(closed, "a: x\nb: y\n", SchemaDialect::json_schema)) == "2:1 b: unknown field [unknown-field]");
  CHECK(check(closed, "a: x\n", SchemaDialect::json_schema).empty());
}

TEST_CASE("schema: additionalProperties as a schema checks every other member") {
  const char* map = "type: object\nadditionalProperties:\n  type: object\n  required: [condition]\n  properties:\n"
                    "    condition: {type: string, enum: [LESS_THAN, EQUAL]}\n";
  CHECK(check(map, "latency: {condition: LESS_THAN}\njitter: {condition: EQUAL}\n").empty());
  CHECK(only(check(map, "latency:\n  condition: ROUGHLY\n")) ==
        "2:14 latency.condition: unsupported value \"ROUGHLY\" (allowed: \"LESS_THAN\", \"EQUAL\") [enum]");
  const auto violations = check(map, "latency:\n  value: 1\n");
  REQUIRE(violations.size() == 2);
  CHECK(violations[0].path == "latency.condition");
  CHECK(violations[0].rule == "required");
  CHECK(violations[0].mark.line == 1);
  CHECK(violations[1].path == "latency.value");
  CHECK(violations[1].rule == "unknown-field");
  CHECK(violations[1].mark.column == 3);
}

TEST_CASE("schema: x-kubernetes-preserve-unknown-fields keeps unknown fields") {
  const char* schema = "type: object\nproperties:\n  free: {type: object, x-kubernetes-preserve-unknown-fields: true}\n"
                       "  strict: {type: object}\n";
  CHECK(check(schema, "free: {anything: 1, nested: {x: [1]}}\n").empty());
  CHECK(only(check(schema, "strict: {anything: 1}\n")) == "1:10 strict.anything: unknown field [unknown-field]");
}

TEST_CASE("schema: x-kubernetes-int-or-string") {
  const char* schema = "type: object\nproperties:\n  port: {x-kubernetes-int-or-string: true}\n";
  CHECK(check(schema, "port: 8080\n").empty());
  CHECK(check(schema, "port: http\n").empty());
  CHECK(only(check(schema, "port: 1.5\n")) == "1:7 port: expected integer or string, got number [type]");
  CHECK(only(check(schema, "port: [1]\n")) == "1:7 port: expected integer or string, got array [type]");
}

TEST_CASE("schema: enum and const") {
  const char* schema = "type: object\nproperties:\n  mode: {type: string, enum: [a, b]}\n  fixed: {const: 3}\n";
  CHECK(check(schema, "mode: a\nfixed: 3\n").empty());
  CHECK(only(check(schema, "mode: c\n")) == "1:7 mode: unsupported value \"c\" (allowed: \"a\", \"b\") [enum]");
  CHECK(only(check(schema, "fixed: 4\n")) == "1:8 fixed: must be 3, got 4 [enum]");
}

TEST_CASE("schema: pattern") {
  const char* schema = "type: object\nproperties:\n  id: {type: string, pattern: '^[a-z]+$'}\n";
  CHECK(check(schema, "id: abc\n").empty());
  CHECK(only(check(schema, "id: Abc\n")) == "1:5 id: \"Abc\" does not match the pattern \"^[a-z]+$\" [pattern]");
  // JSON Schema patterns are not anchored.
  CHECK(check("type: string\npattern: b\n", "abc\n").empty());
}

TEST_CASE("schema: minimum, maximum, exclusive bounds, multipleOf") {
  const char* schema = "type: object\nproperties:\n  p: {type: integer, minimum: 1, maximum: 100}\n"
                       "  q: {type: number, minimum: 0, exclusiveMinimum: true, exclusiveMaximum: 1}\n"
                       "  m: {type: integer, multipleOf: 5}\n";
  CHECK(check(schema, "p: 1\nq: 0.5\nm: 10\n").empty());
  CHECK(check(schema, "p: 100\n").empty());
  CHECK(only(check(schema, "p: 0\n")) == "1:4 p: must be at least 1, got 0 [range]");
  CHECK(only(check(schema, "p: 101\n")) == "1:4 p: must be at most 100, got 101 [range]");
  CHECK(only(check(schema, "q: 0\n")) == "1:4 q: must be greater than 0, got 0 [range]");
  CHECK(only(check(schema, "q: 1\n")) == "1:4 q: must be less than 1, got 1 [range]");
  CHECK(only(check(schema, "m: 7\n")) == "1:4 m: must be a multiple of 5, got 7 [range]");
}

TEST_CASE("schema: minLength and maxLength count characters, not bytes") {
  const char* schema = "type: object\nproperties:\n  s: {type: string, minLength: 2, maxLength: 3}\n";
  CHECK(check(schema, "s: ab\n").empty());
  CHECK(check(schema, "s: \"\u00e9\u00e9\u00e9\"\n").empty());
  CHECK(only(check(schema, "s: a\n")) == "1:4 s: must be at least 2 characters long, got 1 [length]");
  CHECK(only(check(schema, "s: abcd\n")) == "1:4 s: must be at most 3 characters long, got 4 [length]");
  // A count past what size_t holds is no limit, and a minimum nothing reaches.
  const char* huge = "type: object\nproperties:\n  s: {type: string, maxLength: 99999999999999999999999}\n"
                     "  t: {type: string, minLength: 99999999999999999999999}\n";
  CHECK(check(huge, "s: abcd\n").empty());
  CHECK(check(huge, "t: abcd\n").size() == 1);
}

TEST_CASE("schema: minItems, maxItems, uniqueItems, list types") {
  const char* schema =
      "type: object\nproperties:\n  l: {type: array, minItems: 1, maxItems: 2, items: {type: integer}}\n"
      "  u: {type: array, uniqueItems: true}\n"
      "  s: {type: array, x-kubernetes-list-type: set, items: {type: string}}\n"
      "  m:\n    type: array\n    x-kubernetes-list-type: map\n    x-kubernetes-list-map-keys: [type]\n"
      "    items: {type: object, properties: {type: {type: string}, status: {type: string}}}\n";
  CHECK(check(schema, "l: [1]\nu: [1, 2]\ns: [a, b]\nm: [{type: Ready}, {type: Synced}]\n").empty());
  CHECK(only(check(schema, "l: []\n")) == "1:4 l: must have at least 1 item, got 0 [items]");
  CHECK(only(check(schema, "l: [1, 2, 3]\n")) == "1:4 l: must have at most 2 items, got 3 [items]");
  CHECK(only(check(schema, "u: [1, 2, 1]\n")) == "1:11 u[2]: duplicate item 1 (the same as [0]) [unique]");
  CHECK(only(check(schema, "s: [a, a]\n")) == "1:8 s[1]: duplicate item \"a\" (the same as [0]) [unique]");
  CHECK(only(check(schema, "m:\n  - {type: Ready}\n  - {type: Ready, status: x}\n")) ==
        "3:5 m[1]: duplicate entry with type=\"Ready\" (the same as [0]) [unique]");
}

TEST_CASE("schema: minProperties, maxProperties, propertyNames, patternProperties") {
  const char* schema = "type: object\nminProperties: 1\nmaxProperties: 2\npropertyNames: {pattern: '^[a-z.]+$'}\n"
                       "additionalProperties: {type: string}\n";
  CHECK(check(schema, "a: x\n").empty());
  CHECK(only(check(schema, "{}\n")) == "1:1 : must have at least 1 field, got 0 [properties]");
  CHECK(only(check(schema, "a: x\nb: y\nc: z\n")) == "1:1 : must have at most 2 fields, got 3 [properties]");
  CHECK(only(check(schema, "Bad: x\n")) ==
        "1:1 Bad: field name: \"Bad\" does not match the pattern \"^[a-z.]+$\" [pattern]");
  const char* patterned = "type: object\npatternProperties:\n  '^x-': {type: integer}\nadditionalProperties: false\n";
  CHECK(check(patterned, "x-a: 1\n", SchemaDialect::json_schema).empty());
  CHECK(only(check(patterned, "x-a: one\n", SchemaDialect::json_schema)) ==
        "1:6 x-a: expected integer, got string [type]");
  CHECK(only(check(patterned, "y: 1\n", SchemaDialect::json_schema)) == "1:1 y: unknown field [unknown-field]");
}

TEST_CASE("schema: formats") {
  const char* schema =
      "type: object\nproperties:\n  t: {type: string, format: date-time}\n  b: {type: string, format: byte}\n"
      "  i: {type: integer, format: int32}\n";
  CHECK(check(schema, "t: '2024-05-01T12:00:00Z'\nb: aGVsbG8=\ni: 5\n").empty());
  CHECK(check(schema, "t: '2024-05-01T12:00:00.5+02:00'\n").empty());
  CHECK(only(check(schema, "t: yesterday\n")).find("1:4 t: \"yesterday\" is not a date-time") == 0);
  CHECK(only(check(schema, "b: 'not base64!'\n")) == "1:4 b: \"not base64!\" is not base64 [format]");
  CHECK(only(check(schema, "i: 3000000000\n")) == "1:4 i: 3000000000 does not fit in 32 bits (format int32) [range]");
}

TEST_CASE("schema: allOf, anyOf, oneOf, not, if/then/else") {
  const char* schema = "type: object\nproperties:\n"
                       "  all: {allOf: [{type: integer}, {minimum: 3}]}\n"
                       "  any: {anyOf: [{type: integer}, {type: string, minLength: 2}]}\n"
                       "  one: {oneOf: [{type: integer}, {minimum: 0}]}\n"
                       "  nope: {not: {type: string}}\n"
                       "  cond: {if: {type: string}, then: {minLength: 2}, else: {minimum: 10}}\n";
  CHECK(check(schema, "all: 4\nany: ab\none: 1.5\nnope: 1\ncond: ab\n").empty());
  CHECK(only(check(schema, "all: 2\n")) == "1:6 all: must be at least 3, got 2 [range]");
  CHECK(only(check(schema, "any: a\n")) == "1:6 any: matches none of the 2 alternatives of anyOf; closest: must be at "
                                           "least 2 characters long, got 1 [composition]");
  CHECK(only(check(schema, "one: 1\n")) ==
        "1:6 one: matches 2 of the oneOf alternatives; exactly one must match [composition]");
  CHECK(only(check(schema, "nope: x\n")) == "1:7 nope: matches a schema it must not match (not) [composition]");
  CHECK(only(check(schema, "cond: a\n")) == "1:7 cond: must be at least 2 characters long, got 1 [length]");
  CHECK(only(check(schema, "cond: 3\n")) == "1:7 cond: must be at least 10, got 3 [range]");
}

TEST_CASE("schema: contains, items as a tuple, additionalItems") {
  const char* schema = "type: object\nproperties:\n"
                       "  c: {type: array, contains: {const: 443}}\n"
                       "  t: {type: array, items: [{type: string}, {type: integer}], additionalItems: false}\n"
                       "  e: {type: array, items: [{type: string}], additionalItems: {type: integer}}\n"
                       "  o: {type: array, items: [{type: string}]}\n"
                       "  i: {type: array, items: {type: string}, additionalItems: false}\n";
  const auto s = SchemaDialect::json_schema;
  CHECK(check(schema, "c: [80, 443]\nt: [a, 1]\ne: [a, 1, 2]\no: [a, 1, true]\ni: [a, b, c]\n", s).empty());
  CHECK(check(schema, "t: [a]\ne: [a]\n", s).empty()); // a tuple may be shorter than its list
  CHECK(only(check(schema, "c: [80, 8080]\n", s)) == "1:4 c: none of the 2 items matches the contains schema [items]");
  CHECK(only(check(schema, "c: []\n", s)) ==
        "1:4 c: must contain an item that matches the contains schema, got an empty list [items]");
  CHECK(only(check(schema, "t: [a, 1, 2, 3]\n", s)) ==
        "1:11 t[2]: must have at most 2 items (additionalItems: false), got 4 [items]");
  CHECK(only(check(schema, "t: [1, 1]\n", s)) == "1:5 t[0]: expected string, got integer [type]");
  CHECK(only(check(schema, "e: [a, 1, b]\n", s)) == "1:11 e[2]: expected integer, got string [type]");
  CHECK(only(check(schema, "o: [1]\n", s)) == "1:5 o[0]: expected string, got integer [type]");
  // additionalItems beside items as one schema constrains nothing (draft 7).
  CHECK(only(check(schema, "i: [a, 1]\n", s)) == "1:8 i[1]: expected string, got integer [type]");
}

TEST_CASE("schema: dependencies, as a list of members and as a schema") {
  const char* schema = "type: object\ndependencies:\n  tls: [certificate, key]\n"
                       "  replicas: {required: [mode], properties: {replicas: {minimum: 2}}}\n";
  const auto s = SchemaDialect::json_schema;
  CHECK(check(schema, "tls: true\ncertificate: c\nkey: k\nreplicas: 2\nmode: ha\n", s).empty());
  CHECK(check(schema, "certificate: c\nmode: ha\n", s).empty()); // nothing depends on what is there
  const auto missing = check(schema, "tls: true\n", s);
  REQUIRE(missing.size() == 2);
  CHECK(missing[0].path == "certificate");
  CHECK(missing[0].message == "missing field, required when tls is set");
  CHECK(missing[1].path == "key");
  const auto replicas = check(schema, "replicas: 1\n", s);
  REQUIRE(replicas.size() == 2);
  CHECK(replicas[0].path == "mode");
  CHECK(replicas[1].message == "must be at least 2, got 1");
  CHECK(schema_error("type: object\ndependencies: [a]\n") ==
        "schema.yaml:2:15: error: invalid schema: dependencies must be object, not array");
}

TEST_CASE("schema: keywords of other drafts refuse the schema at the keyword") {
  CHECK(schema_error("type: array\nprefixItems: [{type: string}]\n") ==
        "schema.yaml:2:1: error: unsupported schema keyword \"prefixItems\" (JSON Schema 2020-12); intentctl checks "
        "JSON Schema draft 4, 6 and 7 and Kubernetes structural schemas");
  for (const char* keyword :
       {"dependentRequired: {}", "dependentSchemas: {}", "unevaluatedProperties: false", "unevaluatedItems: false",
        "minContains: 1", "maxContains: 1", "$anchor: x", "$dynamicRef: '#x'", "$recursiveRef: '#'", "divisibleBy: 2",
        "extends: {}", "disallow: string"}) {
    CAPTURE(keyword);
    const std::string name = std::string(keyword).substr(0, std::string(keyword).find(':'));
    CHECK(schema_error(std::string("type: object\nproperties:\n  a:\n    ") + keyword + "\n")
              .find("schema.yaml:4:5: error: unsupported schema keyword \"" + name + "\"") == 0);
  }
  CHECK(schema_error("$schema: 'https://json-schema.org/draft/2020-12/schema'\ntype: object\n")
            .find("schema.yaml:1:10: error: unsupported schema dialect") == 0);
  CHECK(schema_error("type: object\nproperties:\n  a: {$id: 'other.json', type: string}\n")
            .find("schema.yaml:3:7: error: unsupported schema keyword \"$id\" below the top of the schema") == 0);
  // What the drafts checked here declare, and names for places, are fine.
  CHECK_NOTHROW(compile("$schema: 'http://json-schema.org/draft-07/schema#'\n$id: 'https://example.com/a.json'\n"
                        "type: object\nproperties:\n  a: {$id: '#a', type: string}\n"));
  CHECK_NOTHROW(compile("$schema: 'http://json-schema.org/draft-04/schema#'\nid: 'a.json'\ntype: object\n"));
  // Only reachable schemas count: an unused definition of another draft is not read.
  CHECK_NOTHROW(compile("definitions:\n  unused: {prefixItems: []}\ntype: object\n"));
}

TEST_CASE("schema: $ref, recursive definitions, boolean schemas") {
  const char* schema = "definitions:\n  tree:\n    type: object\n    properties:\n      name: {type: string}\n"
                       "      children: {type: array, items: {$ref: '#/definitions/tree'}}\n"
                       "$ref: '#/definitions/tree'\n";
  CHECK(check(schema, "name: a\nchildren: [{name: b, children: [{name: c}]}]\n", SchemaDialect::json_schema).empty());
  CHECK(only(check(schema, "children: [{children: [{name: 3}]}]\n", SchemaDialect::json_schema)) ==
        "1:31 children[0].children[0].name: expected string, got integer [type]");
  CHECK(only(check("type: object\nproperties:\n  never: false\n", "never: 1\n", SchemaDialect::json_schema)) ==
        "1:8 never: no value is allowed here [type]");
}

TEST_CASE("schema: a KRM object's apiVersion, kind and metadata are left to the caller") {
  const auto schema = compile("type: object\nproperties:\n  spec: {type: object}\n", SchemaDialect::structural, true);
  CHECK(schema->check(yaml("apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec: {}\n")).empty());
  CHECK(only(schema->check(yaml("apiVersion: v1\nkind: X\nextra: 1\n"))) == "3:1 extra: unknown field [unknown-field]");
  const auto embedded =
      compile("type: object\nproperties:\n  template: {type: object, x-kubernetes-embedded-resource: true, "
              "properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}\n");
  CHECK(embedded->check(yaml("template: {apiVersion: v1, kind: Pod, metadata: {}, spec: {a: 1}}\n")).empty());
  CHECK(only(embedded->check(yaml("template: {kind: Pod, other: 1}\n"))) ==
        "1:23 template.other: unknown field [unknown-field]");
}

TEST_CASE("schema: keys that contain dots get brackets in paths") {
  CHECK(member_path("metadata.annotations", "example.com/x") == "metadata.annotations[\"example.com/x\"]");
  CHECK(member_path("spec", "size") == "spec.size");
  CHECK(member_path("", "size") == "size");
}

TEST_CASE("schema: broken schemas are refused at the keyword") {
  CHECK(schema_error("type: object\nproperties:\n  a: {type: strnig}\n") ==
        "schema.yaml:3:13: error: invalid schema: unknown type \"strnig\"");
  CHECK(schema_error("type: string\npattern: '(['\n")
            .find("schema.yaml:2:10: error: invalid schema: pattern \"([\" is not a regular expression") == 0);
  CHECK(schema_error("$ref: '#/definitions/missing'\n") ==
        "schema.yaml:1:7: error: invalid schema: $ref \"#/definitions/missing\" leads nowhere");
  CHECK(schema_error("type: array\nminItems: -1\n") ==
        "schema.yaml:2:11: error: invalid schema: minItems must be a non-negative integer");
  CHECK(schema_error("type: array\nx-kubernetes-list-type: map\n") ==
        "schema.yaml:1:1: error: invalid schema: x-kubernetes-list-type: map needs x-kubernetes-list-map-keys");
}

TEST_CASE("schema: a broken object reports its first problems, not thousands") {
  std::string many = "tags: [";
  for (int i = 0; i < 500; ++i) many += (i ? ", " : "") + std::to_string(i);
  many += "]\n";
  CHECK(check(kObject, many).size() == 100);
}

TEST_CASE("schema: character-class patterns give what the regular expression gives") {
  const char* patterns[] = {"^[-._a-zA-Z0-9]+$", "^[a-z0-9-]+$", "^[a-z]*$", "^[\\\\.a]+$", "^[A-Z]{3}$", "^[^a]+$"};
  const char* values[] = {"", "abc", "a.b", "A_b-9", "a b", "-x-", "ABC", "ab.", "\\", "zz", "Z", "x/y"};
  for (const char* pattern : patterns) {
    const std::string schema = std::string("type: string\npattern: '") + pattern + "'\n";
    const std::regex reference(pattern);
    for (const char* value : values) {
      const bool expected = std::regex_search(std::string(value), reference);
      const auto found = compile(schema)->check(Node::string(value));
      CHECK_MESSAGE(found.empty() == expected, pattern << " on \"" << value << "\"");
    }
  }
}

TEST_CASE("schema: a schema that refers to itself without end stops with a finding") {
  for (const char* schema : {"allOf: [{$ref: '#'}]\n", "anyOf: [{$ref: '#'}]\n", "not: {$ref: '#'}\n",
                             "anyOf: [{$ref: '#'}, {$ref: '#'}, {$ref: '#'}]\n",
                             "oneOf: [{$ref: '#'}, {not: {$ref: '#'}}]\n", "if: {$ref: '#'}\nthen: {$ref: '#'}\n"}) {
    const auto found = check(schema, "a: 1\n", SchemaDialect::json_schema);
    REQUIRE_MESSAGE(!found.empty(), schema);
    CHECK(found.front().message.find("refers to itself") != std::string::npos);
  }
  CHECK(check("$ref: '#'\n", "a: 1\n", SchemaDialect::json_schema).empty());
}
