// -o FILE for the commands whose output is a report on standard output
// (validate, publish, verify): the report goes to FILE instead, written whole
// when the command has run, so that an error leaves what was there before.
#pragma once

#include <functional>
#include <string>

#include "io/sink.hpp"

namespace intentctl::cli {

// Runs command with its standard output going to file ("" or "-": standard
// output), and returns its exit class. The file is written when the command
// returns, whatever it found (validate's report names the inputs it could not
// read), and not when it stops with an error.
ExitClass write_output(const std::string& file, Io& io, const std::function<ExitClass(Io&)>& command);

} // namespace intentctl::cli
