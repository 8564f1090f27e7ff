#include <iostream>

#include "command.hpp"
#include "flags.hpp"
#include "help.hpp"

namespace intentctl::cli {

void define_help(CLI::App& app, Runner& run) {
  auto topic = std::make_shared<std::string>();
  std::vector<std::string> names;
  for (const Command& command : commands()) names.emplace_back(command.name);
  add_choice(app, "command", *topic, names, "the command to show the flags of (default: list the commands)");
  run = [topic](Io& io) {
    if (topic->empty()) io.out << overview_help();
    else io.out << command_help(make_invocation(*find_command(*topic))->app);
    return ExitClass::ok;
  };
}

} // namespace intentctl::cli
