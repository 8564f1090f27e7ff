#include "model/condition.hpp"

#include <array>

namespace intentctl {

namespace {

struct Spellings {
  Condition condition;
  std::string_view gpp;
  std::string_view seed;
  std::string_view symbol;
  std::array<std::string_view, 8> others;
};

// One row per condition, every vocabulary in a row (docs/model.md, "Conditions").
constexpr Spellings table[] = {
    {Condition::is_less_than, "IS_LESS_THAN", "LESS_THAN", "<", {"lessThan", "quan:smaller", "smaller", "lt", "LT"}},
    {Condition::is_equal_to_or_less_than,
     "IS_EQUAL_TO_OR_LESS_THAN",
     "LESS_THAN_OR_EQUAL",
     "<=",
     {"lessThanOrEqual", "quan:atMost", "icm:atMost", "atMost", "le", "LE", "LESS_THAN_OR_EQUAL_TO"}},
    {Condition::is_greater_than,
     "IS_GREATER_THAN",
     "GREATER_THAN",
     ">",
     {"greaterThan", "quan:greater", "quan:larger", "greater", "larger", "gt", "GT"}},
    {Condition::is_equal_to_or_greater_than,
     "IS_EQUAL_TO_OR_GREATER_THAN",
     "GREATER_THAN_OR_EQUAL",
     ">=",
     {"greaterThanOrEqual", "quan:atLeast", "icm:atLeast", "atLeast", "ge", "GE", "GREATER_THAN_OR_EQUAL_TO"}},
    {Condition::is_equal_to,
     "IS_EQUAL_TO",
     "EQUAL",
     "=",
     {"==", "equalTo", "quan:exactly", "exactly", "EQUAL_TO", "eq", "EQ", "equals"}},
    {Condition::is_within_range,
     "IS_WITHIN_RANGE",
     "WITHIN_RANGE",
     "between",
     {"BETWEEN", "quan:inRange", "inRange", "withinRange"}},
    {Condition::is_outside_range,
     "IS_OUTSIDE_RANGE",
     "OUTSIDE_RANGE",
     "outside",
     {"outsideRange", "notBetween", "NOT_BETWEEN", "quan:outOfRange"}},
    {Condition::is_one_of, "IS_ONE_OF", "ONE_OF", "one of", {"oneOf", "in", "IN", "set:oneOf"}},
    {Condition::is_not_one_of, "IS_NOT_ONE_OF", "NOT_ONE_OF", "not one of", {"notOneOf", "notIn", "NOT_IN"}},
    {Condition::is_all_of, "IS_ALL_OF", "ALL_OF", "all of", {"allOf", "set:allOf"}},
};

const Spellings& row(Condition condition) {
  for (const auto& spellings : table)
    if (spellings.condition == condition) return spellings;
  return table[0];
}

} // namespace

std::optional<Condition> parse_condition(std::string_view spelling) {
  for (const auto& spellings : table) {
    if (spelling == spellings.gpp || spelling == spellings.seed || spelling == spellings.symbol)
      return spellings.condition;
    for (auto other : spellings.others)
      if (!other.empty() && spelling == other) return spellings.condition;
  }
  return std::nullopt;
}

std::string_view to_3gpp(Condition condition) { return row(condition).gpp; }
std::string_view to_seed_word(Condition condition) { return row(condition).seed; }
std::string_view to_symbol(Condition condition) { return row(condition).symbol; }

std::string known_condition_words() {
  return "lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, equalTo, between, "
         "<, <=, >, >=, =, IS_LESS_THAN, IS_EQUAL_TO_OR_LESS_THAN, IS_GREATER_THAN, "
         "IS_EQUAL_TO_OR_GREATER_THAN, IS_EQUAL_TO, IS_WITHIN_RANGE, IS_OUTSIDE_RANGE, IS_ONE_OF, "
         "IS_NOT_ONE_OF, IS_ALL_OF, quan:smaller, quan:greater, quan:atLeast, quan:atMost, "
         "quan:inRange, quan:exactly";
}

bool takes_range(Condition condition) {
  return condition == Condition::is_within_range || condition == Condition::is_outside_range;
}

bool takes_set(Condition condition) {
  return condition == Condition::is_one_of || condition == Condition::is_not_one_of ||
         condition == Condition::is_all_of;
}

} // namespace intentctl
