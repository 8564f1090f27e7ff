// The --slo expression: comma-separated conditions on measured values.
//   latency_p95_ms<=15, success_rate>=0.995, throughput>1Gbps
//   jitter in [1ms, 5ms], loss not in [1%, 100%], mode in {auto, "fixed rate"}
// Operators: < <= > >= = == (and "in"/"not in" a [low, high] range or a {set}).
// A number without a unit takes the unit its name ends in (_ms, _seconds,
// _mbps, _percent, _ratio, ...), else it is a plain number. Errors carry the
// column where the expression went wrong.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/intent.hpp"

namespace intentctl {

struct SloCondition {
  std::string name;
  Condition condition = Condition::is_equal_to;
  ValueRange range;
  std::uint32_t column = 0; // where the condition starts, 1-based
};

// origin names the expression in error messages ("--slo").
std::vector<SloCondition> parse_slo(std::string_view text, std::string_view origin = "--slo");

// The unit a metric's name ends in: latency_p95_ms -> ms, rtt_seconds -> s,
// success_ratio -> ratio, cpu_percent -> %, uplink_mbps -> Mbps; "" when none.
std::string unit_from_name(std::string_view name);

} // namespace intentctl
