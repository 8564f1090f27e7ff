#include "model/units.hpp"

#include <array>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace intentctl {

namespace {

struct Row {
  Unit unit;
  bool any_case;                             // spellings match without case: "MBPS", "mhz", "Percent"
  std::array<std::string_view, 7> spellings; // besides the canonical symbol
};

// µ as the micro sign (U+00B5) and as the Greek letter (U+03BC): both are typed.
constexpr Row table[] = {
    {{"ns", Dimension::time, 1e-9}, false, {"nsec", "nanosecond", "nanoseconds"}},
    {{"us", Dimension::time, 1e-6}, false, {"\u00b5s", "\u03bcs", "usec", "microsecond", "microseconds"}},
    {{"ms", Dimension::time, 1e-3}, false, {"msec", "msecs", "millisecond", "milliseconds"}},
    {{"s", Dimension::time, 1}, false, {"sec", "secs", "second", "seconds"}},
    {{"min", Dimension::time, 60}, false, {"mins", "minute", "minutes"}},
    {{"h", Dimension::time, 3600}, false, {"hr", "hrs", "hour", "hours"}},
    {{"d", Dimension::time, 86400}, false, {"day", "days"}},
    {{"bps", Dimension::bitrate, 1}, true, {"bit/s", "b/s"}},
    {{"kbps", Dimension::bitrate, 1e3}, true, {"kbit/s", "kb/s"}},
    {{"Mbps", Dimension::bitrate, 1e6}, true, {"Mbit/s", "Mb/s"}},
    {{"Gbps", Dimension::bitrate, 1e9}, true, {"Gbit/s", "Gb/s"}},
    {{"Tbps", Dimension::bitrate, 1e12}, true, {"Tbit/s", "Tb/s"}},
    {{"%", Dimension::ratio, 0.01}, true, {"percent", "percentage", "pct"}},
    {{"ppm", Dimension::ratio, 1e-6}, true, {}},
    {{"ratio", Dimension::ratio, 1}, true, {"fraction"}},
    {{"B", Dimension::data, 1}, false, {"byte", "bytes"}},
    {{"KB", Dimension::data, 1e3}, false, {"kB"}},
    {{"MB", Dimension::data, 1e6}, false, {}},
    {{"GB", Dimension::data, 1e9}, false, {}},
    {{"TB", Dimension::data, 1e12}, false, {}},
    {{"KiB", Dimension::data, 1024.0}, false, {}},
    {{"MiB", Dimension::data, 1048576.0}, false, {}},
    {{"GiB", Dimension::data, 1073741824.0}, false, {}},
    {{"Hz", Dimension::frequency, 1}, true, {}},
    {{"kHz", Dimension::frequency, 1e3}, true, {}},
    {{"MHz", Dimension::frequency, 1e6}, true, {}},
    {{"GHz", Dimension::frequency, 1e9}, true, {}},
    {{"dBm", Dimension::power, 1}, true, {}},
};

// A row's symbol and its other spellings.
std::vector<std::string_view> spellings_of(const Row& row) {
  std::vector<std::string_view> all{row.unit.symbol};
  for (std::string_view known : row.spellings)
    if (!known.empty()) all.push_back(known);
  return all;
}

std::string lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

} // namespace

std::optional<Unit> find_unit(std::string_view spelling) {
  // Every value of every target is looked up here, so the table is indexed
  // once. Rows are added in order and the first to spell a word keeps it, as
  // a scan of the table would find it.
  struct Index {
    std::unordered_map<std::string_view, Unit> exact;
    std::unordered_map<std::string, Unit> any_case; // the any_case rows' spellings, lower-cased
  };
  static const Index index = [] {
    Index built;
    for (const auto& row : table)
      for (std::string_view known : spellings_of(row)) {
        built.exact.emplace(known, row.unit);
        if (row.any_case) built.any_case.emplace(lower(known), row.unit);
      }
    return built;
  }();
  if (const auto found = index.exact.find(spelling); found != index.exact.end()) return found->second;
  if (const auto found = index.any_case.find(lower(spelling)); found != index.any_case.end()) return found->second;
  return std::nullopt;
}

std::string canonical_unit(std::string_view spelling) {
  const auto unit = find_unit(spelling);
  return std::string(unit ? unit->symbol : spelling);
}

std::optional<double> convert(double value, std::string_view from, std::string_view to) {
  if (from == to) return value;
  const auto source = find_unit(from);
  const auto target = find_unit(to);
  if (!source || !target || source->dimension != target->dimension) return std::nullopt;
  return value * source->factor / target->factor;
}

std::string_view base_unit(Dimension dimension) {
  switch (dimension) {
    case Dimension::time: return "s";
    case Dimension::bitrate: return "bps";
    case Dimension::ratio: return "ratio";
    case Dimension::data: return "B";
    case Dimension::frequency: return "Hz";
    case Dimension::power: return "dBm";
  }
  return "";
}

std::string_view dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::time: return "a duration";
    case Dimension::bitrate: return "a bit rate";
    case Dimension::ratio: return "a ratio";
    case Dimension::data: return "an amount of data";
    case Dimension::frequency: return "a frequency";
    case Dimension::power: return "a power level";
  }
  return "";
}

std::string_view example_units(Dimension dimension) {
  switch (dimension) {
    case Dimension::time: return "ns, us, ms, s, min, h";
    case Dimension::bitrate: return "bps, kbps, Mbps, Gbps, Tbps";
    case Dimension::ratio: return "%, ppm, or a fraction from 0 to 1";
    case Dimension::data: return "B, KB, MB, GB, KiB, MiB, GiB";
    case Dimension::frequency: return "Hz, kHz, MHz, GHz";
    case Dimension::power: return "dBm";
  }
  return "";
}

} // namespace intentctl
