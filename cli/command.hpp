// The command table: each subcommand is a name, a one-line summary, and a
// function that declares its flags on a CLI11 app and returns the code to run
// once the flags are parsed. Completion scripts and man-page checks read the
// same table, so they cannot drift from the parser.
#pragma once

#include <functional>
#include <memory>
#include <span>

#include <CLI/CLI.hpp>

#include "io/sink.hpp"

namespace intentctl::cli {

using Runner = std::function<ExitClass(Io&)>;

struct Command {
  const char* name;
  const char* summary;
  // Declares the flags on app and sets run to the action for the parsed flags.
  void (*define)(CLI::App& app, Runner& run);
  // The document --format json prints when an error stops the command before
  // it could find anything (io/output_document.hpp); nullptr without one.
  Node (*json_frame)() = nullptr;
};

std::span<const Command> commands();
// The command of that name; nullptr when there is none.
const Command* find_command(std::string_view name);

// The flags every command takes: -v, -q, --no-color.
struct GlobalFlags {
  bool verbose = false;
  bool quiet = false;
  bool no_color = false;
};
void add_global_flags(CLI::App& app, GlobalFlags& flags);

// A command's parser with its flags declared, ready to parse or to describe
// itself (help, completion, man-page checks).
struct Invocation {
  CLI::App app;
  Runner run;
  GlobalFlags flags;
};
std::unique_ptr<Invocation> make_invocation(const Command& command);

// Subcommand definers, one file each.
void define_translate(CLI::App& app, Runner& run);
void define_check(CLI::App& app, Runner& run);
void define_render(CLI::App& app, Runner& run);
void define_validate(CLI::App& app, Runner& run);
void define_publish(CLI::App& app, Runner& run);
void define_verify(CLI::App& app, Runner& run);
void define_completion(CLI::App& app, Runner& run);
void define_help(CLI::App& app, Runner& run);
void define_version(CLI::App& app, Runner& run);

} // namespace intentctl::cli
