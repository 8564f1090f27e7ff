// The block-subset YAML reader (see yaml_internal.hpp): a line-oriented
// recursive descent over the bytes for the YAML that manifests are made of.
// It builds the same trees, with the same marks, that the libyaml path
// builds, and gives up (GiveUp) on anything it does not know for certain, so
// that libyaml reads those streams, errors included.
#include <cstring>
#include <unordered_set>

#include "io/yaml_internal.hpp"
#include "util/utf8.hpp"

namespace intentctl::yaml_detail {

namespace {

struct GiveUp {};

// Implicit keys longer than this are not keys for libyaml.
constexpr std::size_t kMaxKeyLength = 1024;
// Mappings this small find a repeated key by scanning their members.
constexpr std::size_t kKeyScanLimit = 16;

bool is_space_or_end(const char* p, const char* end) { return p == end || *p == ' ' || *p == '\n'; }

// Everything the subset reads is ASCII without tabs, carriage returns or
// control characters: columns are byte offsets, and libyaml's rules about
// them never come into play.
bool plain_ascii(std::string_view text) {
  // Blocks without an early exit inside, so the compiler can vectorize the test.
  constexpr std::size_t kBlock = 4096;
  for (std::size_t at = 0; at < text.size(); at += kBlock) {
    const std::size_t stop = std::min(text.size(), at + kBlock);
    bool ok = true;
    for (std::size_t i = at; i < stop; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      ok &= (c >= 0x20 && c < 0x7F) || c == '\n';
    }
    if (!ok) return false;
  }
  return true;
}

// Characters that may not start a plain scalar here (flow collections and
// quotes are read before this is asked).
bool refused_plain_start(char c) {
  switch (c) {
    case '&':
    case '*':
    case '!':
    case '%':
    case '@':
    case '`':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '|':
    case '>': return true;
    default: return false;
  }
}

class BlockReader {
 public:
  BlockReader(const Source& source, const ReadLimits& limits)
      : limits_(limits), p_(source.text.data()), end_(source.text.data() + source.text.size()), line_start_(p_) {}

  void run(ParsedStream& out) {
    std::size_t documents = 0;
    bool explicit_start = false;
    bool ended = false; // after "..."
    for (;;) {
      const Line line = significant_line();
      if (line.eof) break;
      if (line.marker == '-') {
        if (!rest_is_blank(line.content + 3)) throw GiveUp{}; // content after "---"
        if (++documents > limits_.max_documents) throw GiveUp{};
        explicit_start = true;
        ended = false;
        p_ = line.content + 3;
        next_line();
        const Line body = significant_line();
        if (body.eof || body.marker) continue; // an empty document
        p_ = body.content;
        document(out, body);
        explicit_start = false;
        continue;
      }
      if (line.marker == '.') { // "...": the end of a document; the next needs its "---"
        if (!rest_is_blank(line.content + 3) || documents == 0) throw GiveUp{}; // libyaml wants a document first
        p_ = line.content + 3;
        next_line();
        ended = true;
        continue;
      }
      if (ended) throw GiveUp{};
      if (!explicit_start && ++documents > limits_.max_documents) throw GiveUp{};
      p_ = line.content;
      document(out, line);
      explicit_start = false;
    }
  }

 private:
  struct Line {
    const char* content = nullptr; // first non-space character
    int indent = 0;
    bool eof = false;
    char marker = 0; // '-' for "---", '.' for "..." at the start of the line
  };

  Mark mark_at(const char* at) const { return Mark{line_, static_cast<std::uint32_t>(at - line_start_ + 1)}; }
  int column_of(const char* at) const { return static_cast<int>(at - line_start_); }

  bool rest_is_blank(const char* q) const {
    while (q != end_ && *q == ' ') ++q;
    if (q == end_ || *q == '\n') return true;
    return *q == '#' && (q[-1] == ' ');
  }

  // Moves past the end of the current line.
  void next_line() {
    const void* newline = std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_));
    if (!newline) {
      p_ = end_;
      return;
    }
    p_ = static_cast<const char*>(newline) + 1;
    line_start_ = p_;
    ++line_;
  }

  // From the start of a line: skips blank and comment lines, and describes the
  // next line with content without moving past it.
  Line significant_line() {
    for (;;) {
      if (p_ == end_) return Line{nullptr, 0, true, 0};
      const char* q = p_;
      while (q != end_ && *q == ' ') ++q;
      if (q == end_) {
        p_ = end_;
        return Line{nullptr, 0, true, 0};
      }
      if (*q == '\n' || *q == '#') {
        next_line();
        continue;
      }
      Line line{q, static_cast<int>(q - p_), false, 0};
      if (line.indent == 0 && end_ - q >= 3 && (std::memcmp(q, "---", 3) == 0 || std::memcmp(q, "...", 3) == 0) &&
          is_space_or_end(q + 3, end_))
        line.marker = *q;
      if (line.indent == 0 && (*q == '%')) throw GiveUp{}; // directives
      return line;
    }
  }

  // After a value on the current line: only spaces and a comment may follow.
  void finish_line() {
    while (p_ != end_ && *p_ == ' ') ++p_;
    if (p_ != end_ && *p_ != '\n') {
      if (*p_ != '#' || p_[-1] != ' ') throw GiveUp{};
    }
    next_line();
  }

  void document(ParsedStream& out, const Line& first) {
    Node root = block_node(first.indent - 1, 0);
    const Line after = significant_line();
    if (!after.eof && !after.marker) throw GiveUp{};
    if (!root.is_null()) out.documents.push_back(std::move(root));
  }

  void deeper(std::size_t depth) const {
    if (depth + 1 > limits_.max_depth) throw GiveUp{};
  }

  // A node that starts at p_ (the first character of a line's content, or
  // after "- "); parent_indent is the indentation it must exceed.
  Node block_node(int parent_indent, std::size_t depth) {
    const char c = *p_;
    if (c == '-' && is_space_or_end(p_ + 1, end_)) return block_sequence(column_of(p_), depth);
    if (c == '|' || c == '>') return block_scalar(parent_indent);
    if (c == '[' || c == '{') {
      Node node = flow_node(depth);
      const char* after = p_;
      while (after != end_ && *after == ' ') ++after;
      if (after != end_ && *after == ':') throw GiveUp{}; // a flow collection as a key
      finish_line();
      return node;
    }
    const char* start = p_;
    std::string text;
    bool plain = false;
    scalar_on_line(text, plain, true);
    if (key_follows()) {
      p_ = start;
      return block_mapping(column_of(start), depth);
    }
    Node node = resolve_scalar(std::move(text), {}, plain, mark_at(start));
    finish_line();
    return node;
  }

  // Whether ":" and a space (or the end of the line) follow, after spaces.
  bool key_follows() const {
    const char* q = p_;
    while (q != end_ && *q == ' ') ++q;
    return q != end_ && *q == ':' && is_space_or_end(q + 1, end_);
  }

  // A one-line scalar at p_ in block context: quoted, or plain up to ": ",
  // " #" or the end of the line. Leaves p_ after it.
  void scalar_on_line(std::string& text, bool& plain, bool may_be_key) {
    const char c = *p_;
    if (c == '"' || c == '\'') {
      plain = false;
      quoted(text);
      return;
    }
    plain = true;
    if (refused_plain_start(c) || (c == '-' && is_space_or_end(p_ + 1, end_))) throw GiveUp{};
    const char* start = p_;
    const char* q = p_;
    while (q != end_ && *q != '\n') {
      if (*q == ':' && is_space_or_end(q + 1, end_)) break;
      if (*q == '#' && q[-1] == ' ') break;
      ++q;
    }
    const char* stop = q;
    while (stop > start && stop[-1] == ' ') --stop;
    if (!may_be_key && q != end_ && *q == ':') throw GiveUp{}; // "a: b: c"
    text.assign(start, stop);
    p_ = stop;
  }

  void quoted(std::string& text) {
    const char quote = *p_++;
    for (;;) {
      if (p_ == end_ || *p_ == '\n') throw GiveUp{}; // quoted scalars over several lines
      const char c = *p_;
      if (c == quote) {
        if (quote == '\'' && p_ + 1 != end_ && p_[1] == '\'') {
          text.push_back('\'');
          p_ += 2;
          continue;
        }
        ++p_;
        return;
      }
      if (c == '\\' && quote == '"') {
        escape(text);
        continue;
      }
      const char* run = p_;
      while (p_ != end_ && *p_ != quote && *p_ != '\n' && !(*p_ == '\\' && quote == '"')) ++p_;
      text.append(run, p_);
    }
  }

  unsigned hex(int digits) {
    if (end_ - p_ < digits) throw GiveUp{};
    unsigned value = 0;
    for (int i = 0; i < digits; ++i) {
      const char c = *p_++;
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else throw GiveUp{};
    }
    return value;
  }

  void escape(std::string& text) {
    ++p_; // the backslash
    if (p_ == end_) throw GiveUp{};
    const char c = *p_++;
    switch (c) {
      case '0': text.push_back('\0'); return;
      case 'a': text.push_back('\a'); return;
      case 'b': text.push_back('\b'); return;
      case 't': text.push_back('\t'); return;
      case 'n': text.push_back('\n'); return;
      case 'v': text.push_back('\v'); return;
      case 'f': text.push_back('\f'); return;
      case 'r': text.push_back('\r'); return;
      case 'e': text.push_back('\x1b'); return;
      case ' ': text.push_back(' '); return;
      case '"': text.push_back('"'); return;
      case '/': text.push_back('/'); return;
      case '\\': text.push_back('\\'); return;
      case 'x': code_point(text, hex(2)); return;
      case 'u': code_point(text, hex(4)); return;
      case 'U': code_point(text, hex(8)); return;
      default: throw GiveUp{}; // \N, \_, \L, \P, line breaks: libyaml knows them
    }
  }

  static void code_point(std::string& text, unsigned value) {
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) throw GiveUp{};
    append_utf8(text, value);
  }

  Node block_mapping(int indent, std::size_t depth) {
    deeper(depth);
    Node mapping = Node::object(mark_at(p_));
    const std::size_t first = member_stack_.size();
    std::unordered_set<std::string> many_keys;
    for (;;) {
      const char* key_start = p_;
      std::string key;
      bool plain = false;
      scalar_on_line(key, plain, true);
      if (!key_follows() || static_cast<std::size_t>(p_ - key_start) > kMaxKeyLength) throw GiveUp{};
      if (plain && key == "<<") throw GiveUp{}; // merge keys
      if (plain && may_not_be_string(key)) key = resolve_scalar(std::move(key), {}, true, {}).text();
      if (repeated(first, many_keys, key)) throw GiveUp{}; // libyaml reports (or keeps) repeats
      const Mark key_mark = mark_at(key_start);
      while (*p_ == ' ') ++p_;
      ++p_; // ':'
      Node value = mapping_value(indent, depth);
      member_stack_.push_back(Node::Member{std::move(key), key_mark, std::move(value)});
      const Line next = significant_line();
      if (next.eof || next.marker || next.indent < indent) break;
      if (next.indent > indent) throw GiveUp{};
      p_ = next.content;
      if (*p_ == '-' && is_space_or_end(p_ + 1, end_)) throw GiveUp{}; // a sequence entry where a key belongs
    }
    move_from_stack(member_stack_, first, mapping.members());
    return mapping;
  }

  // Items and members collect on stacks shared by all levels, then move into
  // their node at its exact size.
  template <typename T>
  static void move_from_stack(std::vector<T>& stack, std::size_t first, std::vector<T>& into) {
    into.reserve(stack.size() - first);
    for (std::size_t i = first; i < stack.size(); ++i) into.push_back(std::move(stack[i]));
    stack.resize(first);
  }

  // Whether key is among the members collected since first.
  bool repeated(std::size_t first, std::unordered_set<std::string>& many_keys, const std::string& key) const {
    if (member_stack_.size() - first < kKeyScanLimit) {
      for (std::size_t i = first; i < member_stack_.size(); ++i)
        if (member_stack_[i].key == key) return true;
      return false;
    }
    if (many_keys.empty())
      for (std::size_t i = first; i < member_stack_.size(); ++i) many_keys.insert(member_stack_[i].key);
    return !many_keys.insert(key).second;
  }

  // The value after "key:" (p_ just past the colon).
  Node mapping_value(int indent, std::size_t depth) {
    const Mark after_colon = mark_at(p_);
    while (p_ != end_ && *p_ == ' ') ++p_;
    if (p_ == end_ || *p_ == '\n' || *p_ == '#') {
      if (p_ != end_ && *p_ == '#' && p_[-1] != ' ') throw GiveUp{};
      next_line();
      // p_ stays at the start of the next line unless the value is there.
      const Line next = significant_line();
      if (next.eof || next.marker || next.indent < indent) return null_at(after_colon);
      if (next.indent == indent) {
        if (!(*next.content == '-' && is_space_or_end(next.content + 1, end_))) return null_at(after_colon);
        p_ = next.content;
        return block_sequence(indent, depth + 1); // an indentless sequence
      }
      p_ = next.content;
      return block_node(indent, depth + 1);
    }
    const char c = *p_;
    if (c == '|' || c == '>') return block_scalar(indent);
    if (c == '[' || c == '{') {
      Node node = flow_node(depth + 1);
      finish_line();
      return node;
    }
    const char* start = p_;
    std::string text;
    bool plain = false;
    scalar_on_line(text, plain, false);
    if (key_follows()) throw GiveUp{}; // "a: b: c" or a quoted key on a value's line
    Node node = resolve_scalar(std::move(text), {}, plain, mark_at(start));
    finish_line();
    return node;
  }

  static Node null_at(Mark mark) {
    Node node;
    node.mark = mark;
    return node;
  }

  Node block_sequence(int indent, std::size_t depth) {
    deeper(depth);
    Node sequence = Node::array(mark_at(p_));
    const std::size_t first = item_stack_.size();
    for (;;) {
      ++p_; // '-'
      while (p_ != end_ && *p_ == ' ') ++p_;
      if (p_ == end_ || *p_ == '\n' || *p_ == '#') {
        if (p_ != end_ && *p_ == '#' && p_[-1] != ' ') throw GiveUp{};
        next_line();
        const Line next = significant_line();
        if (next.eof || next.marker || next.indent <= indent) throw GiveUp{}; // an empty entry
        p_ = next.content;
        Node item = block_node(indent, depth + 1);
        item_stack_.push_back(std::move(item));
      } else {
        Node item = block_node(indent, depth + 1);
        item_stack_.push_back(std::move(item));
      }
      const Line next = significant_line();
      if (next.eof || next.marker || next.indent < indent) break;
      if (next.indent > indent) throw GiveUp{};
      // Not an entry: the mapping around an indentless sequence goes on (p_
      // stays at the start of that line for it).
      if (!(*next.content == '-' && is_space_or_end(next.content + 1, end_))) break;
      p_ = next.content;
    }
    move_from_stack(item_stack_, first, sequence.items());
    return sequence;
  }

  // "|", "|-" or "|+" and the lines more indented than parent_indent.
  Node block_scalar(int parent_indent) {
    const Mark mark = mark_at(p_);
    if (*p_ == '>') throw GiveUp{}; // folding: libyaml's
    ++p_;
    char chomping = 0;
    if (p_ != end_ && (*p_ == '-' || *p_ == '+')) chomping = *p_++;
    if (p_ != end_ && *p_ >= '0' && *p_ <= '9') throw GiveUp{}; // explicit indentation
    if (p_ != end_ && *p_ != ' ' && *p_ != '\n') throw GiveUp{};
    finish_line();

    // The first line with content sets the indentation; blank lines before it
    // may not be longer.
    int indent = -1;
    std::size_t longest_blank = 0;
    for (const char* q = p_; q != end_;) {
      const char* s = q;
      while (s != end_ && *s == ' ') ++s;
      if (s == end_) break;
      if (*s != '\n') {
        indent = static_cast<int>(s - q);
        break;
      }
      longest_blank = std::max(longest_blank, static_cast<std::size_t>(s - q));
      q = s + 1;
    }
    if (indent <= parent_indent || static_cast<int>(longest_blank) > indent) throw GiveUp{}; // empty, or libyaml's case

    if (indent < 1) throw GiveUp{};

    std::string text;
    std::size_t breaks = 0; // line breaks seen since the last content, not yet in text
    bool content = false;
    while (p_ != end_) {
      const char* s = p_;
      while (s != end_ && *s == ' ') ++s;
      const int spaces = static_cast<int>(s - p_);
      if (s == end_ || *s == '\n') { // a line of spaces: an empty line, unless longer than the indentation
        if (spaces > indent) throw GiveUp{};
        if (s == end_) {
          p_ = end_;
          break;
        }
        ++breaks;
        p_ = s;
        next_line();
        continue;
      }
      if (spaces < indent) break; // less indented: the scalar has ended
      text.append(breaks, '\n');
      breaks = 0;
      content = true;
      const void* newline = std::memchr(s, '\n', static_cast<std::size_t>(end_ - s));
      const char* stop = newline ? static_cast<const char*>(newline) : end_;
      text.append(p_ + indent, stop); // past the indentation, spaces are content
      if (!newline) {
        p_ = end_;
        break;
      }
      breaks = 1;
      p_ = stop;
      next_line();
    }
    if (!content) throw GiveUp{};
    if (chomping == '+') text.append(breaks, '\n');
    else if (chomping == 0 && breaks > 0) text.push_back('\n');
    return resolve_scalar(std::move(text), {}, false, mark);
  }

  // A flow collection that ends on its line: [a, b], {k: v}, nested.
  Node flow_node(std::size_t depth) {
    deeper(depth);
    const char open = *p_;
    const Mark mark = mark_at(p_);
    ++p_;
    Node node = open == '[' ? Node::array(mark) : Node::object(mark);
    const std::size_t first_item = item_stack_.size();
    const std::size_t first = member_stack_.size();
    std::unordered_set<std::string> many_keys;
    skip_flow_spaces();
    if (*p_ == (open == '[' ? ']' : '}')) {
      ++p_;
      return node;
    }
    for (;;) {
      if (open == '[') {
        Node item = flow_item(depth);
        skip_flow_spaces();
        if (*p_ == ':') throw GiveUp{}; // [a: b]
        item_stack_.push_back(std::move(item));
      } else {
        const char* key_start = p_;
        if (*p_ == '[' || *p_ == '{') throw GiveUp{};
        std::string key;
        bool plain = false;
        flow_scalar(key, plain);
        skip_flow_spaces();
        if (*p_ != ':' || !(p_ + 1 != end_ && (p_[1] == ' '))) throw GiveUp{};
        if (plain && key == "<<") throw GiveUp{};
        if (plain && may_not_be_string(key)) key = resolve_scalar(std::move(key), {}, true, {}).text();
        if (repeated(first, many_keys, key)) throw GiveUp{};
        ++p_;
        skip_flow_spaces();
        if (*p_ == ',' || *p_ == '}') throw GiveUp{}; // {k: } — an empty value
        Node value = flow_item(depth);
        member_stack_.push_back(Node::Member{std::move(key), mark_at(key_start), std::move(value)});
        skip_flow_spaces();
      }
      if (*p_ == ',') {
        ++p_;
        skip_flow_spaces();
        if (*p_ == ']' || *p_ == '}') throw GiveUp{}; // a trailing comma
        continue;
      }
      if (*p_ != (open == '[' ? ']' : '}')) throw GiveUp{};
      ++p_;
      break;
    }
    if (open == '{') move_from_stack(member_stack_, first, node.members());
    else move_from_stack(item_stack_, first_item, node.items());
    return node;
  }

  void skip_flow_spaces() {
    while (p_ != end_ && *p_ == ' ') ++p_;
    if (p_ == end_ || *p_ == '\n' || *p_ == '#') throw GiveUp{}; // flow over several lines, or a comment inside
  }

  Node flow_item(std::size_t depth) {
    if (*p_ == '[' || *p_ == '{') return flow_node(depth + 1);
    const char* start = p_;
    std::string text;
    bool plain = false;
    flow_scalar(text, plain);
    return resolve_scalar(std::move(text), {}, plain, mark_at(start));
  }

  // A scalar inside a flow collection: quoted, or plain up to an indicator.
  void flow_scalar(std::string& text, bool& plain) {
    const char c = *p_;
    if (c == '"' || c == '\'') {
      plain = false;
      quoted(text);
      return;
    }
    plain = true;
    if (refused_plain_start(c) || (c == '-' && is_space_or_end(p_ + 1, end_))) throw GiveUp{};
    const char* start = p_;
    while (p_ != end_ && *p_ != '\n') {
      const char x = *p_;
      if (x == ',' || x == '[' || x == ']' || x == '{' || x == '}') break;
      if (x == ':' && (p_ + 1 == end_ || std::strchr(" \n,[]{}", p_[1]))) break;
      if (x == '#' && p_[-1] == ' ') break;
      ++p_;
    }
    const char* stop = p_;
    while (stop > start && stop[-1] == ' ') --stop;
    text.assign(start, stop);
  }

  const ReadLimits& limits_;
  std::vector<Node::Member> member_stack_;
  std::vector<Node> item_stack_;
  const char* p_;
  const char* end_;
  const char* line_start_;
  std::uint32_t line_ = 1;
};

} // namespace

bool parse_block_subset(const Source& source, const ReadLimits& limits, ParsedStream& out) {
  if (!plain_ascii(source.text)) return false;
  try {
    BlockReader(source, limits).run(out);
    return true;
  } catch (const GiveUp&) {
    out = ParsedStream{};
    return false;
  }
}

} // namespace intentctl::yaml_detail
