// verify: prove that what render wrote landed (git), synced (cluster, through
// Config Sync's RootSync) and holds (SLO), and report it as 28.312
// IntentReports (docs/verify.md).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "io/sink.hpp"

namespace intentctl {

struct VerifyOptions {
  std::string dir = "dist";       // holds <dir>/<site>/... as render writes it
  std::vector<std::string> sites; // --site; empty with all=false: the sites that have a folder in dir
  bool all = false;               // --all
  std::string sites_file;         // --sites; else INTENTCTL_SITES; else the embedded default
  std::string commit;             // the published commit; default: the last intentctl commit
  std::string kubeconfig;         // overrides the sites file's and KUBECONFIG
  std::string context;            // overrides the sites file's and the current context
  std::string metrics_url;        // overrides the sites file's metrics.url
  std::string metrics_kind;       // prometheus | json; "" = the site's, else prometheus
  std::string slo;                // --slo expression; replaces the expectation targets
  bool wait = false;
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds interval{std::chrono::seconds(5)};
  bool rollback_on_failure = false;
  std::string report_dir;      // IntentReport JSON and report.md per site
  unsigned jobs = 0;           // sites at once; 0 = as many as sites, at most twice the cores (min 4)
  std::string format = "text"; // text | json | junit
  std::string cache_dir;       // publish's cache of clones
  std::string ssh_key;         // --ssh-key: private key for ssh remotes; "" = the site's, else ssh-agent
};

ExitClass verify(const VerifyOptions& options, Io& io);

} // namespace intentctl
