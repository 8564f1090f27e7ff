#include "publish/cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/interrupt.hpp"

namespace intentctl {

namespace fs = std::filesystem;

std::string cache_root(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return std::string(xdg) + "/intentctl";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/intentctl";
  throw usage_error("cannot find a cache folder: set XDG_CACHE_HOME or HOME, or give --cache DIR");
}

namespace {

// The last path segment of the URL without ".git", safe as a file name.
std::string readable_name(const std::string& url) {
  std::string_view text = url;
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  const std::size_t cut = text.find_last_of("/:");
  std::string_view last = cut == std::string_view::npos ? text : text.substr(cut + 1);
  if (last.ends_with(".git")) last.remove_suffix(4);
  std::string name;
  for (char c : last)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (name.empty() || name.front() == '.') name = "repo" + name;
  return name.substr(0, 60);
}

} // namespace

CachePaths cache_paths(const std::string& root, const RemoteUrl& remote) {
  git_oid digest;
  git::check(git_odb_hash(&digest, remote.url.data(), remote.url.size(), GIT_OBJECT_BLOB), "cannot hash the URL");
  const std::string base = fmt::format("{}/repos/{}-{}", root, readable_name(remote.url), git::short_hex(digest, 12));
  return CachePaths{base + ".git", base + ".lock"};
}

CacheLock::~CacheLock() {
  if (fd_ >= 0) ::close(fd_); // closing drops the flock
}

CacheLock CacheLock::acquire(const std::string& path, std::optional<std::chrono::steady_clock::time_point> deadline,
                             const std::atomic<bool>* cancelled, const std::function<void()>& on_wait) {
  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  if (error)
    throw external_error(fmt::format("cannot create the cache folder {}: {}", fs::path(path).parent_path().string(),
                                     error.message()));
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw external_error(fmt::format("cannot open the lock file {}: {}", path, std::strerror(errno)));
  CacheLock lock(fd);
  bool said = false;
  // flock locks belong to the open file, so threads of one process exclude
  // each other as well as other processes do.
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR)
      throw external_error(fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
    if (!said) {
      on_wait();
      said = true;
    }
    if ((cancelled && cancelled->load()) || interrupted()) throw Error(ExitClass::interrupted, "interrupted while waiting for " + path);
    if (deadline && std::chrono::steady_clock::now() > *deadline)
      throw Error(ExitClass::timeout, fmt::format("timed out waiting for the lock {} (another publish holds it)", path));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return lock;
}

namespace {

void ensure_origin(git_repository* repo, const RemoteUrl& remote, const std::string& where) {
  git_remote* raw = nullptr;
  const int found = git_remote_lookup(&raw, repo, "origin");
  git::Remote existing(raw);
  if (found == GIT_ENOTFOUND) {
    git_remote* created = nullptr;
    git::check(git_remote_create(&created, repo, "origin", remote.url.c_str()), "cannot configure the cache " + where);
    git_remote_free(created);
    return;
  }
  git::check(found, "cannot read the cache " + where);
  if (remote.url != git_remote_url(existing.get()))
    git::check(git_remote_set_url(repo, "origin", remote.url.c_str()), "cannot configure the cache " + where);
}

std::vector<fs::path> packs_in(const std::string& repository) {
  std::vector<fs::path> packs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(repository) / "objects" / "pack", error))
    if (entry.path().extension() == ".pack") packs.push_back(entry.path());
  return packs;
}

// One pack with everything the references reach, then the old packs go.
void merge_packs(git_repository* repo, const std::string& repository, const std::vector<fs::path>& old_packs) {
  git_packbuilder* raw_builder = nullptr;
  git::check(git_packbuilder_new(&raw_builder, repo), "cannot repack the cache " + repository);
  std::unique_ptr<git_packbuilder, git::Deleter<git_packbuilder, git_packbuilder_free>> builder(raw_builder);
  git_revwalk* raw_walk = nullptr;
  git::check(git_revwalk_new(&raw_walk, repo), "cannot repack the cache " + repository);
  git::Revwalk walk(raw_walk);
  git::check(git_revwalk_push_glob(walk.get(), "refs/*"), "cannot repack the cache " + repository);
  git::check(git_packbuilder_insert_walk(builder.get(), walk.get()), "cannot repack the cache " + repository);
  const std::string folder = (fs::path(repository) / "objects" / "pack").string();
  git::check(git_packbuilder_write(builder.get(), folder.c_str(), 0, nullptr, nullptr),
             "cannot repack the cache " + repository);
  const std::string kept = std::string("pack-") + git_packbuilder_name(builder.get()) + ".pack";
  for (const auto& pack : old_packs) {
    if (pack.filename() == kept) continue;
    std::error_code ignored;
    fs::remove(fs::path(pack).replace_extension(".idx"), ignored);
    fs::remove(pack, ignored);
  }
}

} // namespace

git::Repository open_cache(const CachePaths& paths, const RemoteUrl& remote) {
  git_repository* raw = nullptr;
  if (fs::exists(paths.repository)) {
    if (git_repository_open_bare(&raw, paths.repository.c_str()) < 0)
      throw external_error(fmt::format("the cache {} is not a usable Git repository ({}); remove it and publish again",
                                       paths.repository, git::last_error_message()));
  } else {
    git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
    git::check(git_repository_init_ext(&raw, paths.repository.c_str(), &init),
               "cannot create the cache " + paths.repository);
  }
  git::Repository repo(raw);
  if (const auto packs = packs_in(paths.repository); packs.size() > kMaxPacks) {
    merge_packs(repo.get(), paths.repository, packs);
    repo.reset();
    git::check(git_repository_open_bare(&raw, paths.repository.c_str()), "cannot open the cache " + paths.repository);
    repo.reset(raw);
  }
  ensure_origin(repo.get(), remote, paths.repository);
  return repo;
}

void ensure_local_bare_repository(const std::string& path, const std::string& branch) {
  if (fs::exists(path)) return;
  git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  const std::string head = "refs/heads/" + branch;
  init.initial_head = head.c_str();
  git_repository* raw = nullptr;
  git::check(git_repository_init_ext(&raw, path.c_str(), &init), "cannot create the repository " + path);
  git_repository_free(raw);
}

} // namespace intentctl
