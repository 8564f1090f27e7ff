// Kubernetes names for what render writes. Expectation ids become object names
// and file names, so they must be DNS-1123 labels: an id is lower-cased and its
// '_' and '.' become '-', and whatever still is not a label (a '/', a leading
// '-', "..", more than 63 characters) is refused rather than guessed at. That
// rule alone keeps every written path inside the output folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

// The DNS-1123 label for an expectation id, or nullopt when it cannot be made one.
std::optional<std::string> name_for_id(std::string_view id);

// Kubernetes label value: at most 63 characters of [A-Za-z0-9_.-], beginning
// and ending with a letter or digit (or empty).
bool is_label_value(std::string_view value);

} // namespace intentctl
