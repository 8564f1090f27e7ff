// What intentctl says about itself: the overview (intentctl --help), each
// command's help, and the version line. Written from the command table and
// each command's flags, in intentctl's own layout.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace intentctl::cli {

std::string overview_help();
std::string command_help(const CLI::App& app);
std::string version_line();

} // namespace intentctl::cli
