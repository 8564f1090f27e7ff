#include "command.hpp"
#include "translate/translate.hpp"

namespace intentctl::cli {

void define_translate(CLI::App& app, Runner& run) {
  auto options = std::make_shared<TranslateOptions>();
  auto from = std::make_shared<std::string>("auto");
  auto layout = std::make_shared<std::string>("flat");
  app.add_option("input", options->inputs, "TMF921 intent files, or - for standard input (default: -)")
      ->type_name("FILE|-");
  app.add_option("-o,--format", options->format, "output format")
      ->check(CLI::IsMember({"json", "yaml"}))
      ->default_str("json")
      ->type_name("FORMAT");
  app.add_option("--from", *from, "input form (default: detected)")
      ->check(CLI::IsMember(input_form_names()))
      ->type_name("FORM");
  app.add_option("--mapping", options->mapping_file, "YAML file that overrides the objectType mapping table")
      ->type_name("FILE");
  app.add_option("--delta", options->delta_file, "write the input fields that have no 28.312 home to FILE (JSON)")
      ->type_name("FILE");
  // One name per --site, so that "--site edge1 intent.json" leaves the file an input.
  app.add_option("--site", options->sites, "deploy the intents to this site (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--output", options->output_file, "write to FILE instead of standard output")->type_name("FILE");
  app.add_option("--layout", *layout, "28.312 layout: flat (Rel-18) or attributes (MnS)")
      ->check(CLI::IsMember({"flat", "attributes"}))
      ->type_name("LAYOUT");
  run = [options, from, layout](Io& io) {
    options->from = *parse_input_form(*from);
    options->layout = *layout == "attributes" ? Layout::attributes : Layout::flat;
    return translate(*options, io);
  };
}

} // namespace intentctl::cli
