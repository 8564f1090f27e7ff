#include "model/expectation_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "io/limits.hpp"
#include "krm/names.hpp"
#include "model/forms.hpp"
#include "model/seed_dialect.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

// The member's value position when present, else the object's own.
Location where_in(const Source& source, const Node& node, std::string_view key, const std::string& path) {
  const Node* value = node.is_object() ? node.find(key) : nullptr;
  return location_of(source, value ? value->mark : node.mark, join_path(path, key));
}

Location object_type_location(const Source& source, const Node& node, const std::string& id_key,
                              const std::string& path) {
  const std::string object_key = id_key == "expectationId" ? "expectationObject" : "intentExpectationObject";
  const Node* object = node.find(object_key);
  if (object && object->is_object()) return where_in(source, *object, "objectType", join_path(path, object_key));
  return where_in(source, node, object_key, path);
}

// Where an intent names its sites: the DeploymentSite context's value range.
Location sites_location(const Source& source, const Node& intent, const std::string& path) {
  const Node* body = intent.find("attributes") ? intent.find("attributes") : &intent;
  const Node* contexts = body->find("intentContexts");
  if (contexts && contexts->is_array())
    for (std::size_t i = 0; i < contexts->items().size(); ++i) {
      const Node& context = contexts->items()[i];
      const Node* attribute = context.is_object() ? context.find("contextAttribute") : nullptr;
      if (attribute && attribute->text() == kSitesContextAttribute)
        return where_in(source, context, "contextValueRange", join_path(join_path(path, "intentContexts"), i));
    }
  return location_of(source, intent.mark, path);
}

// A path-less location at a mark of the source (for intents read from another form).
Location at_mark(const Source& source, Mark mark) { return location_of(source, mark); }

} // namespace

void ExpectationReader::read_source(const Source& source) {
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  if (stream.documents.empty())
    throw input_error("no intent or expectation in the input", location_of(source, Mark{1, 1}));
  // Each document of a stream has its own paths, as validate shows them.
  for (const Node& document : stream.documents) read_part(problems_, [&] { read_document(source, document, ""); });
}

void ExpectationReader::read_document(const Source& source, const Node& document, const std::string& path) {
  if (!document.is_array()) {
    read_item(source, document, path);
    return;
  }
  if (document.items().empty())
    throw input_error("empty list: no intent or expectation", location_of(source, document.mark, path));
  for (std::size_t i = 0; i < document.items().size(); ++i) {
    const Node& item = document.items()[i];
    read_part(problems_, [&] { read_item(source, item, join_path(path, i)); });
  }
}

void ExpectationReader::read_item(const Source& source, const Node& item, const std::string& path) {
  const auto form = form_of(item);
  if (!form) throw unrecognised_document(source, item, path);
  switch (*form) {
    case Form::gpp_intent: read_intent_document(source, item, path); return;
    case Form::seed_expectation: {
      Expectation expectation =
          read_seed_expectation(source, item, path, delta_, rules_.lax_seed ? &warnings_ : nullptr);
      add(std::move(expectation),
          {location_of(source, item.mark, path), where_in(source, item, "intentExpectationId", path),
           object_type_location(source, item, "intentExpectationId", path)},
          nullptr, {});
      return;
    }
    case Form::gpp_expectation:
      add(read_expectation(source, item, path, delta_, problems_),
          {location_of(source, item.mark, path), where_in(source, item, "expectationId", path),
           object_type_location(source, item, "expectationId", path)},
          nullptr, {});
      return;
    default:
      throw input_error(fmt::format("a {} is an input of translate: render reads 28.312 intents and expectations "
                                    "(run intentctl translate first)",
                                    form_label(*form)),
                        location_of(source, item.mark, path));
  }
}

Intent ExpectationReader::read_intent_document(const Source& source, const Node& item, const std::string& path) {
  Intent intent = read_intent(source, item, path, delta_, problems_);
  const Node* id = item.find("id");
  take_intent_id(intent.id, location_of(source, id ? id->mark : item.mark, id ? join_path(path, "id") : path));
  if (intent.expectations.empty())
    throw input_error(fmt::format("intent \"{}\" has no expectations", echo(intent.id)),
                      location_of(source, item.mark, path));
  const Node* body = item.find("attributes") ? item.find("attributes") : &item;
  const Node& list = *body->find("intentExpectations");
  const std::string base =
      join_path(item.find("attributes") ? join_path(path, "attributes") : path, "intentExpectations");
  const Location sites_where = sites_location(source, item, path);
  for (std::size_t i = 0; i < intent.expectations.size(); ++i) {
    const Node& node = list.items()[i];
    const std::string at = join_path(base, i);
    add(intent.expectations[i],
        {location_of(source, node.mark, at), where_in(source, node, "expectationId", at),
         object_type_location(source, node, "expectationId", at)},
        &intent, sites_where);
  }
  return intent;
}

void ExpectationReader::add_intent(const Source& source, const Intent& intent, const Node& document) {
  take_intent_id(intent.id, location_of(source, document.mark));
  if (intent.expectations.empty())
    throw input_error(fmt::format("intent \"{}\" has no expectations", echo(intent.id)),
                      location_of(source, document.mark));
  for (const auto& expectation : intent.expectations) {
    const Location where = at_mark(source, expectation.mark);
    add(expectation, {where, where, where}, &intent, where);
  }
}

const Location* ExpectationReader::intent_where(const std::string& id) const {
  const auto found = intent_ids_.find(id);
  return found == intent_ids_.end() ? nullptr : &found->second;
}

// Intent ids name intents in annotations, commits and reports: one intent each.
void ExpectationReader::take_intent_id(const std::string& id, const Location& where) {
  if (id.empty()) return; // an intent given without an id (28.312 allows it) takes none
  const auto [found, inserted] = intent_ids_.emplace(id, where);
  if (!inserted)
    throw input_error(fmt::format("duplicate intent id \"{}\" (first at {})", echo(id), location_text(found->second)),
                      where);
}

void ExpectationReader::add(Expectation expectation, const Places& places, const Intent* intent,
                            const Location& sites_where) {
  InputExpectation entry;
  entry.where = places.expectation;
  entry.domain = mapping_.for_object_type(expectation.object.type);
  if (!entry.domain)
    throw input_error(fmt::format("unknown objectType \"{}\" in expectation \"{}\" (known: {})",
                                  echo(expectation.object.type), echo(expectation.id), mapping_.object_type_list()),
                      places.object_type);
  const auto name = name_for_id(expectation.id);
  if (!name)
    throw input_error(fmt::format("expectation id \"{}\" cannot name Kubernetes objects or files: an id is at most 63 "
                                  "letters, digits, '-', '_' or '.', beginning and ending with a letter or digit",
                                  echo(expectation.id)),
                      places.id);
  entry.name = *name;
  const auto [found, inserted] = names_.emplace(entry.name, std::make_pair(expectation.id, entry.where));
  if (!inserted) {
    const auto& [first_id, first_where] = found->second;
    throw input_error(first_id == expectation.id
                          ? fmt::format("duplicate expectation id \"{}\" (first at {})", echo(expectation.id),
                                        location_text(first_where))
                          : fmt::format("expectation ids \"{}\" and \"{}\" (at {}) both become the name \"{}\"",
                                        echo(expectation.id), echo(first_id), location_text(first_where),
                                        echo(entry.name)),
                      places.id);
  }
  if (expectation.targets.empty())
    throw input_error(fmt::format("expectation \"{}\" has no targets", echo(expectation.id)), places.expectation);
  if (!is_label_value(expectation.object.type))
    throw input_error(fmt::format("objectType \"{}\" cannot be a Kubernetes label value",
                                  echo(expectation.object.type)),
                      places.object_type);
  entry.expectation_type = carried_expectation_type(expectation);
  if (entry.expectation_type.empty()) entry.expectation_type = entry.domain->expectation_type;
  if (!is_label_value(entry.expectation_type))
    throw input_error(fmt::format("expectation type \"{}\" cannot be a Kubernetes label value (at most 63 letters, "
                                  "digits, '-', '_' or '.')",
                                  echo(entry.expectation_type)),
                      entry.where);
  entry.expectation = std::move(expectation);
  if (intent) {
    entry.intent_id = intent->id;
    entry.sites = intent->sites;
    entry.intent_contexts = intent->contexts;
    entry.sites_where = sites_where;
  }
  if (rules_.renderable) check_renderable(entry);
  expectations_.push_back(std::move(entry));
}

void check_renderable(const InputExpectation& entry) {
  std::set<std::string_view> names;
  for (const auto& target : entry.expectation.targets)
    if (!names.insert(target.name).second)
      throw input_error(fmt::format("target \"{}\" appears twice in expectation \"{}\"; give one target with a "
                                    "range (IS_WITHIN_RANGE) instead",
                                    echo(target.name), echo(entry.expectation.id)),
                        Location{entry.where.file, target.mark.line, target.mark.column, {}});
  const Domain& domain = *entry.domain;
  if (domain.provisioning_request) {
    const std::string reserved[] = {"clusterName", "expectationId", "expectationType", "objectInstance",
                                    domain.list_field};
    for (const auto& target : entry.expectation.targets)
      if (std::find(std::begin(reserved), std::end(reserved), target.name) != std::end(reserved))
        throw input_error(fmt::format("expectation \"{}\": a target cannot be named \"{}\", which the "
                                      "ProvisioningRequest's templateParameters use for itself",
                                      echo(entry.expectation.id), echo(target.name)),
                          entry.where);
    return;
  }
  if (domain.spec_block.empty() || domain.spec_block == "expectationId" || domain.spec_block == "expectationType" ||
      domain.spec_block == "objectInstance" || domain.spec_block == domain.list_field)
    throw input_error(fmt::format("the mapping's specBlock \"{}\" for domain \"{}\" clashes with another spec field",
                                  echo(domain.spec_block), echo(domain.name)),
                      entry.where);
}

Mapping mapping_from(const std::string& file, std::istream& in, bool stdin_is_terminal) {
  if (file.empty()) return default_mapping();
  return load_mapping(read_source(file, ReadLimits{}, in, stdin_is_terminal));
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    std::error_code error;
    if (input == "-" || !fs::is_directory(input, error)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator walk(input, fs::directory_options::none, error);
    if (error) throw file_error(error.value(), fmt::format("{}: cannot read: {}", input, error.message()));
    for (auto it = walk; it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) throw file_error(error.value(), fmt::format("{}: cannot read: {}", input, error.message()));
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory(error)) it.disable_recursion_pending();
        continue;
      }
      const std::string extension = it->path().extension().string();
      if ((extension == ".json" || extension == ".yaml" || extension == ".yml") && it->is_regular_file(error))
        found.push_back(it->path().string());
    }
    if (found.empty()) throw input_error(fmt::format("{}: no .json, .yaml or .yml file in this folder", input));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace intentctl
