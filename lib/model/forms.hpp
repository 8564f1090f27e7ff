// The forms intent documents come in, how each is recognised, and what the
// readers of the TM Forum forms share. Every command recognises a document
// through form_of, so a document is in the same form for all of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/problems.hpp"
#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

enum class Form {
  // TMF921 intents, translate's inputs
  tmf921_v5,     // expression is a JsonLdExpression object
  tmf921_v4,     // expression.expressionValue is that JSON-LD as a string
  gateway,       // the intent gateway's top-level characteristic[] and expectation[]
  specification, // the seed tools' intentSpecification.intentExpectations[]
  short_form,    // {"intent": ..., "requirements": {...}}
  // 28.312 and the seed kpt function's dialect, render's inputs (an Intent is translate's too)
  gpp_intent,
  gpp_expectation,
  seed_expectation,
};

// "tmf921-v5", "tmf921-v4", "tmf921-gateway", "seed", "short", "28312",
// "28312-expectation", "seed-expectation".
std::string_view form_name(Form form);
// What messages and validate call a document of the form: "TMF921 Intent", ...
std::string_view form_label(Form form);
bool is_tmf921(Form form);

// The form a document is in, by the members it has; nullopt when it is in
// none (a document that is not an object is in none).
std::optional<Form> form_of(const Node& document);

// The input error for a document in no form: the same message in every command.
Error unrecognised_document(const Source& source, const Node& document, const std::string& path);

// What the readers of one document share.
struct FormContext {
  const Source& source;
  const Mapping& mapping;
  std::vector<DeltaEntry>& delta;
  Problems& problems;
};

// One document in a TMF921 form, or a 28.312 Intent, to intents (the v5 and
// v4 forms hold one intent each; so do the others). Expectations are read
// and their targets checked; what render needs of them is checked by the
// caller (model/acceptance.hpp).
std::vector<Intent> read_intents(const Node& document, Form form, FormContext& context);

// "5G Network (URLLC)" -> "5g-network-urllc": lower case, [a-z0-9-], at most 63.
std::string slugify(std::string_view text);

// The intent's id: the given one when there is one, else a slug of its name, else
// "intent-" and a hash of the document's bytes. Never random.
std::string stable_intent_id(std::string_view given_id, std::string_view name, const Node& document);

// Puts each target into an expectation of the domain its name maps to, one
// expectation per domain in order of first appearance, with the id
// "<intent id>-<domain>". A target name that maps to no domain is an input
// error at the target.
void group_targets_by_domain(Intent& intent, std::vector<Target> targets, FormContext& context);

} // namespace intentctl
