// Where a site's repository is, as the user wrote it in the sites file, split
// into what libgit2 is given (credentials removed), what messages show
// (credentials replaced by ***), and the credentials themselves (kept in memory
// only; never written to the cache's config).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace intentctl {

enum class RemoteKind { http, ssh, file, local };

struct RemoteUrl {
  RemoteKind kind = RemoteKind::local;
  std::string url;      // for libgit2: no credentials; a local path made absolute
  std::string display;  // for people: as written, with any secret replaced by ***
  std::string username; // from the URL (percent-decoded); "" when absent
  std::string password; // from the URL (percent-decoded); "" when absent
};

// The location of a whole file or folder, for input errors about it.
inline Location file_location(std::string path) { return Location{std::move(path), 0, 0, {}}; }

// base is the folder relative local paths are taken from (the current directory).
RemoteUrl parse_remote_url(std::string_view written, std::string_view base);

// Every "scheme://user:secret@" in text becomes "scheme://***@" (ssh user names
// stay), and every secret listed (at least 3 characters) becomes ***. Applied to
// every message that leaves publish.
std::string redact(std::string_view text, const std::vector<std::string>& secrets = {});

} // namespace intentctl
