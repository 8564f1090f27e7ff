#include "io/palette.hpp"

namespace intentctl {

namespace {

const char* escape_of(Tone tone) {
  switch (tone) {
    case Tone::error: return "\033[1;31m";
    case Tone::warning: return "\033[1;35m";
    case Tone::note: return "\033[1;36m";
    case Tone::pass: return "\033[32m";
    case Tone::unknown: return "\033[33m";
    case Tone::none: return "";
  }
  return "";
}

} // namespace

std::string Palette::paint(std::string_view text, Tone tone) const {
  if (!on_ || text.empty() || tone == Tone::none) return std::string(text);
  return escape_of(tone) + std::string(text) + "\033[0m";
}

} // namespace intentctl
