// Reading the status of Kubernetes objects as served: members that may be
// missing or of another type, int64 numbers, conditions by type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/node.hpp"

namespace intentctl::status_fields {

// The member of an object; nullptr when node is no object or lacks it.
const Node* member(const Node* node, std::string_view key);
// A scalar member as text; "" when missing, null or not a scalar.
std::string text(const Node* node, std::string_view key);
// A number member within Kubernetes' int64; nullopt otherwise.
std::optional<long> integer(const Node* node, std::string_view key);
// The entry of status.conditions (status is the status object) with this type.
const Node* condition(const Node* status, std::string_view type);
// Whether a condition is there with status "True".
bool is_true(const Node* condition);
// "Reason: message" of a condition, either part left out when empty.
std::string condition_text(const Node* condition);

} // namespace intentctl::status_fields
