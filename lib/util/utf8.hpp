// UTF-8 helpers shared by the readers and writers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace intentctl {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when the
// bytes there are not one (overlong forms, surrogates and stray bytes included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

bool is_valid_utf8(std::string_view text);

void append_utf8(std::string& out, unsigned code_point);

} // namespace intentctl
