// The checks of one document: a KRM object against its kind's schema plus
// metadata, a kustomization's paths, an intent by the acceptance rule, or an
// IntentReport against its schema.
#include <filesystem>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "io/control_characters.hpp"
#include "krm/resource.hpp"
#include "model/forms.hpp"
#include "model/intent_io.hpp"
#include "model/intent_text.hpp"
#include "validate/engine.hpp"
#include "validate/intent_report_schema.hpp"
#include "validate/metadata.hpp"
#include "validate/sources.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLocalConfigAnnotation = "config.kubernetes.io/local-config";
constexpr const char* kImplicitKustomization = "kustomize.config.k8s.io/v1beta1";

Finding finding_of(const std::string& file, const SchemaViolation& violation, Severity severity = Severity::error) {
  return Finding{severity, violation.rule, Location{file, violation.mark.line, violation.mark.column, violation.path},
                 violation.message};
}

void add(ResourceResult& result, const std::string& file, const std::vector<SchemaViolation>& violations,
         Severity severity = Severity::error) {
  for (const auto& violation : violations) result.findings.push_back(finding_of(file, violation, severity));
}

bool is_remote(std::string_view entry) {
  return entry.find("://") != std::string_view::npos || entry.rfind("git@", 0) == 0 ||
         entry.rfind("github.com/", 0) == 0 || entry.rfind("gitlab.com/", 0) == 0 ||
         entry.find("?ref=") != std::string_view::npos;
}

bool has_kustomization(const fs::path& folder) {
  std::error_code error;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"})
    if (fs::is_regular_file(folder / name, error)) return true;
  return false;
}

// The paths a kustomization names, each with where it is named.
struct NamedPath {
  std::string path;
  std::string field;
  Mark mark;
  bool folder_allowed;
};

void collect_strings(const Node& kustomization, const char* field, bool folder_allowed, std::vector<NamedPath>& out) {
  const Node* list = kustomization.find(field);
  if (!list || !list->is_array()) return;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const Node& item = list->items()[i];
    // Inline patches and generator configs are YAML text, not paths.
    if (item.is_string() && item.text().find('\n') == std::string::npos)
      out.push_back({item.text(), fmt::format("{}[{}]", field, i), item.mark, folder_allowed});
  }
}

void collect_generator_files(const Node& kustomization, const char* field, std::vector<NamedPath>& out) {
  const Node* list = kustomization.find(field);
  if (!list || !list->is_array()) return;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const Node& generator = list->items()[i];
    if (!generator.is_object()) continue;
    const std::string base = fmt::format("{}[{}]", field, i);
    for (const char* key : {"files", "envs"}) {
      const Node* files = generator.find(key);
      if (!files || !files->is_array()) continue;
      for (std::size_t j = 0; j < files->items().size(); ++j) {
        const Node& item = files->items()[j];
        if (!item.is_string()) continue;
        const auto equals = item.text().find('='); // files: [key=path]
        const std::string path = equals == std::string::npos ? item.text() : item.text().substr(equals + 1);
        out.push_back({path, fmt::format("{}.{}[{}]", base, key, j), item.mark, false});
      }
    }
    if (const Node* env = generator.find("env"); env && env->is_string())
      out.push_back({env->text(), base + ".env", env->mark, false});
  }
}

std::vector<NamedPath> named_paths(const Node& kustomization) {
  std::vector<NamedPath> paths;
  collect_strings(kustomization, "resources", true, paths);
  collect_strings(kustomization, "bases", true, paths);
  collect_strings(kustomization, "components", true, paths);
  collect_strings(kustomization, "crds", false, paths);
  collect_strings(kustomization, "patchesStrategicMerge", false, paths);
  collect_strings(kustomization, "configurations", false, paths);
  for (const char* field : {"patches", "patchesJson6902"}) {
    const Node* list = kustomization.find(field);
    if (!list || !list->is_array()) continue;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const Node* path = list->items()[i].is_object() ? list->items()[i].find("path") : nullptr;
      if (path && path->is_string())
        paths.push_back({path->text(), fmt::format("{}[{}].path", field, i), path->mark, false});
    }
  }
  collect_generator_files(kustomization, "configMapGenerator", paths);
  collect_generator_files(kustomization, "secretGenerator", paths);
  return paths;
}

std::vector<SchemaViolation> missing_paths(const Node& kustomization, const std::string& file) {
  std::vector<SchemaViolation> problems;
  if (!kustomization.is_object()) return problems;
  const fs::path folder = fs::path(file).parent_path();
  for (const NamedPath& named : named_paths(kustomization)) {
    if (named.path.empty() || is_remote(named.path)) continue;
    const fs::path target = folder / named.path;
    std::error_code error;
    const fs::file_status status = fs::status(target, error);
    if (!fs::exists(status)) {
      problems.push_back({named.mark, named.field, "kustomization",
                          fmt::format("\"{}\" does not exist ({})", named.path, target.lexically_normal().string())});
    } else if (fs::is_directory(status)) {
      if (!named.folder_allowed)
        problems.push_back(
            {named.mark, named.field, "kustomization", fmt::format("\"{}\" is a folder, not a file", named.path)});
      else if (!has_kustomization(target))
        problems.push_back(
            {named.mark, named.field, "kustomization",
             fmt::format("the folder \"{}\" holds no kustomization.yaml for kustomize to build", named.path)});
    }
  }
  return problems;
}

std::string string_member(const Node& object, std::string_view key) {
  const Node* value = object.is_object() ? object.find(key) : nullptr;
  return value && value->is_string() ? value->text() : std::string{};
}

// What makes two objects the same object on a cluster; none for what is
// never applied (kustomizations, local configuration) or has no name.
std::optional<ObjectIdentity> identity_of(const Node& document, const ResourceId& id, Scope scope) {
  if (scope == Scope::local || annotation(document, kLocalConfigAnnotation) == "true" || id.name.empty())
    return std::nullopt;
  const Node* name = document.find("metadata")->find("name");
  const std::string ns = scope == Scope::cluster ? std::string{} : id.namespace_;
  return ObjectIdentity{id.group() + '\n' + id.kind + '\n' + ns + '\n' + id.name, name->mark};
}

} // namespace

bool is_custom_resource_definition(const Node& document) {
  return document.is_object() && string_member(document, "kind") == "CustomResourceDefinition" &&
         string_member(document, "apiVersion").rfind("apiextensions.k8s.io/", 0) == 0;
}

void settle_status(ResourceResult& result) {
  if (result.status == ResourceStatus::error || result.status == ResourceStatus::skipped) return;
  result.status = result.has_errors() ? ResourceStatus::invalid : ResourceStatus::valid;
}

DocumentChecker::DocumentChecker(SchemaRegistry& registry, const ValidateOptions& options, const Mapping& mapping)
    : registry_(registry), options_(options), mapping_(mapping) {}

CheckedDocument DocumentChecker::check(const Node& document, const DocumentContext& context) {
  switch (options_.kind) {
    case ValidateKind::krm: return check_object(document, context);
    case ValidateKind::gpp28312:
      if (is_intent_report_document(document)) return check_report_document(document, context);
      return check_intent_document(document, context, IntentScope::gpp28312);
    case ValidateKind::tmf921: return check_intent_document(document, context, IntentScope::tmf921);
    case ValidateKind::automatic: break;
  }
  if (document.is_object() && (document.find("apiVersion") || document.find("kind") || context.kustomization_file))
    return check_object(document, context);
  if (is_intent_report_document(document)) return check_report_document(document, context);
  if (IntentChecker::is_intent_document(document)) return check_intent_document(document, context, IntentScope::any);
  CheckedDocument checked;
  ResourceResult& result = checked.result;
  result.file = context.file;
  result.mark = document.mark;
  result.status = ResourceStatus::error;
  result.findings.push_back({Severity::error, "kind",
                             Location{context.file, document.mark.line, document.mark.column, {}},
                             unknown_document_message(document)});
  return checked;
}

CheckedDocument DocumentChecker::check_intent_document(const Node& document, const DocumentContext& context,
                                                       IntentScope scope) {
  const Source fallback{context.file, {}};
  IntentChecker own(mapping_, options_.lax_seed, options_.strict);
  IntentChecker& intents = context.intents ? *context.intents : own;
  IntentVerdict verdict = intents.check(context.source ? *context.source : fallback, document, scope);
  CheckedDocument checked;
  ResourceResult& result = checked.result;
  result.file = context.file;
  result.mark = document.mark;
  result.kind = std::move(verdict.kind);
  result.name = escape_control_characters(verdict.name);
  result.findings = std::move(verdict.findings);
  checked.taken = std::move(verdict.taken);
  // A control character is refused as a reader refuses unreadable input.
  if (!result.findings.empty() && result.findings.front().rule == "control-character")
    result.status = ResourceStatus::error;
  settle_status(result);
  return checked;
}

CheckedDocument DocumentChecker::check_report_document(const Node& document, const DocumentContext& context) {
  CheckedDocument checked;
  ResourceResult& result = checked.result;
  result.file = context.file;
  result.mark = document.mark;
  result.kind = document.is_array() ? "28.312 IntentReports" : "28.312 IntentReport";
  const Node& first = document.is_array() ? document.items().front() : document;
  if (const Node* id = first.find("id"); id && id->is_string()) result.name = escape_control_characters(id->text());
  add(result, context.file, check_intent_reports(document));
  settle_status(result);
  return checked;
}

const KindSchema* DocumentChecker::schema_for(const std::string& api_version, const std::string& kind) {
  const std::string key = api_version + '\n' + kind;
  for (const auto& [known, schema] : cache_)
    if (known == key) return schema;
  const KindSchema* schema = registry_.find(api_version, kind);
  if (cache_.size() >= 32) cache_.erase(cache_.begin());
  cache_.emplace_back(key, schema);
  return schema;
}

bool DocumentChecker::skipped(const std::string& api_version, const std::string& kind) const {
  for (const std::string& entry : options_.skip)
    if (entry == kind || entry == api_version + "/" + kind) return true;
  return false;
}

CheckedDocument DocumentChecker::check_object(const Node& document, const DocumentContext& context) {
  CheckedDocument checked;
  ResourceResult& result = checked.result;
  result.file = context.file;
  result.mark = document.mark;
  auto fail = [&](const std::string& path, Mark mark, const std::string& message, const char* rule) {
    result.findings.push_back({Severity::error, rule, Location{context.file, mark.line, mark.column, path}, message});
    result.status = ResourceStatus::error;
    return checked;
  };
  if (!document.is_object())
    return fail({}, document.mark, fmt::format("expected a KRM object, got {}", type_name(document.type())), "kind");

  ResourceId id = resource_id(document);
  const bool implicit = context.kustomization_file && !document.find("apiVersion") && !document.find("kind");
  if (implicit) id.api_version = kImplicitKustomization, id.kind = "Kustomization";
  result.api_version = id.api_version;
  result.kind = id.kind;
  result.name = id.name;
  result.namespace_ = id.namespace_;
  for (const char* field : {"apiVersion", "kind"}) {
    if (implicit) break;
    const Node::Member* member = document.find_member(field);
    if (!member)
      return fail(field, document.mark, "missing required field; every KRM object names its apiVersion and kind",
                  "required");
    if (!member->value.is_string() || member->value.text().empty())
      return fail(field, member->value.mark,
                  fmt::format("expected a non-empty string, got {}", type_name(member->value.type())), "type");
  }
  if (skipped(id.api_version, id.kind)) {
    result.status = ResourceStatus::skipped;
    result.note = "--skip";
    return checked;
  }
  const KindSchema* schema = schema_for(id.api_version, id.kind);
  if (!schema) {
    if (annotation(document, kLocalConfigAnnotation) == "true") {
      result.status = ResourceStatus::skipped;
      result.note = "local configuration with no schema";
      return checked;
    }
    return fail({}, document.mark,
                fmt::format("no schema for {} {}: give its CRD in the input or with --crds, a --schema-location, "
                            "or --skip {}",
                            id.api_version, id.kind, id.kind),
                "no-schema");
  }
  if (!schema->schema) return fail({}, document.mark, schema->problem, "no-schema");

  MetadataFindings metadata;
  check_metadata(document, id, schema->scope, metadata);
  add(result, context.file, metadata.errors);
  add(result, context.file, metadata.warnings, Severity::warning);
  add(result, context.file, schema->schema->check(document));
  if (context.crd_problems) add(result, context.file, *context.crd_problems);
  if (id.kind == "Kustomization" && id.group() == "kustomize.config.k8s.io" && context.on_disk)
    add(result, context.file, missing_paths(document, context.file));
  settle_status(result);
  checked.identity = identity_of(document, id, schema->scope);
  return checked;
}

namespace {

// The item of a list that a finding at where belongs to: by its JSON path's
// first index, else by position, else the first.
std::size_t item_of(const Node& list, const Location& where) {
  const std::string& path = where.path;
  if (path.size() > 2 && path.front() == '[') {
    const std::size_t close = path.find(']');
    if (close != std::string::npos && close > 1 && path.find_first_not_of("0123456789", 1) == close) {
      const std::size_t index = std::stoul(path.substr(1, close - 1));
      if (index < list.items().size()) return index;
    }
  }
  std::size_t index = 0;
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const Mark mark = list.items()[i].mark;
    if (where.line && (mark.line < where.line || (mark.line == where.line && mark.column <= where.column))) index = i;
  }
  return index;
}

std::string item_name(const Node& item) {
  for (const char* key : {"id", "expectationId", "intentExpectationId"})
    if (std::string name = string_member(item, key); !name.empty()) return escape_control_characters(name);
  return {};
}

} // namespace

std::vector<CheckedDocument> per_item(CheckedDocument checked, const Node& document) {
  std::vector<CheckedDocument> items;
  const bool reports = is_intent_report_document(document);
  if (!document.is_array() || document.items().empty() || !checked.result.api_version.empty() ||
      (!reports && !IntentChecker::is_intent_document(document))) {
    items.push_back(std::move(checked));
    return items;
  }
  const ResourceResult& whole = checked.result;
  for (const Node& item : document.items()) {
    CheckedDocument one;
    one.result.file = whole.file;
    one.result.mark = item.mark;
    one.result.kind = reports ? "28.312 IntentReport" : std::string(form_label(*form_of(item)));
    one.result.name = item_name(item);
    items.push_back(std::move(one));
  }
  for (const Finding& finding : whole.findings)
    items[item_of(document, finding.where)].result.findings.push_back(finding);
  for (const TakenName& taken : checked.taken) items[item_of(document, taken.where)].taken.push_back(taken);
  for (CheckedDocument& one : items) {
    ResourceResult& result = one.result;
    // A control character is refused as a reader refuses unreadable input.
    if (!result.findings.empty() && result.findings.front().rule == "control-character")
      result.status = ResourceStatus::error;
    settle_status(result);
  }
  return items;
}

void report_duplicates(std::vector<ResourceResult>& resources,
                       const std::vector<std::optional<ObjectIdentity>>& identities) {
  std::unordered_map<std::string_view, std::size_t> first; // keys live in identities
  first.reserve(resources.size());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (!identities[i]) continue;
    auto [at, fresh] = first.emplace(identities[i]->key, i);
    if (fresh) continue;
    const ResourceResult& original = resources[at->second];
    const Mark original_mark = identities[at->second]->name_mark;
    ResourceResult& duplicate = resources[i];
    const Mark mark = identities[i]->name_mark;
    const std::string where = location_prefix(Location{original.file, original_mark.line, original_mark.column, {}});
    duplicate.findings.push_back(
        {Severity::error, "duplicate-object", Location{duplicate.file, mark.line, mark.column, "metadata.name"},
         fmt::format("duplicate object: {} {} is defined before, at {}", duplicate.kind,
                     duplicate.namespace_.empty() ? duplicate.name : duplicate.namespace_ + "/" + duplicate.name,
                     where.substr(0, where.size() - 2))});
    if (duplicate.status == ResourceStatus::valid) duplicate.status = ResourceStatus::invalid;
  }
}

} // namespace intentctl
