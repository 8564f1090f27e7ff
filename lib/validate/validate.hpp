// validate: intents against the project's JSON Schemas and KRM objects
// against the schemas of their kinds (docs/validate.md), with findings
// that carry file, line, column and JSON path; text, JSON, JUnit or SARIF out;
// or, with --fn, a kpt validator function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/sink.hpp"

namespace intentctl {

enum class ValidateKind { automatic, tmf921, gpp28312, krm };
enum class ValidateFormat { text, json, junit, sarif };

struct ValidateOptions {
  std::vector<std::string> inputs; // files, folders, "-"; none means standard input
  ValidateKind kind = ValidateKind::automatic;
  std::vector<std::string> crd_folders;      // --crds DIR (repeatable)
  std::vector<std::string> schema_locations; // --schema-location DIR or template (repeatable)
  ValidateFormat format = ValidateFormat::text;
  unsigned jobs = 0;             // 0: one worker per core
  bool strict = false;           // duplicate YAML keys are errors; -strict schema variants first
  bool summary = false;          // add a table of counts per kind
  std::vector<std::string> skip; // kinds (Kind, or apiVersion/Kind) not checked
  bool function = false;         // --fn: kpt validator function on stdin/stdout
  std::string mapping_file;      // --mapping FILE: the objectType table render is given
  bool lax_seed = false;         // --lax-seed: as render's
};

// Exit class: ok when everything is valid; failed when anything is invalid,
// cannot be checked or nothing was found; usage when an input cannot be read
// or parsed (or the options are wrong).
ExitClass validate(const ValidateOptions& options, Io& io);

// The ValidateReport of --format json for no input: what an error prints.
Node empty_validate_document();

// validate --fn: a config.kubernetes.io/v1 ResourceList on io.in; the same
// items on io.out with a result per finding; failed when there are errors.
ExitClass validate_function(const ValidateOptions& options, Io& io);

std::optional<ValidateKind> parse_validate_kind(std::string_view name);
std::optional<ValidateFormat> parse_validate_format(std::string_view name);

} // namespace intentctl
