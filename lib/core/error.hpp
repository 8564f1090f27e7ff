// One error type for every stage: where it happened, what happened, and which
// exit-code class it belongs to. The CLI maps the class to the process exit code
// in exactly one place (exit_code below).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace intentctl {

// The exit-code classes (docs/conventions.md), valued as the process exit codes.
enum class ExitClass : int {
  ok = 0,
  failed = 1,       // the check ran and failed
  usage = 2,        // usage or input error
  external = 3,     // network, auth, git server, cluster API
  timeout = 4,      // --wait ran out of time
  interrupted = 130 // SIGINT
};

struct Location {
  std::string file;       // "-" for standard input; empty when not about a file
  std::uint32_t line = 0; // 1-based; 0 when unknown
  std::uint32_t column = 0;
  std::string path; // JSON path inside the document, like spec.capacity.latency
};

// The location of a whole file or folder, for errors about it.
inline Location file_location(std::string path) { return Location{std::move(path), 0, 0, {}}; }

class Error : public std::runtime_error {
 public:
  Error(ExitClass exit_class, std::string message, Location where = {});

  ExitClass exit_class() const { return exit_class_; }
  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }
  // The next step to suggest, printed on a "hint:" line of its own; "" for none.
  const std::string& hint() const { return hint_; }
  Error& with_hint(std::string hint) {
    hint_ = std::move(hint);
    return *this;
  }

  // "FILE:LINE:COL: error: PATH: MESSAGE", leaving out the parts that are
  // unknown: the error as one line inside another message. What a user sees
  // on standard error is diagnostic_text's (io/sink.hpp).
  std::string describe() const;

 private:
  ExitClass exit_class_;
  std::string message_;
  Location where_;
  std::string hint_;
};

// Shorthands for the common classes.
Error input_error(std::string message, Location where = {});
Error usage_error(std::string message);
Error external_error(std::string message, Location where = {});

// An error the operating system reported (errnum, an errno value) about a file
// or folder. The machine's own failures (a full disk or quota, a file too large
// for a limit, no file descriptors or memory left, an I/O error) are external
// (3), like the network's: the input is fine, the machine is not. The rest
// (no such file, permission denied, not a folder) are input errors (2).
Error file_error(int errnum, std::string message, Location where = {});

// "FILE:LINE:COL: " prefix (or less, when parts are unknown), shared by every
// diagnostic printer so the GNU style stays in one place.
std::string location_prefix(const Location& where);

// "FILE:LINE:COL" (or less, when parts are unknown) inside a message: "first
// at intents.yaml:3:5". "" when there is no file.
std::string location_text(const Location& where);

int exit_code(ExitClass exit_class);

} // namespace intentctl
