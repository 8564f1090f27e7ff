#include "model/units.hpp"

#include <algorithm>
#include <cctype>

namespace intentctl {

namespace {

constexpr Unit units[] = {
    {"ns", Dimension::time, 1e-9},       {"us", Dimension::time, 1e-6},
    {"µs", Dimension::time, 1e-6},       {"ms", Dimension::time, 1e-3},
    {"s", Dimension::time, 1},           {"sec", Dimension::time, 1},
    {"min", Dimension::time, 60},        {"h", Dimension::time, 3600},
    {"bps", Dimension::bitrate, 1},      {"kbps", Dimension::bitrate, 1e3},
    {"Kbps", Dimension::bitrate, 1e3},   {"Mbps", Dimension::bitrate, 1e6},
    {"Gbps", Dimension::bitrate, 1e9},   {"Tbps", Dimension::bitrate, 1e12},
    {"bit/s", Dimension::bitrate, 1},    {"kbit/s", Dimension::bitrate, 1e3},
    {"Mbit/s", Dimension::bitrate, 1e6}, {"Gbit/s", Dimension::bitrate, 1e9},
    {"%", Dimension::ratio, 0.01},       {"percent", Dimension::ratio, 0.01},
    {"ratio", Dimension::ratio, 1},      {"B", Dimension::data, 1},
    {"KB", Dimension::data, 1e3},        {"MB", Dimension::data, 1e6},
    {"GB", Dimension::data, 1e9},        {"KiB", Dimension::data, 1024.0},
    {"MiB", Dimension::data, 1048576.0}, {"GiB", Dimension::data, 1073741824.0},
    {"Hz", Dimension::frequency, 1},     {"kHz", Dimension::frequency, 1e3},
    {"MHz", Dimension::frequency, 1e6},  {"GHz", Dimension::frequency, 1e9},
    {"dBm", Dimension::power, 1},
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::optional<Unit> find_unit(std::string_view symbol) {
  for (const auto& unit : units)
    if (unit.symbol == symbol) return unit;
  // "MBPS" or "gbps" mean rates; "MB" vs "mb" stays exact because bytes and bits differ.
  if (symbol.size() > 3 && equal_ignoring_case(symbol.substr(symbol.size() - 3), "bps"))
    for (const auto& unit : units)
      if (unit.dimension == Dimension::bitrate && equal_ignoring_case(unit.symbol, symbol)) return unit;
  return std::nullopt;
}

std::optional<double> convert(double value, std::string_view from, std::string_view to) {
  if (from == to) return value;
  const auto source = find_unit(from);
  const auto target = find_unit(to);
  if (!source || !target || source->dimension != target->dimension) return std::nullopt;
  return value * source->factor / target->factor;
}

} // namespace intentctl
