#include "command.hpp"
#include "core/duration.hpp"
#include "flags.hpp"
#include "io/output_document.hpp"
#include "net/module.hpp"
#include "output.hpp"

namespace intentctl::cli {

void define_publish(CLI::App& app, Runner& run) {
  auto options = std::make_shared<PublishOptions>();
  auto timeout = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto author = std::make_shared<std::string>();
  app.add_option("dir", options->dir, "the rendered folder, one sub-folder per site (default: dist)")->type_name("DIR");
  add_output_flag(app, *output, "FILE", "write the results to FILE instead of standard output");
  add_format_flag(app, options->format, {"text", "json"});
  app.add_option("--site", options->sites, "publish this site (repeatable; default: every site with a folder in DIR)")
      ->type_name("NAME")
      ->allow_extra_args(false); // --site a DIR: DIR is the folder, not a second site
  app.add_flag("--all", options->all, "publish every site of the sites file");
  app.add_option("--sites", options->sites_file, "sites file (default: $INTENTCTL_SITES, else the embedded edge1)")
      ->type_name("FILE");
  app.add_option("-m,--message", options->message, "commit subject (trailers Intent-Id, Tree-Digest are added)")
      ->type_name("MSG");
  app.add_option("--author", *author, "commit author name (default: git's user.name, else intentctl)")
      ->type_name("NAME");
  app.add_option("--email", options->author_email, "commit author email (default: git's user.email)")
      ->type_name("EMAIL");
  app.add_option("--branch", options->branch, "push to this branch instead of each site's")->type_name("B");
  app.add_flag("--dry-run", options->dry_run, "no commit, no push: print the diff; exit 1 if there is one");
  app.add_flag("--rollback", options->rollback, "revert the last commit intentctl made on each site, as a new commit");
  app.add_flag("--overwrite", options->overwrite,
               "replace files in the site's folder that intentctl did not write where it writes (default: refuse)");
  add_count(app, "-j,--jobs", options->jobs, 1, 256, "sites published at once (default: all, at most twice the cores)");
  app.add_option("--ssh-key", options->ssh_key, "private key for ssh remotes (default: the site's, else ssh-agent)")
      ->type_name("FILE");
  app.add_option("--timeout", *timeout, "give up after this long, like 30s or 5m (default: 5m; exit 4)")
      ->type_name("D");
  app.add_option("--cache", options->cache_dir, "where the cached clones live (default: $XDG_CACHE_HOME/intentctl)")
      ->type_name("DIR");
  app.get_option("--all")->excludes(app.get_option("--site"));
  run = [options, timeout, author, output](Io& io) {
    const auto publish = [&](Io& to) {
      options->author_name = *author;
      if (!timeout->empty()) options->timeout = require_duration(*timeout, "--timeout");
      if (options->timeout.count() <= 0) throw usage_error("--timeout must be longer than 0s");
      return net_module().publish(*options, to);
    };
    return write_output(*output, io, publish, json_frame(options->format, empty_publish_document));
  };
}

} // namespace intentctl::cli
