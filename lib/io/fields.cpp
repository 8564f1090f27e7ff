#include "io/fields.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/control_characters.hpp"

namespace intentctl {

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string path(parent);
  path += '.';
  path += key;
  return path;
}

std::string join_path(std::string_view parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

std::string type_mismatch(Node::Type wanted, const Node& got) {
  return fmt::format("expected {}, got {}", type_name(wanted), type_name(got.type()));
}

Fields::Fields(const Source& source, const Node& node, std::string path)
    : source_(source), node_(node), path_(std::move(path)) {
  if (!node.is_object())
    throw input_error(type_mismatch(Node::Type::object, node), location_of(source, node.mark, path_));
}

const Node* Fields::get(std::string_view key) {
  const Node::Member* member = node_.find_member(key);
  if (!member) return nullptr;
  read_.push_back(member->key);
  return &member->value;
}

const Node& Fields::require(std::string_view key) {
  const Node* value = get(key);
  if (!value) {
    throw input_error(fmt::format("missing required field \"{}\"", key),
                      location_of(source_, node_.mark, join_path(path_, key)));
  }
  return *value;
}

Location Fields::where(std::string_view key) const {
  const Node* value = node_.find(key);
  return location_of(source_, value ? value->mark : node_.mark, join_path(path_, key));
}

void Fields::fail(std::string_view key, const std::string& message) const { throw input_error(message, where(key)); }

void Fields::fail_at(const Node& value, std::string path, const std::string& message) const {
  throw input_error(message, location_of(source_, value.mark, std::move(path)));
}

const Node& Fields::typed(std::string_view key, Node::Type type) {
  const Node& value = *get(key);
  if (value.type() != type) fail(key, type_mismatch(type, value));
  return value;
}

std::optional<std::string> Fields::string(std::string_view key) {
  if (!has(key) || node_.find(key)->is_null()) {
    get(key);
    return std::nullopt;
  }
  return typed(key, Node::Type::string).text();
}

std::string Fields::require_string(std::string_view key) {
  require(key);
  return typed(key, Node::Type::string).text();
}

std::optional<std::string> Fields::name(std::string_view key) {
  auto value = string(key);
  if (value) refuse_control_characters(*value, where(key), "the value");
  return value;
}

std::string Fields::require_name(std::string_view key) {
  std::string value = require_string(key);
  refuse_control_characters(value, where(key), "the value");
  return value;
}

std::optional<std::string> Fields::free_text(std::string_view key) {
  auto value = string(key);
  if (value) refuse_control_characters(*value, where(key), "the value", TextKind::free_text);
  return value;
}

std::optional<double> Fields::number(std::string_view key) {
  if (!has(key)) return std::nullopt;
  return typed(key, Node::Type::number).as_double();
}

std::optional<long> Fields::integer(std::string_view key) {
  if (!has(key)) return std::nullopt;
  const double value = typed(key, Node::Type::number).as_double();
  if (value != std::floor(value) || std::fabs(value) > 9e15) fail(key, "expected an integer");
  return static_cast<long>(value);
}

std::optional<bool> Fields::boolean(std::string_view key) {
  if (!has(key)) return std::nullopt;
  return typed(key, Node::Type::boolean).as_bool();
}

const Node* Fields::array(std::string_view key) {
  if (!has(key) || node_.find(key)->is_null()) {
    get(key);
    return nullptr;
  }
  return &typed(key, Node::Type::array);
}

const Node* Fields::object(std::string_view key) {
  if (!has(key) || node_.find(key)->is_null()) {
    get(key);
    return nullptr;
  }
  return &typed(key, Node::Type::object);
}

std::vector<const Node::Member*> Fields::unread() const {
  std::vector<const Node::Member*> result;
  for (const auto& member : node_.members())
    if (std::find(read_.begin(), read_.end(), std::string_view(member.key)) == read_.end()) result.push_back(&member);
  return result;
}

void Fields::reject_unknown(std::string_view known_list) const {
  const auto extra = unread();
  if (extra.empty()) return;
  const Node::Member& member = *extra.front();
  throw input_error(fmt::format("unknown field \"{}\" (known: {})", member.key, known_list),
                    location_of(source_, member.key_mark, join_path(path_, member.key)));
}

} // namespace intentctl
