// Where a site's repository is, as the user wrote it in the sites file, split
// into what libgit2 is given (credentials removed), what messages show
// (credentials replaced by ***), and the credentials themselves (kept in memory
// only; never written to the cache's config).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "util/url.hpp" // redact(), for every message that names a remote

namespace intentctl {

enum class RemoteKind { http, ssh, file, local };

struct RemoteUrl {
  RemoteKind kind = RemoteKind::local;
  std::string url;      // for libgit2: no credentials; a local path made absolute
  std::string display;  // for people: as written, with any secret replaced by ***
  std::string username; // from the URL (percent-decoded); "" when absent
  std::string password; // from the URL (percent-decoded); "" when absent
};

// base is the folder relative local paths are taken from (the current directory).
RemoteUrl parse_remote_url(std::string_view written, std::string_view base);

// The folder of a local or file:// remote ("file:///srv/a%20b.git" and
// "file://localhost/srv/a%20b.git" are /srv/a b.git, as git reads them);
// "" for network remotes.
std::string local_folder(const RemoteUrl& remote);

} // namespace intentctl
