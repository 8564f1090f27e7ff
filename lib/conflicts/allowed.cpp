#include "conflicts/allowed.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/units.hpp"

namespace intentctl {

namespace {

Allowed nothing_comparable(std::string why) {
  Allowed allowed;
  allowed.why_not = std::move(why);
  return allowed;
}

// The dimension a quantity's unit belongs to (see Allowed::dimension).
std::string dimension_of(const Quantity& quantity) {
  if (quantity.unit.empty()) return "";
  if (const auto unit = find_unit(quantity.unit)) return dimension_name(unit->dimension);
  return "word:" + quantity.unit;
}

double factor_of(const Quantity& quantity) {
  const auto unit = find_unit(quantity.unit);
  return unit ? unit->factor : 1;
}

std::size_t values_taken(Condition condition) {
  if (takes_range(condition)) return 2;
  if (takes_set(condition)) return 0; // any number
  return 1;
}

Allowed numbers_allowed(Condition condition, const std::vector<Quantity>& quantities) {
  Allowed allowed;
  allowed.kind = Allowed::Kind::number;
  double factor = 1; // a plain number beside one with a unit ([1, 5ms]) takes that unit
  for (const auto& quantity : quantities) {
    const std::string dimension = dimension_of(quantity);
    if (dimension.empty()) continue;
    if (!allowed.dimension.empty() && dimension != allowed.dimension)
      return nothing_comparable(fmt::format("its values are in units of two kinds ({} and {})", allowed.dimension, dimension));
    allowed.dimension = dimension;
    factor = factor_of(quantity);
  }
  std::vector<double> values;
  for (const auto& quantity : quantities)
    values.push_back(quantity.value() * (quantity.unit.empty() ? factor : factor_of(quantity)));
  switch (condition) {
    case Condition::is_less_than: allowed.numbers = IntervalSet::below(values[0], false); break;
    case Condition::is_equal_to_or_less_than: allowed.numbers = IntervalSet::below(values[0], true); break;
    case Condition::is_greater_than: allowed.numbers = IntervalSet::above(values[0], false); break;
    case Condition::is_equal_to_or_greater_than: allowed.numbers = IntervalSet::above(values[0], true); break;
    case Condition::is_equal_to: allowed.numbers = IntervalSet::point(values[0]); break;
    case Condition::is_within_range: allowed.numbers = IntervalSet::between(values[0], values[1]); break;
    case Condition::is_outside_range: allowed.numbers = IntervalSet::between(values[0], values[1]).complement(); break;
    case Condition::is_one_of:
    case Condition::is_not_one_of: {
      IntervalSet points;
      for (double value : values) points = points.unite(IntervalSet::point(value));
      allowed.numbers = condition == Condition::is_one_of ? points : points.complement();
      break;
    }
    case Condition::is_all_of:
      allowed.numbers = IntervalSet::all();
      allowed.required_numbers = values;
      break;
  }
  return allowed;
}

Allowed words_allowed(Condition condition, std::vector<std::string> words) {
  Allowed allowed;
  allowed.kind = Allowed::Kind::word;
  switch (condition) {
    case Condition::is_equal_to:
    case Condition::is_one_of: allowed.words = WordSet::only(std::move(words)); break;
    case Condition::is_not_one_of: allowed.words = WordSet::except(std::move(words)); break;
    case Condition::is_all_of:
      allowed.words = WordSet::all();
      allowed.required_words = std::move(words);
      break;
    default: return nothing_comparable(fmt::format("{} does not order words", to_3gpp(condition)));
  }
  return allowed;
}

} // namespace

std::string dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::time: return "time";
    case Dimension::bitrate: return "bitrate";
    case Dimension::ratio: return "ratio";
    case Dimension::data: return "data";
    case Dimension::frequency: return "frequency";
    case Dimension::count: return "count";
    case Dimension::power: return "power";
  }
  return "";
}

Allowed allowed_by(const Target& target) {
  const auto& values = target.range.values;
  const std::size_t wanted = values_taken(target.condition);
  if (values.empty() || (wanted != 0 && values.size() != wanted))
    return nothing_comparable(fmt::format("{} takes {} value{}, it has {}", to_3gpp(target.condition), wanted,
                                          wanted == 1 ? "" : "s", values.size()));
  std::vector<Quantity> quantities;
  std::vector<std::string> words;
  for (const Value& value : values) {
    if (const auto* flag = std::get_if<bool>(&value)) {
      words.emplace_back(*flag ? "true" : "false");
    } else if (const auto* quantity = std::get_if<Quantity>(&value)) {
      quantities.push_back(*quantity);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      // "5000" in quotes is still the number 5000 here.
      if (auto number = parse_quantity(*text)) quantities.push_back(std::move(*number));
      else words.push_back(*text);
    } else {
      return nothing_comparable("its value is structured (" + value_text(value) + ")");
    }
  }
  if (!quantities.empty() && !words.empty()) return nothing_comparable("its values mix numbers and words");
  if (!words.empty()) return words_allowed(target.condition, std::move(words));
  return numbers_allowed(target.condition, quantities);
}

Allowed meet(const Allowed& a, const Allowed& b) {
  Allowed both = a;
  if (a.kind == Allowed::Kind::number) {
    both.numbers = a.numbers.intersect(b.numbers);
    both.required_numbers.insert(both.required_numbers.end(), b.required_numbers.begin(), b.required_numbers.end());
  } else if (a.kind == Allowed::Kind::word) {
    both.words = a.words.intersect(b.words);
    both.required_words.insert(both.required_words.end(), b.required_words.begin(), b.required_words.end());
  }
  return both;
}

bool satisfiable(const Allowed& allowed) {
  switch (allowed.kind) {
    case Allowed::Kind::number:
      return !allowed.numbers.empty() &&
             std::all_of(allowed.required_numbers.begin(), allowed.required_numbers.end(),
                         [&](double value) { return allowed.numbers.contains(value); });
    case Allowed::Kind::word:
      return !allowed.words.empty() &&
             std::all_of(allowed.required_words.begin(), allowed.required_words.end(),
                         [&](const std::string& word) { return allowed.words.contains(word); });
    case Allowed::Kind::none: return true;
  }
  return true;
}

} // namespace intentctl
