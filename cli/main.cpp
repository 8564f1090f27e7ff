// intentctl's entry point: global flags, the command table, help, version, and
// the one place where errors become exit codes.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "check/check.hpp"
#include "command.hpp"
#include "core/interrupt.hpp"
#include "core/spare_descriptors.hpp"
#include "core/version.hpp"
#include "flags.hpp"
#include "help.hpp"
#include "io/output_document.hpp"
#include "io/writer.hpp"
#include "suggest.hpp"
#include "validate/validate.hpp"

namespace intentctl::cli {

namespace {

constexpr Command command_table[] = {
    {"translate", "turn TMF921 intents into 3GPP TS 28.312 intents", define_translate},
    {"check", "find intents that conflict or that their sites cannot deliver", define_check, empty_check_document},
    {"render", "turn 28.312 expectations into a KRM tree per site", define_render},
    {"validate", "check intents and rendered KRM against their schemas", define_validate, empty_validate_document},
    {"publish", "commit and push each site's rendered tree to its Git repository", define_publish,
     empty_publish_document},
    {"verify", "check that each site's intent landed in Git, synced to the cluster and meets its SLOs", define_verify,
     empty_verify_document},
    {"completion", "print the shell completion script for bash, zsh or fish", define_completion},
    {"help", "show the commands, or a command's flags", define_help},
    {"version", "print the version and the commit it was built from", define_version},
};

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& command : commands()) names.emplace_back(command.name);
  return names;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

// NO_COLOR counts when it is set and not empty (no-color.org).
bool no_color_in_environment() {
  const char* value = std::getenv("NO_COLOR");
  return value != nullptr && *value != '\0';
}

// Whether a stream gets colours: a terminal, and neither NO_COLOR nor --no-color.
bool color_for(int fd, bool no_color_flag) { return !no_color_flag && !no_color_in_environment() && is_terminal(fd); }

// --no-color anywhere among the arguments, for errors printed before the
// command's own flags are parsed (or when they cannot be).
bool no_color_among(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--no-color") return true;
  }
  return false;
}

// A usage error of program ("intentctl" or "intentctl CMD"), in the one shape.
int usage_failure(const std::string& program, bool color, const std::string& message, const std::string& hint = "") {
  std::cerr << diagnostic_text(Diagnostic{Severity::error, message, {}, hint}, program, Palette(color));
  return exit_code(ExitClass::usage);
}

// A command's usage error. With --format json given, the command's document
// with the error goes to standard output too, as for every other error.
int command_usage_failure(const Command& command, const CLI::App& app, bool color, const std::string& message,
                          const std::string& hint = "") {
  // The words given, not as<>(), which checks them again and throws for a
  // value the flag refused (the very error being reported).
  const CLI::Option* format = app.get_option_no_throw("--format");
  if (command.json_frame && format && !format->results().empty() && format->results().back() == "json")
    std::cout << to_json(error_document(command.json_frame(), usage_error(message))) << '\n' << std::flush;
  return usage_failure(fmt::format("intentctl {}", command.name), color, message, hint);
}

int unknown_command(const std::string& name, bool color) {
  std::string message = fmt::format("unknown command \"{}\"", name);
  if (auto suggestion = closest(name, command_names())) message += fmt::format("; did you mean \"{}\"?", *suggestion);
  return usage_failure("intentctl", color, message + " (see 'intentctl --help')");
}

std::vector<std::string> flag_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

} // namespace

std::unique_ptr<Invocation> make_invocation(const Command& command) {
  auto invocation = std::make_unique<Invocation>();
  CLI::App& app = invocation->app;
  app.name(std::string("intentctl ") + command.name);
  app.description(command.summary);
  app.allow_extras(true);
  app.set_help_flag("-h,--help", "show this help");
  command.define(app, invocation->run);
  add_global_flags(app, invocation->flags);
  return invocation;
}

namespace {

// How wide the terminal on fd is; 0 when it does not say.
std::size_t terminal_columns(int fd) {
  winsize size{};
  return ::ioctl(fd, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

int run_command(const Command& command, int argc, const char* const* argv, GlobalFlags leading) {
  auto invocation = make_invocation(command);
  CLI::App& app = invocation->app;
  const std::string program = fmt::format("intentctl {}", command.name);
  const bool parse_color = color_for(STDERR_FILENO, leading.no_color || no_color_among(argc, argv));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << command_help(app);
    return 0;
  } catch (const CLI::ParseError& error) {
    const UsageMessage usage = split_usage_message(error.what());
    return command_usage_failure(command, app, parse_color,
                                 fmt::format("{} (see 'intentctl help {}')", usage.message, command.name), usage.hint);
  }
  if (!app.remaining().empty()) {
    const std::string extra = app.remaining().front();
    std::string message = extra.starts_with("-") ? fmt::format("unknown flag \"{}\"", extra)
                                                 : fmt::format("unexpected argument \"{}\"", extra);
    if (extra.starts_with("-"))
      if (auto suggestion = closest(extra.substr(0, extra.find('=')), flag_names(app)))
        message += fmt::format("; did you mean \"{}\"?", *suggestion);
    return command_usage_failure(command, app, parse_color,
                                 message + fmt::format(" (see 'intentctl help {}')", command.name));
  }

  const GlobalFlags& flags = invocation->flags;
  const bool quiet = flags.quiet || leading.quiet;
  const bool verbose = flags.verbose || leading.verbose;
  const bool no_color = flags.no_color || leading.no_color;
  Reporter reporter(std::cerr, color_for(STDERR_FILENO, no_color),
                    quiet     ? Verbosity::quiet
                    : verbose ? Verbosity::verbose
                              : Verbosity::normal,
                    program);
  Io io{std::cin,
        std::cout,
        reporter,
        is_terminal(STDIN_FILENO),
        is_terminal(STDERR_FILENO),
        terminal_columns(STDERR_FILENO),
        Palette(color_for(STDOUT_FILENO, no_color))};
  install_interrupt_handler();
  keep_spare_descriptors();
  try {
    const ExitClass result = invocation->run(io);
    std::cout.flush();
    return exit_code(result);
  } catch (const Error& error) {
    std::cout.flush();
    reporter.error(error);
    return exit_code(error.exit_class());
  } catch (const std::bad_alloc&) {
    reporter.report({Severity::error, "out of memory", {}});
    return exit_code(ExitClass::usage);
  } catch (const std::exception& error) {
    reporter.report({Severity::error, fmt::format("internal error: {}", error.what()), {}});
    return exit_code(ExitClass::failed);
  }
}

} // namespace

std::span<const Command> commands() { return command_table; }

const Command* find_command(std::string_view name) {
  for (const auto& command : commands())
    if (name == command.name) return &command;
  return nullptr;
}

void add_global_flags(CLI::App& app, GlobalFlags& flags) {
  app.add_flag("-v,--verbose", flags.verbose, "say more on standard error");
  app.add_flag("-q,--quiet", flags.quiet, "say only errors on standard error");
  app.add_flag("--no-color", flags.no_color, "no colors (also: NO_COLOR in the environment)");
}

int main(int argc, const char* const* argv) {
  GlobalFlags leading;
  int index = 1;
  for (; index < argc; ++index) {
    const std::string_view arg = argv[index];
    if (arg == "-v" || arg == "--verbose") leading.verbose = true;
    else if (arg == "-q" || arg == "--quiet") leading.quiet = true;
    else if (arg == "--no-color") leading.no_color = true;
    else if (arg == "-h" || arg == "--help") {
      std::cout << overview_help();
      return 0;
    } else if (arg == "--version") {
      std::cout << version_line();
      return 0;
    } else if (arg.starts_with("-")) {
      std::string message = fmt::format("unknown flag \"{}\"", arg);
      if (auto suggestion = closest(arg, {"--help", "--version", "--verbose", "--quiet", "--no-color"}))
        message += fmt::format("; did you mean \"{}\"?", *suggestion);
      return usage_failure("intentctl", color_for(STDERR_FILENO, no_color_among(argc, argv)),
                           message + " (see 'intentctl --help')");
    } else {
      break;
    }
  }
  if (index >= argc) {
    std::cout << overview_help();
    return 0;
  }
  const std::string name = argv[index];
  const Command* command = find_command(name);
  if (!command) return unknown_command(name, color_for(STDERR_FILENO, no_color_among(argc, argv)));
  return run_command(*command, argc - index, argv + index, leading);
}

} // namespace intentctl::cli

int main(int argc, char** argv) { return intentctl::cli::main(argc, argv); }
