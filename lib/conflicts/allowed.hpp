// What one expectation target allows, in the base unit of its dimension, so
// that targets written in different units compare: IS_LESS_THAN 1 ms and
// IS_GREATER_THAN 500 us are (-inf, 0.001) and (0.0005, inf) seconds; 99.9 %
// and 0.999 are one fraction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conflicts/span.hpp"
#include "model/intent.hpp"
#include "model/units.hpp"

namespace intentctl {

struct Allowed {
  enum class Kind { number, word, none };
  Kind kind = Kind::none;
  // Numbers: the dimension of their unit in the units table; without one, the
  // word their unit is ("5 subscribers"), or "" for plain numbers (which
  // compare with ratios as a fraction and with counts of any word).
  std::optional<Dimension> dimension;
  std::string unit_word;
  SpanSet numbers;                      // Kind::number, in the dimension's base unit
  std::vector<double> required_numbers; // IS_ALL_OF: each must be among the values
  WordSet words;                        // Kind::word
  std::vector<std::string> required_words;
  std::string why_not; // Kind::none: why the target cannot be compared with others

  // What it compares with: targets of one key compare ("" for plain numbers).
  std::string comparable_key() const;
};

// The set a target's condition and values allow (the intervals of
// model/target_kind's allowed_interval, and the sets, complements and
// IS_ALL_OF lists it does not cover). A target that cannot be compared (a
// GeoArea, a structured value, units of two dimensions) is Kind::none with
// the reason; a range whose low end is above its high end allows nothing
// (satisfiable() is false).
Allowed allowed_by(const Target& target);

// Both at once (same kind and dimension): the values both allow, every value either requires.
Allowed meet(const Allowed& a, const Allowed& b);
// Whether some value (or set of values, for IS_ALL_OF) satisfies it.
bool satisfiable(const Allowed& allowed);

} // namespace intentctl
