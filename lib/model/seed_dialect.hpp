// The seed Go function's expectation dialect:
//   {intentExpectationId, intentExpectationType,
//    intentExpectationContext{contextAttribute, contextCondition, contextValueRange},
//    intentExpectationTarget{targetAttribute, targetCondition, targetValue},
//    intentExpectationObject{objectType, objectInstance}}
// read into the canonical 28.312 Expectation. The context and the target may also
// be lists (the seed took one of each; nothing here is dropped). The dialect's
// intentExpectationType has no 28.312 field, so it travels as an expectation
// context named kExpectationTypeContext: re-rendering the canonical JSON gives
// the same bundle.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/intent_io.hpp"

namespace intentctl {

inline constexpr std::string_view kExpectationTypeContext = "expectationType";

bool is_seed_expectation(const Node& document);

// A missing intentExpectationType or intentExpectationContext is an error, as
// in the seed's function; with lax_warnings, a warning kept there instead.
Expectation read_seed_expectation(const Source& source, const Node& node, const std::string& path,
                                  std::vector<DeltaEntry>& delta, std::vector<DeltaEntry>* lax_warnings = nullptr);

// The expectationType the expectation carries (see above), or "" when none.
std::string carried_expectation_type(const Expectation& expectation);

} // namespace intentctl
