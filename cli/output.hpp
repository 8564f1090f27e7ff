// -o FILE for the commands whose output is a report on standard output
// (validate, check, publish, verify): the report goes to FILE instead, written
// whole when the command has run, so that an error leaves what was there
// before. In JSON mode the output is one JSON document whatever happens: when
// an error stops the command, its document with status "error" and the error
// goes to standard output (and the usual error line to standard error).
#pragma once

#include <functional>
#include <string>

#include "io/node.hpp"
#include "io/sink.hpp"

namespace intentctl::cli {

// Runs command with its standard output going to file ("" or "-": standard
// output), and returns its exit class. The file is written when the command
// returns, whatever it found (validate's report names the inputs it could not
// read), and not when it stops with an error. With json_frame (the command's
// document for no input; empty when the format is not JSON), an error prints
// that document with the error on standard output, in place of whatever the
// command had written, before it goes on to the caller.
ExitClass write_output(const std::string& file, Io& io, const std::function<ExitClass(Io&)>& command,
                       const std::function<Node()>& json_frame = {});

// frame when the format is json; nothing otherwise (for write_output).
std::function<Node()> json_frame(const std::string& format, std::function<Node()> frame);

} // namespace intentctl::cli
