#include "verify/slo.hpp"

#include <cmath>

#include <fmt/format.h>

#include "model/units.hpp"

namespace intentctl {

namespace {

bool close_enough(double a, double b) {
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

int order(double a, double b) { return close_enough(a, b) ? 0 : (a < b ? -1 : 1); }

struct Comparison {
  std::optional<int> order; // measured compared with the value: -1, 0, 1
  std::string problem;
};

std::string value_display(const Value& value) {
  if (const auto* quantity = std::get_if<Quantity>(&value)) return number_text(quantity->value(), quantity->unit);
  return value_text(value);
}

Comparison compare_number(const Measurement& measured, const Quantity& bound) {
  // A value without a unit is read in the other side's unit.
  const std::string& from = measured.unit.empty() ? bound.unit : measured.unit;
  const std::string& to = bound.unit.empty() ? from : bound.unit;
  const auto converted = convert(measured.number, from, to);
  if (!converted)
    return {std::nullopt, fmt::format("cannot compare {} with {}", number_text(measured.number, measured.unit),
                                      number_text(bound.value(), bound.unit))};
  return {order(*converted, bound.value()), {}};
}

Comparison compare(const Measurement& measured, const Value& bound) {
  if (const auto* quantity = std::get_if<Quantity>(&bound)) {
    if (measured.kind == Measurement::Kind::number) return compare_number(measured, *quantity);
    if (measured.kind == Measurement::Kind::text && measured.text == quantity_text(*quantity)) return {0, {}};
    return {std::nullopt, fmt::format("measured {} is not a number", measurement_text(measured))};
  }
  if (const auto* flag = std::get_if<bool>(&bound)) {
    if (measured.kind == Measurement::Kind::boolean) return {measured.boolean == *flag ? 0 : 1, {}};
    return {std::nullopt, fmt::format("measured {} is not true or false", measurement_text(measured))};
  }
  if (const auto* word = std::get_if<std::string>(&bound)) {
    if (measured.kind == Measurement::Kind::text) return {measured.text == *word ? 0 : 1, {}};
    if (measured.kind == Measurement::Kind::boolean && (*word == "true" || *word == "false"))
      return {measured.boolean == (*word == "true") ? 0 : 1, {}};
    return {std::nullopt, fmt::format("measured {} is not text", measurement_text(measured))};
  }
  return {std::nullopt, fmt::format("{} cannot be measured as a number or a word", value_text(bound))};
}

// Whether a condition holds for one measured scalar; nullopt with problem set
// when the two cannot be compared.
std::optional<bool> holds(Condition condition, const ValueRange& range, const Measurement& measured,
                          std::string& problem) {
  auto against = [&](std::size_t index) -> std::optional<int> {
    if (index >= range.values.size()) {
      problem = fmt::format("{} needs {} value{}", to_3gpp(condition), index + 1, index ? "s" : "");
      return std::nullopt;
    }
    Comparison result = compare(measured, range.values[index]);
    if (!result.order) problem = result.problem;
    return result.order;
  };
  auto any_equal = [&]() -> std::optional<bool> {
    for (const auto& value : range.values) {
      Comparison result = compare(measured, value);
      if (!result.order) {
        problem = result.problem;
        return std::nullopt;
      }
      if (*result.order == 0) return true;
    }
    return false;
  };
  switch (condition) {
    case Condition::is_less_than:
      if (auto o = against(0)) return *o < 0;
      return std::nullopt;
    case Condition::is_equal_to_or_less_than:
      if (auto o = against(0)) return *o <= 0;
      return std::nullopt;
    case Condition::is_greater_than:
      if (auto o = against(0)) return *o > 0;
      return std::nullopt;
    case Condition::is_equal_to_or_greater_than:
      if (auto o = against(0)) return *o >= 0;
      return std::nullopt;
    case Condition::is_equal_to:
      if (auto o = against(0)) return *o == 0;
      return std::nullopt;
    case Condition::is_within_range:
    case Condition::is_outside_range: {
      const auto low = against(0);
      const auto high = low ? against(1) : std::nullopt;
      if (!low || !high) return std::nullopt;
      const bool inside = *low >= 0 && *high <= 0;
      return condition == Condition::is_within_range ? inside : !inside;
    }
    case Condition::is_one_of: return any_equal();
    case Condition::is_not_one_of: {
      const auto found = any_equal();
      if (!found) return std::nullopt;
      return !*found;
    }
    case Condition::is_all_of: {
      // A single value holds "all of" a set only when the set is that value.
      for (const auto& value : range.values) {
        Comparison result = compare(measured, value);
        if (!result.order) {
          problem = result.problem;
          return std::nullopt;
        }
        if (*result.order != 0) return false;
      }
      return true;
    }
  }
  return std::nullopt;
}

// IS_ALL_OF on a measured list: every wanted value is among the measured ones.
std::optional<bool> list_holds_all(const ValueRange& range, const Measurement& measured, std::string& problem) {
  for (const auto& value : range.values) {
    bool found = false;
    for (const auto& item : measured.items) {
      Comparison result = compare(item, value);
      if (!result.order) {
        problem = result.problem;
        return std::nullopt;
      }
      found = found || *result.order == 0;
    }
    if (!found) return false;
  }
  return true;
}

void set_achieved(TargetVerdict& verdict, const ValueRange& range, const Measurement& measured) {
  verdict.achieved_text = measurement_text(measured);
  if (measured.kind != Measurement::Kind::number) return;
  std::string unit = measured.unit;
  if (!range.values.empty())
    if (const auto* quantity = std::get_if<Quantity>(&range.values.front()); quantity && !quantity->unit.empty())
      unit = quantity->unit;
  const std::string from = measured.unit.empty() ? unit : measured.unit;
  verdict.achieved = convert(measured.number, from, unit).value_or(measured.number);
  verdict.achieved_unit = convert(measured.number, from, unit) ? unit : measured.unit;
  verdict.achieved_text = number_text(*verdict.achieved, verdict.achieved_unit);
}

} // namespace

Measurement Measurement::missing(std::string origin, std::string problem) {
  Measurement measurement;
  measurement.origin = std::move(origin);
  measurement.problem = std::move(problem);
  return measurement;
}

Measurement Measurement::of_number(double value, std::string unit, std::string origin) {
  Measurement measurement;
  measurement.kind = Kind::number;
  measurement.number = value;
  measurement.unit = std::move(unit);
  measurement.origin = std::move(origin);
  return measurement;
}

std::string number_text(double value, const std::string& unit) {
  std::string number = std::isnan(value)   ? "NaN"
                       : std::isinf(value) ? (value > 0 ? "+Inf" : "-Inf")
                                           : fmt::format("{:.6g}", value);
  if (unit.empty()) return number;
  if (unit == "%") return number + "%";
  return number + " " + unit;
}

std::string measurement_text(const Measurement& measurement) {
  switch (measurement.kind) {
    case Measurement::Kind::missing: return "nothing";
    case Measurement::Kind::number: return number_text(measurement.number, measurement.unit);
    case Measurement::Kind::text: return "\"" + measurement.text + "\"";
    case Measurement::Kind::boolean: return measurement.boolean ? "true" : "false";
    case Measurement::Kind::list: {
      std::string text = "[";
      for (std::size_t i = 0; i < measurement.items.size(); ++i)
        text += (i ? ", " : "") + measurement_text(measurement.items[i]);
      return text + "]";
    }
  }
  return "nothing";
}

std::string wanted_text(Condition condition, const ValueRange& range) {
  std::string values;
  if (!range.is_list && range.values.size() == 1) {
    values = value_display(range.values.front());
  } else {
    values = "[";
    for (std::size_t i = 0; i < range.values.size(); ++i) values += (i ? ", " : "") + value_display(range.values[i]);
    values += "]";
  }
  return fmt::format("{} {}", to_3gpp(condition), values);
}

TargetVerdict evaluate(Condition condition, const ValueRange& range, const Measurement& measured) {
  TargetVerdict verdict;
  verdict.wanted_text = wanted_text(condition, range);
  verdict.condition = condition;
  verdict.wanted = range;
  verdict.measurement = measured;
  if (measured.kind == Measurement::Kind::missing) {
    verdict.reason = measured.problem.empty() ? "no value measured" : measured.problem;
    return verdict;
  }
  verdict.measured = true;
  set_achieved(verdict, range, measured);
  std::string problem;
  std::optional<bool> met;
  if (measured.kind == Measurement::Kind::list && condition == Condition::is_all_of) {
    met = list_holds_all(range, measured, problem);
  } else if (measured.kind == Measurement::Kind::list && measured.items.size() == 1) {
    return evaluate(condition, range, measured.items.front());
  } else if (measured.kind == Measurement::Kind::list) {
    // Which of several values is the service level? As with several
    // Prometheus series, the measurement says nothing.
    problem = fmt::format("the value is a list of {}; an SLO needs one value (only IS_ALL_OF takes a list)",
                          measured.items.size());
  } else {
    met = holds(condition, range, measured, problem);
  }
  if (!met) {
    verdict.reason = problem;
    return verdict;
  }
  verdict.state = *met ? CheckState::pass : CheckState::fail;
  if (!*met) verdict.reason = fmt::format("{}, wanted {}", verdict.achieved_text, verdict.wanted_text);
  return verdict;
}

} // namespace intentctl
