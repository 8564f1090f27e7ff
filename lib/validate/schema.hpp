// Structural schemas for KRM objects: a CRD's openAPIV3Schema, or a JSON
// Schema file from a kubeconform-style folder, compiled once into a tree of
// checks and then run over positioned Node trees. Checking the Node directly
// (rather than converting to another JSON library first) keeps the line and
// column of every finding and costs nothing per object beyond the walk.
//
// Every validation keyword of JSON Schema draft 4, 6 and 7 and of Kubernetes'
// structural schemas is checked; a keyword that would constrain values but is
// not (those of draft 3 and of 2019-09 and later, a nested $id that moves the
// base of $ref) refuses the schema when it is compiled, naming the keyword and
// its position. A schema is never half-applied.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "io/node.hpp"
#include "io/reader.hpp"

namespace intentctl {

// What an object member that no schema names means.
enum class SchemaDialect {
  // Kubernetes structural schema (CRD openAPIV3Schema): the API server prunes
  // unknown fields, so they are reported as errors unless
  // x-kubernetes-preserve-unknown-fields or additionalProperties allows them.
  structural,
  // JSON Schema (kubeconform schema folders): unknown members are allowed
  // unless additionalProperties is false (kubeconform's "-strict" variants).
  json_schema,
};

// One problem with a value: where, which JSON path, which rule, what.
struct SchemaViolation {
  Mark mark;
  std::string path;
  std::string rule; // "type", "required", "unknown-field", "enum", ... (SARIF rule ids)
  std::string message;
};

// A compiled schema node. Pointers between nodes stay valid for the life of
// the CompiledSchema that owns them; $ref cycles are plain pointer cycles.
struct SchemaNode {
  enum TypeBit : std::uint8_t {
    null_bit = 1,
    boolean_bit = 2,
    integer_bit = 4,
    number_bit = 8,
    string_bit = 16,
    array_bit = 32,
    object_bit = 64
  };
  enum class Extra : std::uint8_t { unspecified, allowed, forbidden, schema };
  enum class ListType : std::uint8_t { atomic, set, map };

  std::uint8_t types = 0; // TypeBit mask; 0 = any type
  bool nullable = false;
  bool preserve_unknown = false;
  bool int_or_string = false;
  bool embedded_resource = false;
  bool unique_items = false;
  bool reject_all = false;      // the schema `false`
  bool root = false;            // the object's top level: apiVersion, kind, metadata are the caller's
  bool reports_unknown = false; // members nothing names are errors (decided at compile time)
  Extra extra = Extra::unspecified;
  ListType list_type = ListType::atomic;

  std::vector<std::pair<std::string, const SchemaNode*>> properties;
  std::vector<std::pair<std::shared_ptr<const std::regex>, const SchemaNode*>> pattern_properties;
  const SchemaNode* additional = nullptr; // when extra == schema
  const SchemaNode* items = nullptr;      // items as one schema: every item
  // items as a list (a tuple): item i against tuple_items[i]; the items past
  // the list against additionalItems (extra_items, additional_items).
  bool tuple = false;
  std::vector<const SchemaNode*> tuple_items;
  Extra extra_items = Extra::unspecified;
  const SchemaNode* additional_items = nullptr; // when extra_items == schema
  const SchemaNode* contains = nullptr;         // at least one item matches
  const SchemaNode* property_names = nullptr;
  std::vector<std::string> required;
  // dependencies: when the object has the key, it also needs these members
  // (the list form) or must match this schema (the schema form).
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::vector<std::pair<std::string, const SchemaNode*>> dependent_schemas;
  std::vector<std::string> list_map_keys;

  std::vector<const SchemaNode*> all_of, any_of, one_of;
  const SchemaNode* not_ = nullptr;
  const SchemaNode* if_ = nullptr;
  const SchemaNode* then_ = nullptr;
  const SchemaNode* else_ = nullptr;

  std::optional<std::vector<Node>> enum_values;
  std::optional<Node> const_value;
  std::shared_ptr<const std::regex> pattern;
  std::string pattern_text;
  // Patterns of the form ^[class]+$ (or *), common in CRDs, as a table of the
  // characters allowed: no regex engine per value.
  std::shared_ptr<const std::array<bool, 256>> pattern_class;
  bool pattern_class_empty_ok = false;
  std::string format;
  std::optional<double> minimum, maximum, multiple_of;
  bool exclusive_minimum = false, exclusive_maximum = false;
  std::optional<std::size_t> min_length, max_length, min_items, max_items, min_properties, max_properties;

  const SchemaNode* property(std::string_view key) const;
};

// Reads a schema document that a $ref names, relative to the file holding the
// reference; returns nullptr when it cannot (the compiler reports the $ref).
using SchemaDocumentLoader = std::function<std::shared_ptr<const std::pair<Source, Node>>(const std::string& path)>;

class CompiledSchema {
 public:
  // Compiles schema (a node inside a document read from source). Throws an
  // input error at the offending keyword when the schema itself is broken (a
  // bad regular expression, a $ref that leads nowhere, a keyword of the wrong
  // type). With object_root, the schema is a KRM object's: apiVersion, kind
  // and metadata at its top level are left to the caller.
  static std::shared_ptr<const CompiledSchema> compile(std::shared_ptr<const std::pair<Source, Node>> document,
                                                       const Node& schema, SchemaDialect dialect,
                                                       SchemaDocumentLoader loader = {}, bool object_root = true);

  const SchemaNode& root() const { return *root_; }
  SchemaDialect dialect() const { return dialect_; }

  // Every violation of the schema by value, in document order. Stops adding
  // after max_violations (a broken object reports its first problems, not a
  // thousand).
  // base_path prefixes every path (the schema of metadata reports
  // metadata.name, not name).
  std::vector<SchemaViolation> check(const Node& value, std::size_t max_violations = 100,
                                     std::string_view base_path = {}) const;

 private:
  friend class SchemaCompiler;
  std::deque<SchemaNode> nodes_;
  std::vector<std::shared_ptr<const std::pair<Source, Node>>> documents_; // kept alive for $ref targets
  const SchemaNode* root_ = nullptr;
  SchemaDialect dialect_ = SchemaDialect::structural;
};

// "spec" + "bogusField" -> "spec.bogusField"; keys that a dot would make
// ambiguous get brackets: metadata.annotations["example.com/x"].
std::string member_path(std::string_view parent, std::string_view key);

} // namespace intentctl
