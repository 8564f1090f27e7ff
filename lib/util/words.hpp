// Counting and listing things in messages: "3 files", "a, b, c and 4 more".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace intentctl {

// "1 file", "3 files" (the noun takes an s).
std::string count_of(std::size_t count, std::string_view noun);

// The first names, joined by ", ", and how many more there are.
std::string some_of(const std::vector<std::string>& names, std::size_t shown = 8);

// text as one word of a command line to paste into a POSIX shell: as it is
// when it holds only characters no shell treats specially, else in '...'.
std::string shell_word(std::string_view text);

} // namespace intentctl
