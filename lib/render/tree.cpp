#include "render/tree.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "io/files.hpp"
#include "util/sha1.hpp"
#include "util/words.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

// A symbolic link or a file where the site's folder goes is never replaced:
// the link could lead out of the output folder, the file is not ours.
void check_target(const std::string& target) {
  struct stat info {};
  if (::lstat(target.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    fail_file(target, "inspect");
  }
  if (S_ISLNK(info.st_mode)) {
    std::error_code error;
    const fs::path to = fs::read_symlink(target, error);
    throw Error(ExitClass::usage, fmt::format("{}: is a symbolic link{}; refusing to write a site tree through it",
                                              target, error ? "" : " to " + to.string()));
  }
  if (!S_ISDIR(info.st_mode))
    throw Error(ExitClass::usage, fmt::format("{}: exists and is not a folder; refusing to replace it", target));
}

// Writes a new file name in folder; path names it in messages.
void write_whole(int folder, const std::string& name, const std::string& path, std::string_view content) {
  const int fd = ::openat(folder, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail_file(path, "write");
  write_all_and_close(fd, path, content);
}

// Swaps two folders atomically; false when the file system cannot.
bool exchange(const std::string& a, const std::string& b) {
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

// The whole content of name in folder, never through a link; nullopt when it
// is no regular file or cannot be read.
std::optional<std::string> read_file_at(int folder, const std::string& name) {
  const int fd = ::openat(folder, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  std::optional<std::string> content;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    content.emplace();
    char chunk[65536];
    for (ssize_t n; (n = ::read(fd, chunk, sizeof chunk)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        content.reset();
        break;
      }
      content->append(chunk, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return content;
}

// The names in an open folder, sorted (for stable messages).
std::vector<std::string> entries_of(int folder, const std::string& where) {
  const int copy = ::dup(folder);
  DIR* dir = copy < 0 ? nullptr : ::fdopendir(copy);
  if (!dir) {
    if (copy >= 0) ::close(copy);
    fail_file(where, "list");
  }
  ::rewinddir(dir);
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

int open_folder_at(int parent, const std::string& name) {
  return ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

std::string files(std::size_t count) { return count_of(count, "file"); }

// The manifest of the previous tree, if it has one.
std::optional<Manifest> previous_manifest(const std::string& target) {
  const std::string path = target + "/" + std::string(kManifestFile);
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail_file(path, "inspect");
  }
  if (!S_ISREG(info.st_mode))
    throw Error(ExitClass::usage,
                fmt::format("{}: is not a file; render keeps its manifest there (move it away)", path));
  const int folder = ::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  std::optional<std::string> text = folder < 0 ? std::nullopt : read_file_at(folder, std::string(kManifestFile));
  if (folder >= 0) ::close(folder);
  if (!text) fail_file(path, "read");
  return read_manifest(Source{path, std::move(*text)});
}

} // namespace

FolderTree::FolderTree(const std::string& out_dir, const std::string& site, bool overwrite)
    : site_(site), overwrite_(overwrite) {
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error || !fs::is_directory(out_dir))
    throw file_error(error.value(), fmt::format("{}: cannot create the output folder: {}", out_dir,
                                                error ? error.message() : "not a folder"));
  target_ = (fs::path(out_dir) / site).string();
  check_target(target_);
  has_previous_ = fs::is_directory(fs::symlink_status(target_, error));
  if (has_previous_)
    if (auto manifest = previous_manifest(target_)) {
      previous_site_ = manifest->site;
      // Another site's files are not this site's to replace.
      if (previous_site_ == site) previous_ = std::move(*manifest);
    }
  manifest_.site = site;
  std::string pattern = (fs::path(out_dir) / ("." + site + ".new-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) fail_file(out_dir, "create a folder in");
  staging_ = pattern;
  ::chmod(staging_.c_str(), 0755);
}

FolderTree::~FolderTree() {
  close_folders();
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

int FolderTree::folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash);
  if (auto found = folders_.find(folder); found != folders_.end()) return found->second;
  const int parent = folder.empty() ? AT_FDCWD : folder_of(folder);
  const std::string name = folder.empty() ? staging_ : folder.substr(folder.rfind('/') + 1);
  if (!folder.empty() && ::mkdirat(parent, name.c_str(), 0755) != 0 && errno != EEXIST)
    fail_file(target_ + "/" + folder, "create");
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail_file(folder.empty() ? staging_ : target_ + "/" + folder, "open");
  folders_.emplace(folder, fd);
  return fd;
}

int FolderTree::previous_folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash);
  if (auto found = previous_folders_.find(folder); found != previous_folders_.end()) return found->second;
  const int parent = folder.empty() ? AT_FDCWD : previous_folder_of(folder);
  const std::string name = folder.empty() ? target_ : folder.substr(folder.rfind('/') + 1);
  // O_NOFOLLOW: a symbolic link inside the previous tree is never followed.
  const int fd = parent == -1 ? -1 : ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  previous_folders_.emplace(folder, fd);
  return fd;
}

bool FolderTree::reuse(const std::string& path, int folder, const std::string& name, std::string_view content) {
  const int previous = previous_folder_of(path);
  if (previous < 0) return false;
  const int fd = ::openat(previous, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool same =
      ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) == content.size();
  if (same) {
    compare_buffer_.resize(content.size() + 1);
    std::size_t got = 0;
    for (ssize_t n; got < compare_buffer_.size(); got += static_cast<std::size_t>(n)) {
      n = ::read(fd, compare_buffer_.data() + got, compare_buffer_.size() - got);
      if (n < 0 && errno == EINTR) n = 0;
      else if (n <= 0) break;
    }
    same = got == content.size() && std::memcmp(compare_buffer_.data(), content.data(), got) == 0;
  }
  ::close(fd);
  return same && ::linkat(previous, name.c_str(), folder, name.c_str(), 0) == 0;
}

void FolderTree::add(const std::string& path, std::string_view content) {
  throw_if_interrupted(); // Ctrl-C: the destructor removes the unfinished tree
  if (!is_contained_path(path) || path == kManifestFile)
    throw Error(ExitClass::failed, fmt::format("internal error: refusing to write \"{}\" outside {}", path, target_));
  manifest_.files[path] = git_blob_id(content);
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
    written_folders_.insert(path.substr(0, slash));
  write(path, content);
}

void FolderTree::write(const std::string& path, std::string_view content) {
  const int folder = folder_of(path);
  const std::string name = path.substr(path.rfind('/') + 1);
  if (has_previous_ && reuse(path, folder, name, content)) {
    reused_.insert(path);
    return;
  }
  // Messages name the file where the tree will be, not the temporary folder
  // that is removed on failure.
  write_whole(folder, name, target_ + "/" + path, content);
}

void FolderTree::prepare() {
  if (prepared_) return;
  prepared_ = true;
  write(std::string(kManifestFile), manifest_text(manifest_));
  if (has_previous_) {
    const int root = previous_folder_of("x");
    if (root < 0) fail_file(target_, "open");
    carry_folder(root, "");
  }
  if (!in_the_way_.empty()) {
    const bool other_site = !previous_site_.empty() && previous_site_ != site_;
    throw input_error(fmt::format("{} that render did not write {} where it writes: {}{}; move {} away, or give "
                                  "--overwrite to replace {}",
                                  files(in_the_way_.size()), in_the_way_.size() == 1 ? "is" : "are",
                                  some_of(in_the_way_),
                                  other_site ? fmt::format(" (the folder's manifest is site {}'s)", previous_site_)
                                             : "",
                                  in_the_way_.size() == 1 ? "it" : "them", in_the_way_.size() == 1 ? "it" : "them"),
                      Location{target_, 0, 0, {}});
  }
  if (!kept_.empty())
    notes_.push_back(
        fmt::format("{}: kept {} that render did not write: {}", target_, files(kept_.size()), some_of(kept_)));
  if (!adopted_.empty())
    notes_.push_back(fmt::format("{}: took over {} that held exactly what render writes: {}", target_,
                                 files(adopted_.size()), some_of(adopted_)));
  if (!taken_over_.empty())
    notes_.push_back(fmt::format("{}: --overwrite replaced {} that render did not write: {}", target_,
                                 files(taken_over_.size()), some_of(taken_over_)));
  if (!edited_.empty())
    notes_.push_back(fmt::format("{}: {} that render wrote had been changed since, and {} render's now: {}", target_,
                                 files(edited_.size()), edited_.size() == 1 ? "is" : "are", some_of(edited_)));
}

void FolderTree::carry_folder(int folder, const std::string& rel) {
  const std::vector<std::string> names = entries_of(folder, target_ + "/" + rel);
  for (const std::string& name : names) {
    throw_if_interrupted();
    const std::string path = rel.empty() ? name : rel + "/" + name;
    if (path == kManifestFile) {
      // Render's own, or another site's (then it is in the way of this one's).
      if (!previous_site_.empty() && previous_site_ != site_) (overwrite_ ? taken_over_ : in_the_way_).push_back(path);
      continue;
    }
    carry_entry(folder, name, path);
  }
  // An empty folder someone made stays too.
  if (names.empty() && !rel.empty() && !written_folders_.contains(rel) && !manifest_.owns(rel)) folder_of(rel + "/x");
}

void FolderTree::carry_entry(int folder, const std::string& name, const std::string& path) {
  struct stat info {};
  if (::fstatat(folder, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) fail_file(target_ + "/" + path, "inspect");
  if (S_ISDIR(info.st_mode)) {
    if (manifest_.owns(path)) { // a folder where render writes a file
      (overwrite_ ? taken_over_ : in_the_way_).push_back(path + "/");
      return;
    }
    const int inner = open_folder_at(folder, name);
    if (inner < 0) fail_file(target_ + "/" + path, "open");
    try {
      carry_folder(inner, path);
    } catch (...) {
      ::close(inner);
      throw;
    }
    ::close(inner);
    return;
  }
  if (previous_.owns(path)) {
    // Render's: replaced or gone. Say so when someone changed it since.
    const auto written = manifest_.files.find(path);
    if (reused_.contains(path)) return;
    const auto content = read_file_at(folder, name);
    const std::string now = content ? git_blob_id(*content) : std::string();
    if (now != previous_.files.at(path) && (written == manifest_.files.end() || now != written->second))
      edited_.push_back(path);
    return;
  }
  if (const auto written = manifest_.files.find(path); written != manifest_.files.end()) {
    const auto content = read_file_at(folder, name);
    if (content && git_blob_id(*content) == written->second) adopted_.push_back(path);
    else (overwrite_ ? taken_over_ : in_the_way_).push_back(path);
    return;
  }
  if (written_folders_.contains(path)) { // a file where render needs a folder
    (overwrite_ ? taken_over_ : in_the_way_).push_back(path);
    return;
  }
  keep(folder, name, path);
}

// The same file in the new tree: a second name for it, so nothing is copied
// and the swap stays atomic. A file that cannot be linked (too many links) is
// copied; a link is made again.
void FolderTree::keep(int folder, const std::string& name, const std::string& path) {
  kept_.push_back(path);
  const int into = folder_of(path);
  if (::linkat(folder, name.c_str(), into, name.c_str(), 0) == 0) return;
  const int link_errno = errno;
  struct stat info {};
  ::fstatat(folder, name.c_str(), &info, AT_SYMLINK_NOFOLLOW);
  if (S_ISREG(info.st_mode)) {
    if (const auto content = read_file_at(folder, name)) {
      write_whole(into, name, target_ + "/" + path, *content);
      if (::fchmodat(into, name.c_str(), info.st_mode & 07777, 0) != 0)
        fail_file(target_ + "/" + path, "keep the mode of");
      return;
    }
  } else if (S_ISLNK(info.st_mode)) {
    std::string to(static_cast<std::size_t>(info.st_size) + 1, '\0');
    const ssize_t length = ::readlinkat(folder, name.c_str(), to.data(), to.size());
    if (length >= 0 && ::symlinkat(to.substr(0, static_cast<std::size_t>(length)).c_str(), into, name.c_str()) == 0)
      return;
  }
  errno = link_errno;
  fail_file(target_ + "/" + path, "keep (it is not render's)");
}

bool FolderTree::rescue(int old_folder, int new_folder, const std::string& rel) {
  bool whole = true;
  for (const std::string& name : entries_of(old_folder, rel)) {
    const std::string path = rel.empty() ? name : rel + "/" + name;
    if (path == kManifestFile || previous_.owns(path)) continue;
    struct stat in_new {
    }, in_old{};
    if (::fstatat(new_folder, name.c_str(), &in_new, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT || ::renameat(old_folder, name.c_str(), new_folder, name.c_str()) != 0) whole = false;
      continue;
    }
    if (::fstatat(old_folder, name.c_str(), &in_old, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(in_old.st_mode) && S_ISDIR(in_new.st_mode)) {
      const int old_inner = open_folder_at(old_folder, name), new_inner = open_folder_at(new_folder, name);
      if (old_inner < 0 || new_inner < 0 || !rescue(old_inner, new_inner, path)) whole = false;
      if (old_inner >= 0) ::close(old_inner);
      if (new_inner >= 0) ::close(new_inner);
    }
  }
  return whole;
}

void FolderTree::close_folders() {
  for (auto* folders : {&folders_, &previous_folders_}) {
    for (const auto& [name, fd] : *folders)
      if (fd >= 0) ::close(fd);
    folders->clear();
  }
}

void FolderTree::commit() {
  prepare();
  close_folders();
  check_target(target_);
  struct stat info {};
  const bool replacing = ::lstat(target_.c_str(), &info) == 0;
  if (!replacing) {
    if (::rename(staging_.c_str(), target_.c_str()) != 0) fail_file(target_, "create");
    committed_ = true;
    return;
  }
  if (!exchange(staging_, target_)) {
    // No RENAME_EXCHANGE here: move the old tree aside, then the new one in.
    std::string aside = staging_ + ".old";
    if (::rename(target_.c_str(), aside.c_str()) != 0) fail_file(target_, "replace");
    if (::rename(staging_.c_str(), target_.c_str()) != 0) {
      const int saved = errno;
      ::rename(aside.c_str(), target_.c_str());
      errno = saved;
      fail_file(target_, "replace");
    }
    staging_ = aside;
  }
  committed_ = true;
  // The old tree, now at staging_: a file someone put there while render ran
  // is not render's either; it moves into the new tree before the old goes.
  const int old_root = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  const int new_root = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  bool rescued = false;
  try {
    rescued = old_root >= 0 && new_root >= 0 && rescue(old_root, new_root, "");
  } catch (const Error&) {}
  if (old_root >= 0) ::close(old_root);
  if (new_root >= 0) ::close(new_root);
  if (!rescued) {
    notes_.push_back(fmt::format("{}: the previous tree is kept at {}: something in it that is not render's "
                                 "could not be moved over",
                                 target_, staging_));
    return;
  }
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void StreamTree::add(const std::string& path, std::string_view content) {
  throw_if_interrupted();
  buffer_ += "---\n# ";
  buffer_ += site_;
  buffer_ += '/';
  buffer_ += path;
  buffer_ += '\n';
  buffer_ += content;
  if (buffer_.size() > (1u << 20)) flush();
}

void StreamTree::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

} // namespace intentctl
