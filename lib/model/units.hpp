// The one table of units intent values carry: every spelling people write
// ("percent", "µs", "Gbit/s", "MBPS") to one canonical symbol ("%", "us",
// "Gbps"), its dimension, and its factor to the dimension's base unit, so
// values compare across units (1 s is 1000 ms, 1 Gbps is 1000 Mbps, 99.9 %
// is 0.999). Every reader, writer and checker goes through it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

enum class Dimension { time, bitrate, ratio, data, frequency, power };

struct Unit {
  std::string_view symbol; // canonical: ms, us, Gbps, %, MHz, dBm, ...
  Dimension dimension;
  double factor; // to the base unit: seconds, bit/s, fraction, bytes, Hz, dBm
};

// Any known spelling to its unit; nullopt for words the table does not know.
// Spellings are exact ("MB" bytes and "Mb/s" bits differ), except the rate,
// frequency and word spellings people case freely ("MBPS", "mhz", "Percent").
std::optional<Unit> find_unit(std::string_view spelling);

// The canonical symbol of a known spelling; other words as they are.
std::string canonical_unit(std::string_view spelling);

// Converts a value between two units of one dimension; "" is no unit, which
// converts only to itself.
std::optional<double> convert(double value, std::string_view from, std::string_view to);

// The dimension's base unit ("s", "bps", ...) and how messages name it
// ("a duration", "a bit rate", ...).
std::string_view base_unit(Dimension dimension);
std::string_view dimension_name(Dimension dimension);
// A few of the dimension's units, for messages: "ms, s, us".
std::string_view example_units(Dimension dimension);

} // namespace intentctl
