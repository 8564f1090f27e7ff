// Expectations as render and check read them: 28.312 Intents, bare 28.312
// expectations and the seed dialect, as single documents, lists or
// multi-document streams, from files, folders and standard input; and the
// intents translate read from a TMF921 form. Each expectation is checked
// here, where its line and column are still known: a known objectType, an id
// that can name Kubernetes objects and files, no id twice, at least one
// target. With ReadRules::renderable, also what render needs of it
// (check_renderable); that is the acceptance rule translate, render and
// validate share (model/acceptance.hpp). A plain read leaves a target name
// given twice to its caller: a conflict check reads such targets to report them.
#pragma once

#include <istream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/problems.hpp"
#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

// One expectation as read, with its intent and the sites it goes to.
struct InputExpectation {
  Expectation expectation;
  const Domain* domain = nullptr;
  std::string name;                     // the id as a DNS-1123 label: object and file names
  std::string expectation_type;         // carried by the input, else the domain's
  std::string intent_id;                // "" for an expectation given on its own
  std::vector<std::string> sites;       // the intent's own sites; empty = every site
  std::vector<Context> intent_contexts; // the intent's contexts but its sites
  Location where;                       // the expectation
  Location sites_where;                 // the intent's list of sites
};

struct ReadRules {
  // Also refuse what render cannot render (check_renderable).
  bool renderable = false;
  // Seed expectations may leave out intentExpectationType and
  // intentExpectationContext, which the seed's function required: a warning
  // instead of an error (render --lax-seed).
  bool lax_seed = false;
};

class ExpectationReader {
 public:
  ExpectationReader(const Mapping& mapping, std::vector<DeltaEntry>& delta, ReadRules rules = {},
                    Problems* problems = nullptr)
      : mapping_(mapping), delta_(delta), rules_(rules), problems_(problems) {}

  // Every document of the source; an empty source is an input error.
  void read_source(const Source& source);
  // One document: an intent, an expectation (either dialect) or a list of them.
  void read_document(const Source& source, const Node& document, const std::string& path);
  // A 28.312 Intent, read and checked as read_document does, and handed back.
  Intent read_intent_document(const Source& source, const Node& item, const std::string& path);
  // An intent read from another form (translate's): each expectation checked
  // at its own mark, and the intent id not taken before.
  void add_intent(const Source& source, const Intent& intent, const Node& document);

  std::vector<InputExpectation>& expectations() { return expectations_; }
  // Where the intent of that id was read (its id, else the intent itself):
  // in a list, its own item; nullptr when no intent took the id.
  const Location* intent_where(const std::string& id) const;
  // Warnings about what was read (a seed expectation without a type under lax_seed).
  const std::vector<DeltaEntry>& warnings() const { return warnings_; }

 private:
  // Where add() places its messages about one expectation.
  struct Places {
    Location expectation;
    Location id;
    Location object_type;
  };

  void read_item(const Source& source, const Node& item, const std::string& path);
  void take_intent_id(const std::string& id, const Location& where);
  void add(Expectation expectation, const Places& places, const Intent* intent, const Location& sites_where);

  const Mapping& mapping_;
  std::vector<DeltaEntry>& delta_;
  ReadRules rules_;
  Problems* problems_;
  std::vector<InputExpectation> expectations_;
  std::vector<DeltaEntry> warnings_;
  std::map<std::string, std::pair<std::string, Location>> names_; // name -> (id, where)
  std::map<std::string, Location> intent_ids_;
};

// What render needs of an expectation beyond reading it: one target per
// name (a bundle's spec block holds one entry per name), no target named like
// a field of the ProvisioningRequest's templateParameters, a spec block that
// clashes with no other spec field.
void check_renderable(const InputExpectation& entry);

// The built-in mapping table, or the --mapping FILE that overrides it.
Mapping mapping_from(const std::string& file, std::istream& in, bool stdin_is_terminal);

// Files as given, "-" as given, folders walked for .json, .yaml and .yml files
// (sorted, hidden entries skipped). A folder without any is an input error.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

} // namespace intentctl
