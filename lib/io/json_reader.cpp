// A small recursive-descent JSON reader. nlohmann_json does not report where a
// value came from, and its depth is unbounded, so positions and limits live here.
#include <array>
#include <string>
#include <unordered_set>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "util/utf8.hpp"

namespace intentctl {

namespace {

// Characters a string may hold as they are: printable ASCII but '"' and '\\'.
constexpr auto plain_in_string = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return table;
}();

class JsonParser {
 public:
  JsonParser(const Source& source, const ReadLimits& limits, ParsedStream& out)
      : source_(source), text_(source.text), limits_(limits), out_(out) {}

  void parse_stream() {
    skip_blank();
    while (pos_ < text_.size()) {
      if (out_.documents.size() >= limits_.max_documents)
        fail(fmt::format("more than {} documents in one stream", limits_.max_documents));
      out_.documents.push_back(parse_value(0));
      skip_blank();
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw input_error(message, location_of(source_, mark())); }

  Mark mark() const { return Mark{line_, column_}; }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= text_.size(); }

  void advance() {
    const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_; // count characters, not UTF-8 continuation bytes
    }
  }

  void skip_blank() {
    while (!at_end()) {
      const char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      advance();
    }
  }

  void expect(char wanted, const char* what) {
    skip_blank();
    if (peek() != wanted) fail(fmt::format("expected {}, found {}", what, describe_here()));
    advance();
  }

  std::string describe_here() const {
    if (at_end()) return "end of input";
    const unsigned char c = static_cast<unsigned char>(peek());
    if (c == 0) return "a NUL byte";
    if (c < 0x20 || c >= 0x80) return fmt::format("byte 0x{:02x}", c);
    return fmt::format("'{}'", static_cast<char>(c));
  }

  Node parse_value(std::uint32_t depth) {
    skip_blank();
    const Mark at = mark();
    switch (peek()) {
      case '{': return parse_object(depth + 1, at);
      case '[': return parse_array(depth + 1, at);
      case '"': return Node::string(parse_string(), at);
      case 't': return parse_literal("true", Node::boolean(true, at));
      case 'f': return parse_literal("false", Node::boolean(false, at));
      case 'n': return parse_literal("null", Node{});
      default: break;
    }
    const char c = peek();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(at);
    fail(fmt::format("expected a JSON value, found {}", describe_here()));
  }

  void check_depth(std::uint32_t depth) const {
    if (depth > limits_.max_depth) fail(fmt::format("nesting too deep (more than {} levels)", limits_.max_depth));
  }

  Node parse_literal(std::string_view word, Node value) {
    const Mark at = mark();
    if (text_.compare(pos_, word.size(), word) != 0)
      fail(fmt::format("expected a JSON value, found {}", describe_here()));
    for (std::size_t i = 0; i < word.size(); ++i) advance();
    value.mark = at;
    return value;
  }

  Node parse_number(Mark at) {
    const std::size_t start = pos_;
    if (peek() == '-') advance();
    if (peek() == '0') {
      advance();
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') advance();
    } else {
      fail("invalid number: expected a digit");
    }
    if (peek() == '.') {
      advance();
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number: expected a digit after '.'");
      while (peek() >= '0' && peek() <= '9') advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number: expected a digit in the exponent");
      while (peek() >= '0' && peek() <= '9') advance();
    }
    return Node::number(text_.substr(start, pos_ - start), at);
  }

  unsigned parse_hex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else fail("invalid \\u escape: expected four hex digits");
      advance();
    }
    return value;
  }

  std::string parse_string() {
    advance(); // opening quote
    std::string value;
    for (;;) {
      // Runs of plain ASCII (no quote, escape, control or multi-byte character)
      // are copied at once; they hold no newline, so only the column moves.
      std::size_t run = pos_;
      while (run < text_.size() && plain_in_string[static_cast<unsigned char>(text_[run])]) ++run;
      if (run > pos_) {
        value.append(text_, pos_, run - pos_);
        column_ += static_cast<std::uint32_t>(run - pos_);
        pos_ = run;
      }
      if (at_end()) fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        advance();
        return value;
      }
      if (c < 0x20) fail(fmt::format("control character 0x{:02x} in a string (escape it)", c));
      if (c == '\\') {
        advance();
        parse_escape(value);
        continue;
      }
      if (c < 0x80) {
        value.push_back(static_cast<char>(c));
        advance();
        continue;
      }
      const std::size_t length = utf8_sequence_length(text_, pos_);
      if (length == 0) fail("invalid UTF-8 in a string");
      value.append(text_, pos_, length);
      for (std::size_t i = 0; i < length; ++i) advance();
    }
  }

  void parse_escape(std::string& value) {
    const char c = peek();
    if (at_end()) fail("unterminated string");
    advance();
    switch (c) {
      case '"': value.push_back('"'); return;
      case '\\': value.push_back('\\'); return;
      case '/': value.push_back('/'); return;
      case 'b': value.push_back('\b'); return;
      case 'f': value.push_back('\f'); return;
      case 'n': value.push_back('\n'); return;
      case 'r': value.push_back('\r'); return;
      case 't': value.push_back('\t'); return;
      case 'u': break;
      default: fail(fmt::format("invalid escape '\\{}' in a string", c));
    }
    unsigned code = parse_hex4();
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (peek() != '\\') fail("unpaired UTF-16 surrogate in a \\u escape");
      advance();
      if (peek() != 'u') fail("unpaired UTF-16 surrogate in a \\u escape");
      advance();
      const unsigned low = parse_hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired UTF-16 surrogate in a \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      fail("unpaired UTF-16 surrogate in a \\u escape");
    }
    if (code == 0) fail("NUL character (\\u0000) in a string");
    append_utf8(value, code);
  }

  // Items and members collect on a stack shared by all levels and move into
  // their node at the end, exactly sized: growing each node's vector one by
  // one would copy it again and again and leave it up to twice too large.
  template <typename T>
  static void move_from_stack(std::vector<T>& stack, std::size_t start, std::vector<T>& into) {
    into.reserve(stack.size() - start);
    for (std::size_t i = start; i < stack.size(); ++i) into.push_back(std::move(stack[i]));
    stack.resize(start);
  }

  Node parse_array(std::uint32_t depth, Mark at) {
    check_depth(depth);
    advance(); // [
    Node array = Node::array(at);
    skip_blank();
    if (peek() == ']') {
      advance();
      return array;
    }
    const std::size_t start = item_stack_.size();
    for (;;) {
      item_stack_.push_back(parse_value(depth));
      skip_blank();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        move_from_stack(item_stack_, start, array.items());
        return array;
      }
      fail(fmt::format("expected ',' or ']' in an array, found {}", describe_here()));
    }
  }

  // Duplicate keys among the object's members so far (members_[start...]): a
  // look through them is cheapest for the small objects documents are made
  // of; a large object gets a hash set, so that a hostile one with a million
  // keys stays linear.
  Node::Member* seen_before(std::size_t start, const std::string& key, std::unordered_set<std::string>& large) {
    if (member_stack_.size() - start < 16 && large.empty()) {
      for (std::size_t i = start; i < member_stack_.size(); ++i)
        if (member_stack_[i].key == key) return &member_stack_[i];
      return nullptr;
    }
    if (large.empty())
      for (std::size_t i = start; i < member_stack_.size(); ++i) large.insert(member_stack_[i].key);
    if (large.insert(key).second) return nullptr;
    for (std::size_t i = start; i < member_stack_.size(); ++i)
      if (member_stack_[i].key == key) return &member_stack_[i];
    return nullptr;
  }

  Node parse_object(std::uint32_t depth, Mark at) {
    check_depth(depth);
    advance(); // {
    Node object = Node::object(at);
    std::unordered_set<std::string> seen;
    skip_blank();
    if (peek() == '}') {
      advance();
      return object;
    }
    const std::size_t start = member_stack_.size();
    for (;;) {
      skip_blank();
      if (peek() != '"') fail(fmt::format("expected a member name in quotes, found {}", describe_here()));
      const Mark key_mark = mark();
      std::string key = parse_string();
      expect(':', "':' after a member name");
      Node value = parse_value(depth);
      if (Node::Member* earlier = seen_before(start, key, seen)) {
        Location where = location_of(source_, key_mark, key);
        if (limits_.reject_duplicate_keys) throw input_error("duplicate key \"" + key + "\"", where);
        out_.duplicate_keys.push_back({std::move(where), key});
        earlier->value = std::move(value); // the last one wins, where the first one stood
      } else {
        member_stack_.push_back(Node::Member{std::move(key), key_mark, std::move(value)});
      }
      skip_blank();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        move_from_stack(member_stack_, start, object.members());
        return object;
      }
      fail(fmt::format("expected ',' or '}}' in an object, found {}", describe_here()));
    }
  }

  const Source& source_;
  const std::string& text_;
  const ReadLimits& limits_;
  ParsedStream& out_;
  std::vector<Node> item_stack_;
  std::vector<Node::Member> member_stack_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
};

} // namespace

ParsedStream parse_json(const Source& source, const ReadLimits& limits) {
  ParsedStream out;
  JsonParser(source, limits, out).parse_stream();
  return out;
}

} // namespace intentctl
