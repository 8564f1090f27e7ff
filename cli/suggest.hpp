// "Did you mean ...?" for mistyped commands and flags.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intentctl::cli {

// The candidate nearest to word by edit distance, when it is near enough to be
// a typo (at most a third of the word's length, at least 1, at most 3 edits).
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace intentctl::cli
