// The ten TS 28.312 conditions and every spelling of them that intentctl reads:
// symbols, the seed tools' words, TM Forum quantity operators, 28.312 itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intentctl {

enum class Condition {
  is_equal_to,
  is_less_than,
  is_greater_than,
  is_within_range,
  is_outside_range,
  is_one_of,
  is_not_one_of,
  is_equal_to_or_less_than,
  is_equal_to_or_greater_than,
  is_all_of,
};

// Any known spelling ("<", "lessThan", "LESS_THAN", "quan:smaller",
// "IS_LESS_THAN", ...) to the condition; nullopt for unknown words.
std::optional<Condition> parse_condition(std::string_view spelling);

std::string_view to_3gpp(Condition condition);      // IS_LESS_THAN
std::string_view to_seed_word(Condition condition); // LESS_THAN, as the seed's bundles say it
std::string_view to_symbol(Condition condition);    // "<", "between", "one of"

// For "unknown condition" messages: the seed words people type most.
std::string known_condition_words();

// Whether the condition compares against two values (a range) or a set.
bool takes_range(Condition condition);
bool takes_set(Condition condition);

} // namespace intentctl
