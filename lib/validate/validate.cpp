#include "validate/validate.hpp"

#include <sstream>

#include <fmt/format.h>

#include "krm/resource.hpp"
#include "validate/engine.hpp"

namespace intentctl {

namespace {

ExitClass exit_class_of(const ValidationReport& report) {
  if (report.unreadable) return ExitClass::usage;
  const ValidationCounts counts = count_results(report.resources);
  if (counts.resources == 0 || counts.invalid > 0 || counts.errors > 0) return ExitClass::failed;
  return ExitClass::ok;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ','))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

// kpt hands "-- key=value" arguments over as a ConfigMap's data.
void apply_function_config(const Node& config, ValidateOptions& options) {
  const Node* data = config.is_object() ? config.find("data") : nullptr;
  if (!data || !data->is_object()) return;
  for (const auto& member : data->members()) {
    const std::string value = member.value.is_scalar() ? member.value.text() : std::string{};
    if (member.key == "strict") options.strict = value == "true";
    else if (member.key == "skip")
      for (auto& kind : split_list(value)) options.skip.push_back(kind);
    else if (member.key == "kind") {
      auto kind = parse_validate_kind(value);
      if (!kind)
        throw usage_error(fmt::format("functionConfig: unknown kind \"{}\" (known: auto, tmf921, 28312, krm)", value));
      options.kind = *kind;
    } else {
      throw usage_error(fmt::format("functionConfig: unknown key \"{}\" (known: strict, skip, kind)", member.key));
    }
  }
}

std::string item_file(const Node& item, std::size_t index) {
  std::string path = annotation(item, kPathAnnotation);
  if (path.empty()) path = annotation(item, kLegacyPathAnnotation);
  return path.empty() ? fmt::format("items[{}]", index) : path;
}

} // namespace

std::optional<ValidateKind> parse_validate_kind(std::string_view name) {
  if (name == "auto") return ValidateKind::automatic;
  if (name == "tmf921") return ValidateKind::tmf921;
  if (name == "28312") return ValidateKind::gpp28312;
  if (name == "krm") return ValidateKind::krm;
  return std::nullopt;
}

std::optional<ValidateFormat> parse_validate_format(std::string_view name) {
  if (name == "text") return ValidateFormat::text;
  if (name == "json") return ValidateFormat::json;
  if (name == "junit") return ValidateFormat::junit;
  if (name == "sarif") return ValidateFormat::sarif;
  return std::nullopt;
}

ExitClass validate(const ValidateOptions& options, Io& io) {
  if (options.function) return validate_function(options, io);
  const ValidationReport report = run_validation(options, io);
  const Verbosity verbosity = io.diagnostics.verbosity();
  ReportStyle style;
  style.verbose = verbosity == Verbosity::verbose;
  style.summary_table = options.summary;
  style.summary_line = verbosity != Verbosity::quiet || options.summary;
  style.palette = io.out_palette;
  switch (options.format) {
    case ValidateFormat::text: write_text_report(report, style, io.out); break;
    case ValidateFormat::json: write_json_report(report, style, io.out); break;
    case ValidateFormat::junit: write_junit_report(report, io.out); break;
    case ValidateFormat::sarif: write_sarif_report(report, io.out); break;
  }
  io.out.flush();
  if (options.format != ValidateFormat::text) io.diagnostics.summary(summary_line(report));
  if (report.resources.empty()) io.diagnostics.error(no_resources_error(report));
  return exit_class_of(report);
}

Node empty_validate_document() {
  Node document = json_report(ValidationReport{}, ReportStyle{});
  document.set("errors", Node::array());
  return document;
}

ExitClass validate_function(const ValidateOptions& flags, Io& io) {
  const Source source = read_source("-", ReadLimits{}, io.in, io.stdin_is_terminal);
  ResourceList list = read_resource_list(source);
  ValidateOptions options = flags;
  apply_function_config(list.function_config, options);
  SchemaRegistry registry(options.schema_locations, options.strict);
  for (const std::string& folder : options.crd_folders) registry.add_crd_folder(folder);

  const auto& items = list.items.items();
  std::vector<std::vector<SchemaViolation>> crd_problems(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (is_custom_resource_definition(items[i]))
      crd_problems[i] = registry.add_crd(item_file(items[i], i), items[i], SchemaTier::input);

  const Mapping mapping = options.mapping_file.empty()
                              ? default_mapping()
                              : load_mapping(read_source(options.mapping_file, ReadLimits{}, io.in, false));
  DocumentChecker checker(registry, options, mapping);
  IntentChecker intents(mapping, options.lax_seed, options.strict);
  std::vector<ResourceResult> resources;
  std::vector<std::optional<ObjectIdentity>> identities;
  for (std::size_t i = 0; i < items.size(); ++i) {
    DocumentContext context;
    context.file = item_file(items[i], i);
    context.intents = &intents;
    context.crd_problems = &crd_problems[i];
    CheckedDocument checked = checker.check(items[i], context);
    resources.push_back(std::move(checked.result));
    identities.push_back(std::move(checked.identity));
  }
  report_duplicates(resources, identities);

  std::vector<FunctionResult> results;
  bool errors = false;
  for (std::size_t i = 0; i < resources.size(); ++i)
    for (const Finding& finding : resources[i].findings) {
      errors = errors || finding.severity == Severity::error;
      results.push_back(FunctionResult{finding.message, finding.severity, &items[i], finding.where.path});
    }
  io.out << write_resource_list(list, results);
  io.out.flush();
  return errors ? ExitClass::failed : ExitClass::ok;
}

} // namespace intentctl
