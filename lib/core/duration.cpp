#include "core/duration.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"

namespace intentctl {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return std::chrono::milliseconds{0};
  double total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == start) return std::nullopt;
    const double number = std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr);
    const std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    double factor = 0;
    if (unit == "ms") factor = 1;
    else if (unit == "s") factor = 1000;
    else if (unit == "m") factor = 60'000;
    else if (unit == "h") factor = 3'600'000;
    else return std::nullopt;
    total_ms += number * factor;
  }
  if (total_ms > 1e12) return std::nullopt;
  return std::chrono::milliseconds{static_cast<long long>(total_ms)};
}

std::chrono::milliseconds require_duration(std::string_view text, std::string_view flag) {
  if (auto duration = parse_duration(text)) return *duration;
  throw usage_error(fmt::format("{}: \"{}\" is not a duration (like 500ms, 30s, 5m, 1h)", flag, text));
}

} // namespace intentctl
