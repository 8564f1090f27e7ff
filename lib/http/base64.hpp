// Base64 (RFC 4648, standard alphabet) for the *-data fields of kubeconfigs and
// for HTTP basic authentication.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

std::string base64_encode(std::string_view bytes);

// Decodes standard base64; line breaks and spaces (PEM-style wrapping) are
// skipped, padding is optional. nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace intentctl
