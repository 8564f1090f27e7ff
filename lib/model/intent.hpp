// The canonical model: a TS 28.312 Intent. Every input form converts into it and
// every output is written from it (see DESIGN.md, "Canonical model").
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "io/node.hpp"
#include "model/condition.hpp"

namespace intentctl {

// A number, with a unit or without one. The number keeps the text it was written
// with so 99.9 stays 99.9 on the way through.
struct Quantity {
  std::string number; // JSON number text
  std::string unit;   // "" for a plain number
  double value() const;
  bool operator==(const Quantity&) const = default;
};

struct GeoCoordinate {
  double latitude = 0;
  double longitude = 0;
  std::optional<double> altitude;
  bool operator==(const GeoCoordinate&) const = default;
};

// 28.312 GeoArea: a convex polygon of at least three points.
struct GeoArea {
  std::vector<GeoCoordinate> polygon;
  bool operator==(const GeoArea&) const = default;
};

// One element of a value range. Other structured values of 28.312 (PlmnId,
// TimeWindow, UEGroup, Frequency) are kept as the JSON they were given in.
using Value = std::variant<bool, Quantity, std::string, GeoArea, Node>;

// targetValueRange / contextValueRange: one value, or a list (ranges are two
// values [low, high]; sets any number).
struct ValueRange {
  std::vector<Value> values;
  bool is_list = false;
};

struct Context {
  std::string attribute;
  Condition condition = Condition::is_equal_to;
  ValueRange range;
  Mark mark; // where it was read from, for messages of later stages
};

struct Target {
  std::string name;
  Condition condition = Condition::is_equal_to;
  ValueRange range;
  std::vector<Context> contexts;
  Mark mark;
};

struct ExpectationObject {
  std::string type;     // objectType, e.g. 5GC_SubNetwork
  std::string instance; // objectInstance (a DN or a name)
  std::vector<Context> contexts;
};

struct Expectation {
  std::string id;
  std::string verb = "DELIVER"; // DELIVER | ENSURE (Rel-19 MAINTAIN)
  ExpectationObject object;
  std::vector<Target> targets;
  std::vector<Context> contexts;
  Mark mark;
};

struct Intent {
  std::string id;
  std::string user_label;
  std::vector<Expectation> expectations;
  std::vector<Context> contexts;
  std::optional<int> priority;              // intentPriority 1..100
  std::optional<std::string> admin_state;   // ACTIVATED | DEACTIVATED
  std::optional<long> observation_period;   // seconds
  std::vector<std::string> sites;           // where it is deployed; an intent context on the wire
};

// The intent context attribute that carries Intent::sites in 28.312 documents.
inline constexpr std::string_view kSitesContextAttribute = "DeploymentSite";

// Reads "1ms", "99.9%", "1000 Mbps", "5": a quantity when the text is a number
// optionally followed by a known unit, or by one space and any word.
std::optional<Quantity> parse_quantity(std::string_view text);

// The inverse: "1ms" for known units, "5 subscribers" for other words.
std::string quantity_text(const Quantity& quantity);

// A value as people read it in messages and annotations: 1ms, [1ms, 5ms], edge1.
std::string value_text(const Value& value);
std::string range_text(const ValueRange& range);

} // namespace intentctl
