#include <iostream>

#include "command.hpp"
#include "completion.hpp"
#include "flags.hpp"
#include "sites/sites.hpp"

namespace intentctl::cli {

void define_completion(CLI::App& app, Runner& run) {
  auto shell = std::make_shared<std::string>();
  auto sites_file = std::make_shared<std::string>();
  add_choice(app, "shell", *shell, {"bash", "zsh", "fish", "sites"},
             "the shell to complete for (sites: list the site names, for the scripts)")
      ->required();
  app.add_option("--sites", *sites_file, "sites file whose site names to list")->type_name("FILE");
  run = [shell, sites_file](Io& io) {
    if (*shell == "bash") io.out << bash_completion();
    else if (*shell == "zsh") io.out << zsh_completion();
    else if (*shell == "fish") io.out << fish_completion();
    else
      for (const auto& site : load_sites(*sites_file, io.in, io.stdin_is_terminal).sites) io.out << site.name << '\n';
    return ExitClass::ok;
  };
}

} // namespace intentctl::cli
