// URLs: percent-encoding, and taking credentials out of them. Credentials come
// out of everything printed: one masking function for messages, diffs and
// reports, and one that takes them out of a URL that goes into content (a
// RootSync's spec.git.repo).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace intentctl {

// Every "scheme://user:secret@" in text becomes "scheme://***@" (an ssh user
// name without a password stays: it is no secret), and every secret listed
// (at least 3 characters) becomes ***. Applied to every message, status line,
// diff and report that can hold a URL.
std::string redact(std::string_view text, const std::vector<std::string>& secrets = {});

// url without its credentials: http(s) and file URLs lose their user
// information, an ssh URL keeps its user name and loses a password; any
// other text comes back as it was.
std::string without_credentials(std::string_view url);

// Whether url reaches its repository over ssh: ssh://, git+ssh:// or
// ssh+git://, or git's scp-like "user@host:path" (a colon before any slash).
bool is_ssh_url(std::string_view url);

// Percent-encoding (RFC 3986): every byte but the unreserved characters
// (ASCII letters and digits, '-', '.', '_', '~') and those in also_keep
// becomes %XX, in upper-case hex.
std::string percent_encode(std::string_view text, std::string_view also_keep = {});

// The reverse: every %XX (hex digits of either case) becomes its byte; a '%'
// not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view text);

} // namespace intentctl
