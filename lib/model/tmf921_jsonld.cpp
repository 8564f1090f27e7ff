// The TM Forum Intent Common Model (TIO v3.x) in JSON-LD, read into the 28.312
// model. Keys and types are expanded through the document's @context and
// matched by IRI (namespace + local name), so a document may bind the
// QuantityOntology to "q:" or anything else. The shapes read:
//
//   {"@context": {...}, "@id": "ex:I1", "@type": "icm:Intent",
//    "log:allOf": [                                         (or icm:hasExpectation, v1)
//      {"@id": "ex:E1", "@type": "icm:DeliveryExpectation",  (PropertyExpectation -> ENSURE)
//       "icm:target": {"@id": "ex:slice1", "@type": "ex:5GC_SubNetwork", "ex:slice": "s1"},
//       "log:allOf": [
//         {"@type": "icm:Condition",                          the Turtle form, in JSON-LD
//          "set:forAll": {"@list": [
//            {"@id": "_:X", "icm:valuesOfTargetProperty": {"@list": [{"@id": "ex:latency"}]}},
//            {"quan:smaller": {"@list": [{"@id": "_:X"}, {"rdf:value": "20.0", "quan:unit": "ms"}]}}]}},
//         {"@type": "icm:Condition", "icm:valuesOfTargetProperty": "ex:jitter", "quan:atMost": "2ms"},
//         {"@type": "icm:Condition", "ex:packetLoss": {"quan:smaller": 0.001}},   by property name
//         {"@type": "icm:Context", "ex:site": {"@list": ["edge1", "edge2"]}}]},
//      {"@type": "icm:PropertyExpectation", "icm:params": {"ex:availability": [{"icm:atLeast": "99.99%"}]}},
//      {"@type": "icm:ReportingExpectation", "icm:reportingInterval": "PT5M"}]}
//
// plus @graph documents whose nodes refer to each other by @id. What has no
// 28.312 home goes to the delta report.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "io/limits.hpp"
#include "model/target_kind.hpp"
#include "model/tmf921.hpp"
#include "model/units.hpp"
#include "util/time.hpp"

namespace intentctl {

namespace {

enum class Vocab { plain, keyword, blank, icm, log, set, quan, imo, rdf, xsd, other };

// An expanded key, @type or IRI value.
struct Term {
  Vocab vocab = Vocab::plain;
  std::string local; // local name: "smaller", "Latency"; the text itself for plain keys
  bool is(Vocab v, std::string_view name) const { return vocab == v && local == name; }
};

constexpr std::string_view rdf_namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view xsd_namespace = "http://www.w3.org/2001/XMLSchema#";
constexpr std::string_view tio_host = "tio.models.tmforum.org/tio/";

struct Module {
  std::string_view name;
  Vocab vocab;
  std::string_view prefix; // how condition.hpp spells operators of this module
};

constexpr Module tio_modules[] = {
    {"IntentCommonModel", Vocab::icm, "icm"},
    {"LogicalOperators", Vocab::log, "log"},
    {"SetOperators", Vocab::set, "set"},
    {"QuantityOntology", Vocab::quan, "quan"},
    {"IntentManagementOntology", Vocab::imo, "imo"},
};

std::string_view operator_prefix(Vocab vocab) {
  for (const auto& module : tio_modules)
    if (module.vocab == vocab) return module.prefix;
  return {};
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool is_keyword(std::string_view key) { return !key.empty() && key[0] == '@'; }

// "http://tio.models.tmforum.org/tio/v3.6.0/QuantityOntology/smaller" -> quan, "smaller".
// Any TIO version is accepted: the vocabulary's names have been stable across them.
Term classify(std::string_view iri) {
  if (starts_with(iri, "_:")) return {Vocab::blank, std::string(iri)};
  if (starts_with(iri, rdf_namespace)) return {Vocab::rdf, std::string(iri.substr(rdf_namespace.size()))};
  if (starts_with(iri, xsd_namespace)) return {Vocab::xsd, std::string(iri.substr(xsd_namespace.size()))};
  std::string_view rest = iri;
  if (starts_with(rest, "https://")) rest.remove_prefix(8);
  else if (starts_with(rest, "http://")) rest.remove_prefix(7);
  if (starts_with(rest, tio_host)) {
    rest.remove_prefix(tio_host.size());
    if (const auto version_end = rest.find('/'); version_end != std::string_view::npos) {
      rest.remove_prefix(version_end + 1);
      const auto module_end = rest.find('/');
      if (module_end != std::string_view::npos)
        for (const auto& module : tio_modules)
          if (rest.substr(0, module_end) == module.name)
            return {module.vocab, std::string(rest.substr(module_end + 1))};
    }
  }
  const auto cut = iri.find_last_of("#/:");
  if (cut == std::string_view::npos || cut + 1 == iri.size()) return {Vocab::other, std::string(iri)};
  return {Vocab::other, std::string(iri.substr(cut + 1))};
}

// The @context in force at a node: term and prefix definitions as written
// (expanded on use, so definitions may refer to each other in any order).
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct Scope {
  std::map<std::string, std::string, std::less<>> terms;
  std::string vocab;
  bool has_remote = false;
  // Keys and types expanded so far: documents repeat the same few, many times.
  mutable std::unordered_map<std::string, Term, TextHash, std::equal_to<>> expanded;
};

// A node being read, with the @context that applies to it. Paths for
// messages are worked out from the node when a message needs one (path_of).
struct At {
  const Node* node;
  const Scope* scope;
};

enum class Kind { intent, delivery, property, reporting, expectation, condition, context, logic, unknown };

struct Operator {
  Condition condition;
  ValueRange range;
  const Node* object;                                         // the node holding the operator, and
  const Node::Member* member;                                 // the operator's member, for messages
  const std::string& spelling() const { return member->key; } // as written: "q:smaller"
};

struct Name {
  std::string text;
  const Node* node; // where it is written
};

// What one icm:Condition (with its set:forAll parts) says.
struct ConditionParts {
  std::vector<Name> names;         // icm:valuesOfTargetProperty
  std::vector<Operator> operators; // quan:smaller, ...
  std::vector<Target> by_property; // "ex:latency": {"quan:smaller": ...}
  std::set<std::string> variables; // @ids of the selectors (_:X), skipped in operands
};

// What the icm:Intent node says, before ids are settled.
struct IntentParts {
  std::string named_id;
  std::vector<ExpectationDraft> drafts;
  ExpectationDraft loose; // conditions stated on the intent itself
  const Node* loose_at = nullptr;
  std::vector<Context> contexts;
  std::vector<std::string> sites;
  std::optional<long> observation_period;
};

constexpr int max_reference_depth = 32;

// Appends "[i]" or ".key" to a path being built.
void push_index(std::string& path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

void push_key(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  path += key;
}

class JsonLdReader {
 public:
  explicit JsonLdReader(FormContext& context) : context_(context), source_(context.source) {}

  void read(const Node& value, const std::string& path, const Node& document, Intent& intent);

 private:
  // ---- where things are
  std::string path_of(const Node& node) const;
  std::string path_of(const Node& object, std::string_view key) const;
  Location where(const Node& node) const { return location_of(source_, node.mark, path_of(node)); }
  Location where(const Node& object, const Node::Member& member) const {
    return location_of(source_, member.key_mark, path_of(object, member.key));
  }
  [[noreturn]] void fail(const Node& node, const std::string& message) const {
    throw input_error(message, where(node));
  }
  [[noreturn]] void fail(const Node& object, const Node::Member& member, const std::string& message) const {
    throw input_error(message, where(object, member));
  }
  void note(const Node& node, std::string text) { context_.delta.push_back({where(node), std::move(text)}); }
  void note(const Node& object, const Node::Member& member, std::string text) {
    context_.delta.push_back({where(object, member), std::move(text)});
  }
  // Errors of the shared value readers, which know paths only from the node
  // they were given, placed in the document.
  template <typename Read>
  auto placed(const Node& node, Read&& read) const -> decltype(read());
  // settle_target for a target, and the count of values for a context, each
  // problem placed at the member (or node) stating the values.
  void settle(Target& target, std::string_view spelling, const Node& object, const Node::Member* member) const;
  void check_context(const Context& context, std::string_view spelling, const Node& object,
                     const Node::Member* member) const;

  // ---- @context and terms
  const Scope* scope_for(const Node& node, const Scope* parent);
  std::shared_ptr<const Scope> shared_root_scope(const Node& definition);
  static bool is_inline(const Node& definition);
  void apply_context(Scope& scope, const Node& definition);
  std::optional<std::string> expand(std::string_view text, const Scope& scope, bool vocab_relative,
                                    int depth = 0) const;
  const Term& iri_term(std::string_view text, const Scope& scope, const Node& written) const;
  const Term& key_term(const Node::Member& member, const At& at) const;
  std::vector<const Term*> types_of(const At& at) const;
  Name name_of(const Node& node, const At& at) const;

  // ---- graph
  void index(const At& at);
  At resolve(const At& at);
  std::vector<At> items_of(const Node& value, const At& parent);
  Kind kind_of(const At& at) const;
  bool is_operator(const Term& term) const;
  bool holds_operator(const Node& value, const At& at) const;

  // ---- the intent
  void read_intent_node(const At& at, IntentParts& parts);
  void read_intent_items(const Node& value, const At& parent, IntentParts& parts, int depth);
  ExpectationDraft read_expectation(const At& at, Kind kind, std::vector<std::string>& sites);
  void read_expectation_items(const Node& value, const At& parent, ExpectationDraft& draft,
                              std::vector<std::string>& sites, int depth);
  void read_object(const Node& value, const At& parent, ExpectationDraft& draft, std::vector<std::string>& sites);
  void read_reporting(const At& at, IntentParts& parts);
  long read_period(const Node& value, const At& parent);

  // ---- conditions, contexts, values
  std::vector<Target> read_condition(const At& at);
  void collect_condition(const At& at, ConditionParts& parts, bool whole_node, int depth);
  std::vector<Target> targets_of(const ConditionParts& parts, const At& at) const;
  Operator read_operator(const Node::Member& member, const Term& term, const At& at,
                         const std::set<std::string>* variables);
  std::vector<Target> read_property_targets(const Node::Member& member, const Term& term, const At& at);
  void read_context_node(const At& at, std::vector<Context>& contexts, std::vector<std::string>& sites);
  Context read_context_property(const Node::Member& member, const Term& term, const At& at);
  void append_values(const Node& node, const At& parent, const std::string& unit,
                     const std::set<std::string>* variables, std::vector<Value>& out, int depth = 0);
  bool is_variable(const Node& node, const At& at, const std::set<std::string>* variables) const;

  FormContext& context_;
  const Source& source_;
  const Node* root_value_ = nullptr; // the expressionValue, and
  std::string root_path_;            // where it sits in the document
  Scope empty_scope_;
  std::deque<Scope> scopes_;
  std::vector<std::shared_ptr<const Scope>> held_;
  std::unordered_map<const Node*, const Scope*> scope_of_;
  bool indexed_ = false;                      // indexed on the first reference met
  std::unordered_map<std::string, At> named_; // nodes with an @id and properties, by expanded @id
  std::set<const Node*> read_nodes_;          // nodes read, to report the rest of an @graph
};

// ---- where things are ---------------------------------------------------------

// Depth-first search for a node's place; only messages ask, so the common
// path stays free of path strings.
bool find_path(const Node& at, const Node* wanted, std::string& path) {
  if (&at == wanted) return true;
  const std::size_t size = path.size();
  for (std::size_t i = 0; i < at.items().size(); ++i) {
    push_index(path, i);
    if (find_path(at.items()[i], wanted, path)) return true;
    path.resize(size);
  }
  for (const auto& member : at.members()) {
    push_key(path, member.key);
    if (find_path(member.value, wanted, path)) return true;
    path.resize(size);
  }
  return false;
}

std::string JsonLdReader::path_of(const Node& node) const {
  std::string path = root_path_;
  if (root_value_ && find_path(*root_value_, &node, path)) return path;
  return root_path_;
}

std::string JsonLdReader::path_of(const Node& object, std::string_view key) const {
  std::string path = path_of(object);
  push_key(path, key);
  return path;
}

template <typename Read>
auto JsonLdReader::placed(const Node& node, Read&& read) const -> decltype(read()) {
  try {
    return read();
  } catch (const Error& error) {
    std::string path = path_of(node);
    if (!error.where().path.empty()) push_key(path, error.where().path);
    Location at = error.where();
    at.path = std::move(path);
    throw input_error(error.message(), at);
  }
}

void JsonLdReader::settle(Target& target, std::string_view spelling, const Node& object,
                          const Node::Member* member) const {
  if (const auto problem = settle_target(target, spelling))
    throw input_error(problem->message, member ? where(object, *member) : where(object));
}

void JsonLdReader::check_context(const Context& context, std::string_view spelling, const Node& object,
                                 const Node::Member* member) const {
  if (const auto problem = arity_problem(context.range, context.condition,
                                         fmt::format("context \"{}\"", echo(context.attribute)), spelling))
    throw input_error(*problem, member ? where(object, *member) : where(object));
}

// ---- @context and terms -----------------------------------------------------

const Scope* JsonLdReader::scope_for(const Node& node, const Scope* parent) {
  if (!node.is_object()) return parent;
  const Node* definition = node.find("@context");
  if (!definition) return parent;
  if (auto found = scope_of_.find(&node); found != scope_of_.end()) return found->second;
  if (parent == &empty_scope_ && is_inline(*definition)) {
    auto shared = shared_root_scope(*definition);
    held_.push_back(shared);
    scope_of_.emplace(&node, shared.get());
    return shared.get();
  }
  Scope& scope = scopes_.emplace_back(*parent);
  apply_context(scope, *definition);
  scope_of_.emplace(&node, &scope);
  return &scope;
}

// Documents in one stream tend to share their @context: a top-level context
// written out inline (no remote ones, whose notes belong to each document) is
// worked out once per thread and shared, expanded terms and all.
std::shared_ptr<const Scope> JsonLdReader::shared_root_scope(const Node& definition) {
  thread_local std::vector<std::pair<Node, std::shared_ptr<const Scope>>> shared; // most recent last
  for (auto entry = shared.rbegin(); entry != shared.rend(); ++entry)
    if (entry->first == definition) return entry->second;
  auto scope = std::make_shared<Scope>();
  apply_context(*scope, definition);
  if (shared.size() >= 16) shared.erase(shared.begin()); // readers hold the scopes they use
  shared.emplace_back(definition, scope);
  return scope;
}

bool JsonLdReader::is_inline(const Node& definition) {
  if (definition.is_object()) return true;
  if (!definition.is_array()) return false;
  for (const auto& item : definition.items())
    if (!item.is_object()) return false;
  return true;
}

void JsonLdReader::apply_context(Scope& scope, const Node& definition) {
  switch (definition.type()) {
    case Node::Type::null: scope = Scope{}; return;
    case Node::Type::string:
      scope.has_remote = true;
      note(definition,
           fmt::format("remote @context \"{}\" is not fetched; the prefixes the intent uses must be bound inline",
                       echo(definition.text())));
      return;
    case Node::Type::array:
      for (const auto& item : definition.items()) apply_context(scope, item);
      return;
    case Node::Type::object: break;
    default: fail(definition, "@context must be an object, a string or a list of them");
  }
  for (const auto& member : definition.members()) {
    const Node& value = member.value;
    if (member.key == "@vocab") {
      if (!value.is_string()) fail(value, "@vocab must be a string (an IRI)");
      scope.vocab = expand(value.text(), scope, false).value_or(value.text());
    } else if (is_keyword(member.key)) {
      continue; // @base, @version, @language, @protected: no bearing on what an intent says
    } else if (value.is_string()) {
      scope.terms[member.key] = value.text();
    } else if (value.is_object() && value.find("@id") && value.find("@id")->is_string()) {
      scope.terms[member.key] = value.find("@id")->text();
    } else if (value.is_null()) {
      scope.terms.erase(member.key);
    } else {
      fail(value, "a term definition must be an IRI string or an object with an \"@id\"");
    }
  }
  scope.expanded.clear(); // the definitions changed
}

std::optional<std::string> JsonLdReader::expand(std::string_view text, const Scope& scope, bool vocab_relative,
                                                int depth) const {
  if (depth > 8) return std::nullopt; // terms defined through each other in a circle
  if (!text.empty() && text[0] == '@') return std::string(text);
  if (vocab_relative)
    if (auto term = scope.terms.find(text); term != scope.terms.end() && term->second != text)
      return expand(term->second, scope, true, depth + 1);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    if (vocab_relative && !scope.vocab.empty()) return scope.vocab + std::string(text);
    return std::string(text);
  }
  const std::string_view prefix = text.substr(0, colon);
  const std::string_view suffix = text.substr(colon + 1);
  if (prefix == "_" || starts_with(suffix, "//")) return std::string(text);
  if (auto bound = scope.terms.find(prefix); bound != scope.terms.end()) {
    auto base = expand(bound->second, scope, true, depth + 1);
    if (!base) return std::nullopt;
    return *base + std::string(suffix);
  }
  // An IRI scheme rather than a prefix: inside a definition ("ex": "urn:example:")
  // anything unbound is one; at the top only the usual schemes are, so that a
  // forgotten prefix binding is an error rather than a silent IRI.
  static constexpr std::string_view schemes[] = {"urn", "http", "https", "tag", "mailto", "did", "file"};
  if (depth > 0 || std::find(std::begin(schemes), std::end(schemes), prefix) != std::end(schemes))
    return std::string(text);
  return std::nullopt;
}

// A key, @type or IRI value, expanded as a vocabulary term; the same text in
// the same @context expands the same way, so each is worked out once. written
// is where the text stands, for the undefined-prefix error.
const Term& JsonLdReader::iri_term(std::string_view text, const Scope& scope, const Node& written) const {
  if (auto known = scope.expanded.find(text); known != scope.expanded.end()) return known->second;
  Term term;
  const bool plain = text.find(':') == std::string_view::npos;
  if (!text.empty() && text[0] == '@') {
    term = {Vocab::keyword, std::string(text)};
  } else if (plain && scope.vocab.empty() && !scope.terms.count(text)) {
    term = {Vocab::plain, std::string(text)};
  } else {
    const auto iri = expand(text, scope, true);
    if (!iri) {
      const std::string prefix(text.substr(0, text.find(':')));
      fail(written,
           fmt::format("undefined prefix \"{}\" in \"{}\": bind it in the expression's @context{}", echo(prefix),
                       echo(text), scope.has_remote ? " (a remote @context is not fetched)" : ""));
    }
    term = !iri->empty() && (*iri)[0] == '@' ? Term{Vocab::keyword, *iri} : classify(*iri);
  }
  return scope.expanded.emplace(std::string(text), std::move(term)).first->second;
}

const Term& JsonLdReader::key_term(const Node::Member& member, const At& at) const {
  if (auto known = at.scope->expanded.find(member.key); known != at.scope->expanded.end()) return known->second;
  try {
    return iri_term(member.key, *at.scope, *at.node);
  } catch (const Error& error) {
    fail(*at.node, member, error.message());
  }
}

std::vector<const Term*> JsonLdReader::types_of(const At& at) const {
  std::vector<const Term*> types;
  const Node* type = at.node->is_object() ? at.node->find("@type") : nullptr;
  if (!type) return types;
  auto add = [&](const Node& item) {
    if (!item.is_string()) fail(item, type_mismatch(Node::Type::string, item));
    types.push_back(&iri_term(item.text(), *at.scope, item));
  };
  if (type->is_array())
    for (const auto& item : type->items()) add(item);
  else add(*type);
  return types;
}

// The local name of an IRI written as a string or as {"@id": ...}: "ex:Latency" -> "Latency".
Name JsonLdReader::name_of(const Node& node, const At& at) const {
  const Node* id = node.is_object() ? node.find("@id") : &node;
  if (!id || !id->is_string() || id->text().empty())
    fail(node, "expected an IRI: a string such as \"ex:latency\" or {\"@id\": \"ex:latency\"}");
  return {iri_term(id->text(), *at.scope, *id).local, id};
}

// ---- graph ------------------------------------------------------------------

void JsonLdReader::index(const At& at) {
  const Node& node = *at.node;
  if (node.is_array()) {
    for (const auto& item : node.items()) index(At{&item, scope_for(item, at.scope)});
    return;
  }
  if (!node.is_object()) return;
  const Node* id = node.find("@id");
  std::size_t properties = 0;
  for (const auto& member : node.members())
    if (member.key != "@id" && member.key != "@context") ++properties;
  if (id && id->is_string() && properties > 0) {
    if (auto iri = expand(id->text(), *at.scope, false)) named_.emplace(*iri, at);
  }
  for (const auto& member : node.members()) {
    if (member.key == "@context") continue;
    index(At{&member.value, scope_for(member.value, at.scope)});
  }
}

// {"@id": "ex:E1"} alone refers to the node defined elsewhere with that @id.
At JsonLdReader::resolve(const At& at) {
  const Node& node = *at.node;
  if (!node.is_object()) return at;
  const Node* id = node.find("@id");
  if (!id || !id->is_string()) return at;
  for (const auto& member : node.members())
    if (member.key != "@id" && member.key != "@context") return at;
  const auto iri = expand(id->text(), *at.scope, false);
  if (!iri) return at;
  if (!indexed_) {
    indexed_ = true;
    index(At{root_value_, scope_for(*root_value_, &empty_scope_)});
  }
  auto found = named_.find(*iri);
  return found == named_.end() ? at : found->second;
}

std::vector<At> JsonLdReader::items_of(const Node& value, const At& parent) {
  std::vector<At> items;
  const Node* list = &value;
  if (value.is_object()) {
    for (const char* key : {"@list", "@set"})
      if (const Node* inner = value.find(key); inner && inner->is_array()) list = inner;
  }
  if (!list->is_array()) {
    items.push_back(At{&value, scope_for(value, parent.scope)});
    return items;
  }
  items.reserve(list->items().size());
  for (const auto& item : list->items()) {
    if (item.is_object() && (item.find("@list") || item.find("@set"))) {
      for (auto& inner : items_of(item, parent)) items.push_back(inner);
      continue;
    }
    items.push_back(At{&item, scope_for(item, parent.scope)});
  }
  return items;
}

bool JsonLdReader::is_operator(const Term& term) const {
  switch (term.vocab) {
    case Vocab::quan: return term.local != "unit" && term.local != "value";
    case Vocab::icm: return term.local == "atMost" || term.local == "atLeast";
    case Vocab::set: return term.local != "forAll" && parse_condition("set:" + term.local).has_value();
    default: return false;
  }
}

// Whether a property's value is a constraint: {"quan:smaller": ...}, or a list of them.
bool JsonLdReader::holds_operator(const Node& value, const At& at) const {
  if (value.is_array()) {
    for (const auto& item : value.items())
      if (holds_operator(item, at)) return true;
    return false;
  }
  if (!value.is_object()) return false;
  if (const Node* list = value.find("@list")) return holds_operator(*list, at);
  const At inner{&value, at.scope};
  for (const auto& member : value.members())
    if (!is_keyword(member.key) && is_operator(key_term(member, inner))) return true;
  return false;
}

Kind JsonLdReader::kind_of(const At& at) const {
  if (!at.node->is_object()) return Kind::unknown;
  const auto types = types_of(at);
  for (const Term* type : types) {
    if (type->vocab != Vocab::icm) continue;
    const std::string& name = type->local;
    if (name == "Intent") return Kind::intent;
    if (name == "DeliveryExpectation") return Kind::delivery;
    if (name == "PropertyExpectation") return Kind::property;
    if (name == "ReportingExpectation") return Kind::reporting;
    if (name == "Condition") return Kind::condition;
    if (name == "Context") return Kind::context;
    if (name.size() > 11 && name.ends_with("Expectation")) return Kind::expectation;
  }
  if (!types.empty()) return Kind::unknown;
  // Untyped nodes: told apart by what they hold.
  bool logic = false, condition = false, expectation = false, other = false;
  for (const auto& member : at.node->members()) {
    const Term& key = key_term(member, at);
    if (key.vocab == Vocab::keyword) continue;
    if (key.vocab == Vocab::log) logic = true;
    else if (key.is(Vocab::set, "forAll") || key.is(Vocab::icm, "valuesOfTargetProperty") || is_operator(key))
      condition = true;
    else if (key.is(Vocab::icm, "target") || key.is(Vocab::icm, "params")) expectation = true;
    else other = true;
  }
  if (expectation) return Kind::expectation;
  if (condition) return Kind::condition;
  if (logic && !other) return Kind::logic;
  return Kind::unknown;
}

// ---- the intent ---------------------------------------------------------------

void JsonLdReader::read(const Node& value, const std::string& path, const Node& document, Intent& intent) {
  root_value_ = &value;
  root_path_ = path;
  const At root{&value, scope_for(value, &empty_scope_)};
  std::vector<At> intents;
  std::vector<At> graph;
  if (const Node* nodes = value.find("@graph")) {
    graph = items_of(*nodes, root);
    for (const auto& node : graph)
      if (kind_of(node) == Kind::intent) intents.push_back(node);
  } else {
    const auto types = types_of(root);
    if (!types.empty() && kind_of(root) != Kind::intent)
      fail(value, fmt::format("the expressionValue is a {}, not an icm:Intent", types.front()->local));
    intents.push_back(root);
  }
  if (intents.size() != 1)
    fail(value, intents.empty()
                    ? "the expressionValue holds no icm:Intent node"
                    : fmt::format("the expressionValue holds {} icm:Intent nodes; a TMF921 Intent states one",
                                  intents.size()));
  IntentParts parts;
  const std::size_t since = context_.problems.count();
  read_intent_node(intents.front(), parts);
  if (context_.problems.count() > since) return; // a part was wrong: read_intents says so
  for (const auto& node : graph)
    if (node.node != intents.front().node && !read_nodes_.count(node.node))
      note(*node.node, "@graph node not reached from the icm:Intent; not carried over");

  if (intent.id.empty()) intent.id = stable_intent_id(parts.named_id, intent.user_label, document);
  if (!parts.loose.targets.empty()) parts.drafts.push_back(std::move(parts.loose));
  if (parts.drafts.empty())
    fail(*intents.front().node,
         fmt::format("intent \"{}\" has no expectations: give the icm:Intent a log:allOf list of "
                     "icm:DeliveryExpectation or icm:PropertyExpectation nodes",
                     echo(intent.id)));
  add_expectations(intent, std::move(parts.drafts), context_);
  for (auto& context : parts.contexts) intent.contexts.push_back(std::move(context));
  add_sites(intent.sites, parts.sites);
  if (parts.observation_period) intent.observation_period = parts.observation_period;
}

void JsonLdReader::read_intent_node(const At& at, IntentParts& parts) {
  read_nodes_.insert(at.node);
  if (const Node* id = at.node->find("@id"); id && id->is_string() && !starts_with(id->text(), "_:"))
    parts.named_id = name_of(*id, at).text;
  for (const auto& member : at.node->members()) {
    const Term& key = key_term(member, at);
    if (key.vocab == Vocab::keyword) {
      if (member.key != "@id" && member.key != "@type" && member.key != "@context" && member.key != "@graph")
        note(*at.node, member, "JSON-LD keyword on the icm:Intent without a 28.312 home; not carried over");
    } else if (key.vocab == Vocab::log || key.is(Vocab::icm, "hasExpectation")) {
      if (key.is(Vocab::log, "noneOf"))
        fail(*at.node, member, "log:noneOf has no 28.312 equivalent: state what the intent expects instead");
      if (key.is(Vocab::log, "anyOf") || key.is(Vocab::log, "oneOf"))
        note(*at.node, member, "28.312 has no choice among expectations; all of these are carried over as required");
      read_intent_items(member.value, at, parts, 0);
    } else {
      note(*at.node, member, "property of the icm:Intent without a 28.312 home; not carried over");
    }
  }
}

void JsonLdReader::read_intent_items(const Node& value, const At& parent, IntentParts& parts, int depth) {
  if (depth > max_reference_depth) fail(value, "log operators nest too deep (do @id references form a circle?)");
  for (const auto& item : items_of(value, parent)) {
    const At node = resolve(item);
    read_nodes_.insert(node.node);
    switch (const Kind kind = kind_of(node)) {
      case Kind::delivery:
      case Kind::property:
      case Kind::expectation:
        context_.problems.guard([&] { parts.drafts.push_back(read_expectation(node, kind, parts.sites)); });
        break;
      case Kind::reporting: read_reporting(node, parts); break;
      case Kind::context: read_context_node(node, parts.contexts, parts.sites); break;
      case Kind::condition:
        context_.problems.guard([&] {
          for (auto& target : read_condition(node)) parts.loose.targets.push_back(std::move(target));
        });
        if (!parts.loose.mark.line) parts.loose.mark = node.node->mark;
        break;
      case Kind::logic:
        for (const auto& member : node.node->members())
          if (!is_keyword(member.key)) read_intent_items(member.value, node, parts, depth + 1);
        break;
      case Kind::intent:
      case Kind::unknown:
        note(*node.node, "not an expectation, condition or context (give it an @type such as icm:DeliveryExpectation, "
                         "icm:PropertyExpectation, icm:Condition or icm:Context); not carried over");
        break;
    }
  }
}

ExpectationDraft JsonLdReader::read_expectation(const At& at, Kind kind, std::vector<std::string>& sites) {
  ExpectationDraft draft;
  draft.verb = kind == Kind::property ? "ENSURE" : "DELIVER";
  draft.mark = at.node->mark;
  if (const Node* id = at.node->find("@id"); id && id->is_string() && !starts_with(id->text(), "_:"))
    draft.given_id = name_of(*id, at).text;
  bool states_condition = false;
  for (const auto& member : at.node->members()) {
    const Term& key = key_term(member, at);
    if (key.vocab == Vocab::keyword) continue;
    if (key.is(Vocab::icm, "target")) {
      read_object(member.value, at, draft, sites);
    } else if (key.is(Vocab::icm, "deliveryType")) {
      const Name type = name_of(member.value, at);
      if (draft.object_type.empty() && resolve_object_type(type.text, context_.mapping)) {
        draft.object_type = type.text;
        draft.object_type_where = location_of(source_, type.node->mark); // resolved already: only a fallback
      } else {
        note(*at.node, member,
             fmt::format("icm:deliveryType \"{}\": no 28.312 home; not carried over", echo(type.text)));
      }
    } else if (key.vocab == Vocab::log) {
      if (key.local == "noneOf")
        fail(*at.node, member,
             "log:noneOf has no 28.312 equivalent: state the conditions the expectation needs instead");
      if (key.local == "anyOf" || key.local == "oneOf")
        note(*at.node, member, "28.312 targets of an expectation all apply; these are carried over as all required");
      read_expectation_items(member.value, at, draft, sites, 0);
    } else if (key.is(Vocab::icm, "params")) {
      for (const auto& item : items_of(member.value, at)) {
        if (!item.node->is_object()) fail(*item.node, type_mismatch(Node::Type::object, *item.node));
        for (const auto& param : item.node->members()) {
          if (is_keyword(param.key)) continue;
          for (auto& target : read_property_targets(param, key_term(param, item), item))
            draft.targets.push_back(std::move(target));
        }
      }
    } else if (key.is(Vocab::set, "forAll") || key.is(Vocab::icm, "valuesOfTargetProperty") || is_operator(key)) {
      states_condition = true;
    } else if (key.vocab != Vocab::icm && key.vocab != Vocab::log && holds_operator(member.value, at)) {
      for (auto& target : read_property_targets(member, key, at)) draft.targets.push_back(std::move(target));
    } else {
      note(*at.node, member, "property of an expectation without a 28.312 home; not carried over");
    }
  }
  if (states_condition) {
    ConditionParts parts;
    collect_condition(at, parts, false, 0);
    for (auto& target : targets_of(parts, at)) draft.targets.push_back(std::move(target));
  }
  if (draft.targets.empty()) draft.path = path_of(*at.node); // for the "no targets" error
  return draft;
}

void JsonLdReader::read_expectation_items(const Node& value, const At& parent, ExpectationDraft& draft,
                                          std::vector<std::string>& sites, int depth) {
  if (depth > max_reference_depth) fail(value, "log operators nest too deep (do @id references form a circle?)");
  for (const auto& item : items_of(value, parent)) {
    const At node = resolve(item);
    read_nodes_.insert(node.node);
    switch (kind_of(node)) {
      case Kind::condition:
        context_.problems.guard([&] {
          for (auto& target : read_condition(node)) draft.targets.push_back(std::move(target));
        });
        break;
      case Kind::context: read_context_node(node, draft.contexts, sites); break;
      case Kind::logic:
        for (const auto& member : node.node->members())
          if (!is_keyword(member.key)) read_expectation_items(member.value, node, draft, sites, depth + 1);
        break;
      default:
        note(*node.node,
             "not a condition or context (give it an @type of icm:Condition or icm:Context); not carried over");
        break;
    }
  }
}

// icm:target: what the expectation is about. Its @type, when a 28.312 or
// mapping-table objectType, is the objectType; its @id the objectInstance; its
// other properties the object's contexts.
void JsonLdReader::read_object(const Node& value, const At& parent, ExpectationDraft& draft,
                               std::vector<std::string>& sites) {
  const auto items = items_of(value, parent);
  for (std::size_t i = 1; i < items.size(); ++i)
    note(*items[i].node, "a 28.312 expectation has one object; this further icm:target is not carried over");
  if (items.empty()) return;
  const At object = resolve(items.front());
  read_nodes_.insert(object.node);
  if (!object.node->is_object()) {
    draft.object_instance = name_of(*object.node, object).text;
    return;
  }
  if (const Node* id = object.node->find("@id"); id && id->is_string() && !starts_with(id->text(), "_:"))
    draft.object_instance = name_of(*id, object).text;
  for (const Term* type : types_of(object)) {
    const Node& written = *object.node->find("@type");
    if (draft.object_type.empty() && resolve_object_type(type->local, context_.mapping)) {
      draft.object_type = type->local;
      draft.object_type_where = location_of(source_, written.mark); // resolved already: only a fallback
    } else {
      note(written,
           fmt::format("icm:target type \"{}\" is not a 28.312 objectType; not carried over", echo(type->local)));
    }
  }
  for (const auto& member : object.node->members()) {
    if (is_keyword(member.key)) continue;
    keep_context(read_context_property(member, key_term(member, object), object), draft.object_contexts, sites,
                 context_.source);
  }
}

long JsonLdReader::read_period(const Node& value, const At& parent) {
  const char* wanted = "a reporting interval must be a positive duration such as \"PT5M\", \"300s\" or 300 (seconds)";
  std::vector<Value> values;
  if (value.is_string()) {
    if (auto period = parse_iso8601_duration(value.text()); period && period->count() > 0)
      return static_cast<long>(period->count());
    if (auto duration = parse_duration(value.text()); duration && duration->count() >= 1000)
      return static_cast<long>(duration->count() / 1000);
  }
  append_values(value, parent, "", nullptr, values);
  const Quantity* quantity = values.size() == 1 ? std::get_if<Quantity>(&values.front()) : nullptr;
  if (!quantity) fail(value, wanted);
  const auto seconds =
      quantity->unit.empty() ? std::optional(quantity->value()) : convert(quantity->value(), quantity->unit, "s");
  if (!seconds || *seconds < 1) fail(value, wanted);
  return static_cast<long>(std::llround(*seconds));
}

// A reporting expectation asks for fulfilment reports at an interval: 28.312
// has that as the intent's observationPeriod; the rest has no home.
void JsonLdReader::read_reporting(const At& at, IntentParts& parts) {
  bool has_interval = false;
  for (const auto& member : at.node->members()) {
    const Term& key = key_term(member, at);
    if (key.vocab == Vocab::keyword) continue;
    const std::string name = normalize_name(key.local);
    if (name == "reportinginterval" || name == "reportingperiod" || name == "observationperiod" ||
        name == "reportinterval" || name == "interval") {
      const long seconds = read_period(member.value, at);
      if (parts.observation_period && *parts.observation_period != seconds)
        note(*at.node, member,
             fmt::format("a second reporting interval ({} s); the intent keeps the first ({} s)", seconds,
                         *parts.observation_period));
      else parts.observation_period = seconds;
      has_interval = true;
    } else {
      note(*at.node, member, "property of an icm:ReportingExpectation without a 28.312 home; not carried over");
    }
  }
  if (!has_interval)
    note(
        *at.node,
        "icm:ReportingExpectation without a reporting interval: 28.312 has no reporting expectation; not carried over");
}

// ---- conditions, contexts, values -------------------------------------------

std::vector<Target> JsonLdReader::read_condition(const At& at) {
  ConditionParts parts;
  collect_condition(at, parts, true, 0);
  return targets_of(parts, at);
}

// Gathers the target property names, operators and property-named
// constraints of a condition, following set:forAll into its parts. whole_node
// is false when the condition's keys sit on an expectation, whose other keys
// the expectation reads itself.
void JsonLdReader::collect_condition(const At& at, ConditionParts& parts, bool whole_node, int depth) {
  if (depth > max_reference_depth) fail(*at.node, "set:forAll nests too deep");
  // A selector's @id names the variable that the operands refer back to.
  if (const Node* id = at.node->find("@id"); id && id->is_string() && at.node->size() > 1)
    if (auto iri = expand(id->text(), *at.scope, false)) parts.variables.insert(*iri);
  for (const auto& member : at.node->members()) {
    const Term& key = key_term(member, at);
    if (key.vocab == Vocab::keyword) continue;
    if (key.is(Vocab::icm, "valuesOfTargetProperty")) {
      for (const auto& item : items_of(member.value, at)) parts.names.push_back(name_of(*item.node, item));
    } else if (key.is(Vocab::set, "forAll")) {
      for (const auto& item : items_of(member.value, at)) {
        if (is_variable(*item.node, item, &parts.variables)) continue;
        const At part = resolve(item);
        if (!part.node->is_object())
          fail(*part.node, "a set:forAll list holds the variable, its selector and the constraint on it");
        read_nodes_.insert(part.node);
        collect_condition(part, parts, true, depth + 1);
      }
    } else if (is_operator(key)) {
      parts.operators.push_back(read_operator(member, key, at, &parts.variables));
    } else if (!whole_node) {
      continue;
    } else if (key.vocab != Vocab::icm && key.vocab != Vocab::log && holds_operator(member.value, at)) {
      for (auto& target : read_property_targets(member, key, at)) parts.by_property.push_back(std::move(target));
    } else {
      note(*at.node, member, "property of a condition without a 28.312 home; not carried over");
    }
  }
}

std::vector<Target> JsonLdReader::targets_of(const ConditionParts& parts, const At& at) const {
  std::vector<Target> targets;
  if (!parts.operators.empty() && parts.names.empty()) {
    const Operator& op = parts.operators.front();
    fail(*op.object, *op.member,
         fmt::format("{} constrains no target property: name it with icm:valuesOfTargetProperty", op.spelling()));
  }
  if (parts.operators.empty() && !parts.names.empty())
    fail(*parts.names.front().node,
         fmt::format("condition on \"{}\" has no operator (known: quan:smaller, quan:greater, quan:atLeast, "
                     "quan:atMost, quan:inRange, quan:exactly)",
                     echo(parts.names.front().text)));
  // One target per property and operator: a condition over several
  // properties constrains each of them.
  for (const auto& name : parts.names)
    for (const auto& op : parts.operators) {
      Target target;
      target.name = name.text;
      target.condition = op.condition;
      target.range = op.range;
      target.mark = name.node->mark;
      settle(target, op.spelling(), *op.object, op.member);
      targets.push_back(std::move(target));
    }
  for (const auto& target : parts.by_property) targets.push_back(target);
  if (targets.empty())
    fail(*at.node, "condition names no target: give icm:valuesOfTargetProperty and an operator such as quan:smaller");
  return targets;
}

Operator JsonLdReader::read_operator(const Node::Member& member, const Term& term, const At& at,
                                     const std::set<std::string>* variables) {
  const auto condition = parse_condition(std::string(operator_prefix(term.vocab)) + ":" + term.local);
  if (!condition)
    fail(*at.node, member,
         fmt::format("unknown condition \"{}\" (known: {})", echo(member.key), known_condition_words()));
  Operator op{*condition, {}, at.node, &member};
  append_values(member.value, at, "", variables, op.range.values);
  op.range.is_list = takes_range(*condition) || takes_set(*condition) || op.range.values.size() > 1;
  return op;
}

// "ex:latency": {"quan:smaller": ...} or [{"icm:atMost": "20ms"}, ...]; in
// icm:params a plain value means "equal to".
std::vector<Target> JsonLdReader::read_property_targets(const Node::Member& member, const Term& term, const At& at) {
  std::vector<Target> targets;
  for (const auto& item : items_of(member.value, at)) {
    Target base;
    base.name = term.local;
    base.mark = member.key_mark;
    if (!item.node->is_object() || !holds_operator(*item.node, item)) {
      base.condition = Condition::is_equal_to;
      append_values(*item.node, item, "", nullptr, base.range.values);
      settle(base, "equal to", *item.node, nullptr);
      targets.push_back(std::move(base));
      continue;
    }
    for (const auto& constraint : item.node->members()) {
      const Term& key = key_term(constraint, item);
      if (key.vocab == Vocab::keyword) continue;
      if (!is_operator(key)) {
        note(*item.node, constraint, "property beside a constraint without a 28.312 home; not carried over");
        continue;
      }
      Operator op = read_operator(constraint, key, item, nullptr);
      Target target = base;
      target.condition = op.condition;
      target.range = std::move(op.range);
      settle(target, op.spelling(), *op.object, op.member);
      targets.push_back(std::move(target));
    }
  }
  return targets;
}

void JsonLdReader::read_context_node(const At& at, std::vector<Context>& contexts, std::vector<std::string>& sites) {
  bool any = false;
  for (const auto& member : at.node->members()) {
    if (is_keyword(member.key)) continue;
    keep_context(read_context_property(member, key_term(member, at), at), contexts, sites, context_.source);
    any = true;
  }
  if (!any) note(*at.node, "icm:Context without properties; nothing to carry over");
}

// One context from a property: "ex:site": ["edge1", "edge2"] is IS_ONE_OF,
// a single value IS_EQUAL_TO, an area IS_ALL_OF (as 28.312's
// CoverageAreaPolygon context), a constraint its own condition.
Context JsonLdReader::read_context_property(const Node::Member& member, const Term& term, const At& at) {
  Context context;
  context.attribute = canonical_context_attribute(term.local);
  context.mark = member.key_mark;
  const Node& value = member.value;
  if (value.is_object() && holds_operator(value, at)) {
    const At inner{&value, scope_for(value, at.scope)};
    for (const auto& constraint : value.members()) {
      const Term& key = key_term(constraint, inner);
      if (!is_operator(key)) continue;
      Operator op = read_operator(constraint, key, inner, nullptr);
      context.condition = op.condition;
      context.range = std::move(op.range);
      check_context(context, op.spelling(), *op.object, op.member);
      return context;
    }
  }
  append_values(value, at, "", nullptr, context.range.values);
  if (context.range.values.empty()) fail(value, fmt::format("context \"{}\" has no value", echo(member.key)));
  const bool list = value.is_array() || (value.is_object() && value.find("@list")) || context.range.values.size() > 1;
  if (!list && std::holds_alternative<GeoArea>(context.range.values.front())) {
    context.condition = Condition::is_all_of;
  } else if (list) {
    context.condition = Condition::is_one_of;
    context.range.is_list = true;
  } else {
    context.condition = Condition::is_equal_to;
  }
  return context;
}

bool JsonLdReader::is_variable(const Node& node, const At& at, const std::set<std::string>* variables) const {
  if (node.is_string()) return starts_with(node.text(), "_:");
  if (!node.is_object() || node.size() != 1) return false;
  const Node* id = node.find("@id");
  if (!id || !id->is_string()) return false;
  if (starts_with(id->text(), "_:")) return true;
  if (!variables || variables->empty()) return false;
  const auto iri = expand(id->text(), *at.scope, false);
  return iri && variables->count(*iri);
}

// The values of an operand or a context: numbers, strings ("20ms"), typed
// literals {"@value": "20.0", "@type": "xsd:decimal"}, quantities
// {"rdf:value": 20, "quan:unit": "ms"}, JSON literals ("@json", for GeoArea),
// lists; references to the condition's variable are skipped.
void JsonLdReader::append_values(const Node& node, const At& parent, const std::string& unit,
                                 const std::set<std::string>* variables, std::vector<Value>& out, int depth) {
  if (depth > max_reference_depth) fail(node, "values nest too deep");
  if (node.is_null()) return;
  if (node.is_array()) {
    for (const auto& item : node.items()) append_values(item, parent, unit, variables, out, depth + 1);
    return;
  }
  if (!node.is_object()) {
    if (!is_variable(node, parent, variables))
      out.push_back(placed(node, [&] { return tmf_value(source_, node, unit, ""); }));
    return;
  }
  const At at{&node, scope_for(node, parent.scope)};
  if (is_variable(node, at, variables)) return;
  for (const char* key : {"@list", "@set"})
    if (const Node* list = node.find(key)) return append_values(*list, at, unit, variables, out, depth + 1);
  if (const Node* literal = node.find("@value")) {
    const Node* type = node.find("@type");
    if (type && type->is_string() && type->text() == "@json")
      out.push_back(placed(*literal, [&] { return tmf_value(source_, *literal, "", ""); }));
    else append_values(*literal, at, unit, variables, out, depth + 1);
    return;
  }
  if (node.size() == 1 && node.find("@id")) {
    const At target = resolve(at);
    if (target.node != &node) return append_values(*target.node, target, unit, variables, out, depth + 1);
    out.push_back(name_of(node, at).text);
    return;
  }
  const Node* value = nullptr;
  std::string value_unit = unit;
  bool has_iri_keys = false;
  for (const auto& member : node.members()) {
    const Term& key = key_term(member, at);
    if (key.is(Vocab::rdf, "value")) {
      value = &member.value;
    } else if (key.is(Vocab::quan, "unit")) {
      value_unit = member.value.is_string() ? member.value.text() : name_of(member.value, at).text;
    } else if (key.vocab != Vocab::plain && key.vocab != Vocab::keyword) {
      has_iri_keys = true;
    }
  }
  if (value) return append_values(*value, at, value_unit, variables, out, depth + 1);
  if (has_iri_keys)
    fail(node, "cannot read a value here: expected a number, a string, {\"rdf:value\": ..., \"quan:unit\": ...}, "
               "{\"@value\": ...} or {\"@list\": [...]}");
  out.push_back(placed(node, [&] { return tmf_value(source_, node, "", ""); })); // plain JSON: a GeoArea, a PlmnId, ...
}

} // namespace

void read_jsonld_expression(const Node& value, const std::string& path, const Node& document, Intent& intent,
                            FormContext& context) {
  JsonLdReader reader(context);
  reader.read(value, path, document, intent);
}

} // namespace intentctl
