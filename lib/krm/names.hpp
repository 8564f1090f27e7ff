// Kubernetes names: the DNS-1123 rules, and the names expectation ids become.
// Expectation ids become object names and file names (render), so every reader
// of expectations holds them to DNS-1123 labels: an id is lower-cased and its
// '_' and '.' become '-', and whatever still is not a label (a '/', a leading
// '-', "..", more than 63 characters) is refused rather than guessed at. That
// rule alone keeps every written path inside the output folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

// DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters.
bool is_dns1123_label(std::string_view name);
// DNS-1123 subdomain: labels joined by dots, at most 253 characters.
bool is_dns1123_subdomain(std::string_view name);

// The DNS-1123 label for an expectation id, or nullopt when it cannot be made one.
std::optional<std::string> name_for_id(std::string_view id);

// Kubernetes label value: at most 63 characters of [A-Za-z0-9_.-], beginning
// and ending with a letter or digit (or empty).
bool is_label_value(std::string_view value);

} // namespace intentctl
