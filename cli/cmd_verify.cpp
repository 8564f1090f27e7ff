#include "command.hpp"
#include "core/duration.hpp"
#include "flags.hpp"
#include "io/output_document.hpp"
#include "net/module.hpp"
#include "output.hpp"

namespace intentctl::cli {

void define_verify(CLI::App& app, Runner& run) {
  auto options = std::make_shared<VerifyOptions>();
  auto timeout = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto interval = std::make_shared<std::string>();
  app.add_option("dir", options->dir, "the rendered folder, one sub-folder per site (default: dist)")->type_name("DIR");
  add_output_flag(app, *output, "FILE", "write the report to FILE instead of standard output");
  add_format_flag(app, options->format, {"text", "json", "junit"});
  app.add_option("--site", options->sites, "verify this site (repeatable; default: every site with a folder in DIR)")
      ->type_name("NAME")
      ->allow_extra_args(false); // --site a DIR: DIR is the folder, not a second site
  app.add_flag("--all", options->all, "verify every site of the sites file");
  app.add_option("--sites", options->sites_file, "sites file (default: $INTENTCTL_SITES, else the embedded edge1)")
      ->type_name("FILE");
  app.add_option("--commit", options->commit, "the published commit (default: the last intentctl commit of the site)")
      ->type_name("SHA");
  app.add_option("--kubeconfig", options->kubeconfig,
                 "kubeconfig for the cluster check (default: the site's, else $KUBECONFIG; none: skipped)")
      ->type_name("FILE");
  app.add_option("--context", options->context, "kubeconfig context (default: the site's, else the current one)")
      ->type_name("NAME");
  app.add_option("--metrics", options->metrics_url,
                 "Prometheus or JSON endpoint for the SLO check (default: the site's)")
      ->type_name("URL");
  add_choice(app, "--metrics-kind", options->metrics_kind, {"prometheus", "json"},
             "what --metrics is (default: the site's, else prometheus)");
  app.add_option("--slo", options->slo,
                 "conditions to check instead of the targets: NAME OP VALUE (OP: <, <=, >, >=, =), NAME in [LOW, "
                 "HIGH], NAME not in [LOW, HIGH] or NAME in {A, B}, comma-separated, a unit on any number, like "
                 "'latency_p95_ms<=15, jitter in [0, 0.5ms], success_ratio>=99.5%'")
      ->type_name("EXPR");
  app.add_flag("--wait", options->wait, "poll until every check passes or --timeout runs out (exit 4)");
  app.add_option("--timeout", *timeout, "give up after this long, like 30s or 5m (default: 5m; exit 4)")
      ->type_name("D");
  app.add_option("--interval", *interval, "time between polls with --wait (default: 5s)")->type_name("D");
  app.add_flag("--rollback-on-failure", options->rollback_on_failure,
               "when a site's cluster or SLO check fails, revert its last intentctl commit (publish --rollback)");
  app.add_option("--report", options->report_dir, "write 28.312 IntentReports and report.md per site into DIR")
      ->type_name("DIR");
  add_count(app, "-j,--jobs", options->jobs, 1, 256, "sites verified at once (default: all, at most twice the cores)");
  app.add_option("--ssh-key", options->ssh_key, "private key for ssh remotes (default: the site's, else ssh-agent)")
      ->type_name("FILE");
  app.add_option("--cache", options->cache_dir, "publish's cached clones (default: $XDG_CACHE_HOME/intentctl)")
      ->type_name("DIR");
  app.get_option("--all")->excludes(app.get_option("--site"));
  run = [options, timeout, interval, output](Io& io) {
    const auto verify = [&](Io& to) {
      if (!timeout->empty()) options->timeout = require_duration(*timeout, "--timeout");
      if (!interval->empty()) options->interval = require_duration(*interval, "--interval");
      if (options->interval.count() <= 0) throw usage_error("--interval must be longer than 0s");
      if (options->timeout.count() <= 0) throw usage_error("--timeout must be longer than 0s");
      return net_module().verify(*options, to);
    };
    return write_output(*output, io, verify, json_frame(options->format, empty_verify_document));
  };
}

} // namespace intentctl::cli
