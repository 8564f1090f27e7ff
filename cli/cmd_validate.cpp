#include "command.hpp"
#include "flags.hpp"
#include "output.hpp"
#include "validate/validate.hpp"

namespace intentctl::cli {

void define_validate(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ValidateOptions>();
  auto kind = std::make_shared<std::string>("auto");
  auto format = std::make_shared<std::string>("text");
  auto skip = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>();
  app.add_option("input", options->inputs,
                 "intents or KRM objects (JSON or YAML): files, folders (their .yaml, .yml and .json files), "
                 "or - for standard input (default: -)")
      ->type_name("FILE|DIR|-");
  add_output_flag(app, *output, "FILE", "write the report to FILE instead of standard output");
  CLI::Option* format_flag = add_format_flag(app, *format, {"text", "json", "junit", "sarif"});
  add_choice(app, "--kind", *kind, {"auto", "tmf921", "28312", "krm"},
             "what the documents are: auto (the default: each document says), tmf921, 28312 or krm");
  app.add_option("--crds", options->crd_folders, "also take the CRDs in this folder's files (repeatable)")
      ->type_name("DIR");
  app.add_option("--schema-location", options->schema_locations,
                 "a kubeconform-style folder of JSON Schemas, or a path template ending in json (repeatable)")
      ->type_name("DIR");
  add_count(app, "-j,--jobs", options->jobs, 1, 1024, "parallel workers (default: one per core)");
  app.add_flag("--strict", options->strict,
               "duplicate YAML keys are errors, and the -strict variants of schema folders come first");
  app.add_flag("--summary", options->summary, "add a table of counts per kind (and the summary line even with -q)");
  app.add_option("--skip", *skip, "kinds not to check: Kind or apiVersion/Kind, comma-separated")
      ->delimiter(',')
      ->type_name("KIND,...");
  app.add_option("--mapping", options->mapping_file,
                 "YAML file that overrides the objectType mapping table, as given to render")
      ->type_name("FILE");
  app.add_flag(
      "--lax-seed", options->lax_seed,
      "take seed expectations without intentExpectationType or intentExpectationContext, as render --lax-seed");
  // A function's output is the ResourceList kpt reads, in no other format:
  // --format json would print YAML when it passes and a ValidateReport when it fails.
  app.add_flag("--fn", options->function, "run as a kpt validator function (ResourceList on stdin and stdout)")
      ->excludes(format_flag);
  run = [options, kind, format, skip, output](Io& io) {
    options->kind = *parse_validate_kind(*kind);
    options->format = *parse_validate_format(*format);
    options->skip = *skip;
    return write_output(
        *output, io, [&](Io& to) { return validate(*options, to); }, json_frame(*format, empty_validate_document));
  };
}

} // namespace intentctl::cli
