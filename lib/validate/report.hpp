// What a validate run found, resource by resource in input order, and the
// four ways to print it: GNU-style text with kubeconform's summary line, JSON,
// JUnit XML and SARIF 2.1.0.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/node.hpp"
#include "io/sink.hpp"

namespace intentctl {

enum class ResourceStatus { valid, invalid, error, skipped };

struct Finding {
  Severity severity = Severity::error;
  std::string rule; // a short id, the SARIF rule: "type", "unknown-field", "duplicate-object", ...
  Location where;   // file, line, column, JSON path
  std::string message;
};

// One document of the input: a KRM object, an intent, or what could not be read.
struct ResourceResult {
  std::string file;
  Mark mark;
  std::string api_version; // "" for intents and unreadable input
  std::string kind;        // "CNBundle", "28.312 Intent", ...
  std::string name;
  std::string namespace_;
  ResourceStatus status = ResourceStatus::valid;
  std::string note; // why it was skipped
  std::vector<Finding> findings;

  // "CNBundle cn-bundle-x", what text findings end with.
  std::string label() const;
  bool has_errors() const;
};

struct ValidationReport {
  std::vector<ResourceResult> resources;
  std::size_t files = 0;
  bool unreadable = false; // an input could not be read or parsed: exit 2
};

struct ValidationCounts {
  std::size_t resources = 0, valid = 0, invalid = 0, errors = 0, skipped = 0;
};
ValidationCounts count_results(const std::vector<ResourceResult>& resources);

// "Summary: N resources found in M files - Valid: a, Invalid: b, Errors: c, Skipped: d"
std::string summary_line(const ValidationReport& report);

struct ReportStyle {
  bool verbose = false;       // text: also list valid and skipped resources
  bool summary_table = false; // counts per kind
  bool summary_line = true;   // text: the closing summary line
  Palette palette{};          // text: the findings' colours
};

// "no resources found in M files: nothing was validated", for a run that found none.
Error no_resources_error(const ValidationReport& report);

// The ValidateReport document of --format json.
Node json_report(const ValidationReport& report, const ReportStyle& style);

void write_text_report(const ValidationReport& report, const ReportStyle& style, std::ostream& out);
void write_json_report(const ValidationReport& report, const ReportStyle& style, std::ostream& out);
void write_junit_report(const ValidationReport& report, std::ostream& out);
void write_sarif_report(const ValidationReport& report, std::ostream& out);

std::string_view status_name(ResourceStatus status);

} // namespace intentctl
