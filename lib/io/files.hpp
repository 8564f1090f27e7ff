// Writing files so that a failure never leaves half a file behind: write a
// temporary file beside the target, then rename it over the target.
#pragma once

#include <string>
#include <string_view>

namespace intentctl {

// Writes content to path through a temporary file in the same folder; "-" is not
// handled here (callers write stdout themselves). A device or a pipe
// (/dev/null), or the process's own standard output or error under another
// name (/dev/stdout), is written directly, never replaced. Throws an input
// error naming the path when the folder is missing or not writable.
void write_file_atomically(const std::string& path, std::string_view content);

// Writes all of content to fd (a short write or EINTR is retried); on failure
// throws file_error for path with errno's words. fd stays open either way.
void write_all(int fd, const std::string& path, std::string_view content);

// write_all, then closes fd, which it owns from the call on; a failed close
// (a full disk on NFS) is a failed write.
void write_all_and_close(int fd, const std::string& path, std::string_view content);

// Throws file_error for path ("PATH: cannot WHAT: errno's words"): a full disk
// or no file descriptors left is the machine's failure (exit 3), a missing or
// read-only folder the user's (exit 2).
[[noreturn]] void fail_file(const std::string& path, const char* what);

} // namespace intentctl
