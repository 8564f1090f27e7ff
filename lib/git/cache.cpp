#include "git/cache.hpp"

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
  return CachePaths{base + ".git", base + ".lock", base + ".damaged.git"};
}

CacheLock::~CacheLock() {
  if (fd_ >= 0) ::close(fd_); // closing drops the flock
}

CacheLock CacheLock::acquire(const std::string& path, std::optional<std::chrono::steady_clock::time_point> deadline,
                             const std::atomic<bool>* cancelled, const std::function<void()>& on_wait) {
  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  if (error)
    throw external_error(
        fmt::format("cannot create the cache folder {}: {}", fs::path(path).parent_path().string(), error.message()));
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
    if ((cancelled && cancelled->load()) || interrupted())
      throw Error(ExitClass::interrupted, "interrupted while waiting for " + path);
    if (deadline && std::chrono::steady_clock::now() > *deadline)
      throw Error(ExitClass::timeout,
                  fmt::format("timed out waiting for the lock {} (another publish holds it)", path));
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

namespace {

bool is_temporary(const std::string& name) {
  return name.starts_with("pack_git2_") || name.starts_with("tmp_") || name.ends_with(".lock");
}

// Under the cache's lock nothing else writes into the clone: every temporary
// file in it, and every half-made clone beside it, is a killed run's.
void remove_temporaries(const CachePaths& paths) {
  std::vector<fs::path> found;
  std::error_code error;
  for (auto entry = fs::recursive_directory_iterator(paths.repository, error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
    if (is_temporary(entry->path().filename().string())) found.push_back(entry->path());
  const fs::path repository(paths.repository);
  const std::string unfinished = repository.filename().string() + ".new-";
  for (const auto& entry : fs::directory_iterator(repository.parent_path(), error))
    if (entry.path().filename().string().starts_with(unfinished)) found.push_back(entry.path());
  for (const auto& path : found) fs::remove_all(path, error);
}

// A failure of the machine rather than of the clone: libgit2 could not open or
// read a file for a reason that has nothing to do with its content.
void throw_if_the_machines(const std::string& where) {
  const git_error* error = git_error_last();
  if (!error || !error->message || error->klass != GIT_ERROR_OS) return;
  const std::string message = error->message;
  for (const int cause : {EMFILE, ENFILE, ENOMEM, ENOSPC, EDQUOT, EIO})
    if (message.find(std::strerror(cause)) != std::string::npos)
      throw external_error(fmt::format("cannot read the cache {}: {}", where, git::last_error_message()));
}

// Why the clone cannot be trusted, or "" when it passes the quick check.
std::string damage(git_repository* repo, const std::string& where) {
  const auto found = [&](const std::string& what) {
    throw_if_the_machines(where);
    return fmt::format("{}: {}", what, git::last_error_message());
  };
  git_reference* raw_head = nullptr;
  if (git_reference_lookup(&raw_head, repo, "HEAD") < 0) return found("HEAD");
  git_reference_free(raw_head);
  git_config* raw_config = nullptr;
  if (git_repository_config_snapshot(&raw_config, repo) < 0) return found("config");
  git_config_free(raw_config);
  // Every reference by name, then each read: libgit2's reference listing
  // skips a loose reference file it cannot parse instead of reporting it, so
  // the loose ones are listed from the folder.
  git_strarray names{};
  if (git_reference_list(&names, repo) < 0) return found("references");
  std::vector<std::string> listed(names.strings, names.strings + names.count);
  git_strarray_dispose(&names);
  const fs::path root(git_repository_path(repo));
  std::error_code error;
  for (auto entry = fs::recursive_directory_iterator(root / "refs", error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
    if (entry->is_regular_file()) listed.push_back(entry->path().lexically_relative(root).generic_string());
  for (const std::string& name : listed) {
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, repo, name.c_str()) < 0) return found(name);
    git::Reference reference(raw);
    if (git_reference_type(reference.get()) != GIT_REFERENCE_DIRECT) continue;
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo, git_reference_target(reference.get())) < 0) return found(name);
    git::Commit commit(raw_commit);
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit.get()) < 0) return found(name + "'s tree");
    git_tree_free(raw_tree);
  }
  return {};
}

// A new, empty clone: made beside its place and renamed into it, so a killed
// run never leaves half a repository where the next run looks.
void create_clone(const CachePaths& paths, const RemoteUrl& remote) {
  std::string temporary = paths.repository + ".new-XXXXXX";
  if (!::mkdtemp(temporary.data()))
    throw file_error(errno, fmt::format("cannot create the cache {}: {}", paths.repository, std::strerror(errno)));
  try {
    git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    init.flags = GIT_REPOSITORY_INIT_BARE;
    git_repository* raw = nullptr;
    git::check(git_repository_init_ext(&raw, temporary.c_str(), &init), "cannot create the cache " + paths.repository);
    git::Repository repo(raw);
    ensure_origin(repo.get(), remote, paths.repository);
    repo.reset();
    if (::rename(temporary.c_str(), paths.repository.c_str()) != 0)
      throw file_error(errno, fmt::format("cannot create the cache {}: {}", paths.repository, std::strerror(errno)));
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temporary, ignored);
    throw;
  }
}

git::Repository open_bare(const std::string& path, std::string& damaged) {
  git_repository* raw = nullptr;
  if (git_repository_open_bare(&raw, path.c_str()) == 0) return git::Repository(raw);
  throw_if_the_machines(path);
  damaged = git::last_error_message();
  return {};
}

} // namespace

std::string set_cache_aside(const CachePaths& paths, const std::string& why) {
  std::error_code ignored;
  fs::remove_all(paths.damaged, ignored);
  if (::rename(paths.repository.c_str(), paths.damaged.c_str()) != 0)
    throw file_error(errno, fmt::format("the cache {} is damaged ({}) and cannot be moved aside: {}; remove it",
                                        paths.repository, why, std::strerror(errno)));
  return fmt::format("the cache {} was damaged ({}); moved it to {} and fetching the repository again",
                     paths.repository, why, paths.damaged);
}

git::Repository open_cache(const CachePaths& paths, const RemoteUrl& remote, const CacheNote& note) {
  std::error_code error;
  if (fs::exists(paths.repository, error)) {
    remove_temporaries(paths);
    std::string damaged;
    git::Repository repo = open_bare(paths.repository, damaged);
    if (repo) damaged = damage(repo.get(), paths.repository);
    if (damaged.empty()) {
      if (const auto packs = packs_in(paths.repository); packs.size() > kMaxPacks) {
        merge_packs(repo.get(), paths.repository, packs);
        repo.reset();
        git_repository* raw = nullptr;
        git::check(git_repository_open_bare(&raw, paths.repository.c_str()),
                   "cannot open the cache " + paths.repository);
        repo.reset(raw);
      }
      ensure_origin(repo.get(), remote, paths.repository);
      return repo;
    }
    repo.reset();
    note(set_cache_aside(paths, damaged));
  } else {
    remove_temporaries(paths);
  }
  create_clone(paths, remote);
  std::string damaged;
  git::Repository repo = open_bare(paths.repository, damaged);
  if (!repo) throw external_error(fmt::format("cannot open the new cache {}: {}", paths.repository, damaged));
  return repo;
}

namespace {

bool holds_nothing(const fs::path& repository) {
  std::error_code error;
  for (auto entry = fs::recursive_directory_iterator(repository / "objects", error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
    if (entry->is_regular_file()) return false;
  for (auto entry = fs::recursive_directory_iterator(repository / "refs", error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
    if (entry->is_regular_file()) return false;
  return !fs::exists(repository / "packed-refs", error);
}

void init_bare(const std::string& path, const std::string& branch) {
  git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  const std::string head = "refs/heads/" + branch;
  init.initial_head = head.c_str();
  git_repository* raw = nullptr;
  git::check(git_repository_init_ext(&raw, path.c_str(), &init), "cannot create the repository " + path);
  git_repository_free(raw);
}

// "" when path opens as a repository whose HEAD can be read; else why not.
std::string unusable(const std::string& path) {
  std::string why;
  git::Repository repo = open_bare(path, why);
  if (!repo) return why;
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, repo.get(), "HEAD") < 0) return "HEAD: " + git::last_error_message();
  git_reference_free(head);
  return {};
}

} // namespace

RepositoryMade ensure_local_bare_repository(const std::string& path, const std::string& branch, const CacheNote& note) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    const fs::path target(path);
    fs::create_directories(target.parent_path(), error);
    std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".new-XXXXXX")).string();
    if (!::mkdtemp(temporary.data()))
      throw file_error(errno, fmt::format("cannot create the repository {}: {}", path, std::strerror(errno)));
    try {
      init_bare(temporary, branch);
    } catch (...) {
      fs::remove_all(temporary, error);
      throw;
    }
    // Another publish may have made it meanwhile: then that one stays.
    if (::rename(temporary.c_str(), path.c_str()) == 0) return RepositoryMade::created;
    fs::remove_all(temporary, error);
    return RepositoryMade::existed;
  }
  const std::string why = unusable(path);
  if (why.empty()) return RepositoryMade::existed;
  if (holds_nothing(path)) {
    // Half-made by a run killed while it created it: nothing in it to keep.
    fs::remove_all(path, error);
    ensure_local_bare_repository(path, branch, note);
    note(fmt::format("{} was half-made ({}); made it again", path, why));
    return RepositoryMade::existed;
  }
  // It holds objects or branches: complete what is missing in place, as
  // 'git init' does in an existing repository; nothing is overwritten.
  init_bare(path, branch);
  const std::string still = unusable(path);
  if (still.empty()) {
    note(fmt::format("{} was incomplete ({}); completed it", path, why));
    return RepositoryMade::existed;
  }
  // git itself refuses a folder whose HEAD it cannot read as a repository,
  // so the fix for that is to write HEAD.
  const std::string fix = still.starts_with("HEAD")
                              ? fmt::format("printf 'ref: refs/heads/{}\\n' > {}/HEAD", branch, path)
                              : fmt::format("git --git-dir={} fsck", path);
  throw external_error(fmt::format("{} is not a usable repository ({}); it holds published commits, so it is left "
                                   "as it is; fix it with: {}",
                                   path, still, fix));
}

} // namespace intentctl
