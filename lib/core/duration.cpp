#include "core/duration.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "util/time.hpp"

namespace intentctl {

std::chrono::milliseconds require_duration(std::string_view text, std::string_view flag) {
  if (auto duration = parse_duration(text)) return *duration;
  throw usage_error(fmt::format("{}: \"{}\" is not a duration (like 500ms, 30s, 5m, 1h)", flag, text));
}

} // namespace intentctl
