// One site's publish (or dry run, or rollback): lock the cache, fetch the site
// branch, build the new root tree, commit when it differs, push, and on a
// rejected push start again from the new head. Runs on a worker thread; every
// failure ends up in the outcome, never as an exception.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "publish/publish.hpp"
#include "sites/sites.hpp"

namespace intentctl {

struct FileChange {
  std::string path;   // from the repository's root
  std::string status; // added | modified | deleted
};

struct SiteOutcome {
  std::string site;
  std::string repo;   // as written in the sites file, secrets replaced by ***
  std::string branch;
  std::string commit; // full id of the branch head afterwards (dry run: now); "" when there is none
  std::vector<FileChange> changed;
  bool pushed = false;
  std::string status;   // "pushed, 9 files changed", "up to date", ...
  std::string reverted; // rollback: the commit reverted
  std::string diff;     // dry run: unified diff against the remote head
  std::vector<std::string> notes;
  ExitClass exit = ExitClass::ok;
  std::string error;    // secrets redacted; "" when it worked
};

struct SiteRequest {
  const Site* site = nullptr;
  const PublishOptions* options = nullptr;
  std::string folder;     // <dir>/<site>
  std::string branch;
  std::string cache_root;
  std::string base_dir;   // relative local remotes are taken from here
  bool create_remote = false; // the embedded default's local bare repository
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancelled = nullptr;
};

SiteOutcome publish_site(const SiteRequest& request);

// How many times publish builds and pushes its commit when the remote branch
// keeps moving under it (eight racing publishers and a git client finish
// within ten, measured by tests/bench/publish_race.sh).
inline constexpr int kPushAttempts = 10;

} // namespace intentctl
