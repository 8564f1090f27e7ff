#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "io/reader.hpp"

namespace intentctl {

namespace {

// An input that cannot be read: missing or forbidden is the user's failure,
// no descriptors or memory left, or an I/O error, the machine's (file_error).
[[noreturn]] void cannot_read(const std::string& path, int errnum) {
  throw file_error(errnum, fmt::format("{}: cannot read: {}", path, std::strerror(errnum)));
}

std::string too_large(const std::string& name, std::size_t limit) {
  return fmt::format("{}: input is larger than the limit of {} MiB", name, limit >> 20);
}

std::string read_limited(std::istream& in, const std::string& name, std::size_t limit) {
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit) throw input_error(too_large(name, limit));
  }
  return text;
}

// A regular file straight into a string of its size (validate reads
// thousands of small files): one open, one fstat, one read, one close each.
// A read that returns less than it was asked for has met the end of a
// regular file, so no read is spent to see the end; a file that grows while
// it is read is still held to the limit.
std::string read_regular_file(int fd, const std::string& path, std::size_t size, std::size_t limit) {
  std::string text(size + 1, '\0'); // one byte more: a file that grew is seen
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) {
      if (text.size() > limit) throw input_error(too_large(path, limit));
      text.resize(text.size() * 2);
    }
    const std::size_t wanted = text.size() - used;
    const ssize_t n = ::read(fd, text.data() + used, wanted);
    if (n < 0) {
      if (errno == EINTR) continue;
      cannot_read(path, errno);
    }
    used += static_cast<std::size_t>(n);
    if (static_cast<std::size_t>(n) < wanted) break;
  }
  if (used > limit) throw input_error(too_large(path, limit));
  text.resize(used);
  return text;
}

// Anything else that can be read (a pipe, a device): until its end.
std::string read_stream(int fd, const std::string& path, std::size_t limit) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      cannot_read(path, errno);
    }
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > limit) throw input_error(too_large(path, limit));
  }
}

// Closes the descriptor however the reading ends.
struct FileCloser {
  int fd;
  ~FileCloser() { ::close(fd); }
};

} // namespace

Source read_source(const std::string& path, const ReadLimits& limits, std::istream& in, bool stdin_is_terminal) {
  if (path == "-") {
    if (stdin_is_terminal) throw usage_error("standard input is a terminal; pipe a document in or name a file");
    return Source{"<stdin>", read_limited(in, "<stdin>", limits.max_bytes)};
  }
  // Opened first and asked with fstat: the path is looked up once.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) cannot_read(path, errno);
  const FileCloser closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) cannot_read(path, errno);
  if (S_ISDIR(info.st_mode)) throw input_error(fmt::format("{}: is a directory", path));
  if (!S_ISREG(info.st_mode)) return Source{path, read_stream(fd, path, limits.max_bytes)};
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > limits.max_bytes) throw input_error(too_large(path, limits.max_bytes));
  return Source{path, read_regular_file(fd, path, size, limits.max_bytes)};
}

Format detect_format(const Source& source) {
  const std::string& name = source.name;
  if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0) return Format::json;
  for (char c : source.text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return (c == '{' || c == '[') ? Format::json : Format::yaml;
  }
  return Format::yaml;
}

ParsedStream parse_documents(const Source& source, const ReadLimits& limits) {
  if (source.text.find('\0') != std::string::npos) {
    const auto at = source.text.find('\0');
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if (source.text[i] == '\n') ++line, column = 1;
      else if ((static_cast<unsigned char>(source.text[i]) & 0xC0) != 0x80) ++column;
    }
    throw input_error("NUL byte in the input (binary file?)", location_of(source, Mark{line, column}));
  }
  return detect_format(source) == Format::json ? parse_json(source, limits) : parse_yaml(source, limits);
}

Location location_of(const Source& source, Mark mark, std::string path) {
  return Location{source.name, mark.line, mark.column, std::move(path)};
}

} // namespace intentctl
