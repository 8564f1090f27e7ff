// The one rule for text that can reach a file name, a Kubernetes label or
// annotation, a commit message or a trailer: it holds no control character
// (C0, DEL, C1). A line feed in an intent id would otherwise become a line of
// its own in a commit message, and a trailer that rollback believes. Every
// reader applies the rule to such values; free text (a userLabel, a
// description) may also hold tab and line breaks, since it only ever goes out
// escaped in JSON or YAML.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/reader.hpp"

namespace intentctl {

enum class TextKind {
  name,      // ids, names, values: no control character at all
  free_text, // tab, line feed and carriage return allowed
};

// Byte offset of the first control character that kind does not allow, or
// std::string_view::npos when there is none.
std::size_t find_control_character(std::string_view text, TextKind kind = TextKind::name);

// Throws an input error (exit 2) at where when text holds a control character:
// "<what> holds a control character (U+000A) at character 3; ...".
void refuse_control_characters(std::string_view text, const Location& where, std::string_view what,
                               TextKind kind = TextKind::name);

// Every key and string of a configuration document (a sites file, a mapping
// table), where every value can reach a name: the first control character is
// an input error at its line and column.
void refuse_control_characters_in_document(const Source& source, const Node& document);

// The same check for a value given on the command line (--message "...").
void refuse_control_characters_in_flag(std::string_view text, std::string_view flag);

// text with every control character written as \n, \t or \u0085, for messages
// that must show a refused value without letting it act on the terminal.
std::string escape_control_characters(std::string_view text);

} // namespace intentctl
