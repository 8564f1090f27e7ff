#include "command.hpp"
#include "help.hpp"

namespace intentctl::cli {

void define_version(CLI::App&, Runner& run) {
  run = [](Io& io) {
    io.out << version_line();
    return ExitClass::ok;
  };
}

} // namespace intentctl::cli
