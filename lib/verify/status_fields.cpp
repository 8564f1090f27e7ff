#include "verify/status_fields.hpp"

namespace intentctl::status_fields {

const Node* member(const Node* node, std::string_view key) {
  return node && node->is_object() ? node->find(key) : nullptr;
}

std::string text(const Node* node, std::string_view key) {
  const Node* value = member(node, key);
  return value && value->is_scalar() && !value->is_null() ? value->text() : std::string{};
}

std::optional<long> integer(const Node* node, std::string_view key) {
  const Node* value = member(node, key);
  if (!value || !value->is_number()) return std::nullopt;
  const double number = value->as_double();
  if (!(number > -0x1p63 && number < 0x1p63)) return std::nullopt; // beyond Kubernetes' int64: not one
  return static_cast<long>(number);
}

const Node* condition(const Node* status, std::string_view type) {
  const Node* conditions = member(status, "conditions");
  if (!conditions || !conditions->is_array()) return nullptr;
  for (const Node& entry : conditions->items())
    if (text(&entry, "type") == type) return &entry;
  return nullptr;
}

bool is_true(const Node* condition) { return condition && text(condition, "status") == "True"; }

std::string condition_text(const Node* condition) {
  const std::string reason = text(condition, "reason"), message = text(condition, "message");
  return reason + (reason.empty() || message.empty() ? "" : ": ") + message;
}

} // namespace intentctl::status_fields
