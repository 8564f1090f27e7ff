#include "command.hpp"
#include "flags.hpp"
#include "translate/translate.hpp"

namespace intentctl::cli {

void define_translate(CLI::App& app, Runner& run) {
  auto options = std::make_shared<TranslateOptions>();
  auto from = std::make_shared<std::string>("auto");
  auto layout = std::make_shared<std::string>("flat");
  app.add_option("input", options->inputs, "TMF921 intent files, or - for standard input (default: -)")
      ->type_name("FILE|-");
  add_output_flag(app, options->output_file, "FILE", "write to FILE instead of standard output");
  add_format_flag(app, options->format, {"json", "yaml"});
  add_choice(app, "--from", *from, input_form_names(), "input form (default: auto, detected from each input)");
  app.add_option("--mapping", options->mapping_file, "YAML file that overrides the objectType mapping table")
      ->type_name("FILE");
  app.add_option("--delta", options->delta_file, "write the input fields that have no 28.312 home to FILE (JSON)")
      ->type_name("FILE");
  // One name per --site, so that "--site edge1 intent.json" leaves the file an input.
  app.add_option("--site", options->sites, "deploy the intents to this site (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  add_choice(app, "--layout", *layout, {"flat", "attributes"},
             "28.312 layout: flat (Rel-18; the default) or attributes (MnS)");
  run = [options, from, layout](Io& io) {
    options->from = *parse_input_form(*from);
    options->layout = *layout == "attributes" ? Layout::attributes : Layout::flat;
    return translate(*options, io);
  };
}

} // namespace intentctl::cli
