#include "output.hpp"

#include <sstream>

#include "io/files.hpp"

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

} // namespace

ExitClass write_output(const std::string& file, Io& io, const std::function<ExitClass(Io&)>& command) {
  if (file.empty() || file == "-") return command(io);
  std::ostringstream buffer;
  ExitClass result;
  {
    Redirect redirect(io.out, buffer.rdbuf());
    result = command(io);
  }
  write_file_atomically(file, buffer.str());
  return result;
}

} // namespace intentctl::cli
