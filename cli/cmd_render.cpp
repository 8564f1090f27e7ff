#include "command.hpp"
#include "flags.hpp"
#include "render/render.hpp"

namespace intentctl::cli {

void define_render(CLI::App& app, Runner& run) {
  auto options = std::make_shared<RenderOptions>();
  auto kustomize = std::make_shared<std::string>("auto");
  auto legacy_stdout = std::make_shared<bool>(false);
  app.add_option("input", options->inputs,
                 "28.312 intents or expectations (JSON or YAML): files, folders, or - for standard input (default: -)")
      ->type_name("FILE|DIR|-");
  add_output_flag(app, options->output_dir, "DIR",
                  "write one tree per site under DIR (DIR/<site>/...); - writes one YAML stream to standard output",
                  "render writes YAML: -o - streams it to standard output");
  app.add_flag("--stdout", *legacy_stdout)->group(""); // the old spelling of -o -
  app.add_option("--site", options->sites, "render only this site (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--sites", options->sites_file, "sites file (default: $INTENTCTL_SITES, else the single site edge1)")
      ->type_name("FILE");
  app.add_option("--namespace", options->namespace_,
                 "namespace of the ConfigMaps and bundles (default: the site's, intent-to-krm)")
      ->type_name("NS");
  app.add_option("--mapping", options->mapping_file, "YAML file that overrides the objectType mapping table")
      ->type_name("FILE");
  app.add_flag("--rootsync", options->rootsync, "add the site's Config Sync RootSync under bootstrap/");
  app.add_flag("--overwrite", options->overwrite,
               "replace files in DIR/<site> that render did not write where it writes (default: refuse, exit 2)");
  add_choice(app, "--kustomize", *kustomize, {"auto", "always", "never"},
             "write kustomization.yaml: auto (the default: unless the tree is too large for kustomize), always, never");
  app.add_flag("--allow-conflicts", options->allow_conflicts,
               "render intents that conflict or that their site cannot deliver (warnings instead of errors)");
  app.add_flag("--fn", options->function, "run as a kpt KRM function (ResourceList on stdin and stdout)");
  add_count(app, "-j,--jobs", options->jobs, 1, 1024,
            "threads that build a site of 512 expectations or more (default: one per core, at most 4)");
  app.add_flag("--lax-seed", options->lax_seed,
               "take seed expectations without intentExpectationType or intentExpectationContext, with a warning");
  run = [options, kustomize, legacy_stdout](Io& io) {
    options->kustomize = *kustomize == "always"  ? KustomizeMode::always
                         : *kustomize == "never" ? KustomizeMode::never
                                                 : KustomizeMode::automatic;
    if (*legacy_stdout) {
      io.diagnostics.report({Severity::warning, "--stdout is deprecated; write -o - instead", {}});
      if (!options->output_dir.empty() && options->output_dir != "-")
        throw usage_error("give either -o DIR or -o - (--stdout), not both");
      options->output_dir = "-";
    }
    if (options->output_dir == "-") {
      options->output_dir.clear();
      options->to_stdout = true;
    }
    return render(*options, io);
  };
}

} // namespace intentctl::cli
