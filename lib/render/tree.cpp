#include "render/tree.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const std::string& path, const char* what) {
  throw Error(ExitClass::usage, fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno)));
}

// A symbolic link or a file where the site's folder goes is never replaced:
// the link could lead out of the output folder, the file is not ours.
void check_target(const std::string& target) {
  struct stat info {};
  if (::lstat(target.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    fail_io(target, "inspect");
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
  if (fd < 0) fail_io(path, "write");
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      errno = saved;
      fail_io(path, "write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail_io(path, "write");
}

// Swaps two folders atomically; false when the file system cannot.
bool exchange(const std::string& a, const std::string& b) {
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

} // namespace

bool is_contained_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

FolderTree::FolderTree(const std::string& out_dir, const std::string& site) {
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error || !fs::is_directory(out_dir))
    throw Error(ExitClass::usage, fmt::format("{}: cannot create the output folder: {}", out_dir,
                                              error ? error.message() : "not a folder"));
  target_ = (fs::path(out_dir) / site).string();
  check_target(target_);
  has_previous_ = fs::is_directory(fs::symlink_status(target_, error));
  std::string pattern = (fs::path(out_dir) / ("." + site + ".new-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) fail_io(out_dir, "create a folder in");
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
    fail_io(target_ + "/" + folder, "create");
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail_io(folder.empty() ? staging_ : target_ + "/" + folder, "open");
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
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) == content.size();
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
  if (!is_contained_path(path))
    throw Error(ExitClass::failed, fmt::format("internal error: refusing to write \"{}\" outside {}", path, target_));
  const int folder = folder_of(path);
  const std::string name = path.substr(path.rfind('/') + 1);
  if (has_previous_ && reuse(path, folder, name, content)) return;
  // Messages name the file where the tree will be, not the temporary folder
  // that is removed on failure.
  write_whole(folder, name, target_ + "/" + path, content);
}

void FolderTree::close_folders() {
  for (auto* folders : {&folders_, &previous_folders_}) {
    for (const auto& [name, fd] : *folders)
      if (fd >= 0) ::close(fd);
    folders->clear();
  }
}

void FolderTree::commit() {
  close_folders();
  check_target(target_);
  struct stat info {};
  const bool replacing = ::lstat(target_.c_str(), &info) == 0;
  if (!replacing) {
    if (::rename(staging_.c_str(), target_.c_str()) != 0) fail_io(target_, "create");
    committed_ = true;
    return;
  }
  if (!exchange(staging_, target_)) {
    // No RENAME_EXCHANGE here: move the old tree aside, then the new one in.
    std::string aside = staging_ + ".old";
    if (::rename(target_.c_str(), aside.c_str()) != 0) fail_io(target_, "replace");
    if (::rename(staging_.c_str(), target_.c_str()) != 0) {
      const int saved = errno;
      ::rename(aside.c_str(), target_.c_str());
      errno = saved;
      fail_io(target_, "replace");
    }
    staging_ = aside;
  }
  committed_ = true;
  std::error_code ignored; // the old tree, now at staging_
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
