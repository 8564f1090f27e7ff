#include "io/sink.hpp"

#include "io/output_document.hpp"
#include "io/writer.hpp"

namespace intentctl {

namespace {

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::info: return "\033[1;36m";
  }
  return "";
}
} // namespace

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
  std::string line = location_prefix(diagnostic.where);
  if (color_) line += severity_color(diagnostic.severity);
  line += severity_word(diagnostic.severity);
  line += ':';
  if (color_) line += "\033[0m";
  line += ' ';
  if (!diagnostic.where.path.empty()) line += diagnostic.where.path + ": ";
  line += diagnostic.message;
  line += '\n';
  write_line(line);
}

void Reporter::error(const Error& error) {
  report(Diagnostic{Severity::error, error.message(), error.where()});
}

void Reporter::note(const std::string& message) {
  if (verbosity_ != Verbosity::quiet) write_line(message + '\n');
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
