// Pushing to a repository on this machine: a plain path or a file:// URL, such
// as the embedded default's .intentctl/remotes/edge1-config.git.
//
// libgit2 1.5's local transport writes the pack and then moves the branch with
// a forced git_reference_create, from whatever it holds by then: a commit
// pushed meanwhile by someone else (a git push, another intentctl with its own
// cache) was dropped from the branch, and both sides said "pushed". So
// intentctl does not push locally through libgit2. It writes the new objects
// into the remote's object store itself, then moves the branch with
// git_reference_create_matching: under the branch's lock file (the same
// refs/heads/<branch>.lock git takes, so git and other intentctls wait their
// turn) and only when the branch still holds the commit publish built on.
#pragma once

#include <optional>
#include <string>

#include <git2.h>

#include "git/credentials.hpp"

namespace intentctl {

enum class LocalPushResult { pushed, remote_moved };

struct LocalPush {
  git_repository* cache = nullptr; // holds commit and everything it reaches
  std::string remote;              // the remote repository's folder
  std::string ref;                 // refs/heads/<branch>
  git_oid commit{};
  std::optional<git_oid> expected; // the branch as the fetch saw it; nullopt: it did not exist
};

// remote_moved when the branch no longer holds push.expected.
LocalPushResult push_to_local_repository(const LocalPush& push, TransferContext& context);

// What killed runs left in a local remote's object store: intentctl's
// incoming folders whose run is gone (each run holds a lock on its own, so a
// live run's folder is never touched), and temporary pack files of libgit2
// and git older than an hour (a live writer keeps its file fresh).
void remove_stale_remote_temporaries(const std::string& remote_folder);

} // namespace intentctl
