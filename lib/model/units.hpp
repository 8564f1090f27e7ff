// Units that intent values carry, and how to compare across them
// (1 s is 1000 ms, 1 Gbps is 1000 Mbps, 99.9 % is 0.999).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

enum class Dimension { time, bitrate, ratio, data, frequency, count, power };

struct Unit {
  std::string_view symbol;
  Dimension dimension;
  double factor; // to the dimension's base unit: seconds, bit/s, fraction, bytes, Hz, 1, dBm
};

// Known unit symbols ("ms", "Mbps", "%", "Gbit/s", ...), case-sensitive first,
// then case-insensitive for the rate units people spell freely.
std::optional<Unit> find_unit(std::string_view symbol);

// Converts value from one unit to another of the same dimension.
std::optional<double> convert(double value, std::string_view from, std::string_view to);

} // namespace intentctl
