#include "conflicts/capacity.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace intentctl {

namespace {

// "Dl-Thpt per UE" -> "dlthptperue"
std::string folded(std::string_view name) {
  std::string text;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

} // namespace

std::optional<CapacityUse> capacity_use(std::string_view target_name) {
  using How = CapacityUse::How;
  const std::string name = folded(target_name);
  if (has(name, "throughput") || has(name, "thpt")) {
    const bool per_ue = has(name, "perue") || has(name, "uethpt") || has(name, "uethroughput");
    return CapacityUse{CapacityKind::max_throughput, per_ue ? How::ceiling : How::summed};
  }
  if (has(name, "bandwidth")) return CapacityUse{CapacityKind::max_bandwidth, How::summed};
  if (has(name, "subscriber") || has(name, "numberofues"))
    return CapacityUse{CapacityKind::max_subscribers, How::summed};
  if (has(name, "latency")) return CapacityUse{CapacityKind::min_latency, How::floor};
  if (has(name, "availability")) return CapacityUse{CapacityKind::max_availability, How::ceiling};
  if (has(name, "reliability")) return CapacityUse{CapacityKind::max_reliability, How::ceiling};
  return std::nullopt;
}

bool measures(CapacityKind kind, const Allowed& allowed) {
  if (allowed.kind != Allowed::Kind::number) return false;
  switch (kind) {
    case CapacityKind::max_throughput:
    case CapacityKind::max_bandwidth: return allowed.dimension == Dimension::bitrate;
    case CapacityKind::max_subscribers: return !allowed.dimension;
    case CapacityKind::min_latency: return allowed.dimension == Dimension::time;
    case CapacityKind::max_availability:
    case CapacityKind::max_reliability:
      return allowed.dimension == Dimension::ratio || (!allowed.dimension && allowed.unit_word.empty());
  }
  return false;
}

double demand(CapacityKind kind, const SpanSet& allowed) {
  const double lowest = allowed.lowest().value_or(0);
  const double highest = allowed.highest().value_or(0);
  if (kind == CapacityKind::max_subscribers && !std::isinf(highest)) return std::max(highest, 0.0);
  return std::isinf(lowest) ? 0 : std::max(lowest, 0.0);
}

} // namespace intentctl
