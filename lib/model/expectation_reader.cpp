#include "model/expectation_reader.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "krm/names.hpp"
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

std::string location_text(const Location& where) {
  std::string text = location_prefix(where);
  while (!text.empty() && (text.back() == ' ' || text.back() == ':')) text.pop_back();
  return text;
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

void check_targets(const Source& source, const Expectation& expectation, const Node& node, const std::string& path) {
  if (expectation.targets.empty())
    throw input_error(fmt::format("expectation \"{}\" has no targets", expectation.id),
                      location_of(source, node.mark, path));
}

} // namespace

void ExpectationReader::read_source(const Source& source) {
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  if (stream.documents.empty())
    throw input_error("no intent or expectation in the input", location_of(source, Mark{1, 1}));
  for (std::size_t i = 0; i < stream.documents.size(); ++i)
    read_document(source, stream.documents[i], stream.documents.size() > 1 ? fmt::format("[{}]", i) : "");
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
    if (item.is_array())
      throw input_error("expected an intent or an expectation, got a list inside a list",
                        location_of(source, item.mark, join_path(path, i)));
    read_item(source, item, join_path(path, i));
  }
}

void ExpectationReader::read_item(const Source& source, const Node& item, const std::string& path) {
  if (is_3gpp_intent(item)) {
    const Intent intent = read_intent(source, item, path, delta_);
    if (intent.expectations.empty())
      throw input_error(fmt::format("intent \"{}\" has no expectations", intent.id), location_of(source, item.mark, path));
    const Node* body = item.find("attributes") ? item.find("attributes") : &item;
    const Node& list = *body->find("intentExpectations");
    const std::string base = join_path(item.find("attributes") ? join_path(path, "attributes") : path, "intentExpectations");
    const Location sites_where = sites_location(source, item, path);
    for (std::size_t i = 0; i < intent.expectations.size(); ++i)
      add(source, list.items()[i], join_path(base, i), intent.expectations[i], "expectationId", &intent, sites_where);
  } else if (is_seed_expectation(item)) {
    add(source, item, path, read_seed_expectation(source, item, path, delta_), "intentExpectationId", nullptr, {});
  } else if (is_3gpp_expectation(item)) {
    add(source, item, path, read_expectation(source, item, path, delta_), "expectationId", nullptr, {});
  } else {
    throw input_error("expected a 28.312 Intent (intentExpectations), a 28.312 expectation (expectationId) or a "
                      "seed expectation (intentExpectationId)",
                      location_of(source, item.mark, path));
  }
}

void ExpectationReader::add(const Source& source, const Node& node, const std::string& path, Expectation expectation,
                            const std::string& id_key, const Intent* intent, const Location& sites_where) {
  InputExpectation entry;
  entry.where = location_of(source, node.mark, path);
  entry.domain = mapping_.for_object_type(expectation.object.type);
  if (!entry.domain)
    throw input_error(fmt::format("unknown objectType \"{}\" in expectation \"{}\" (known: {})",
                                  expectation.object.type, expectation.id, mapping_.object_type_list()),
                      object_type_location(source, node, id_key, path));
  const auto name = name_for_id(expectation.id);
  if (!name)
    throw input_error(fmt::format("expectation id \"{}\" cannot name Kubernetes objects or files: an id is at most 63 "
                                  "letters, digits, '-', '_' or '.', beginning and ending with a letter or digit",
                                  expectation.id),
                      where_in(source, node, id_key, path));
  entry.name = *name;
  const auto [found, inserted] = names_.emplace(entry.name, std::make_pair(expectation.id, entry.where));
  if (!inserted) {
    const auto& [first_id, first_where] = found->second;
    throw input_error(first_id == expectation.id
                          ? fmt::format("duplicate expectation id \"{}\" (first at {})", expectation.id,
                                        location_text(first_where))
                          : fmt::format("expectation ids \"{}\" and \"{}\" (at {}) both become the name \"{}\"",
                                        expectation.id, first_id, location_text(first_where), entry.name),
                      where_in(source, node, id_key, path));
  }
  check_targets(source, expectation, node, path);
  if (!is_label_value(expectation.object.type))
    throw input_error(fmt::format("objectType \"{}\" cannot be a Kubernetes label value", expectation.object.type),
                      object_type_location(source, node, id_key, path));
  entry.expectation_type = carried_expectation_type(expectation);
  if (entry.expectation_type.empty()) entry.expectation_type = entry.domain->expectation_type;
  if (!is_label_value(entry.expectation_type))
    throw input_error(fmt::format("expectation type \"{}\" cannot be a Kubernetes label value (at most 63 letters, "
                                  "digits, '-', '_' or '.')",
                                  entry.expectation_type),
                      entry.where);
  entry.expectation = std::move(expectation);
  if (intent) {
    entry.intent_id = intent->id;
    entry.sites = intent->sites;
    entry.intent_contexts = intent->contexts;
    entry.sites_where = sites_where;
  }
  expectations_.push_back(std::move(entry));
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
    if (error) throw input_error(fmt::format("{}: cannot read: {}", input, error.message()));
    for (auto it = walk; it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) throw input_error(fmt::format("{}: cannot read: {}", input, error.message()));
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
