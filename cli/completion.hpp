// Shell completion scripts, generated from the command table so they cannot
// drift from the parser: every command, every flag, enumerated flag values,
// site names from the sites file, and file paths where a file is expected.
#pragma once

#include <string>
#include <vector>

#include "flags.hpp"

namespace intentctl::cli {

struct CommandSpec {
  std::string name;
  std::string summary;
  std::vector<FlagSpec> flags;
  ValueKind positional = ValueKind::none; // what the arguments are
};

// Every command of the table, described from its parser.
std::vector<CommandSpec> describe_commands();

std::string bash_completion();
std::string zsh_completion();
std::string fish_completion();

} // namespace intentctl::cli
