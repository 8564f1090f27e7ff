#include "io/limits.hpp"

#include "util/utf8.hpp"

namespace intentctl {

std::string echo(std::string_view text) {
  std::size_t at = 0;
  for (std::size_t characters = 0; at < text.size(); ++characters) {
    if (characters == limits::echo_chars) return std::string(text.substr(0, at)) + "...";
    const std::size_t length = utf8_sequence_length(text, at);
    at += length ? length : 1;
  }
  return std::string(text);
}

} // namespace intentctl
