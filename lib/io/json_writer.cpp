#include <fmt/format.h>

#include "io/writer.hpp"

namespace intentctl {

namespace {

void newline(std::string& out, JsonStyle style, int depth) {
  if (style == JsonStyle::compact) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void write(std::string& out, const Node& node, JsonStyle style, int depth) {
  switch (node.type()) {
    case Node::Type::string: append_json_string(out, node.text()); return;
    case Node::Type::array: {
      if (node.items().empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool first = true;
      for (const Node& item : node.items()) {
        if (!first) out.push_back(',');
        first = false;
        newline(out, style, depth + 1);
        write(out, item, style, depth + 1);
      }
      newline(out, style, depth);
      out.push_back(']');
      return;
    }
    case Node::Type::object: {
      if (node.members().empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      bool first = true;
      for (const auto& member : node.members()) {
        if (!first) out.push_back(',');
        first = false;
        newline(out, style, depth + 1);
        append_json_string(out, member.key);
        out += style == JsonStyle::pretty ? ": " : ":";
        write(out, member.value, style, depth + 1);
      }
      newline(out, style, depth);
      out.push_back('}');
      return;
    }
    default: out += node.text();
  }
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t plain = 0; // start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\') continue; // DEL escaped too: YAML reads it as a control
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(text, plain, text.size() - plain);
  out.push_back('"');
}

void write_json(std::string& out, const Node& node, JsonStyle style) { write(out, node, style, 0); }

std::string to_json(const Node& node, JsonStyle style) {
  std::string out;
  write_json(out, node, style);
  return out;
}

} // namespace intentctl
