#include "model/target_kind.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "io/limits.hpp"
#include "model/mapping.hpp"

namespace intentctl {

namespace {

struct NamedKind {
  std::string_view name; // as normalize_name spells it
  TargetKind kind;
};

TargetKind quantity(Dimension dimension, bool below_zero = false) {
  return {ValueType::quantity, dimension, below_zero, {}};
}

const TargetKind count{ValueType::count, Dimension::time, false, {}};
const TargetKind boolean{ValueType::boolean, Dimension::time, false, {}};
const TargetKind unknown{};

// Target names of TS 28.312 and 28.541 and the ones intents use in the field,
// by what their values are.
const std::vector<NamedKind>& kinds() {
  static const std::vector<NamedKind> table = [] {
    std::vector<NamedKind> rows;
    auto add = [&](std::initializer_list<std::string_view> names, const TargetKind& kind) {
      for (auto name : names) rows.push_back({name, kind});
    };
    add({"latency", "delay", "jitter", "dllatency", "ullatency", "e2elatency", "endtoendlatency", "rtt",
         "roundtriptime", "packetdelay", "packetdelaybudget", "responsetime"},
        quantity(Dimension::time));
    add({"throughput", "bandwidth", "dlthptperue", "ulthptperue", "avedlranuethpt", "aveulranuethpt", "dlthroughput",
         "ulthroughput", "throughputdl", "throughputul", "datarate", "bitrate", "guaranteedbitrate", "maximumbitrate",
         "dlthptperslice", "ulthptperslice"},
        quantity(Dimension::bitrate));
    add({"packetloss", "packetlossrate", "availability", "reliability", "weakrsrpratio", "lowsinrratio",
         "radiocoverage", "coverage", "uptime", "errorrate", "successrate", "avedlprbload", "aveulprbload", "prbload",
         "utilization", "utilisation"},
        quantity(Dimension::ratio));
    add({"frequency", "carrierfrequency"}, quantity(Dimension::frequency));
    add({"txpower", "transmitpower", "rsrp", "minrsrp"}, quantity(Dimension::power, true));
    add({"subscribers", "users", "connections", "maxnumberofues", "maxnumberofpdusessions",
         "maxnumberofregisteredsubscribers", "numberofues", "sessions", "pdusessions", "devices", "ues", "sites",
         "redundancy", "replicas", "instances"},
        count);
    add({"beamforming", "encryption"}, boolean);
    add({"mobilitylevel"},
        {ValueType::words, Dimension::time, false, {"STATIONARY", "NOMADIC", "RESTRICTED MOBILITY", "FULLY MOBILITY"}});
    add({"sharinglevel"}, {ValueType::words, Dimension::time, false, {"SHARED", "NON-SHARED"}});
    return rows;
  }();
  return table;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool orders(Condition condition) {
  return condition == Condition::is_less_than || condition == Condition::is_greater_than ||
         condition == Condition::is_equal_to_or_less_than || condition == Condition::is_equal_to_or_greater_than;
}

std::string shown(const Value& value) {
  const std::string text = echo(value_text(value));
  return std::holds_alternative<std::string>(value) ? "\"" + text + "\"" : text;
}

class Settler {
 public:
  Settler(Target& target, std::string_view spelling)
      : target_(target),
        kind_(target_kind(target.name)),
        spelling_(spelling.empty() ? to_3gpp(target.condition) : spelling) {}

  std::optional<ValueProblem> run() {
    auto& values = target_.range.values;
    if (takes_range(target_.condition) && values.size() == 1)
      if (auto problem = split_range_text()) return problem;
    for (auto& value : values) {
      const auto* text = std::get_if<std::string>(&value);
      if (!text) continue;
      // Quoted numbers are numbers where the name says numbers are meant.
      if (kind_.type == ValueType::quantity || kind_.type == ValueType::count)
        if (auto quantity = parse_quantity(*text)) value = std::move(*quantity);
      if (kind_.type == ValueType::boolean && (*text == "true" || *text == "false")) value = *text == "true";
    }
    if (auto problem = arity_problem(target_.range, target_.condition, what(), spelling_))
      return ValueProblem{ValueProblem::whole, *problem};
    if (takes_range(target_.condition))
      if (auto problem = unify_range()) return problem;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (auto message = value_problem(values[i])) return ValueProblem{i, what() + ": " + *message};
    if (takes_range(target_.condition)) return order_problem();
    return std::nullopt;
  }

 private:
  std::string what() const { return fmt::format("target \"{}\"", echo(target_.name)); }

  // "1-5ms" given as the one value of a range condition: its two ends.
  std::optional<ValueProblem> split_range_text() {
    const auto* text = std::get_if<std::string>(&target_.range.values.front());
    if (!text) return std::nullopt;
    std::string problem;
    auto range = parse_range(*text, problem);
    if (!problem.empty()) return ValueProblem{0, what() + ": " + problem};
    if (!range) return std::nullopt;
    target_.range.values = {std::move(range->low), std::move(range->high)};
    target_.range.is_list = true;
    return std::nullopt;
  }

  // What is wrong with one value for this target's kind and condition.
  std::optional<std::string> value_problem(const Value& value) const {
    switch (kind_.type) {
      case ValueType::quantity: return quantity_problem(value);
      case ValueType::count: return count_problem(value);
      case ValueType::boolean:
        if (orders(target_.condition) || takes_range(target_.condition))
          return fmt::format("{} needs values in an order, and a boolean target has none; use IS_EQUAL_TO", spelling_);
        if (std::holds_alternative<bool>(value)) return std::nullopt;
        return fmt::format("expected true or false, got {}", shown(value));
      case ValueType::words: return words_problem(value);
      case ValueType::any: return any_problem(value);
    }
    return std::nullopt;
  }

  std::string expected() const { return expected_text(kind_); }

  std::optional<std::string> quantity_problem(const Value& value) const {
    if (kind_.dimension == Dimension::frequency && std::holds_alternative<Frequency>(value) &&
        !orders(target_.condition) && !takes_range(target_.condition))
      return std::nullopt;
    const auto* quantity = std::get_if<Quantity>(&value);
    if (!quantity) return fmt::format("expected {}, got {}", expected(), shown(value));
    const auto dimension = dimension_of(*quantity);
    const bool fraction = kind_.dimension == Dimension::ratio && quantity->unit.empty();
    if (!fraction && dimension != kind_.dimension) {
      if (quantity->unit.empty())
        return fmt::format("expected {}, got {} (a number without a unit)", expected(), shown(value));
      return fmt::format("expected {}, got {} ({})", expected(), shown(value),
                         dimension ? dimension_name(*dimension) : "a unit of no known kind");
    }
    const double base = base_value(*quantity);
    if (!kind_.below_zero && base < 0)
      return fmt::format("expected {} of at least 0, got {}", expected(), shown(value));
    if (kind_.dimension == Dimension::ratio && base > 1)
      return fmt::format("expected {}, got {}, which is above {}", expected(), shown(value), fraction ? "1" : "100%");
    return std::nullopt;
  }

  std::optional<std::string> count_problem(const Value& value) const {
    const auto* quantity = std::get_if<Quantity>(&value);
    if (!quantity || dimension_of(*quantity) || quantity->value() < 0 ||
        quantity->value() != std::floor(quantity->value()))
      return fmt::format("expected {}, got {}", expected(), shown(value));
    return std::nullopt;
  }

  std::optional<std::string> words_problem(const Value& value) const {
    if (orders(target_.condition) || takes_range(target_.condition))
      return fmt::format("{} needs values in an order, and this target takes words; use IS_EQUAL_TO or IS_ONE_OF",
                         spelling_);
    if (const auto* text = std::get_if<std::string>(&value))
      for (auto word : kind_.words)
        if (equal_ignoring_case(*text, word)) return std::nullopt;
    return fmt::format("expected {}, got {}", expected(), shown(value));
  }

  // A name the table does not know: what its condition can compare.
  std::optional<std::string> any_problem(const Value& value) const {
    if (!orders(target_.condition) && !takes_range(target_.condition)) return std::nullopt;
    if (std::holds_alternative<Quantity>(value) || std::holds_alternative<DateTime>(value)) return std::nullopt;
    return fmt::format("{} compares numbers: expected a number, with or without a unit, got {}", spelling_,
                       shown(value));
  }

  // The two ends of a range in one unit (a unit on one end applies to both).
  std::optional<ValueProblem> unify_range() {
    auto& values = target_.range.values;
    auto* low = std::get_if<Quantity>(&values[0]);
    auto* high = std::get_if<Quantity>(&values[1]);
    if (low && high && !unify_units(*low, *high))
      return ValueProblem{1, fmt::format("{}: the ends of the range are in units that do not compare ({} and {})",
                                         what(), low->unit, high->unit)};
    return std::nullopt;
  }

  std::optional<ValueProblem> order_problem() {
    auto& values = target_.range.values;
    const auto* low = std::get_if<Quantity>(&values[0]);
    const auto* high = std::get_if<Quantity>(&values[1]);
    if (!low || !high) {
      if (std::holds_alternative<DateTime>(values[0]) && std::holds_alternative<DateTime>(values[1]))
        return std::nullopt;
      return ValueProblem{ValueProblem::whole,
                          fmt::format("{}: the two ends of a range are both numbers or both date-times", what())};
    }
    if (low->value() > high->value())
      return ValueProblem{ValueProblem::whole, fmt::format("{}: the range's low end {} is above its high end {}",
                                                           what(), quantity_text(*low), quantity_text(*high))};
    return std::nullopt;
  }

  Target& target_;
  const TargetKind& kind_;
  std::string_view spelling_;
};

} // namespace

const TargetKind& target_kind(std::string_view target_name) {
  const std::string name = normalize_name(target_name);
  for (const auto& row : kinds())
    if (row.name == name) return row.kind;
  return unknown;
}

std::string expected_text(const TargetKind& kind) {
  switch (kind.type) {
    case ValueType::quantity:
      switch (kind.dimension) {
        case Dimension::time: return "a duration such as 5ms (ns, us, ms, s, min, h)";
        case Dimension::bitrate: return "a bit rate such as 100Mbps (bps, kbps, Mbps, Gbps, Tbps)";
        case Dimension::ratio: return "a ratio such as 99.9% or a fraction from 0 to 1";
        case Dimension::data: return "an amount of data such as 10MB (B, KB, MB, GB, KiB, MiB, GiB)";
        case Dimension::frequency: return "a frequency such as 3500MHz (Hz, kHz, MHz, GHz)";
        case Dimension::power: return "a power level such as -90dBm";
      }
      break;
    case ValueType::count: return "a whole number such as 200";
    case ValueType::boolean: return "true or false";
    case ValueType::words: {
      std::string words;
      for (auto word : kind.words) words += fmt::format("{}\"{}\"", words.empty() ? "" : ", ", word);
      return "one of " + words;
    }
    case ValueType::any: break;
  }
  return "a number, a string or a boolean";
}

std::optional<std::string> arity_problem(const ValueRange& range, Condition condition, std::string_view what,
                                         std::string_view condition_spelling) {
  const std::string_view spelling = condition_spelling.empty() ? to_3gpp(condition) : condition_spelling;
  const std::size_t count = range.values.size();
  if (count == 0) return fmt::format("{} has no value", what);
  if (takes_range(condition) && count != 2)
    return fmt::format("{}: {} needs two values, low and high (such as [1ms, 5ms] or \"1-5ms\"); got {}", what,
                       spelling, count);
  if (!takes_range(condition) && !takes_set(condition) && count != 1)
    return fmt::format("{}: {} compares with one value; got {}", what, spelling, count);
  return std::nullopt;
}

std::optional<ValueProblem> settle_target(Target& target, std::string_view condition_spelling) {
  return Settler(target, condition_spelling).run();
}

double base_value(const Quantity& quantity) {
  const auto unit = find_unit(quantity.unit);
  return unit ? quantity.value() * unit->factor : quantity.value();
}

std::optional<Dimension> dimension_of(const Quantity& quantity) {
  const auto unit = find_unit(quantity.unit);
  return unit ? std::optional(unit->dimension) : std::nullopt;
}

std::optional<Interval> allowed_interval(const Target& target) {
  std::vector<double> numbers;
  for (const auto& value : target.range.values) {
    const auto* quantity = std::get_if<Quantity>(&value);
    if (!quantity) return std::nullopt;
    numbers.push_back(base_value(*quantity));
  }
  if (numbers.empty()) return std::nullopt;
  const double first = numbers.front();
  switch (target.condition) {
    case Condition::is_less_than: return Interval{std::nullopt, Bound{first, false}};
    case Condition::is_equal_to_or_less_than: return Interval{std::nullopt, Bound{first, true}};
    case Condition::is_greater_than: return Interval{Bound{first, false}, std::nullopt};
    case Condition::is_equal_to_or_greater_than: return Interval{Bound{first, true}, std::nullopt};
    case Condition::is_equal_to: return Interval{Bound{first, true}, Bound{first, true}};
    case Condition::is_within_range:
      if (numbers.size() != 2) return std::nullopt;
      return Interval{Bound{numbers[0], true}, Bound{numbers[1], true}};
    default: return std::nullopt;
  }
}

} // namespace intentctl
