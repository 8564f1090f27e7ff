// Intents (TMF921 forms and TS 28.312 documents) against the project's own
// JSON Schemas (lib/schemas), with valijson over nlohmann_json. valijson
// reports a path of keys and indexes; it is walked back through the Node tree
// so that every finding has the document's own line and column.
#pragma once

#include <string>
#include <vector>

#include "validate/schema.hpp"

namespace intentctl {

enum class IntentKind { gpp28312, tmf921 };

// Which schema a document gets, and what findings call it ("28.312 Intent",
// "TMF921 Intent", ...). The layout or form the document itself shows picks
// the schema's alternative, so findings are about that form only.
struct IntentShape {
  IntentKind kind;
  std::string definition; // the schema definition checked, e.g. "flatIntent"
  std::string label;      // for messages
};
IntentShape intent_shape(const Node& document, IntentKind kind);

// Findings in document order (nothing when the document is valid).
std::vector<SchemaViolation> check_intent(const Node& document, const IntentShape& shape);

// A document of intents: one intent, a list of intents (each checked against
// the schema of its own form, paths starting [i]), or, for 28.312, a list of
// expectations. label says what it held, for messages.
struct IntentFindings {
  std::string label;
  std::vector<SchemaViolation> violations;
};
IntentFindings check_intents(const Node& document, IntentKind kind);

// Whether a document is (or is a list of) TMF921 intents in one of translate's forms.
bool looks_like_tmf921(const Node& document);

} // namespace intentctl
