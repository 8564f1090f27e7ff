#include "conflicts/allowed.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/target_kind.hpp"

namespace intentctl {

namespace {

Allowed nothing_comparable(std::string why) {
  Allowed allowed;
  allowed.why_not = std::move(why);
  return allowed;
}

std::size_t values_taken(Condition condition) {
  if (takes_range(condition)) return 2;
  if (takes_set(condition)) return 0; // any number
  return 1;
}

SpanSet span_of(const Interval& interval) {
  return SpanSet::of(
      {Span{interval.low ? interval.low->value : -kInfinity, interval.high ? interval.high->value : kInfinity,
            interval.low && interval.low->inclusive, interval.high && interval.high->inclusive}});
}

Allowed numbers_allowed(const Target& target, const std::vector<const Quantity*>& quantities) {
  Allowed allowed;
  allowed.kind = Allowed::Kind::number;
  // The reader brought a range's ends to one unit; a set's values must share one too.
  const Quantity& first = *quantities.front();
  allowed.dimension = dimension_of(first);
  allowed.unit_word = allowed.dimension ? "" : first.unit;
  for (const Quantity* quantity : quantities)
    if (quantity->unit != first.unit && (dimension_of(*quantity) != allowed.dimension || !allowed.dimension))
      return nothing_comparable(fmt::format("its values are in units that do not compare ({} and {})",
                                            quantity_text(first), quantity_text(*quantity)));
  if (const auto interval = allowed_interval(target)) {
    allowed.numbers = span_of(*interval);
    return allowed;
  }
  SpanSet points;
  std::vector<double> values;
  for (const Quantity* quantity : quantities) {
    values.push_back(base_value(*quantity));
    points = points.unite(SpanSet::point(values.back()));
  }
  switch (target.condition) {
    case Condition::is_outside_range: allowed.numbers = SpanSet::between(values[0], values[1]).complement(); break;
    case Condition::is_one_of: allowed.numbers = points; break;
    case Condition::is_not_one_of: allowed.numbers = points.complement(); break;
    case Condition::is_all_of:
      allowed.numbers = SpanSet::all();
      allowed.required_numbers = values;
      break;
    default: return nothing_comparable(fmt::format("{} does not compare these values", to_3gpp(target.condition)));
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

std::string Allowed::comparable_key() const {
  if (kind == Kind::word) return "\x01words";
  if (dimension) return fmt::format("\x02{}", static_cast<int>(*dimension));
  return unit_word.empty() ? "" : "\x03" + unit_word;
}

Allowed allowed_by(const Target& target) {
  const auto& values = target.range.values;
  const std::size_t wanted = values_taken(target.condition);
  if (values.empty() || (wanted != 0 && values.size() != wanted))
    return nothing_comparable(fmt::format("{} takes {} value{}, it has {}", to_3gpp(target.condition), wanted,
                                          wanted == 1 ? "" : "s", values.size()));
  std::vector<const Quantity*> quantities; // into values, or into parsed
  std::vector<Quantity> parsed;
  parsed.reserve(values.size()); // never moves: quantities point into it
  std::vector<std::string> words;
  for (const Value& value : values) {
    if (const auto* flag = std::get_if<bool>(&value)) {
      words.emplace_back(*flag ? "true" : "false");
    } else if (const auto* quantity = std::get_if<Quantity>(&value)) {
      quantities.push_back(quantity);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      // "5000" in quotes is still the number 5000 here.
      if (auto number = parse_quantity(*text)) quantities.push_back(&parsed.emplace_back(std::move(*number)));
      else words.push_back(*text);
    } else {
      return nothing_comparable(fmt::format("its value is {} ({})", value_kind(value), value_text(value)));
    }
  }
  if (!quantities.empty() && !words.empty()) return nothing_comparable("its values mix numbers and words");
  if (!words.empty()) return words_allowed(target.condition, std::move(words));
  if (parsed.empty()) return numbers_allowed(target, quantities);
  // Numbers written as strings: the same target with them read as quantities.
  Target numbers = target;
  numbers.range.values.clear();
  for (const Quantity* quantity : quantities) numbers.range.values.emplace_back(*quantity);
  return numbers_allowed(numbers, quantities);
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
      return !allowed.numbers.empty() && std::all_of(allowed.required_numbers.begin(), allowed.required_numbers.end(),
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
