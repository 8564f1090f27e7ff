// A JSON-shaped document tree that remembers where every value came from.
// Both readers (JSON and YAML) produce it, every stage reads its input from it,
// and the writers print it, so positions survive from the file to the error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace intentctl {

struct Mark {
  std::uint32_t line = 0;   // 1-based; 0 = not from a file
  std::uint32_t column = 0; // 1-based, in characters
};

class Node {
 public:
  enum class Type : std::uint8_t { null, boolean, number, string, array, object };
  struct Member;

  Node() = default;
  static Node boolean(bool value, Mark mark = {});
  // text must be a JSON number (the readers check it); kept as written so that
  // 99.9 stays 99.9 and large integers keep every digit.
  static Node number(std::string text, Mark mark = {});
  static Node number(double value, Mark mark = {});
  static Node string(std::string value, Mark mark = {});
  static Node array(Mark mark = {});
  static Node object(Mark mark = {});

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }
  bool is_scalar() const { return type_ != Type::array && type_ != Type::object; }

  // The scalar as text: the string, the number as written, "true"/"false", "null".
  const std::string& text() const { return text_; }
  bool as_bool() const { return text_ == "true"; }
  double as_double() const;

  const std::vector<Node>& items() const { return items_; }
  std::vector<Node>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }
  std::size_t size() const;

  // Object lookup (the first member with that key), nullptr when absent.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  const Member* find_member(std::string_view key) const;

  Node& push(Node value);
  // Appends a member; callers that build documents never repeat a key.
  Node& add(std::string key, Node value, Mark key_mark = {});
  // Replaces the member's value if the key exists, appends otherwise.
  Node& set(std::string key, Node value);

  Mark mark;

 private:
  Type type_ = Type::null;
  std::string text_ = "null";
  std::vector<Node> items_;
  std::vector<Member> members_;
};

struct Node::Member {
  std::string key;
  Mark key_mark;
  Node value;
};

bool operator==(const Node& a, const Node& b);

// "string", "number", "object", ... for messages like "expected string, got array".
std::string_view type_name(Node::Type type);

// Total number of nodes in a tree; used to bound alias expansion.
std::size_t count_nodes(const Node& node);

} // namespace intentctl
