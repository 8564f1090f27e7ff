// The cached bare clones publish keeps, one per remote repository, under
// $XDG_CACHE_HOME/intentctl (or --cache DIR), and the lock file that makes two
// publishes of the same repository take turns.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "git/git.hpp"
#include "git/remote_url.hpp"

namespace intentctl {

// --cache DIR if given, else $XDG_CACHE_HOME/intentctl, else ~/.cache/intentctl.
std::string cache_root(const std::string& flag);

struct CachePaths {
  std::string repository; // <root>/repos/<name>-<hash>.git, a bare repository
  std::string lock;       // <root>/repos/<name>-<hash>.lock
  std::string damaged;    // <root>/repos/<name>-<hash>.damaged.git: the last clone found damaged
};

// One cache per remote URL (credentials left out), so sites that share a
// repository share its clone and its lock.
CachePaths cache_paths(const std::string& root, const RemoteUrl& remote);

// An exclusive flock on the cache's lock file, held until destroyed.
class CacheLock {
 public:
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;
  CacheLock(CacheLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ~CacheLock();

  // Waits for the lock until the deadline (a timeout error) or cancellation;
  // on_wait is called once when another process or thread holds it.
  static CacheLock acquire(const std::string& path, std::optional<std::chrono::steady_clock::time_point> deadline,
                           const std::atomic<bool>* cancelled, const std::function<void()>& on_wait);

 private:
  explicit CacheLock(int fd) : fd_(fd) {}
  int fd_;
};

// Opens the cached clone, creating it when missing, with a remote "origin"
// whose URL carries no credentials. Every publish adds a pack or two; once
// there are more than kMaxPacks, they are merged into one (only what the
// cache's references reach is kept), so lookups stay fast.
//
// The caller holds the cache's lock, so whatever temporary files the clone
// holds (pack_git2_*, tmp_*, *.lock) were left by a run that was killed: they
// are removed. A clone that fails a quick check (HEAD, the config and every
// reference readable; the commit each reference names, and its tree, present;
// a check of the references, not a git fsck) is damaged: it is moved aside to
// paths.damaged (replacing an older one) and made again, to be filled by the
// next fetch, and note() is told so once. A failure of the machine itself
// (no file descriptors left, a full disk) is an error instead: the clone is
// not to blame.
using CacheNote = std::function<void(const std::string&)>;
git::Repository open_cache(const CachePaths& paths, const RemoteUrl& remote, const CacheNote& note);

// Moves a damaged clone aside (a later step found an object missing from it);
// the next open_cache makes a new one. Returns the note that says so.
std::string set_cache_aside(const CachePaths& paths, const std::string& why);

inline constexpr std::size_t kMaxPacks = 32;

// The bare repository at path, created (HEAD on branch) when it does not exist:
// the embedded default site's remote. It is made in a folder beside it and
// renamed into place, so a killed run never leaves half a repository. One
// left half-made by an older intentctl is repaired: made again when it holds
// no object and no branch, completed in place (as 'git init' does) when it
// does; when that is not enough the error names the command that fixes it.
// note() is told about a repair.
enum class RepositoryMade { existed, created };
RepositoryMade ensure_local_bare_repository(const std::string& path, const std::string& branch, const CacheNote& note);

} // namespace intentctl
