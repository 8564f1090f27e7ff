#include "io/sink.hpp"

#include "io/output_document.hpp"
#include "io/writer.hpp"

namespace intentctl {

namespace {

Tone severity_tone(Severity severity) {
  switch (severity) {
    case Severity::error: return Tone::error;
    case Severity::warning: return Tone::warning;
    case Severity::info: return Tone::note;
  }
  return Tone::error;
}

// A message's lines as one: a diagnostic is one line (and its hint).
std::string one_line(std::string_view text) {
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && (part.back() == '\r' || part.back() == ' ')) part.remove_suffix(1);
    if (!part.empty()) line += (line.empty() ? "" : "; ") + std::string(part);
    start = end + 1;
  }
  return line;
}

} // namespace

std::string diagnostic_text(const Diagnostic& diagnostic, std::string_view program, const Palette& palette) {
  const Location& where = diagnostic.where;
  const bool positioned = !where.file.empty() && where.line > 0;
  std::string text = positioned ? location_prefix(where) : std::string(program) + ": ";
  text += palette.paint(std::string(severity_word(diagnostic.severity)) + ":", severity_tone(diagnostic.severity));
  text += ' ';
  if (!positioned && !where.file.empty()) text += where.file + ": ";
  if (!where.path.empty()) text += where.path + ": ";
  text += one_line(diagnostic.message) + '\n';
  if (const std::string hint = one_line(diagnostic.hint); !hint.empty())
    text += palette.paint("hint:", Tone::note) + ' ' + hint + '\n';
  return text;
}

const char* severity_word(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

void Reporter::report(const Diagnostic& diagnostic) {
  if (diagnostic.severity == Severity::error) ++errors_;
  else if (verbosity_ == Verbosity::quiet) return;
  write_line(diagnostic_text(diagnostic, program_, palette()));
}

void Reporter::error(const Error& error) {
  report(Diagnostic{Severity::error, error.message(), error.where(), error.hint()});
}

void Reporter::note(const std::string& message) { report(Diagnostic{Severity::info, message}); }

void Reporter::summary(const std::string& line) {
  if (verbosity_ != Verbosity::quiet) write_line(line + '\n');
}

void Reporter::verbose(const std::string& message) {
  if (verbosity_ == Verbosity::verbose) write_line(message + '\n');
}

// "\r" and "erase to the end of the line" take the status line away; the
// terminal's cursor is then where the line began.
constexpr const char* kEraseLine = "\r\033[K";

void Reporter::write_line(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (status_shown_) err_ << kEraseLine;
  status_shown_ = false;
  err_ << line << std::flush;
}

void Reporter::show_status(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (status_shown_ && line == status_) return; // nothing new to draw
  err_ << kEraseLine << line << std::flush;
  status_shown_ = true;
  status_ = line;
}

void Reporter::clear_status() {
  std::lock_guard lock(mutex_);
  if (status_shown_) err_ << kEraseLine << std::flush;
  status_shown_ = false;
}

void TextSink::record(const Node&, const std::string& text_line) { out_ << text_line << '\n'; }

JsonSink::JsonSink(std::ostream& out, std::string_view kind) : out_(out), document_(site_records_document(kind)) {}

void JsonSink::record(const Node& fields, const std::string&) { document_.find("sites")->push(fields); }

void JsonSink::finish() {
  std::string text;
  write_json(text, document_);
  out_ << text << '\n' << std::flush;
}

} // namespace intentctl
