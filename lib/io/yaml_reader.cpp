// YAML through libyaml's event parser into the positioned Node tree. libyaml is
// several times faster than yaml-cpp on large streams and gives exact marks; the
// tree is built with an explicit stack, so nesting costs no native stack.
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml.h>

#include "io/reader.hpp"
#include "io/yaml_internal.hpp"

namespace intentctl {

namespace {

Mark mark_of(const yaml_mark_t& mark) {
  return Mark{static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
}

// The mark of a byte offset, counting columns in characters as libyaml does
// (UTF-8 continuation bytes add none).
Mark mark_at_offset(std::string_view text, std::size_t offset) {
  Mark mark{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') mark.line++, mark.column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) mark.column++;
  }
  return mark;
}

bool is_digits(std::string_view text, int base) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok = base == 16  ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                    : base == 8 ? (c >= '0' && c <= '7')
                                : (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// A YAML 1.2 core-schema float ("1.5", "-2e3", ".5", "1."); infinities and NaN
// are not numbers in JSON, so they stay strings.
bool is_yaml_float(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!is_digits(text.substr(i), 10)) return false;
    return true;
  }
  return i == text.size();
}

// Integers in YAML spellings become JSON numbers; text outside 64 bits stays text.
std::optional<std::string> yaml_int_as_json(std::string_view text) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  int base = 10;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o')) {
    if (negative || text[0] == '+') return std::nullopt; // core schema: unsigned only
    base = body[1] == 'x' ? 16 : 8;
    body.remove_prefix(2);
  }
  if (!is_digits(body, base)) return std::nullopt;
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(body.data(), body.data() + body.size(), value, base);
  if (error != std::errc{} || end != body.data() + body.size()) return std::string(text);
  return (negative && value != 0 ? "-" : "") + std::to_string(value);
}

std::string yaml_float_as_json(std::string_view text) {
  if (text.front() == '+') text.remove_prefix(1);
  std::string json(text);
  // JSON wants a digit on both sides of the point.
  const auto point = json.find('.');
  if (point != std::string::npos) {
    if (point == 0 || !std::isdigit(static_cast<unsigned char>(json[point - 1]))) json.insert(point, "0");
    const auto after = json.find('.') + 1;
    if (after >= json.size() || !std::isdigit(static_cast<unsigned char>(json[after]))) json.insert(after, "0");
  }
  return json;
}

bool is_null_word(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

Node resolve_scalar_text(std::string text, std::string_view tag, bool plain, Mark mark) {
  const bool tagged_string = tag == "tag:yaml.org,2002:str" || tag == "!";
  if (tagged_string || (!plain && tag.empty())) return Node::string(std::move(text), mark);
  if (is_null_word(text)) {
    Node node;
    node.mark = mark;
    return node;
  }
  if (text == "true" || text == "True" || text == "TRUE") return Node::boolean(true, mark);
  if (text == "false" || text == "False" || text == "FALSE") return Node::boolean(false, mark);
  if (auto integer = yaml_int_as_json(text)) return Node::number(std::move(*integer), mark);
  if (is_yaml_float(text)) return Node::number(yaml_float_as_json(text), mark);
  return Node::string(std::move(text), mark);
}

// Mappings this small find a repeated key by scanning their members, which is
// faster than hashing every key; larger ones keep a set.
constexpr std::size_t kKeyScanLimit = 16;

struct Frame {
  Node node;
  std::string anchor;
  bool have_key = false;
  std::string key;
  Mark key_mark;
  bool key_is_merge = false;
  std::unique_ptr<std::unordered_set<std::string>> many_keys;
  std::vector<Node> merges; // values of "<<" keys, applied when the mapping ends

  bool has_key(const std::string& name) const {
    if (many_keys) return many_keys->count(name) != 0;
    for (const auto& member : node.members())
      if (member.key == name) return true;
    return false;
  }
  // Call before adding the member named name.
  void note_key(const std::string& name) {
    if (!many_keys && node.members().size() + 1 > kKeyScanLimit) {
      many_keys = std::make_unique<std::unordered_set<std::string>>();
      for (const auto& member : node.members()) many_keys->insert(member.key);
    }
    if (many_keys) many_keys->insert(name);
  }
};

// Whether a plain scalar may resolve to something other than a string (null,
// bool, number), so that its text as a key must go through resolve_scalar.
bool may_not_be_string_text(std::string_view text) {
  if (text.empty()) return true;
  const char c = text.front();
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '~' || c == 'n' || c == 'N' || c == 't' ||
         c == 'T' || c == 'f' || c == 'F';
}

class YamlBuilder {
 public:
  YamlBuilder(const Source& source, const ReadLimits& limits, ParsedStream& out)
      : source_(source), limits_(limits), out_(out) {
    if (!yaml_parser_initialize(&parser_)) throw input_error("cannot start the YAML parser");
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(source.text.data()),
                                 source.text.size());
  }
  ~YamlBuilder() { yaml_parser_delete(&parser_); }
  YamlBuilder(const YamlBuilder&) = delete;
  YamlBuilder& operator=(const YamlBuilder&) = delete;

  void run() {
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser_, &event)) fail_from_parser();
      const bool done = event.type == YAML_STREAM_END_EVENT;
      try {
        handle(event);
      } catch (...) {
        yaml_event_delete(&event);
        throw;
      }
      yaml_event_delete(&event);
      if (done) return;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message, Mark mark) const {
    throw input_error(message, location_of(source_, mark));
  }

  [[noreturn]] void fail_from_parser() const {
    std::string message = parser_.problem ? parser_.problem : "invalid YAML";
    if (parser_.context) message = std::string(parser_.context) + ": " + message;
    // A reader error (bad UTF-8, a control character) has a byte offset; its mark is unset.
    if (parser_.error == YAML_READER_ERROR) fail(message, mark_at_offset(source_.text, parser_.problem_offset));
    fail(message, mark_of(parser_.problem_mark));
  }

  void handle(const yaml_event_t& event) {
    const Mark mark = mark_of(event.start_mark);
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > limits_.max_documents)
          fail(fmt::format("more than {} documents in one stream", limits_.max_documents), mark);
        anchors_.clear();
        return;
      case YAML_SCALAR_EVENT: {
        const auto& s = event.data.scalar;
        std::string text(reinterpret_cast<const char*>(s.value), s.length);
        const std::string_view tag = s.tag ? reinterpret_cast<const char*>(s.tag) : "";
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        const bool merge_key = plain && text == "<<";
        count_direct(1, mark);
        // A mapping key that is surely a string skips building a Node.
        if (!s.anchor && !merge_key && tag.empty() && (!plain || !may_not_be_string_text(text)) && awaiting_key()) {
          take_key(std::move(text), mark, false);
          return;
        }
        Node node = resolve_scalar_text(std::move(text), tag, plain, mark);
        complete(std::move(node), anchor_of(s.anchor), merge_key);
        return;
      }
      case YAML_SEQUENCE_START_EVENT: open(Node::array(mark), anchor_of(event.data.sequence_start.anchor)); return;
      case YAML_MAPPING_START_EVENT: open(Node::object(mark), anchor_of(event.data.mapping_start.anchor)); return;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        apply_merges(frame);
        complete(std::move(frame.node), std::move(frame.anchor), false);
        return;
      }
      case YAML_ALIAS_EVENT: {
        const std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
        const auto found = anchors_.find(name);
        if (found == anchors_.end()) fail("unknown alias *" + name, mark);
        alias_nodes_ += found->second.second;
        if (alias_nodes_ > limits_.alias_node_base + 10 * direct_nodes_)
          fail("too many nodes from YAML aliases (an alias bomb?)", mark);
        Node copy = found->second.first;
        copy.mark = mark;
        complete(std::move(copy), {}, false);
        return;
      }
      default: return;
    }
  }

  static std::string anchor_of(const yaml_char_t* anchor) {
    return anchor ? reinterpret_cast<const char*>(anchor) : std::string{};
  }

  void count_direct(std::size_t n, Mark) { direct_nodes_ += n; }

  void open(Node node, std::string anchor) {
    if (stack_.size() + 1 > limits_.max_depth)
      fail(fmt::format("nesting too deep (more than {} levels)", limits_.max_depth), node.mark);
    count_direct(1, node.mark);
    Frame frame;
    frame.node = std::move(node);
    frame.anchor = std::move(anchor);
    stack_.push_back(std::move(frame));
  }

  bool awaiting_key() const { return !stack_.empty() && stack_.back().node.is_object() && !stack_.back().have_key; }

  void take_key(std::string key, Mark mark, bool merge_key) {
    Frame& parent = stack_.back();
    parent.have_key = true;
    parent.key = std::move(key);
    parent.key_mark = mark;
    parent.key_is_merge = merge_key;
  }

  void remember_anchor(const std::string& anchor, const Node& node) {
    if (anchor.empty()) return;
    anchors_[anchor] = {node, count_nodes(node)};
  }

  void complete(Node node, std::string anchor, bool merge_key) {
    remember_anchor(anchor, node);
    if (stack_.empty()) {
      if (!node.is_null()) out_.documents.push_back(std::move(node));
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.is_array()) {
      parent.node.push(std::move(node));
      return;
    }
    if (!parent.have_key) {
      if (!node.is_scalar()) fail("a mapping key must be a plain value, not a list or mapping", node.mark);
      take_key(node.text(), node.mark, merge_key);
      return;
    }
    parent.have_key = false;
    if (parent.key_is_merge) {
      parent.merges.push_back(std::move(node));
      return;
    }
    if (parent.has_key(parent.key)) {
      Location where = location_of(source_, parent.key_mark, parent.key);
      if (limits_.reject_duplicate_keys) throw input_error("duplicate key \"" + parent.key + "\"", where);
      out_.duplicate_keys.push_back({std::move(where), parent.key});
      parent.node.set(std::move(parent.key), std::move(node));
      return;
    }
    parent.note_key(parent.key);
    parent.node.add(std::move(parent.key), std::move(node), parent.key_mark);
  }

  // "<<: *base" merges the base mapping's keys that the mapping does not set itself.
  void apply_merges(Frame& frame) {
    for (const Node& merge : frame.merges) {
      std::vector<const Node*> sources;
      if (merge.is_object()) sources.push_back(&merge);
      else if (merge.is_array())
        for (const Node& item : merge.items()) sources.push_back(&item);
      for (const Node* source : sources) {
        if (!source->is_object()) fail("a merge key (<<) takes a mapping or a list of mappings", source->mark);
        for (const auto& member : source->members())
          if (!frame.has_key(member.key)) {
            frame.note_key(member.key);
            frame.node.add(member.key, member.value, member.key_mark);
          }
      }
    }
  }

  const Source& source_;
  const ReadLimits& limits_;
  ParsedStream& out_;
  yaml_parser_t parser_{};
  std::vector<Frame> stack_;
  std::map<std::string, std::pair<Node, std::size_t>> anchors_;
  std::size_t documents_ = 0;
  std::size_t direct_nodes_ = 0;
  std::size_t alias_nodes_ = 0;
};

} // namespace

namespace yaml_detail {

Node resolve_scalar(std::string text, std::string_view tag, bool plain, Mark mark) {
  return resolve_scalar_text(std::move(text), tag, plain, mark);
}

bool may_not_be_string(std::string_view text) { return may_not_be_string_text(text); }

ParsedStream parse_with_libyaml(const Source& source, const ReadLimits& limits) {
  ParsedStream out;
  YamlBuilder(source, limits, out).run();
  return out;
}

bool fast_path_enabled() {
  const char* setting = std::getenv("INTENTCTL_YAML_FAST_PATH");
  return !(setting && std::string_view(setting) == "0");
}

} // namespace yaml_detail

ParsedStream parse_yaml(const Source& source, const ReadLimits& limits) {
  ParsedStream out;
  if (yaml_detail::fast_path_enabled() && yaml_detail::parse_block_subset(source, limits, out)) return out;
  return yaml_detail::parse_with_libyaml(source, limits);
}

} // namespace intentctl
