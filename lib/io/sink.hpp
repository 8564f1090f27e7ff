// Where the library's words go. The CLI builds these from the global flags and
// hands them in; the library never touches std::cout or std::cerr itself.
#pragma once

#include <istream>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/node.hpp"
#include "io/palette.hpp"

namespace intentctl {

enum class Severity { error, warning, info };

// "error", "warning", "note": the word a diagnostic line starts with (GCC's),
// which SARIF's levels share.
const char* severity_word(Severity severity);
enum class Verbosity { quiet, normal, verbose };

struct Diagnostic {
  Diagnostic() = default;
  Diagnostic(Severity severity, std::string message, Location where = {}, std::string hint = {})
      : severity(severity), message(std::move(message)), where(std::move(where)), hint(std::move(hint)) {}

  Severity severity = Severity::error;
  std::string message;
  Location where;
  std::string hint; // the next step, on a "hint:" line of its own; "" for none
};

// The one shape of every error, warning and note intentctl prints, whichever
// command and wherever it comes from (intentctl(1), DIAGNOSTICS):
//   FILE:LINE:COL: error: PATH: MESSAGE      with a position in a file
//   PROGRAM: error: FILE: PATH: MESSAGE      without one ("intentctl render")
//   hint: HINT                               when there is a next step
// leaving out what is unknown. Lines after a message's first are joined to it
// with "; ", so that every line keeps the shape. Ends with a newline.
std::string diagnostic_text(const Diagnostic& diagnostic, std::string_view program, const Palette& palette);

// Diagnostics for people, in diagnostic_text's shape, on stderr.
class Reporter {
 public:
  // program names the command in diagnostics without a position: "intentctl render".
  explicit Reporter(std::ostream& err, bool color = false, Verbosity verbosity = Verbosity::normal,
                    std::string program = "intentctl")
      : err_(err), color_(color), verbosity_(verbosity), program_(std::move(program)) {}

  void report(const Diagnostic& diagnostic);
  void error(const Error& error);
  // A note in diagnostic_text's shape ("intentctl render: note: ..."), a
  // summary line as it is ("rendered 2 expectations ..."): shown unless
  // --quiet. Verbose lines only with -v.
  void note(const std::string& message);
  void summary(const std::string& line);
  void verbose(const std::string& message);
  // A status line drawn in place on a terminal (see Progress): replaced by the
  // next one, erased before any other line is written. Safe from any thread.
  void show_status(const std::string& line);
  void clear_status();

  Verbosity verbosity() const { return verbosity_; }
  bool color() const { return color_; }
  Palette palette() const { return Palette(color_); }
  const std::string& program() const { return program_; }
  std::size_t errors() const { return errors_; }

 private:
  std::ostream& err_;
  bool color_;
  Verbosity verbosity_;
  std::string program_;
  std::size_t errors_ = 0;
  std::mutex mutex_;
  bool status_shown_ = false;
  std::string status_; // the line shown, when status_shown_

  void write_line(const std::string& line);
};

// Results, one record at a time: text lines for people, or one JSON document
// for machines (--format json), printed whole by finish().
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void record(const Node& fields, const std::string& text_line) = 0;
  virtual void finish() {}
};

class TextSink : public Sink {
 public:
  explicit TextSink(std::ostream& out) : out_(out) {}
  void record(const Node& fields, const std::string& text_line) override;

 private:
  std::ostream& out_;
};

// The records as the "sites" list of a site_records_document (see
// io/output_document.hpp); the caller sets its status and errors through
// document() before finish() prints it.
class JsonSink : public Sink {
 public:
  JsonSink(std::ostream& out, std::string_view kind);
  void record(const Node& fields, const std::string& text_line) override;
  void finish() override;
  Node& document() { return document_; }

 private:
  std::ostream& out_;
  Node document_;
};

// Everything a command needs from the outside world.
struct Io {
  std::istream& in;
  std::ostream& out;
  Reporter& diagnostics;
  bool stdin_is_terminal = false;
  bool stderr_is_terminal = false;
  std::size_t stderr_columns = 0; // the terminal's width; 0 when unknown
  // Colours for what goes to out: on only when out is a terminal and colour
  // is allowed (never in a file -o names, a pipe, or with NO_COLOR).
  Palette out_palette{};
};

} // namespace intentctl
