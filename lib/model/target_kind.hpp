// What a target's values are, by the target's name (latency is a duration,
// availability a ratio, subscribers a count, beamforming a boolean, ...), and
// the one check every reader applies to a target: its values against its
// name and condition. The checked values are also what comparisons across
// targets read: numbers in the base unit of their dimension.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/intent.hpp"

namespace intentctl {

enum class ValueType {
  quantity, // a number with a unit of one dimension (a ratio may also be a fraction from 0 to 1)
  count,    // a whole number, without a unit or with a word ("200 UEs")
  boolean,  // true or false
  words,    // one of a few words (an enumeration)
  any,      // a name the table does not know: any 28.312 value the condition can compare
};

struct TargetKind {
  ValueType type = ValueType::any;
  Dimension dimension = Dimension::time; // for quantity
  bool below_zero = false;               // whether negative values make sense
  std::vector<std::string_view> words;   // for words
};

// The kind of a target by its name, compared as normalize_name does
// ("Packet Loss", "packet_loss", "packetLoss"); ValueType::any when unknown.
const TargetKind& target_kind(std::string_view target_name);

// What was expected, for messages: "a duration such as 5ms (ns, us, ms, s, min, h)".
std::string expected_text(const TargetKind& kind);

// What is wrong with a target's values, and at which of them (npos: the
// value range as a whole).
struct ValueProblem {
  static constexpr std::size_t whole = static_cast<std::size_t>(-1);
  std::size_t index = whole;
  std::string message;
};

// Checks a target's values against its name and condition, and settles them:
// a range written as one text ("1-5ms", "between 1 and 5 ms") becomes its two
// ends, the two ends of a range come to one unit, "true"/"false" of a boolean
// target become booleans. condition_spelling is the condition as the input
// wrote it, for messages (empty: its 28.312 name).
std::optional<ValueProblem> settle_target(Target& target, std::string_view condition_spelling = {});

// The count of values a condition takes: two for a range, at least one for a
// set, one otherwise. what names the thing ("target \"latency\"", "context
// \"site\""); nullopt when the count fits.
std::optional<std::string> arity_problem(const ValueRange& range, Condition condition, std::string_view what,
                                         std::string_view condition_spelling = {});

// ---- numbers, for comparing targets --------------------------------------

// A quantity in the base unit of its dimension (1ms -> 0.001, 99.9% -> 0.999);
// a number without a unit, or with a word the table does not know, as it is.
double base_value(const Quantity& quantity);

// The dimension of a quantity's unit; nullopt for no unit or a word.
std::optional<Dimension> dimension_of(const Quantity& quantity);

struct Bound {
  double value; // in the base unit
  bool inclusive;
};

// The numbers a target allows, for the conditions that allow one interval
// (<, <=, >, >=, =, within range) over quantities; nullopt otherwise.
struct Interval {
  std::optional<Bound> low;
  std::optional<Bound> high;
};
std::optional<Interval> allowed_interval(const Target& target);

} // namespace intentctl
