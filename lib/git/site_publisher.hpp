// One site's publish (or dry run, or rollback): lock the cache, fetch the site
// branch, build the new root tree, commit when it differs, push, and on a
// rejected push start again from the new head. Runs on a worker thread; every
// failure ends up in the outcome, never as an exception. publish runs it for
// each site; verify's git check is its dry run, and --rollback-on-failure its
// rollback.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/progress.hpp"
#include "sites/sites.hpp"

namespace intentctl {

struct FileChange {
  std::string path;   // from the repository's root
  std::string status; // added | modified | deleted
};

struct SiteOutcome {
  std::string site;
  std::string repo; // as written in the sites file, secrets replaced by ***
  std::string branch;
  std::string commit; // full id of the branch head afterwards (dry run: now); "" when there is none
  std::vector<FileChange> changed;
  bool pushed = false;
  std::string status;   // "pushed, 9 files changed", "up to date", ...
  std::string reverted; // rollback: the commit reverted
  std::string diff;     // dry run: unified diff against the remote head
  std::vector<std::string> notes;
  ExitClass exit = ExitClass::ok;
  std::string error; // secrets redacted; "" when it worked
  std::string hint;  // the next step to try after the error; "" for none
};

// What is asked of the site's branch, as publish's flags say it.
struct SiteChange {
  bool dry_run = false;     // no commit, no push: the diff, and exit 1 when there is one
  bool rollback = false;    // revert the last intentctl commit instead of placing the folder
  bool overwrite = false;   // replace files of others where intentctl writes
  std::string message;      // the commit's subject; "" for intentctl's own
  std::string author_name;  // "" for Git's user.name, else "intentctl"
  std::string author_email; // "" for Git's user.email, else "intentctl@localhost"
  std::string ssh_key;      // "" for the site's sshKey, else ssh-agent
};

struct SiteRequest {
  const Site* site = nullptr;
  SiteChange change;
  std::string folder; // <dir>/<site>
  std::string branch;
  std::string cache_root;
  std::string base_dir;   // relative local remotes are taken from here
  std::string sites_file; // where the site's repo is written, for hints; "" for the embedded default
  // The embedded default's local bare repository is created (or repaired)
  // when it is missing; searched names the folder above which no .intentctl/
  // was found ("" when one was).
  bool create_remote = false;
  std::string searched;
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancelled = nullptr;
  TaskProgress progress; // the phases: reading files, writing objects, sending
};

SiteOutcome publish_site(const SiteRequest& request);

// verify's look at a site's branch: publish's dry run (the branch fetched
// into the cache and the site's path compared with the folder), then the
// published commit: the one commit names (a full or abbreviated id), else the
// last intentctl commit for the site (its trailers).
struct PublishedCommit {
  SiteOutcome dry_run;    // its error is set when the branch could not be had
  std::string published;  // full id; "" when there is none
  bool on_branch = false; // published is the branch's head or one of its ancestors
};
PublishedCommit find_published_commit(const SiteRequest& request, const std::string& commit);

// How many times publish builds and pushes its commit when the remote branch
// keeps moving under it (eight racing publishers and a git client finish
// within ten, measured by tests/bench/publish_race.sh).
inline constexpr int kPushAttempts = 10;

} // namespace intentctl
