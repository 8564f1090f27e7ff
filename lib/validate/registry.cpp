#include "validate/registry.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "model/bundle_crds.hpp"
#include "validate/builtin_schemas.hpp"
#include "validate/sources.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

using Document = std::shared_ptr<const std::pair<Source, Node>>;

std::string key_of(const std::string& api_version, const std::string& kind) { return api_version + '\n' + kind; }

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string text_of(const Node* node) { return node && node->is_string() ? node->text() : std::string{}; }

const Node* at(const Node& node, std::initializer_list<std::string_view> path) {
  const Node* current = &node;
  for (auto key : path) {
    if (!current->is_object()) return nullptr;
    current = current->find(key);
    if (!current) return nullptr;
  }
  return current;
}

Scope scope_of(std::string_view text) {
  if (text == "Namespaced") return Scope::namespaced;
  if (text == "Cluster") return Scope::cluster;
  if (text == "Local") return Scope::local;
  return Scope::unknown;
}

ReadLimits schema_limits() {
  ReadLimits read;
  read.max_depth = limits::max_schema_depth;
  return read;
}

Document read_schema_document(const std::string& path) {
  std::istringstream no_stdin;
  Source source = read_source(path, schema_limits(), no_stdin, false);
  ParsedStream stream = parse_documents(source, schema_limits());
  if (stream.documents.size() != 1)
    throw input_error(fmt::format("expected one schema document, found {}", stream.documents.size()),
                      location_of(source, Mark{1, 1}));
  Node root = std::move(stream.documents.front());
  source.text.clear(); // positions are kept in the nodes; the text is not needed
  return std::make_shared<const std::pair<Source, Node>>(std::move(source), std::move(root));
}

Document schema_loader(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return nullptr;
  return read_schema_document(path);
}

// A version without a schema accepts anything (apiextensions v1beta1 allowed that).
const Node& permissive_schema() {
  static const Node schema = [] {
    Node node = Node::object();
    node.add("type", Node::string("object"));
    node.add("x-kubernetes-preserve-unknown-fields", Node::boolean(true));
    return node;
  }();
  return schema;
}

void replace_all(std::string& text, const std::string& name, const std::string& value) {
  // {{ .Name }} with any spacing inside the braces.
  std::size_t from = 0;
  while ((from = text.find("{{", from)) != std::string::npos) {
    const std::size_t end = text.find("}}", from);
    if (end == std::string::npos) return;
    std::string inside = text.substr(from + 2, end - from - 2);
    inside.erase(std::remove_if(inside.begin(), inside.end(),
                                [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                 inside.end());
    if (inside == "." + name) {
      text.replace(from, end + 2 - from, value);
      from += value.size();
    } else {
      from = end + 2;
    }
  }
}

} // namespace

std::vector<std::string> schema_location_candidates(const std::string& location, const std::string& api_version,
                                                    const std::string& kind, bool strict) {
  const auto slash = api_version.find('/');
  const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
  const std::string version = slash == std::string::npos ? api_version : api_version.substr(slash + 1);
  const std::string group_or_version = slash == std::string::npos ? api_version : group;
  // kubeconform: "-" + the group's first label (or the core version) + "-" + the version.
  std::string kind_suffix = "-" + lower(group_or_version.substr(0, group_or_version.find('.')));
  if (slash != std::string::npos) kind_suffix += "-" + lower(version);
  const std::string lower_kind = lower(kind);

  if (location.size() >= 4 && location.compare(location.size() - 4, 4, "json") == 0) {
    std::string path = location;
    replace_all(path, "NormalizedKubernetesVersion", "master");
    replace_all(path, "StrictSuffix", strict ? "-strict" : "");
    replace_all(path, "ResourceKind", lower_kind);
    replace_all(path, "ResourceAPIVersion", version);
    replace_all(path, "Group", group_or_version);
    replace_all(path, "KindSuffix", kind_suffix);
    return {path};
  }
  const fs::path folder(location);
  const std::string file = lower_kind + kind_suffix + ".json";
  std::vector<std::string> candidates;
  if (strict) candidates.push_back((folder / "master-standalone-strict" / file).string());
  candidates.push_back((folder / "master-standalone" / file).string());
  if (strict) candidates.push_back((folder / "master-strict" / file).string());
  candidates.push_back((folder / "master" / file).string());
  candidates.push_back((folder / file).string()); // {kind}-{group}-{version}.json, {kind}-{version}.json
  if (!group.empty()) {
    candidates.push_back((folder / lower(lower_kind + "-" + group + "-" + version + ".json")).string());
    candidates.push_back((folder / lower(group) / lower(lower_kind + "_" + version + ".json")).string());
  }
  candidates.push_back(
      (folder / (lower_kind + "_" + lower(version) + ".json")).string()); // openapi2jsonschema's default
  if (group.empty()) { // kubeval's layout: core kinds without a suffix
    if (strict) candidates.push_back((folder / "master-standalone-strict" / (lower_kind + ".json")).string());
    candidates.push_back((folder / "master-standalone" / (lower_kind + ".json")).string());
    candidates.push_back((folder / (lower_kind + ".json")).string());
  }
  return candidates;
}

SchemaRegistry::SchemaRegistry(std::vector<std::string> schema_locations, bool strict)
    : schema_locations_(std::move(schema_locations)), strict_(strict) {
  for (const std::string& location : schema_locations_)
    if (location.find("://") != std::string::npos)
      throw usage_error(fmt::format("--schema-location {}: schemas are read from local folders only (download them "
                                    "first, for example into kubeconform's cache layout)",
                                    location));
  add_builtins();
}

const CompiledSchema& SchemaRegistry::object_meta() {
  static const std::shared_ptr<const CompiledSchema> schema = [] {
    Source source{"<built-in ObjectMeta>", std::string(object_meta_schema_yaml())};
    ParsedStream stream = parse_yaml(source, schema_limits());
    auto document =
        std::make_shared<const std::pair<Source, Node>>(std::move(source), std::move(stream.documents.at(0)));
    return CompiledSchema::compile(document, document->second, SchemaDialect::structural, {}, false);
  }();
  return *schema;
}

void SchemaRegistry::add_builtins() {
  Source source{"<built-in schemas>", std::string(builtin_kind_schemas_yaml())};
  ParsedStream stream = parse_yaml(source, schema_limits());
  for (Node& document : stream.documents) {
    auto owned = std::make_shared<const std::pair<Source, Node>>(Source{source.name, {}}, std::move(document));
    const Node& root = owned->second;
    KindSchema entry;
    entry.scope = scope_of(text_of(root.find("scope")));
    entry.origin = "built-in";
    entry.schema = CompiledSchema::compile(owned, *root.find("schema"), SchemaDialect::structural);
    for (const Node& kind : root.find("kinds")->items())
      tiers_[static_cast<int>(SchemaTier::builtin)].emplace(key_of(text_of(kind.find("apiVersion")),
                                                                   text_of(kind.find("kind"))),
                                                            entry);
  }
  Source crds{"<built-in bundle CRDs>", bundle_crds_yaml()};
  for (const Node& crd : parse_yaml(crds, schema_limits()).documents) add_crd(crds.name, crd, SchemaTier::builtin);
}

std::vector<SchemaViolation> SchemaRegistry::add_crd(const std::string& file, const Node& crd, SchemaTier tier) {
  std::vector<SchemaViolation> problems;
  const Node* spec = crd.is_object() ? crd.find("spec") : nullptr;
  if (!spec || !spec->is_object()) return problems; // the CRD's own schema check says what is missing
  const std::string group = text_of(at(*spec, {"group"}));
  const std::string kind = text_of(at(*spec, {"names", "kind"}));
  const std::string plural = text_of(at(*spec, {"names", "plural"}));
  if (kind.empty()) return problems;
  const Node* name = at(crd, {"metadata", "name"});
  if (name && name->is_string() && !plural.empty() && name->text() != plural + "." + group)
    problems.push_back({name->mark, "metadata.name", "crd",
                        fmt::format("a CRD's name must be <plural>.<group>: \"{}.{}\"", plural, group)});

  auto document = std::make_shared<const std::pair<Source, Node>>(Source{file, {}}, crd);
  const Node& root = document->second;
  const std::string origin = fmt::format("{}CRD {}", tier == SchemaTier::builtin ? "built-in " : "", text_of(name));
  const Scope scope = scope_of(text_of(at(root, {"spec", "scope"})));
  const Node* shared_schema = at(root, {"spec", "validation", "openAPIV3Schema"}); // apiextensions v1beta1
  const Node* versions = at(root, {"spec", "versions"});
  std::vector<std::pair<std::string, const Node*>> schemas; // version, schema
  std::string schema_path;
  if (versions && versions->is_array()) {
    std::size_t storage = 0;
    for (std::size_t i = 0; i < versions->items().size(); ++i) {
      const Node& version = versions->items()[i];
      const Node* own = at(version, {"schema", "openAPIV3Schema"});
      schemas.emplace_back(text_of(at(version, {"name"})), own ? own : shared_schema);
      const Node* stored = at(version, {"storage"});
      if (stored && stored->is_bool() && stored->as_bool()) ++storage;
    }
    if (storage != 1 && !versions->items().empty())
      problems.push_back({versions->mark, "spec.versions", "crd",
                          fmt::format("exactly one version must have storage: true, found {}", storage)});
  } else if (const Node* version = at(root, {"spec", "version"})) {
    schemas.emplace_back(text_of(version), shared_schema);
  }

  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < schemas.size(); ++i) {
    const auto& [version, schema] = schemas[i];
    if (version.empty()) continue;
    KindSchema entry;
    entry.scope = scope;
    entry.origin = origin;
    try {
      entry.schema =
          CompiledSchema::compile(document, schema ? *schema : permissive_schema(), SchemaDialect::structural);
    } catch (const Error& error) {
      entry.problem = fmt::format("the schema in {} is invalid: {}", origin, error.message());
      const std::string path = schema == shared_schema ? "spec.validation.openAPIV3Schema"
                                                       : fmt::format("spec.versions[{}].schema.openAPIV3Schema", i);
      problems.push_back({Mark{error.where().line, error.where().column}, path, "crd", error.message()});
    }
    tiers_[static_cast<int>(tier)].emplace(key_of(group.empty() ? version : group + "/" + version, kind),
                                           std::move(entry));
  }
  return problems;
}

void SchemaRegistry::add_crd_folder(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw usage_error(fmt::format("--crds {}: not a folder", folder));
  for (const std::string& path : schema_files_in(folder)) {
    std::istringstream no_stdin;
    const Source source = read_source(path, schema_limits(), no_stdin, false);
    for (const Node& document : parse_documents(source, schema_limits()).documents) {
      if (text_of(document.is_object() ? document.find("kind") : nullptr) != "CustomResourceDefinition") continue;
      const auto problems = add_crd(path, document, SchemaTier::crds_folder);
      if (!problems.empty())
        throw input_error(problems.front().message, location_of(source, problems.front().mark, problems.front().path));
    }
  }
}

const KindSchema* SchemaRegistry::find(const std::string& api_version, const std::string& kind) {
  const std::string key = key_of(api_version, kind);
  std::lock_guard lock(mutex_);
  for (auto tier : {SchemaTier::input, SchemaTier::crds_folder}) {
    auto& map = tiers_[static_cast<int>(tier)];
    if (auto found = map.find(key); found != map.end()) return &found->second;
  }
  if (const KindSchema* located = find_in_locations(api_version, kind)) return located;
  auto& builtins = tiers_[static_cast<int>(SchemaTier::builtin)];
  if (auto found = builtins.find(key); found != builtins.end()) return &found->second;
  return nullptr;
}

// Called with the mutex held.
const KindSchema* SchemaRegistry::find_in_locations(const std::string& api_version, const std::string& kind) {
  if (schema_locations_.empty()) return nullptr;
  const std::string key = key_of(api_version, kind);
  if (auto found = located_.find(key); found != located_.end()) return found->second.get();
  std::unique_ptr<KindSchema> entry;
  for (const std::string& location : schema_locations_) {
    for (const std::string& candidate : schema_location_candidates(location, api_version, kind, strict_)) {
      std::error_code error;
      if (!fs::is_regular_file(candidate, error)) continue;
      entry = std::make_unique<KindSchema>();
      entry->origin = candidate;
      try {
        Document document = read_schema_document(candidate);
        entry->schema = CompiledSchema::compile(document, document->second, SchemaDialect::json_schema, schema_loader);
      } catch (const Error& error) {
        entry->problem = fmt::format("the schema {} is unusable: {}", candidate, error.describe());
      }
      break;
    }
    if (entry) break;
  }
  return (located_[key] = std::move(entry)).get();
}

} // namespace intentctl
