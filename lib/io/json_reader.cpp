// A small recursive-descent JSON reader. nlohmann_json does not report where a
// value came from, and its depth is unbounded, so positions and limits live here.
#include <string>
#include <unordered_set>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "io/utf8.hpp"

namespace intentctl {

namespace {

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
  [[noreturn]] void fail(const std::string& message) const {
    throw input_error(message, location_of(source_, mark()));
  }

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
    if (depth > limits_.max_depth)
      fail(fmt::format("nesting too deep (more than {} levels)", limits_.max_depth));
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
      while (run < text_.size()) {
        const unsigned char r = static_cast<unsigned char>(text_[run]);
        if (r == '"' || r == '\\' || r < 0x20 || r >= 0x80) break;
        ++run;
      }
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

  Node parse_array(std::uint32_t depth, Mark at) {
    check_depth(depth);
    advance(); // [
    Node array = Node::array(at);
    skip_blank();
    if (peek() == ']') {
      advance();
      return array;
    }
    for (;;) {
      array.push(parse_value(depth));
      skip_blank();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        return array;
      }
      fail(fmt::format("expected ',' or ']' in an array, found {}", describe_here()));
    }
  }

  // Duplicate keys: a look through the members is cheapest for the small
  // objects documents are made of; a large object gets a hash set, so that a
  // hostile one with a million keys stays linear.
  static bool seen_before(const Node& object, const std::string& key, std::unordered_set<std::string>& large) {
    const auto& members = object.members();
    if (members.size() < 16 && large.empty()) {
      for (const auto& member : members)
        if (member.key == key) return true;
      return false;
    }
    if (large.empty())
      for (const auto& member : members) large.insert(member.key);
    return !large.insert(key).second;
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
    for (;;) {
      skip_blank();
      if (peek() != '"') fail(fmt::format("expected a member name in quotes, found {}", describe_here()));
      const Mark key_mark = mark();
      std::string key = parse_string();
      expect(':', "':' after a member name");
      Node value = parse_value(depth);
      if (seen_before(object, key, seen)) {
        Location where = location_of(source_, key_mark, key);
        if (limits_.reject_duplicate_keys) throw input_error("duplicate key \"" + key + "\"", where);
        out_.duplicate_keys.push_back({std::move(where), key});
        object.set(std::move(key), std::move(value));
      } else {
        object.add(std::move(key), std::move(value), key_mark);
      }
      skip_blank();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        return object;
      }
      fail(fmt::format("expected ',' or '}}' in an object, found {}", describe_here()));
    }
  }

  const Source& source_;
  const std::string& text_;
  const ReadLimits& limits_;
  ParsedStream& out_;
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
