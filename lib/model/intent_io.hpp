// The 28.312 wire shape: writing the model in the Rel-18 OpenAPI layout (or the
// MnS "attributes" layout), and reading either layout back, with positions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/fields.hpp"
#include "io/problems.hpp"
#include "io/reader.hpp"
#include "model/intent.hpp"

namespace intentctl {

enum class Layout {
  flat,       // {"id": ..., "userLabel": ..., "intentExpectations": [...]}  (Rel-18)
  attributes, // {"id": ..., "attributes": {"userLabel": ..., ...}}          (MnS)
};

Node to_node(const Intent& intent, Layout layout = Layout::flat);
Node to_node(const Expectation& expectation);
Node to_node(const Target& target);
Node to_node(const Context& context);
Node to_node(const ValueRange& range);
Node to_node(const Value& value);

// A condition and its values as intentctl's JSON output writes them (check,
// verify), appended to node: "condition" (IS_LESS_THAN), "value" (a number, a
// word, or a list of them) and "unit" when every value has the same one:
// {"condition": "IS_LESS_THAN", "value": 1, "unit": "ms"}.
void add_condition(Node& node, Condition condition, const ValueRange& range);

// Fields a reader met that have no place in the model: never dropped silently.
struct DeltaEntry {
  Location where;
  std::string note;
  std::optional<Node> value = std::nullopt; // what the input held there, carried in the delta report
};

// Every member of fields nobody read, with its value, into delta: no input
// field is dropped silently.
void record_unread(const Fields& fields, std::vector<DeltaEntry>& delta,
                   std::string_view note = "no 28.312 field of this name; not carried over");

// Whether a document looks like a 28.312 Intent (either layout) or expectation.
bool is_3gpp_intent(const Node& document);
bool is_3gpp_expectation(const Node& document);
// Whether a document looks like a 28.312 IntentReport (what check and verify write).
bool is_3gpp_intent_report(const Node& document);

// Reading one 28.312 Intent; unknown members are added to delta.
// With problems, each expectation and target is read on its own (see
// io/problems.hpp) and a whole with a wrong part ends in Problems::Reported.
Intent read_intent(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta,
                   Problems* problems = nullptr);
Expectation read_expectation(const Source& source, const Node& node, const std::string& path,
                             std::vector<DeltaEntry>& delta, Problems* problems = nullptr);
Target read_target(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta);
Context read_context(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta);
// A 28.312 value range: a value or a list of them.
ValueRange read_value_range(const Source& source, const Node& node, const std::string& path);
Value read_value(const Source& source, const Node& node, const std::string& path);

// settle_target (model/target_kind.hpp) for a target whose values were read
// from values (at path): its problem becomes an input error at the value it
// concerns.
void settle_target_at(Target& target, const Source& source, const Node& values, const std::string& path,
                      std::string_view condition_spelling = {});

// An intent's contexts (its sites aside) travel with each of its rendered
// expectations in this ConfigMap annotation, as a compact JSON list of
// 28.312 Contexts, so that verify compares what check compared.
inline constexpr const char* kIntentContextsAnnotation = "expectation.nephio.org/intent-contexts";
std::string intent_contexts_text(const std::vector<Context>& contexts);
// The annotation's contexts; source.text is its value.
std::vector<Context> read_intent_contexts(const Source& source);

// Reads a condition in any spelling; an unknown one is an input error that lists
// the known words.
Condition read_condition(const Source& source, const Node& node, const std::string& path);

} // namespace intentctl
