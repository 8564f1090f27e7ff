#include "io/node.hpp"

#include <fmt/format.h>
#include <charconv>
#include <cstdlib>

namespace intentctl {

Node Node::boolean(bool value, Mark mark) {
  Node node;
  node.type_ = Type::boolean;
  node.text_ = value ? "true" : "false";
  node.mark = mark;
  return node;
}

Node Node::number(std::string text, Mark mark) {
  Node node;
  node.type_ = Type::number;
  node.text_ = std::move(text);
  node.mark = mark;
  return node;
}

Node Node::number(double value, Mark mark) {
  // Shortest text that reads back as the same double; integers print without ".0".
  return number(fmt::format("{}", value), mark);
}

Node Node::string(std::string value, Mark mark) {
  Node node;
  node.type_ = Type::string;
  node.text_ = std::move(value);
  node.mark = mark;
  return node;
}

Node Node::array(Mark mark) {
  Node node;
  node.type_ = Type::array;
  node.text_.clear();
  node.mark = mark;
  return node;
}

Node Node::object(Mark mark) {
  Node node;
  node.type_ = Type::object;
  node.text_.clear();
  node.mark = mark;
  return node;
}

double Node::as_double() const { return std::strtod(text_.c_str(), nullptr); }

std::size_t Node::size() const {
  if (type_ == Type::array) return items_.size();
  if (type_ == Type::object) return members_.size();
  return 0;
}

const Node::Member* Node::find_member(std::string_view key) const {
  for (const auto& member : members_)
    if (member.key == key) return &member;
  return nullptr;
}

const Node* Node::find(std::string_view key) const {
  const Member* member = find_member(key);
  return member ? &member->value : nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& member : members_)
    if (member.key == key) return &member.value;
  return nullptr;
}

Node& Node::push(Node value) {
  items_.push_back(std::move(value));
  return items_.back();
}

Node& Node::add(std::string key, Node value, Mark key_mark) {
  members_.push_back(Member{std::move(key), key_mark, std::move(value)});
  return members_.back().value;
}

Node& Node::set(std::string key, Node value) {
  if (Node* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  return add(std::move(key), std::move(value));
}

bool operator==(const Node& a, const Node& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Node::Type::array: return a.items() == b.items();
    case Node::Type::object: {
      if (a.members().size() != b.members().size()) return false;
      for (std::size_t i = 0; i < a.members().size(); ++i) {
        const auto& x = a.members()[i];
        const auto& y = b.members()[i];
        if (x.key != y.key || !(x.value == y.value)) return false;
      }
      return true;
    }
    case Node::Type::number: return a.text() == b.text() || a.as_double() == b.as_double();
    default: return a.text() == b.text();
  }
}

std::string_view type_name(Node::Type type) {
  switch (type) {
    case Node::Type::null: return "null";
    case Node::Type::boolean: return "boolean";
    case Node::Type::number: return "number";
    case Node::Type::string: return "string";
    case Node::Type::array: return "array";
    case Node::Type::object: return "object";
  }
  return "value";
}

std::size_t count_nodes(const Node& node) {
  std::size_t total = 1;
  for (const auto& item : node.items()) total += count_nodes(item);
  for (const auto& member : node.members()) total += count_nodes(member.value);
  return total;
}

} // namespace intentctl
