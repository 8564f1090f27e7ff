// Intents and expectations in validate: checked by the acceptance rule that
// translate and render apply (model/acceptance.hpp), so that validate passes
// exactly what they accept and names, first, the problem they stop at. A
// document in a TMF921 form is checked as translate reads it, a 28.312 Intent,
// expectation or seed expectation as render reads it; each wrong part gets
// one finding.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/acceptance.hpp"
#include "validate/report.hpp"

namespace intentctl {

// An id taken by an accepted intent or expectation, for the check across files.
struct TakenName {
  enum class Kind { intent, expectation } kind;
  bool translates; // taken by a TMF921 document (translate's input), else by render's
  std::string key; // the intent id, or the expectation's name
  std::string id;  // as written
  Location where;
};

// What the acceptance rule said about one document.
struct IntentVerdict {
  std::string kind;              // "TMF921 Intent", "28.312 Intent", ...
  std::string name;              // the intent's (or expectation's) id
  std::vector<Finding> findings; // one per wrong part, in the order translate and render meet them
  std::vector<TakenName> taken;  // what it named, when accepted
};

enum class IntentScope { any, tmf921, gpp28312 };

// One file's intent documents: duplicates within the file are found here,
// across files by report_taken_names.
class IntentChecker {
 public:
  // strict: fields without a 28.312 home (translate's delta) are findings too.
  IntentChecker(const Mapping& mapping, bool lax_seed, bool strict);

  // Whether a document is in one of the intent forms (a list: all its items).
  static bool is_intent_document(const Node& document);

  IntentVerdict check(const Source& source, const Node& document, IntentScope scope);

 private:
  void check_item(const Source& source, const Node& item, IntentScope scope);

  const Mapping& mapping_;
  bool strict_;
  std::vector<DeltaEntry> delta_;
  Problems problems_{Problems::Mode::keep_going};
  ExpectationReader reader_;
};

// The message for a document in no form validate reads (no intent, no KRM object).
std::string unknown_document_message(const Node& document);

// Names taken in several files: the later ones get render's "duplicate" finding
// (translate's inputs and render's are counted apart: no command reads both).
// taken[i] belongs to resources[i].
void report_taken_names(std::vector<ResourceResult>& resources, const std::vector<std::vector<TakenName>>& taken);

} // namespace intentctl
