#include "output.hpp"

#include <sstream>

#include "io/files.hpp"
#include "io/output_document.hpp"
#include "io/writer.hpp"

namespace intentctl::cli {

namespace {

// Points a stream at another buffer for as long as it lives.
class Redirect {
 public:
  Redirect(std::ostream& stream, std::streambuf* buffer) : stream_(stream), saved_(stream.rdbuf(buffer)) {}
  ~Redirect() { stream_.rdbuf(saved_); }
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* saved_;
};

void print_error_document(const std::function<Node()>& json_frame, const Error& error, Io& io) {
  io.out << to_json(error_document(json_frame(), error)) << '\n';
  io.out.flush();
}

} // namespace

std::function<Node()> json_frame(const std::string& format, std::function<Node()> frame) {
  return format == "json" ? std::move(frame) : std::function<Node()>{};
}

ExitClass write_output(const std::string& file, Io& io, const std::function<ExitClass(Io&)>& command,
                       const std::function<Node()>& json_frame) {
  const bool to_stdout = file.empty() || file == "-";
  if (to_stdout && !json_frame) return command(io);
  // JSON is printed whole at the end anyway: kept until the command returns,
  // so that an error replaces it rather than following it.
  std::ostringstream buffer;
  try {
    ExitClass result;
    {
      Redirect redirect(io.out, buffer.rdbuf());
      Io target = io;
      if (!to_stdout) target.out_palette = Palette(false); // a file gets no colours
      result = command(target);
    }
    if (to_stdout) io.out << buffer.str() << std::flush;
    else write_file_atomically(file, buffer.str());
    return result;
  } catch (const Error& error) {
    if (json_frame) print_error_document(json_frame, error, io);
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    if (json_frame)
      print_error_document(json_frame, Error(ExitClass::failed, std::string("internal error: ") + error.what()), io);
    throw;
  }
}

} // namespace intentctl::cli
