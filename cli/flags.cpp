#include "flags.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "command.hpp"
#include "suggest.hpp"

namespace intentctl::cli {

namespace {

constexpr std::string_view kHintMark = "\nhint: ";

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : std::string(separator)) + word;
  return text;
}

// "a, b or c"
std::string spoken_list(const std::vector<std::string>& words) {
  if (words.size() < 2) return join(words, "");
  return join(std::vector<std::string>(words.begin(), words.end() - 1), ", ") + " or " + words.back();
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

// A validator with no description of its own, so that the value name stays
// what the command gave it; its message is the whole error after "--flag: ".
CLI::Validator validator(std::function<std::string(const std::string&)> check) {
  return CLI::Validator([check = std::move(check)](std::string& value) { return check(value); }, "", "intentctl");
}

const CLI::Option* format_option(const CLI::App& app) {
  for (const CLI::Option* option : app.get_options())
    if (option->check_lname("format")) return option;
  return nullptr;
}

// Every value some command's --format takes, and the names yml and xml.
const std::set<std::string>& format_names() {
  static const std::set<std::string> names = [] {
    std::set<std::string> all{"yml", "xml"};
    for (const Command& command : commands()) {
      const auto invocation = make_invocation(command);
      if (const CLI::Option* format = format_option(invocation->app))
        for (const auto& name : describe_flag(*format).choices) all.insert(name);
    }
    return all;
  }();
  return names;
}

} // namespace

CLI::Option* add_choice(CLI::App& app, const std::string& names, std::string& value,
                        const std::vector<std::string>& choices, const std::string& description) {
  return app.add_option(names, value, description)
      ->type_name(join(choices, "|"))
      ->check(validator([choices](const std::string& given) -> std::string {
        if (std::find(choices.begin(), choices.end(), given) != choices.end()) return {};
        std::string message = fmt::format("unknown value \"{}\" (known: {})", given, join(choices, ", "));
        if (const auto suggestion = closest(given, choices))
          message += fmt::format("; did you mean \"{}\"?", *suggestion);
        return message;
      }));
}

CLI::Option* add_format_flag(CLI::App& app, std::string& value, const std::vector<std::string>& formats) {
  return add_choice(app, "--format", value, formats, fmt::format("output format (default: {})", value));
}

CLI::Option* add_output_flag(CLI::App& app, std::string& value, const std::string& value_name,
                             const std::string& description, const std::string& no_format_hint) {
  const std::string thing = value_name == "DIR" ? "folder" : "file";
  const CLI::App* owner = &app;
  return app.add_option("-o,--output", value, description)
      ->type_name(value_name)
      ->check(validator([owner, thing, no_format_hint](const std::string& given) -> std::string {
        if (!format_names().contains(given)) return {};
        std::string hint;
        const CLI::Option* format = format_option(*owner);
        if (!format) {
          hint = no_format_hint;
        } else {
          const auto formats = describe_flag(*format).choices;
          hint = std::find(formats.begin(), formats.end(), given) != formats.end()
                     ? fmt::format("-o names where the output goes; the format is --format {}", given)
                     : fmt::format("-o names where the output goes; --format takes {}", spoken_list(formats));
        }
        return fmt::format("\"{}\" is the name of an output format, not a {}{}{} (a {} named {}: -o ./{})", given,
                           thing, kHintMark, hint, thing, given, given);
      }));
}

CLI::Option* add_count(CLI::App& app, const std::string& names, unsigned& value, unsigned low, unsigned high,
                       const std::string& description) {
  return app.add_option(names, value, description)
      ->type_name("N")
      ->check(validator([low, high](const std::string& given) -> std::string {
        std::size_t digits = 0;
        while (digits < given.size() && std::isdigit(static_cast<unsigned char>(given[digits]))) ++digits;
        if (digits > 0 && digits == given.size() && digits <= 9) {
          const unsigned long number = std::stoul(given);
          if (number >= low && number <= high) return {};
        }
        return fmt::format("\"{}\" is not a whole number from {} to {}", given, low, high);
      }));
}

UsageMessage split_usage_message(const std::string& text) {
  const auto mark = text.find(kHintMark);
  if (mark == std::string::npos) return {text, ""};
  return {text.substr(0, mark), text.substr(mark + kHintMark.size())};
}

bool is_shown(const CLI::Option& option) { return !option.get_group().empty(); }

FlagSpec describe_flag(const CLI::Option& option) {
  FlagSpec flag;
  for (const auto& name : option.get_snames()) flag.names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) flag.names.push_back("--" + name);
  flag.description = option.get_description();
  flag.required = option.get_required();
  if (option.get_items_expected_max() == 0) return flag; // a flag without a value
  flag.value_name = option.get_type_name();
  flag.repeatable = option.get_expected_max() > 1;
  const bool names_a_value = // FILE, DIR, NAME: capitals stand for a value, not a list of choices
      std::any_of(flag.value_name.begin(), flag.value_name.end(), [](unsigned char c) { return std::isupper(c); });
  if (!names_a_value) {
    flag.kind = ValueKind::choice;
    flag.choices = split(flag.value_name, '|');
  } else if (option.check_lname("site")) {
    flag.kind = ValueKind::site;
  } else if (flag.value_name.find("FILE") != std::string::npos) {
    flag.kind = ValueKind::file;
  } else if (flag.value_name.find("DIR") != std::string::npos) {
    flag.kind = ValueKind::directory;
  } else {
    flag.kind = ValueKind::other;
  }
  return flag;
}

} // namespace intentctl::cli
