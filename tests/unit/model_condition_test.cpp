// Every spelling of the ten 28.312 conditions, and what each is written as.
#include <doctest/doctest.h>

#include "model/condition.hpp"

using namespace intentctl;

namespace {

struct Spelling {
  const char* word;
  Condition condition;
};

// docs/model.md's table, row by row: symbols, the seed tools' words, TM Forum
// quantity operators, 28.312 itself, and the other spellings seen in the wild.
const Spelling spellings[] = {
    {"IS_LESS_THAN", Condition::is_less_than},
    {"LESS_THAN", Condition::is_less_than},
    {"<", Condition::is_less_than},
    {"lessThan", Condition::is_less_than},
    {"quan:smaller", Condition::is_less_than},
    {"smaller", Condition::is_less_than},
    {"lt", Condition::is_less_than},
    {"LT", Condition::is_less_than},
    {"IS_EQUAL_TO_OR_LESS_THAN", Condition::is_equal_to_or_less_than},
    {"LESS_THAN_OR_EQUAL", Condition::is_equal_to_or_less_than},
    {"<=", Condition::is_equal_to_or_less_than},
    {"lessThanOrEqual", Condition::is_equal_to_or_less_than},
    {"quan:atMost", Condition::is_equal_to_or_less_than},
    {"icm:atMost", Condition::is_equal_to_or_less_than},
    {"atMost", Condition::is_equal_to_or_less_than},
    {"le", Condition::is_equal_to_or_less_than},
    {"LE", Condition::is_equal_to_or_less_than},
    {"LESS_THAN_OR_EQUAL_TO", Condition::is_equal_to_or_less_than},
    {"IS_GREATER_THAN", Condition::is_greater_than},
    {"GREATER_THAN", Condition::is_greater_than},
    {">", Condition::is_greater_than},
    {"greaterThan", Condition::is_greater_than},
    {"quan:greater", Condition::is_greater_than},
    {"quan:larger", Condition::is_greater_than},
    {"greater", Condition::is_greater_than},
    {"larger", Condition::is_greater_than},
    {"gt", Condition::is_greater_than},
    {"GT", Condition::is_greater_than},
    {"IS_EQUAL_TO_OR_GREATER_THAN", Condition::is_equal_to_or_greater_than},
    {"GREATER_THAN_OR_EQUAL", Condition::is_equal_to_or_greater_than},
    {">=", Condition::is_equal_to_or_greater_than},
    {"greaterThanOrEqual", Condition::is_equal_to_or_greater_than},
    {"quan:atLeast", Condition::is_equal_to_or_greater_than},
    {"icm:atLeast", Condition::is_equal_to_or_greater_than},
    {"atLeast", Condition::is_equal_to_or_greater_than},
    {"ge", Condition::is_equal_to_or_greater_than},
    {"GE", Condition::is_equal_to_or_greater_than},
    {"GREATER_THAN_OR_EQUAL_TO", Condition::is_equal_to_or_greater_than},
    {"IS_EQUAL_TO", Condition::is_equal_to},
    {"EQUAL", Condition::is_equal_to},
    {"=", Condition::is_equal_to},
    {"==", Condition::is_equal_to},
    {"equalTo", Condition::is_equal_to},
    {"quan:exactly", Condition::is_equal_to},
    {"exactly", Condition::is_equal_to},
    {"EQUAL_TO", Condition::is_equal_to},
    {"eq", Condition::is_equal_to},
    {"EQ", Condition::is_equal_to},
    {"equals", Condition::is_equal_to},
    {"IS_WITHIN_RANGE", Condition::is_within_range},
    {"WITHIN_RANGE", Condition::is_within_range},
    {"between", Condition::is_within_range},
    {"BETWEEN", Condition::is_within_range},
    {"quan:inRange", Condition::is_within_range},
    {"inRange", Condition::is_within_range},
    {"withinRange", Condition::is_within_range},
    {"IS_OUTSIDE_RANGE", Condition::is_outside_range},
    {"OUTSIDE_RANGE", Condition::is_outside_range},
    {"outside", Condition::is_outside_range},
    {"outsideRange", Condition::is_outside_range},
    {"notBetween", Condition::is_outside_range},
    {"NOT_BETWEEN", Condition::is_outside_range},
    {"quan:outOfRange", Condition::is_outside_range},
    {"IS_ONE_OF", Condition::is_one_of},
    {"ONE_OF", Condition::is_one_of},
    {"one of", Condition::is_one_of},
    {"oneOf", Condition::is_one_of},
    {"in", Condition::is_one_of},
    {"IN", Condition::is_one_of},
    {"set:oneOf", Condition::is_one_of},
    {"IS_NOT_ONE_OF", Condition::is_not_one_of},
    {"NOT_ONE_OF", Condition::is_not_one_of},
    {"not one of", Condition::is_not_one_of},
    {"notOneOf", Condition::is_not_one_of},
    {"notIn", Condition::is_not_one_of},
    {"NOT_IN", Condition::is_not_one_of},
    {"IS_ALL_OF", Condition::is_all_of},
    {"ALL_OF", Condition::is_all_of},
    {"all of", Condition::is_all_of},
    {"allOf", Condition::is_all_of},
    {"set:allOf", Condition::is_all_of},
};

struct Written {
  Condition condition;
  const char* gpp;
  const char* seed;
};

const Written written[] = {
    {Condition::is_equal_to, "IS_EQUAL_TO", "EQUAL"},
    {Condition::is_less_than, "IS_LESS_THAN", "LESS_THAN"},
    {Condition::is_greater_than, "IS_GREATER_THAN", "GREATER_THAN"},
    {Condition::is_within_range, "IS_WITHIN_RANGE", "WITHIN_RANGE"},
    {Condition::is_outside_range, "IS_OUTSIDE_RANGE", "OUTSIDE_RANGE"},
    {Condition::is_one_of, "IS_ONE_OF", "ONE_OF"},
    {Condition::is_not_one_of, "IS_NOT_ONE_OF", "NOT_ONE_OF"},
    {Condition::is_equal_to_or_less_than, "IS_EQUAL_TO_OR_LESS_THAN", "LESS_THAN_OR_EQUAL"},
    {Condition::is_equal_to_or_greater_than, "IS_EQUAL_TO_OR_GREATER_THAN", "GREATER_THAN_OR_EQUAL"},
    {Condition::is_all_of, "IS_ALL_OF", "ALL_OF"},
};

} // namespace

TEST_CASE("every condition spelling reads as its 28.312 condition") {
  for (const auto& spelling : spellings) {
    CAPTURE(spelling.word);
    const auto condition = parse_condition(spelling.word);
    REQUIRE(condition);
    CHECK(*condition == spelling.condition);
  }
}

TEST_CASE("each of the ten conditions is written as 28.312 and as the seed's bundles spell it") {
  for (const auto& row : written) {
    CAPTURE(row.gpp);
    CHECK(to_3gpp(row.condition) == row.gpp);
    CHECK(to_seed_word(row.condition) == row.seed);
    CHECK(parse_condition(row.gpp) == row.condition); // round trip
    CHECK(parse_condition(to_symbol(row.condition)) == row.condition);
  }
  CHECK(takes_range(Condition::is_within_range));
  CHECK(takes_range(Condition::is_outside_range));
  CHECK(takes_set(Condition::is_one_of));
  CHECK(takes_set(Condition::is_not_one_of));
  CHECK(takes_set(Condition::is_all_of));
  CHECK_FALSE(takes_range(Condition::is_less_than));
  CHECK_FALSE(takes_set(Condition::is_equal_to));
}

TEST_CASE("unknown condition words are not guessed") {
  for (const char* word : {"roughlyAround", "", "less", "LESSTHAN", "is_less_than", "quan:below", "notEqual", "!="}) {
    CAPTURE(word);
    CHECK_FALSE(parse_condition(word));
  }
  CHECK(known_condition_words().find("lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, equalTo, between") ==
        0);
}
