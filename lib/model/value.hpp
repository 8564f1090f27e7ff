// Typed values of TS 28.312 value ranges (targetValueRange,
// contextValueRange): every alternative of the standard's ValueRangeType read
// as what it is, plus quantities (a number with a unit from the one units
// table) and the range notations people write ("1-5ms", "1..5 ms", "1 to 5",
// "between 1 and 5 ms").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/units.hpp"

namespace intentctl {

// A number, with a unit or without one. The number keeps the text it was
// written with, so 99.9 stays 99.9 on the way through; the unit is the
// table's canonical symbol ("%", "us", "Gbps"), or a word the table does not
// know ("subscribers"), or "" for a plain number.
struct Quantity {
  std::string number; // JSON number text
  std::string unit;
  double value() const; // in its own unit
  // The value in another unit of the same dimension; nullopt across dimensions.
  std::optional<double> in(std::string_view other_unit) const;
  bool operator==(const Quantity&) const = default;
};

// An RFC 3339 date-time ("2026-03-01T08:00:00Z"), kept as written.
struct DateTime {
  std::string text;
  bool operator==(const DateTime&) const = default;
};

struct TimeWindow {
  std::optional<DateTime> start; // at least one of the two
  std::optional<DateTime> end;
  bool operator==(const TimeWindow&) const = default;
};

struct GeoCoordinate {
  double latitude = 0;
  double longitude = 0;
  std::optional<double> altitude;
  bool operator==(const GeoCoordinate&) const = default;
};

// A convex polygon of at least three points.
struct GeoArea {
  std::vector<GeoCoordinate> polygon;
  bool operator==(const GeoArea&) const = default;
};

struct PlmnId {
  std::string mcc; // three digits
  std::string mnc; // two or three digits
  bool operator==(const PlmnId&) const = default;
};

struct Snssai {
  int sst = 0;                   // 0..255
  std::optional<std::string> sd; // six hex digits
  bool operator==(const Snssai&) const = default;
};

// UEs with a 5QI, an S-NSSAI, or both.
struct UeGroup {
  std::optional<int> five_qi; // 0..255
  std::optional<Snssai> snssai;
  bool operator==(const UeGroup&) const = default;
};

// An absolute radio frequency channel number, an operating band, or both.
struct Frequency {
  std::optional<long> arfcn;
  std::optional<std::string> band; // freqband
  bool operator==(const Frequency&) const = default;
};

using Value =
    std::variant<bool, Quantity, std::string, DateTime, TimeWindow, GeoArea, GeoCoordinate, PlmnId, UeGroup, Frequency>;

// One value, or a list (a range is two values [low, high]; a set any number).
struct ValueRange {
  std::vector<Value> values;
  bool is_list = false;
};

// "1ms", "99.9 %", "1000 Mbps", "5", "-3.5 dBm", "200 subscribers": a quantity
// when the text is a number, optionally followed by a unit of the table
// (attached or after spaces) or, after a space, by any other word. The unit
// comes back canonical ("99.9 percent" -> 99.9 %).
std::optional<Quantity> parse_quantity(std::string_view text);

// The ends of a range written as text: "1-5ms", "1ms - 5ms", "1..5", "1 .. 5 ms",
// "1 to 5 Mbps", "between 1 and 5", "from 1 to 5", "-10..-5 dBm". A unit on
// one end applies to both; two units of one dimension are brought to the
// finer one ("1s-1500ms" is 1000 ms to 1500 ms).
struct RangeText {
  Quantity low;
  Quantity high;
};
// nullopt with problem empty when the text is not written as a range;
// nullopt with problem set when it is, but its ends do not fit together.
std::optional<RangeText> parse_range(std::string_view text, std::string& problem);

// Brings two quantities to one unit as parse_range does: false when their
// units cannot be compared (another dimension, other words).
bool unify_units(Quantity& a, Quantity& b);

// The inverse of parse_quantity: "1ms" for the table's units, "5 subscribers" for other words.
std::string quantity_text(const Quantity& quantity);

// A value as people read it in messages and annotations: 1ms, [1ms, 5ms], edge1.
std::string value_text(const Value& value);
std::string range_text(const ValueRange& range);

// What a value is, for messages: "a number", "a boolean", "a GeoArea", ...
std::string_view value_kind(const Value& value);

} // namespace intentctl
