// publish: commit each site's rendered tree to the site's Git repository and
// push it, with libgit2 only (no git subprocess, no work tree).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "io/sink.hpp"

namespace intentctl {

struct PublishOptions {
  std::string dir = "dist";       // holds <dir>/<site>/... as render writes it
  std::vector<std::string> sites; // --site; empty with all=false: the sites that have a folder in dir
  bool all = false;               // --all: every site of the sites file (each must have a folder)
  std::string sites_file;         // --sites; else INTENTCTL_SITES; else the embedded default
  std::string message;            // the commit's subject; trailers are always added
  std::string author_name;        // default: Git's user.name, else "intentctl"
  std::string author_email;       // default: Git's user.email, else "intentctl@localhost"
  std::string branch;             // overrides every site's branch
  bool dry_run = false;           // no commit, no push: print the diff, exit 1 when there is one
  bool rollback = false;          // revert the last commit intentctl made on each site
  bool overwrite = false;         // replace files intentctl did not write that are where it writes
  unsigned jobs = 0;              // sites at once; 0 = as many as sites, at most twice the cores
  std::string ssh_key;            // private key for ssh remotes (else the site's, else ssh-agent)
  // For the whole command, as verify's; a server that stops answering is
  // given up on sooner (kStallLimit, transfer_watch.hpp).
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::string cache_dir;       // default $XDG_CACHE_HOME/intentctl (~/.cache/intentctl)
  std::string format = "text"; // text | json
};

ExitClass publish(const PublishOptions& options, Io& io);

} // namespace intentctl
