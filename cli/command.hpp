// The command table: each subcommand is a name, a one-line summary, and a
// function that declares its flags on a CLI11 app and returns the code to run
// once the flags are parsed. Completion scripts and man-page checks read the
// same table, so they cannot drift from the parser.
#pragma once

#include <functional>
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
};

std::span<const Command> commands();

// The flags every command takes: -v, -q, --no-color.
struct GlobalFlags {
  bool verbose = false;
  bool quiet = false;
  bool no_color = false;
};
void add_global_flags(CLI::App& app, GlobalFlags& flags);

// Subcommand definers, one file each.
void define_translate(CLI::App& app, Runner& run);

} // namespace intentctl::cli
