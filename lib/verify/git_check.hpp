// The git check of one site, on publish's own machinery (git/site_publisher.hpp):
// a dry-run publish fetches the site branch into publish's cached clone and
// compares the site path's tree with the rendered folder; the published commit
// is the one named by --commit, else the last intentctl commit for the site
// (its trailers).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "sites/sites.hpp"
#include "verify/check.hpp"

namespace intentctl {

struct GitCheckRequest {
  const Site* site = nullptr;
  std::string folder;     // <DIR>/<site>
  std::string commit;     // --commit; "" = the last intentctl commit
  std::string cache_root; // publish's cache
  std::string ssh_key;    // --ssh-key; "" = the site's sshKey, else ssh-agent
  std::string base_dir;   // relative local remotes are taken from here
  std::string sites_file; // where the site's repo is written, for hints
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct GitCheckOutcome {
  CheckResult result;
  std::string head;      // the branch head (full id); "" when unknown
  std::string published; // the published commit (full id); "" when unknown
};

GitCheckOutcome check_git(const GitCheckRequest& request);

struct RollbackOutcome {
  bool done = false;
  std::string summary; // "reverted 3f2a9c1; main is now 8c1d2e3", or why not
  ExitClass exit = ExitClass::ok;
};

// publish --rollback for one site.
RollbackOutcome roll_back(const GitCheckRequest& request);

} // namespace intentctl
