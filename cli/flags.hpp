// How every command declares its flags, so that they follow one rule
// (intentctl(1), "Flags"): -o/--output is where the output goes and --format
// what it looks like; a value name in capitals stands for a value (FILE, DIR,
// N), one in lower case lists the values the flag takes (json|yaml). Help and
// the completion scripts read the flags back through describe_flag, so none of
// the parser's own notation reaches a user.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace intentctl::cli {

// A flag (or an argument, for a name without '-') whose value is one of
// choices; any other value is a usage error that lists them.
CLI::Option* add_choice(CLI::App& app, const std::string& names, std::string& value,
                        const std::vector<std::string>& choices, const std::string& description);

// --format: what the output looks like; value holds the default.
CLI::Option* add_format_flag(CLI::App& app, std::string& value, const std::vector<std::string>& formats);

// -o, --output: where the output goes (value_name FILE or DIR; "-" is standard
// output). The name of an output format there is a usage error whose hint
// names --format, or, for a command without one, says what -o - does
// (no_format_hint), so that nothing is ever created under a format's name.
CLI::Option* add_output_flag(CLI::App& app, std::string& value, const std::string& value_name,
                             const std::string& description, const std::string& no_format_hint = "");

// A whole number from low to high.
CLI::Option* add_count(CLI::App& app, const std::string& names, unsigned& value, unsigned low, unsigned high,
                       const std::string& description);

// The words of a usage error: a message, and an optional hint line.
struct UsageMessage {
  std::string message;
  std::string hint;
};
// A parser's error text, split where a flag's check put a hint.
UsageMessage split_usage_message(const std::string& text);

enum class ValueKind { none, choice, file, directory, site, other };

struct FlagSpec {
  std::vector<std::string> names; // "-o", "--format"; none for an argument
  std::string value_name;         // "FILE", "json|yaml"; "" for a flag without a value
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;
  std::string description;
  bool repeatable = false;
  bool required = false;
};

// A flag or argument as help and the completion scripts show it. A flag in
// no group (CLI11's way to hide one, for a deprecated spelling) is not shown.
bool is_shown(const CLI::Option& option);
FlagSpec describe_flag(const CLI::Option& option);

} // namespace intentctl::cli
