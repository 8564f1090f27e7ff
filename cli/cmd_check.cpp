#include "check/check.hpp"
#include "command.hpp"
#include "flags.hpp"
#include "output.hpp"

namespace intentctl::cli {

void define_check(CLI::App& app, Runner& run) {
  auto options = std::make_shared<CheckOptions>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  app.add_option("input", options->inputs,
                 "28.312 intents or expectations (JSON or YAML): files, folders, or - for standard input (default: -)")
      ->type_name("FILE|DIR|-");
  app.add_option("--sites", options->sites_file,
                 "sites file with each site's capacity (default: $INTENTCTL_SITES, else the single site edge1)")
      ->type_name("FILE");
  app.add_option("--site", options->sites, "check only this site (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--mapping", options->mapping_file, "YAML file that overrides the objectType mapping table")
      ->type_name("FILE");
  add_output_flag(app, *output, "FILE", "write the findings to FILE instead of standard output");
  add_format_flag(app, *format, {"text", "json", "intentreport"});
  app.add_option("--report", options->report_dir, "also write a 28.312 IntentReport per intent into DIR")
      ->type_name("DIR");
  run = [options, format, output](Io& io) {
    options->format = *parse_check_format(*format);
    return write_output(
        *output, io, [&](Io& to) { return check(*options, to); }, json_frame(*format, empty_check_document));
  };
}

} // namespace intentctl::cli
