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

} // namespace intentctl
