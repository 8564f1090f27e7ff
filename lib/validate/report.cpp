#include "validate/report.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/version.hpp"
#include "io/output_document.hpp"
#include "io/writer.hpp"
#include "util/url.hpp"
#include "util/xml.hpp"

namespace intentctl {

namespace {

// "spec.x: message (CNBundle name)"
std::string finding_text(const Finding& finding, const ResourceResult& resource) {
  std::string text;
  if (!finding.where.path.empty()) text += finding.where.path + ": ";
  text += finding.message;
  const std::string label = resource.label();
  if (!label.empty()) text += " (" + label + ")";
  return text;
}

struct KindCounts {
  std::string kind;
  ValidationCounts counts;
};

void tally(ValidationCounts& counts, ResourceStatus status) {
  ++counts.resources;
  switch (status) {
    case ResourceStatus::valid: ++counts.valid; break;
    case ResourceStatus::invalid: ++counts.invalid; break;
    case ResourceStatus::error: ++counts.errors; break;
    case ResourceStatus::skipped: ++counts.skipped; break;
  }
}

std::vector<KindCounts> counts_by_kind(const ValidationReport& report) {
  std::map<std::string, ValidationCounts> counts;
  for (const auto& resource : report.resources)
    tally(counts[resource.kind.empty() ? "(unreadable)" : resource.kind], resource.status);
  std::vector<KindCounts> table;
  for (const auto& [kind, value] : counts) table.push_back({kind, value});
  return table;
}

void add_count(Node& object, const char* key, std::size_t value) {
  object.add(key, Node::number(std::to_string(value)));
}

Node counts_node(const ValidationCounts& counts) {
  Node node = Node::object();
  add_count(node, "resources", counts.resources);
  add_count(node, "valid", counts.valid);
  add_count(node, "invalid", counts.invalid);
  add_count(node, "errors", counts.errors);
  add_count(node, "skipped", counts.skipped);
  return node;
}

// A relative URI reference for a path: unreserved characters and '/' kept,
// everything else percent-encoded; absolute paths become file:// URIs.
std::string path_uri(std::string_view path) {
  return (!path.empty() && path.front() == '/' ? "file://" : "") + percent_encode(path, "/");
}

struct RuleInfo {
  const char* id;
  const char* description;
};

constexpr RuleInfo kRules[] = {
    {"type", "A value has the wrong type"},
    {"required", "A required field is missing"},
    {"unknown-field", "A field the schema does not know (the API server would prune it)"},
    {"enum", "A value outside the allowed set"},
    {"pattern", "A string that does not match the schema's pattern"},
    {"range", "A number outside its minimum or maximum"},
    {"length", "A string shorter or longer than allowed"},
    {"items", "An array with too few or too many items"},
    {"properties", "An object with too few or too many fields"},
    {"unique", "An item repeated in a list that must not repeat"},
    {"format", "A string not in the format the schema names (date-time, byte, ...)"},
    {"composition", "A value that fits none (or more than one) of the schema's alternatives"},
    {"name", "A name, label or annotation key that Kubernetes refuses"},
    {"scope", "A namespace on a cluster-scoped object"},
    {"crd", "A CustomResourceDefinition whose schema or name is wrong"},
    {"duplicate-object", "The same object defined twice in one package"},
    {"duplicate-key", "A YAML mapping with the same key twice"},
    {"kustomization", "A kustomization that names a file or folder that is not there"},
    {"no-schema", "A kind with no schema to check it against"},
    {"kind", "A document that is neither a KRM object nor an intent"},
    {"unreadable", "An input that cannot be read or parsed"},
    {"control-character", "A control character in an intent's id, name or value (refused input, exit 2)"},
    {"schema", "A violation of the intent's JSON Schema"},
};

std::string_view rule_description(std::string_view id) {
  for (const auto& rule : kRules)
    if (id == rule.id) return rule.description;
  return "A schema violation";
}

} // namespace

std::string ResourceResult::label() const {
  if (kind.empty()) return name;
  return name.empty() ? kind : kind + " " + name;
}

bool ResourceResult::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::error; });
}

std::string_view status_name(ResourceStatus status) {
  switch (status) {
    case ResourceStatus::valid: return "valid";
    case ResourceStatus::invalid: return "invalid";
    case ResourceStatus::error: return "error";
    case ResourceStatus::skipped: return "skipped";
  }
  return "error";
}

ValidationCounts count_results(const std::vector<ResourceResult>& resources) {
  ValidationCounts counts;
  for (const auto& resource : resources) tally(counts, resource.status);
  return counts;
}

Error no_resources_error(const ValidationReport& report) {
  return Error(ExitClass::failed, fmt::format("no resources found in {} file{}: nothing was validated", report.files,
                                              report.files == 1 ? "" : "s"));
}

std::string summary_line(const ValidationReport& report) {
  const ValidationCounts counts = count_results(report.resources);
  return fmt::format("Summary: {} resource{} found in {} file{} - Valid: {}, Invalid: {}, Errors: {}, Skipped: {}",
                     counts.resources, counts.resources == 1 ? "" : "s", report.files, report.files == 1 ? "" : "s",
                     counts.valid, counts.invalid, counts.errors, counts.skipped);
}

void write_text_report(const ValidationReport& report, const ReportStyle& style, std::ostream& out) {
  std::string text;
  for (const auto& resource : report.resources) {
    for (const auto& finding : resource.findings) {
      const Location where{finding.where.file, finding.where.line, finding.where.column, {}};
      text += diagnostic_text({finding.severity, finding_text(finding, resource), where}, "intentctl validate",
                              style.palette);
    }
    if (!style.verbose) continue;
    const Location where{resource.file, resource.mark.line, resource.mark.column, {}};
    if (resource.status == ResourceStatus::valid)
      text +=
          diagnostic_text({Severity::info, resource.label() + " is valid", where}, "intentctl validate", style.palette);
    else if (resource.status == ResourceStatus::skipped)
      text += diagnostic_text({Severity::info, fmt::format("{} skipped: {}", resource.label(), resource.note), where},
                              "intentctl validate", style.palette);
  }
  if (style.summary_table) {
    text += fmt::format("{:<32} {:>9} {:>7} {:>7} {:>6} {:>7}\n", "KIND", "RESOURCES", "VALID", "INVALID", "ERRORS",
                        "SKIPPED");
    for (const auto& [kind, counts] : counts_by_kind(report))
      text += fmt::format("{:<32} {:>9} {:>7} {:>7} {:>6} {:>7}\n", kind, counts.resources, counts.valid,
                          counts.invalid, counts.errors, counts.skipped);
  }
  if (style.summary_line) text += summary_line(report) + "\n";
  out << text;
}

Node json_report(const ValidationReport& report, const ReportStyle& style) {
  Node resources = Node::array();
  for (const auto& resource : report.resources) {
    Node entry = Node::object();
    entry.add("file", Node::string(resource.file));
    entry.add("line", Node::number(std::to_string(resource.mark.line)));
    entry.add("column", Node::number(std::to_string(resource.mark.column)));
    if (!resource.api_version.empty()) entry.add("apiVersion", Node::string(resource.api_version));
    entry.add("kind", Node::string(resource.kind));
    entry.add("name", Node::string(resource.name));
    if (!resource.namespace_.empty()) entry.add("namespace", Node::string(resource.namespace_));
    entry.add("status", Node::string(std::string(status_name(resource.status))));
    if (!resource.note.empty()) entry.add("note", Node::string(resource.note));
    Node findings = Node::array();
    for (const auto& finding : resource.findings) {
      Node item = Node::object();
      item.add("file", Node::string(finding.where.file));
      item.add("line", Node::number(std::to_string(finding.where.line)));
      item.add("column", Node::number(std::to_string(finding.where.column)));
      item.add("path", Node::string(finding.where.path));
      item.add("severity", Node::string(severity_word(finding.severity)));
      item.add("rule", Node::string(finding.rule));
      item.add("message", Node::string(finding.message));
      findings.push(std::move(item));
    }
    entry.add("findings", std::move(findings));
    resources.push(std::move(entry));
  }
  const ValidationCounts counts = count_results(report.resources);
  Node summary = counts_node(counts);
  summary.add("files", Node::number(std::to_string(report.files)));
  Node document = output_document("ValidateReport");
  const bool failed = counts.resources == 0 || counts.invalid > 0 || counts.errors > 0;
  document.add("status", Node::string(report.unreadable ? "error" : failed ? "fail" : "pass"));
  document.add("resources", std::move(resources));
  document.add("summary", std::move(summary));
  if (style.summary_table) {
    Node kinds = Node::object();
    for (const auto& [kind, value] : counts_by_kind(report)) kinds.add(kind, counts_node(value));
    document.add("kinds", std::move(kinds));
  }
  Node errors = Node::array();
  if (report.resources.empty()) errors.push(error_item(no_resources_error(report)));
  document.add("errors", std::move(errors));
  return document;
}

void write_json_report(const ValidationReport& report, const ReportStyle& style, std::ostream& out) {
  std::string text;
  write_json(text, json_report(report, style));
  out << text << '\n';
}

void write_junit_report(const ValidationReport& report, std::ostream& out) {
  // One testsuite per file, one testcase per resource (kubeconform's layout).
  std::vector<std::pair<std::string, std::vector<const ResourceResult*>>> files;
  for (const auto& resource : report.resources) {
    if (files.empty() || files.back().first != resource.file) files.push_back({resource.file, {}});
    files.back().second.push_back(&resource);
  }
  const ValidationCounts total = count_results(report.resources);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format(
      "<testsuites name=\"intentctl validate\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
      total.resources, total.invalid, total.errors, total.skipped);
  for (std::size_t i = 0; i < files.size(); ++i) {
    ValidationCounts counts;
    for (const auto* resource : files[i].second) tally(counts, resource->status);
    xml +=
        fmt::format("  <testsuite name=\"{}\" id=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                    xml_escape(files[i].first), i, counts.resources, counts.invalid, counts.errors, counts.skipped);
    for (const auto* resource : files[i].second) {
      const std::string classname =
          resource->api_version.empty() ? resource->kind : resource->api_version + "/" + resource->kind;
      xml += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"",
                         xml_escape(resource->label()), xml_escape(classname), xml_escape(resource->file),
                         resource->mark.line);
      if (resource->status == ResourceStatus::valid) {
        xml += "/>\n";
        continue;
      }
      xml += ">\n";
      if (resource->status == ResourceStatus::skipped) {
        xml += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(resource->note));
      } else {
        std::string body;
        std::string first;
        for (const auto& finding : resource->findings) {
          if (finding.severity != Severity::error) continue;
          const std::string line = location_prefix(finding.where) + finding_text(finding, *resource);
          if (first.empty()) first = finding_text(finding, *resource);
          body += line + "\n";
        }
        const char* element = resource->status == ResourceStatus::error ? "error" : "failure";
        xml += fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", element, xml_escape(first),
                           resource->status == ResourceStatus::error ? "error" : "invalid", xml_escape(body), element);
      }
      xml += "    </testcase>\n";
    }
    xml += "  </testsuite>\n";
  }
  xml += "</testsuites>\n";
  out << xml;
}

void write_sarif_report(const ValidationReport& report, std::ostream& out) {
  std::set<std::string> used;
  for (const auto& resource : report.resources)
    for (const auto& finding : resource.findings) used.insert(finding.rule);
  std::vector<std::string> rule_ids(used.begin(), used.end());
  Node rules = Node::array();
  for (const auto& id : rule_ids) {
    Node rule = Node::object();
    rule.add("id", Node::string(id));
    Node description = Node::object();
    description.add("text", Node::string(std::string(rule_description(id))));
    rule.add("shortDescription", std::move(description));
    rules.push(std::move(rule));
  }
  Node results = Node::array();
  for (const auto& resource : report.resources)
    for (const auto& finding : resource.findings) {
      Node result = Node::object();
      result.add("ruleId", Node::string(finding.rule));
      const auto index = std::find(rule_ids.begin(), rule_ids.end(), finding.rule) - rule_ids.begin();
      result.add("ruleIndex", Node::number(std::to_string(index)));
      result.add("level", Node::string(severity_word(finding.severity)));
      Node message = Node::object();
      message.add("text", Node::string(finding_text(finding, resource)));
      result.add("message", std::move(message));
      Node physical = Node::object();
      Node artifact = Node::object();
      artifact.add("uri", Node::string(path_uri(finding.where.file)));
      physical.add("artifactLocation", std::move(artifact));
      if (finding.where.line > 0) {
        Node region = Node::object();
        region.add("startLine", Node::number(std::to_string(finding.where.line)));
        if (finding.where.column > 0) region.add("startColumn", Node::number(std::to_string(finding.where.column)));
        physical.add("region", std::move(region));
      }
      Node location = Node::object();
      location.add("physicalLocation", std::move(physical));
      if (!finding.where.path.empty()) {
        Node logical = Node::object();
        logical.add("fullyQualifiedName", Node::string(finding.where.path));
        logical.add("kind", Node::string("member"));
        Node logicals = Node::array();
        logicals.push(std::move(logical));
        location.add("logicalLocations", std::move(logicals));
      }
      Node locations = Node::array();
      locations.push(std::move(location));
      result.add("locations", std::move(locations));
      results.push(std::move(result));
    }
  Node driver = Node::object();
  driver.add("name", Node::string("intentctl"));
  driver.add("version", Node::string(version_string()));
  driver.add("rules", std::move(rules));
  Node tool = Node::object();
  tool.add("driver", std::move(driver));
  Node run = Node::object();
  run.add("tool", std::move(tool));
  run.add("columnKind", Node::string("unicodeCodePoints"));
  run.add("results", std::move(results));
  Node runs = Node::array();
  runs.push(std::move(run));
  Node document = Node::object();
  document.add("$schema", Node::string("https://json.schemastore.org/sarif-2.1.0.json"));
  document.add("version", Node::string("2.1.0"));
  document.add("runs", std::move(runs));
  std::string text;
  write_json(text, document);
  out << text << '\n';
}

} // namespace intentctl
