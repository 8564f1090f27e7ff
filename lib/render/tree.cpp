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

void write_whole(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
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
  std::string pattern = (fs::path(out_dir) / ("." + site + ".new-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) fail_io(out_dir, "create a folder in");
  staging_ = pattern;
  ::chmod(staging_.c_str(), 0755);
}

FolderTree::~FolderTree() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void FolderTree::make_parents(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return;
  const std::string folder = path.substr(0, slash);
  if (folders_.count(folder)) return;
  make_parents(folder);
  const std::string full = staging_ + "/" + folder;
  if (::mkdir(full.c_str(), 0755) != 0 && errno != EEXIST) fail_io(full, "create");
  folders_.insert(folder);
}

void FolderTree::add(const std::string& path, std::string_view content) {
  if (!is_contained_path(path))
    throw Error(ExitClass::failed, fmt::format("internal error: refusing to write \"{}\" outside {}", path, target_));
  make_parents(path);
  write_whole(staging_ + "/" + path, content);
}

void FolderTree::commit() {
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
