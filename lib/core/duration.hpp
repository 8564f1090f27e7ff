// Durations as people write them on the command line and in sites files:
// "500ms", "30s", "5m", "1h30m" (Go's time.ParseDuration spelling, which kubectl,
// flux and Config Sync use).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace intentctl {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// Like parse_duration, but a usage error naming the flag when the text is not one.
std::chrono::milliseconds require_duration(std::string_view text, std::string_view flag);

} // namespace intentctl
