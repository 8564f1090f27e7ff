#include "io/control_characters.hpp"

#include <fmt/format.h>

namespace intentctl {

namespace {

// The code point of the control character at offset (C1 characters are two
// bytes in UTF-8: C2 80 to C2 9F), and its length in bytes; 0 when none.
std::pair<unsigned, std::size_t> control_at(std::string_view text, std::size_t offset) {
  const auto byte = static_cast<unsigned char>(text[offset]);
  if (byte < 0x20 || byte == 0x7f) return {byte, 1};
  if (byte == 0xc2 && offset + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[offset + 1]);
    if (next >= 0x80 && next <= 0x9f) return {next, 2};
  }
  return {0, 0};
}

bool allowed(unsigned code, TextKind kind) {
  return kind == TextKind::free_text && (code == '\t' || code == '\n' || code == '\r');
}

// Characters (not bytes) before offset, counted from 1: what people count.
std::size_t character_number(std::string_view text, std::size_t offset) {
  std::size_t count = 1;
  for (std::size_t i = 0; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) ++count;
  return count;
}

std::string describe(std::string_view text, std::size_t offset) {
  const unsigned code = control_at(text, offset).first;
  const char* name = code == '\n' ? ", line feed" : code == '\r' ? ", carriage return" : code == '\t' ? ", tab" : "";
  return fmt::format("a control character (U+{:04X}{}) at character {}", code, name, character_number(text, offset));
}

} // namespace

std::size_t find_control_character(std::string_view text, TextKind kind) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto [code, length] = control_at(text, i);
    if (length != 0 && !allowed(code, kind)) return i;
    if (length == 2) ++i;
  }
  return std::string_view::npos;
}

void refuse_control_characters(std::string_view text, const Location& where, std::string_view what, TextKind kind) {
  const std::size_t offset = find_control_character(text, kind);
  if (offset == std::string_view::npos) return;
  const std::string why = kind == TextKind::name
                              ? "control characters are refused in values that can reach file names, labels, "
                                "annotations or commit messages"
                              : "free text may hold tabs and line breaks, but no other control character";
  throw input_error(fmt::format("{} holds {}; {}", what, describe(text, offset), why), where);
}

namespace {

void refuse_in(const Source& source, const Node& node, const std::string& path) {
  if (node.is_string()) refuse_control_characters(node.text(), location_of(source, node.mark, path), "the value");
  for (std::size_t i = 0; i < node.items().size(); ++i)
    refuse_in(source, node.items()[i], fmt::format("{}[{}]", path, i));
  for (const auto& member : node.members()) {
    const std::string key = escape_control_characters(member.key);
    const std::string member_path = path.empty() ? key : path + "." + key;
    refuse_control_characters(member.key, location_of(source, member.key_mark, member_path), "the key");
    refuse_in(source, member.value, member_path);
  }
}

} // namespace

void refuse_control_characters_in_document(const Source& source, const Node& document) {
  refuse_in(source, document, "");
}

void refuse_control_characters_in_flag(std::string_view text, std::string_view flag) {
  const std::size_t offset = find_control_character(text);
  if (offset == std::string_view::npos) return;
  throw usage_error(fmt::format("{} \"{}\" holds {}; control characters (line breaks included) are refused there", flag,
                                escape_control_characters(text), describe(text, offset)));
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto [code, length] = control_at(text, i);
    if (length == 0) {
      out += text[i];
      continue;
    }
    if (code == '\n') out += "\\n";
    else if (code == '\t') out += "\\t";
    else if (code == '\r') out += "\\r";
    else out += fmt::format("\\u{:04x}", code);
    i += length - 1;
  }
  return out;
}

} // namespace intentctl
