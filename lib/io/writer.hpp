// Printing Node trees as JSON or YAML. Output is deterministic: members keep
// the order they were added in, numbers keep the text they were written with.
#pragma once

#include <string>

#include "io/node.hpp"

namespace intentctl {

enum class JsonStyle { pretty, compact };

void write_json(std::string& out, const Node& node, JsonStyle style = JsonStyle::pretty);
std::string to_json(const Node& node, JsonStyle style = JsonStyle::pretty);

// One YAML document, block style, two-space indent, without the "---" line.
void write_yaml(std::string& out, const Node& node);
std::string to_yaml(const Node& node);

// Appends the JSON string literal for text (quotes included).
void append_json_string(std::string& out, std::string_view text);

} // namespace intentctl
