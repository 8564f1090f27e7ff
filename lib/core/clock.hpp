// The wall clock as reports write it.
#pragma once

#include <string>

namespace intentctl {

// The current time as RFC 3339 UTC (2026-05-01T12:00:00Z).
std::string utc_now();

} // namespace intentctl
