// Running out of file descriptors (EMFILE) is the one failure whose handling
// needs descriptors itself: removing the half-written tree takes one per
// folder level, and in the sanitizer build the runtime's type check of the
// Error that reports it opens a pipe. The executable keeps two descriptors
// spare from its start and hands them back the moment such an error is made
// (file_error), so the failure is reported and cleaned up like any other.
#pragma once

namespace intentctl {

// Opens the spare descriptors (on /dev/null); once per process.
void keep_spare_descriptors();
// Closes them, if they are still open; safe from any thread.
void release_spare_descriptors();

} // namespace intentctl
