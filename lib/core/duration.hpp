// Durations given to intentctl's flags (--timeout, --interval), in Go's
// spelling as kubectl and flux take them (util/time.hpp).
#pragma once

#include <chrono>
#include <string_view>

namespace intentctl {

// The duration text says, or a usage error naming the flag when it is none.
std::chrono::milliseconds require_duration(std::string_view text, std::string_view flag);

} // namespace intentctl
