#include "io/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"

namespace intentctl {

void fail_file(const std::string& path, const char* what) {
  throw file_error(errno, fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno)));
}

void write_all(int fd, const std::string& path, std::string_view content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_file(path, "write");
    }
    written += static_cast<std::size_t>(n);
  }
}

void write_all_and_close(int fd, const std::string& path, std::string_view content) {
  try {
    write_all(fd, path, content);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail_file(path, "write");
}

namespace {
// Our own standard output or error under another name (/dev/stdout,
// /proc/self/fd/2), or -1.
int standard_stream(const struct stat& target) {
  for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
    struct stat stream {};
    if (::fstat(fd, &stream) == 0 && stream.st_dev == target.st_dev && stream.st_ino == target.st_ino) return fd;
  }
  return -1;
}
} // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  // Renaming a file over a device, a pipe or /dev/stdout replaces it: for
  // root, --output /dev/null turned /dev/null into a regular file for every
  // program on the machine. Those are written as they are.
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    if (const int fd = standard_stream(info); fd >= 0) {
      write_all(fd, path, content); // keeps the stream's offset and append mode
      return;
    }
    if (!S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) fail_file(path, "write");
      write_all_and_close(fd, path, content);
      return;
    }
  }
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail_file(path, "write");
  try {
    write_all(fd, path, content);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail_file(path, "write");
  }
}

} // namespace intentctl
