#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "util/utf8.hpp"

namespace intentctl {

namespace {

// Words that some YAML reader (1.1 or 1.2) would not read back as a string.
bool is_reserved_word(std::string_view text) {
  static constexpr std::string_view words[] = {"~",     "null",  "Null", "NULL", "true", "True",  "TRUE",  "false",
                                               "False", "FALSE", "yes",  "Yes",  "YES",  "no",    "No",    "NO",
                                               "on",    "On",    "ON",   "off",  "Off",  "OFF",   "y",     "Y",
                                               "n",     "N",     ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan",
                                               ".NaN",  ".NAN",  "<<",   "="};
  for (auto word : words)
    if (text == word) return true;
  return false;
}

bool looks_numeric(std::string_view text) {
  // Anything that starts like a number (digits, sign, point) could be read as
  // one by some parser (sexagesimal 1:20, 0x1F, 1e3, 1_000): quote it.
  const char c = text.front();
  return std::isdigit(static_cast<unsigned char>(c)) ||
         ((c == '-' || c == '+' || c == '.') && text.size() > 1 &&
          (std::isdigit(static_cast<unsigned char>(text[1])) || text[1] == '.'));
}

// Code points that YAML reads as line breaks (NEL, LS, PS), or that it does not
// allow unescaped (C1 controls, BOM, non-characters): only safe escaped.
bool needs_unicode_escape(unsigned code_point) {
  return (code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x2028 || code_point == 0x2029 ||
         code_point == 0xFEFF || code_point == 0xFFFE || code_point == 0xFFFF;
}

unsigned decode_utf8(std::string_view text, std::size_t pos, std::size_t length) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  if (length == 2) return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
  if (length == 3) return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
}

bool has_special_unicode(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0 || needs_unicode_escape(decode_utf8(text, pos, length))) return true;
    pos += length;
  }
  return false;
}

bool is_plain_safe(std::string_view text) {
  if (text.empty() || is_reserved_word(text) || looks_numeric(text) || has_special_unicode(text)) return false;
  static constexpr std::string_view leading = "-?:,[]{}#&*!|>'\"%@` ";
  if (leading.find(text.front()) != std::string_view::npos) {
    // "-x" and "?x" are not indicators only when followed by a non-space; keep it simple.
    return false;
  }
  if (text.back() == ' ' || text.back() == ':') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false; // safe in flow too
  }
  return true;
}

// A multi-line text prints as a literal block when it reads back unchanged.
bool is_literal_safe(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) return false;
  if (text.front() == ' ' || text.front() == '\n' || has_special_unicode(text)) return false;
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\n\n") return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
    if (c == ' ' && (i + 1 == text.size() || text[i + 1] == '\n')) return false; // trailing blanks
  }
  return true;
}

// JSON string syntax is valid double-quoted YAML; YAML's own line breaks and
// non-printables among the non-ASCII code points get \u escapes on top.
void write_double_quoted(std::string& out, std::string_view text) {
  if (!has_special_unicode(text)) {
    append_json_string(out, text);
    return;
  }
  std::string escaped;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length = static_cast<unsigned char>(text[pos]) < 0x80 ? 1 : utf8_sequence_length(text, pos);
    const unsigned code_point = length > 1 ? decode_utf8(text, pos, length) : 0;
    if (length > 1 && needs_unicode_escape(code_point)) {
      escaped += fmt::format("\\u{:04x}", code_point);
    } else {
      std::string piece;
      append_json_string(piece, text.substr(pos, length == 0 ? 1 : length));
      escaped.append(piece, 1, piece.size() - 2);
    }
    pos += length == 0 ? 1 : length;
  }
  out.push_back('"');
  out += escaped;
  out.push_back('"');
}

void write_scalar_text(std::string& out, std::string_view text) {
  if (is_plain_safe(text)) out.append(text);
  else write_double_quoted(out, text);
}

void write_literal(std::string& out, std::string_view text, int indent) {
  const bool final_newline = text.back() == '\n';
  out += final_newline ? "|" : "|-";
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.push_back('\n');
    if (end > start) out.append(static_cast<std::size_t>(indent), ' ');
    out.append(text.substr(start, end - start));
    start = end + 1;
  }
}

void write_scalar(std::string& out, const Node& node, int indent) {
  if (node.is_string()) {
    if (is_literal_safe(node.text())) write_literal(out, node.text(), indent);
    else write_scalar_text(out, node.text());
    return;
  }
  out += node.text();
}

bool is_empty_collection(const Node& node) { return !node.is_scalar() && node.size() == 0; }

void write_block(std::string& out, const Node& node, int indent);

// Writes the value that follows "key:" or "- ".
void write_value(std::string& out, const Node& value, int indent, bool after_dash) {
  if (value.is_scalar()) {
    out.push_back(' ');
    write_scalar(out, value, indent);
    out.push_back('\n');
  } else if (is_empty_collection(value)) {
    out += value.is_array() ? " []\n" : " {}\n";
  } else if (after_dash && value.is_object()) {
    // "- key: value" with the mapping's later keys lined up under the first.
    out.push_back(' ');
    std::string nested;
    write_block(nested, value, indent);
    out.append(nested, static_cast<std::size_t>(indent), std::string::npos);
  } else {
    out.push_back('\n');
    write_block(out, value, indent);
  }
}

void write_block(std::string& out, const Node& node, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (node.is_array()) {
    for (const Node& item : node.items()) {
      out += pad;
      out.push_back('-');
      write_value(out, item, indent + 2, true);
    }
    return;
  }
  for (const auto& member : node.members()) {
    out += pad;
    write_scalar_text(out, member.key);
    out.push_back(':');
    write_value(out, member.value, indent + 2, false);
  }
}

} // namespace

void write_yaml(std::string& out, const Node& node) {
  if (node.is_scalar()) {
    write_scalar(out, node, 2); // a block scalar's lines need indenting even at the top
    out.push_back('\n');
  } else if (is_empty_collection(node)) {
    out += node.is_array() ? "[]\n" : "{}\n";
  } else {
    write_block(out, node, 0);
  }
}

std::string to_yaml(const Node& node) {
  std::string out;
  write_yaml(out, node);
  return out;
}

} // namespace intentctl
