// Which targets a site's declared capacity limits, and how. Target names are
// free words, so they are matched without case and punctuation on what they
// contain:
//
//   "throughput" or "thpt"     maxThroughput, summed over the site's intents;
//                              per user equipment ("perue", "uethpt": DlThptPerUE,
//                              AveDLRANUEThpt) each target alone, not summed
//   "bandwidth"                maxBandwidth, summed
//   "subscriber", "numberofues" maxSubscribers, summed
//   "latency"                  minLatency: no target may ask for less
//   "availability"             maxAvailability: no target may ask for more
//   "reliability"              maxReliability: likewise
#pragma once

#include <optional>
#include <string_view>

#include "conflicts/allowed.hpp"
#include "conflicts/span.hpp"
#include "sites/sites.hpp"

namespace intentctl {

struct CapacityUse {
  enum class How {
    summed, // the demands of all targets on the site add up to at most the limit
    floor,  // the target must allow a value at or above the limit
    ceiling // the target must allow a value at or below the limit
  };
  CapacityKind kind;
  How how;
};

std::optional<CapacityUse> capacity_use(std::string_view target_name);

// Whether a target's numbers can be held against the capacity: bit rates for
// throughput, durations for latency, a fraction or a percentage for
// availability, plain numbers or numbers of any word for subscribers.
bool measures(CapacityKind kind, const Allowed& allowed);

// What values a target allows ask of a summed capacity: the least throughput
// or bandwidth they allow (a cap asks for nothing); for subscribers, the most
// they allow (room for that many), else the least.
double demand(CapacityKind kind, const SpanSet& allowed);

} // namespace intentctl
