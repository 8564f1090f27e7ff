#include "command.hpp"
#include "render/render.hpp"

namespace intentctl::cli {

void define_render(CLI::App& app, Runner& run) {
  auto options = std::make_shared<RenderOptions>();
  auto kustomize = std::make_shared<std::string>("auto");
  app.add_option("input", options->inputs,
                 "28.312 intents or expectations (JSON or YAML): files, folders, or - for standard input (default: -)")
      ->type_name("FILE|DIR|-");
  app.add_option("-o,--output", options->output_dir, "write one tree per site under DIR (DIR/<site>/...)")
      ->type_name("DIR");
  app.add_flag("--stdout", options->to_stdout, "write one multi-document YAML stream to standard output instead");
  app.add_option("--site", options->sites, "render only this site (repeatable)")->type_name("NAME")->allow_extra_args(false);
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
  app.add_option("--kustomize", *kustomize,
                 "write kustomization.yaml: auto (unless the tree is too large for kustomize), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("--fn", options->function, "run as a kpt KRM function (ResourceList on stdin and stdout)");
  app.add_option("-j,--jobs", options->jobs,
                 "threads that build a site of 512 expectations or more (default: one per core, at most 4)")
      ->check(CLI::Range(1u, 1024u))
      ->type_name("N");
  app.add_flag("--lax-seed", options->lax_seed,
               "take seed expectations without intentExpectationType or intentExpectationContext, with a warning");
  run = [options, kustomize](Io& io) {
    options->kustomize = *kustomize == "always" ? KustomizeMode::always
                         : *kustomize == "never" ? KustomizeMode::never
                                                 : KustomizeMode::automatic;
    if (options->output_dir == "-") {
      options->output_dir.clear();
      options->to_stdout = true;
    }
    return render(*options, io);
  };
}

} // namespace intentctl::cli
