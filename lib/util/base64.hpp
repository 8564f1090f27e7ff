// Base64 (RFC 4648, standard alphabet): the *-data fields of kubeconfigs, HTTP
// basic authentication, SSH keys and known_hosts, and the "byte" format of
// OpenAPI schemas.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

std::string base64_encode(std::string_view bytes);

// Decodes standard base64; line breaks and spaces (PEM-style wrapping) are
// skipped, padding is optional. nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

// Whether text is base64 as Go's base64.StdEncoding reads it (what Kubernetes
// checks for an OpenAPI string of format "byte"): padded to a multiple of four
// characters; line breaks are skipped, spaces are not.
bool is_base64(std::string_view text);

} // namespace intentctl
