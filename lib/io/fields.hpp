// Typed, positioned access to the members of one object, for every reader of
// documents (intents, sites files, mappings, kubeconfigs). A wrong type or a
// missing member becomes an input error at the value's line and column, with
// the JSON path; the members nobody read can be listed afterwards, so readers
// can reject typos or report what they dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/node.hpp"
#include "io/reader.hpp"

namespace intentctl {

// "spec" + "capacity" -> "spec.capacity"; "items" + 3 -> "items[3]".
std::string join_path(std::string_view parent, std::string_view key);
std::string join_path(std::string_view parent, std::size_t index);

class Fields {
 public:
  // Throws an input error unless node is an object.
  Fields(const Source& source, const Node& node, std::string path);

  const Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const Source& source() const { return source_; }

  bool has(std::string_view key) const { return node_.find(key) != nullptr; }
  const Node* get(std::string_view key);
  const Node& require(std::string_view key);

  std::optional<std::string> string(std::string_view key);
  std::string require_string(std::string_view key);
  // A string that can reach a file name, a label, an annotation or a commit
  // message (ids, names, object types): one holding a control character is an
  // input error at its position (io/control_characters.hpp).
  std::optional<std::string> name(std::string_view key);
  std::string require_name(std::string_view key);
  // Free text (a userLabel): tabs and line breaks allowed, other control characters not.
  std::optional<std::string> free_text(std::string_view key);
  std::optional<double> number(std::string_view key);
  std::optional<long> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  // An optional array; each element handed back with its path.
  const Node* array(std::string_view key);
  const Node* object(std::string_view key);

  // Keys present but never asked for, in document order.
  std::vector<const Node::Member*> unread() const;
  // Throws on the first unread key: "unknown field "x" (known: a, b, c)".
  void reject_unknown(std::string_view known_list) const;

  Location where(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_at(const Node& value, std::string path, const std::string& message) const;

 private:
  const Node& typed(std::string_view key, Node::Type type);

  const Source& source_;
  const Node& node_;
  std::string path_;
  std::vector<std::string_view> read_;
};

// "expected string, got array"
std::string type_mismatch(Node::Type wanted, const Node& got);

} // namespace intentctl
