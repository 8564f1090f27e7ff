// Expectations as render and check read them: 28.312 Intents, bare 28.312
// expectations and the seed dialect, as single documents, lists or
// multi-document streams, from files, folders and standard input. Each
// expectation is checked here, where its line and column are still known: a
// known objectType, an id that can name Kubernetes objects and files, no id
// twice, at least one target. (A target name given twice is render's own
// refusal, after check has had the chance to call it a conflict.)
#pragma once

#include <istream>
#include <map>
#include <string>
#include <vector>

#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

// One expectation as read, with its intent and the sites it goes to.
struct InputExpectation {
  Expectation expectation;
  const Domain* domain = nullptr;
  std::string name;               // the id as a DNS-1123 label: object and file names
  std::string expectation_type;   // carried by the input, else the domain's
  std::string intent_id;          // "" for an expectation given on its own
  std::vector<std::string> sites; // the intent's own sites; empty = every site
  std::vector<Context> intent_contexts; // the intent's contexts but its sites
  Location where;                 // the expectation
  Location sites_where;           // the intent's list of sites
};

class ExpectationReader {
 public:
  ExpectationReader(const Mapping& mapping, std::vector<DeltaEntry>& delta) : mapping_(mapping), delta_(delta) {}

  // Every document of the source; an empty source is an input error.
  void read_source(const Source& source);
  // One document: an intent, an expectation (either dialect) or a list of them.
  void read_document(const Source& source, const Node& document, const std::string& path);

  std::vector<InputExpectation>& expectations() { return expectations_; }

 private:
  void read_item(const Source& source, const Node& item, const std::string& path);
  void add(const Source& source, const Node& node, const std::string& path, Expectation expectation,
           const std::string& id_key, const Intent* intent, const Location& sites_where);

  const Mapping& mapping_;
  std::vector<DeltaEntry>& delta_;
  std::vector<InputExpectation> expectations_;
  std::map<std::string, std::pair<std::string, Location>> names_; // name -> (id, where)
};

// The built-in mapping table, or the --mapping FILE that overrides it.
Mapping mapping_from(const std::string& file, std::istream& in, bool stdin_is_terminal);

// Files as given, "-" as given, folders walked for .json, .yaml and .yml files
// (sorted, hidden entries skipped). A folder without any is an input error.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

} // namespace intentctl
