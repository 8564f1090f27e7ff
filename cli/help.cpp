#include "help.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "command.hpp"
#include "core/version.hpp"
#include "flags.hpp"

namespace intentctl::cli {

namespace {

constexpr std::size_t kWidth = 100;       // help lines are wrapped here
constexpr std::size_t kWidestColumn = 34; // a longer flag puts its description on the next line

// text in lines that end by kWidth when they start at indent.
std::string wrap(const std::string& text, std::size_t indent) {
  std::string wrapped;
  std::size_t column = indent;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::size_t length = end - start;
    if (column > indent) {
      if (column + 1 + length > kWidth) {
        wrapped += '\n' + std::string(indent, ' ');
        column = indent;
      } else {
        wrapped += ' ';
        ++column;
      }
    }
    wrapped.append(text, start, length);
    column += length;
    start = end + 1;
  }
  return wrapped;
}

// Two columns: what to type, and what it does.
std::string table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t column = 6; // when every left column is too long, the descriptions go under them
  for (const auto& [left, right] : rows)
    if (left.size() + 4 <= kWidestColumn) column = std::max(column, left.size() + 4);
  std::string text;
  for (const auto& [left, right] : rows) {
    std::string line = "  " + left;
    if (line.size() + 2 > column) line += '\n' + std::string(column, ' ');
    else line += std::string(column - line.size(), ' ');
    text += line + wrap(right, column) + '\n';
  }
  return text;
}

std::string usage_word(const FlagSpec& argument) {
  return (argument.required ? argument.value_name : "[" + argument.value_name + "]") +
         (argument.repeatable ? "..." : "");
}

std::string flag_column(const FlagSpec& flag) {
  std::string names;
  for (const auto& name : flag.names) names += (names.empty() ? "" : ", ") + name;
  // Long-only flags line up with the long names of flags that have both.
  if (flag.names.front().starts_with("--")) names = "    " + names;
  return flag.value_name.empty() ? names : names + " " + flag.value_name;
}

} // namespace

std::string overview_help() {
  std::string text =
      fmt::format("intentctl {} - intent-driven network automation, from TMF921 intent to verified GitOps site\n\n"
                  "Usage: intentctl [-v|-q] [--no-color] <command> [flags] [args]\n\nCommands:\n",
                  version_string());
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& command : commands()) rows.emplace_back(command.name, command.summary);
  text += table(rows);
  text += "\nGlobal flags:\n";
  text += table({{"-h, --help", "show help"},
                 {"    --version", "print the version and the commit it was built from"},
                 {"-v, --verbose", "say more on standard error"},
                 {"-q, --quiet", "say only errors on standard error"},
                 {"    --no-color", "no colors (also: NO_COLOR set in the environment)"}});
  text += "\nRun 'intentctl help <command>' for a command's flags.\n"
          "Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 3 external failure, 4 timed out, "
          "130 interrupted.\n";
  return text;
}

std::string command_help(const CLI::App& app) {
  std::vector<FlagSpec> arguments;
  std::vector<FlagSpec> flags;
  for (const CLI::Option* option : app.get_options()) {
    if (!is_shown(*option)) continue;
    (option->nonpositional() ? flags : arguments).push_back(describe_flag(*option));
  }
  std::string text = fmt::format("{} - {}\n\nUsage: {} [flags]", app.get_name(), app.get_description(), app.get_name());
  for (const auto& argument : arguments) text += " " + usage_word(argument);
  text += "\n";
  if (!arguments.empty()) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& argument : arguments) rows.emplace_back(argument.value_name, argument.description);
    text += "\nArguments:\n" + table(rows);
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& flag : flags) rows.emplace_back(flag_column(flag), flag.description);
  text += "\nOptions:\n" + table(rows);
  return text;
}

std::string version_line() { return fmt::format("intentctl {} (commit {})\n", version_string(), build_commit()); }

} // namespace intentctl::cli
