// Ctrl-C (or SIGTERM, SIGHUP): the CLI installs a handler that only raises a flag; long
// operations (render of many files, publish of many sites) check it between
// steps and stop cleanly with exit 130, leaving the previous tree and the
// cached clones as they were.
#pragma once

namespace intentctl {

void install_interrupt_handler();
bool interrupted();
// Throws Error(ExitClass::interrupted) once one of those signals has arrived.
void throw_if_interrupted();

} // namespace intentctl
