#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "io/progress.hpp"

using namespace intentctl;

namespace {

// A terminal's stderr, as a string.
struct Terminal {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Reporter reporter;
  Io io;
  explicit Terminal(bool is_terminal = true, Verbosity verbosity = Verbosity::normal)
      : reporter(err, false, verbosity), io{in, out, reporter, false, is_terminal} {}
  // The lines drawn in place, the last one last.
  std::vector<std::string> drawn() const {
    std::vector<std::string> lines;
    const std::string text = err.str();
    const std::string erase = "\r\033[K";
    for (std::size_t at = text.find(erase); at != std::string::npos;) {
      const std::size_t next = text.find(erase, at + erase.size());
      std::string line =
          text.substr(at + erase.size(), next == std::string::npos ? std::string::npos : next - at - erase.size());
      if (!line.empty()) lines.push_back(line);
      at = next;
    }
    return lines;
  }
};

} // namespace

TEST_CASE("progress numbers: thousands grouped, bytes in binary units") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(999) == "999");
  CHECK(grouped(5003) == "5,003");
  CHECK(grouped(1234567) == "1,234,567");
  CHECK(byte_size(1) == "1 byte");
  CHECK(byte_size(812) == "812 bytes");
  CHECK(byte_size(41 * 1024) == "41.0 KiB");
  CHECK(byte_size(3355443) == "3.2 MiB");
  CHECK(byte_size(1342177280ull) == "1.25 GiB");
  CHECK(phase_text({"reading files", 2500, 5003, 0}) == "reading files 2,500/5,003");
  CHECK(phase_text({"counting objects", 5010, 0, 0}) == "counting objects 5,010");
  CHECK(phase_text({"sending objects", 1200, 5010, 3355443}) == "sending objects 1,200/5,010, 3.2 MiB");
}

TEST_CASE("progress of one site: its phases only, each drawn as it begins and ends, erased at the end") {
  Terminal terminal;
  {
    auto progress = std::make_shared<Progress>(terminal.io, "publish", 1, "sites");
    TaskProgress site(progress, 0, "edge1");
    site.report({"reading files", 1, 3, 0});
    site.report({"reading files", 2, 3, 0}); // within 100 ms of the last: not drawn
    site.report({"reading files", 3, 3, 0}); // the phase's end: drawn
    site.report({"writing objects", 0, 4, 0});
    site.end();
    progress->close();
  }
  const std::vector<std::string> expected{"edge1: reading files 1/3", "edge1: reading files 3/3",
                                          "edge1: writing objects 0/4"};
  CHECK(terminal.drawn() == expected);
  CHECK(terminal.err.str().ends_with("\r\033[K")); // nothing left on the line
}

TEST_CASE("progress redraws at most ten times a second") {
  Terminal terminal;
  auto progress = std::make_shared<Progress>(terminal.io, "publish", 1, "sites");
  TaskProgress site(progress, 0, "edge1");
  const auto start = std::chrono::steady_clock::now();
  constexpr std::size_t kFiles = 200000;
  for (std::size_t done = 1; done < kFiles; ++done) site.report({"reading files", done, kFiles, 0});
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  // The first report (a new phase) and one per 100 ms after it.
  CHECK(terminal.drawn().size() <= 2 + static_cast<std::size_t>(elapsed.count() / 100));
}

TEST_CASE("progress of several sites: the counter and one site's phase, which it follows to its end") {
  Terminal terminal;
  auto progress = std::make_shared<Progress>(terminal.io, "publish", 3, "sites");
  TaskProgress edge1(progress, 0, "edge1"), edge2(progress, 1, "edge2"), edge3(progress, 2, "edge3");
  edge1.report({"reading files", 10, 10, 0});
  CHECK(terminal.drawn().back() == "publish: 0/3 sites, edge1: reading files 10/10");
  edge2.report({"reading files", 5, 5, 0}); // edge1 is followed: no change
  CHECK(terminal.drawn().back() == "publish: 0/3 sites, edge1: reading files 10/10");
  edge3.report({"writing objects", 1, 0, 0});
  edge1.end(); // then the site that reported last, at once
  CHECK(terminal.drawn().back() == "publish: 0/3 sites, edge3: writing objects 1");
  edge3.end();
  edge2.end();
  progress->set(3);
  CHECK(terminal.drawn().back() == "publish: 3/3 sites");
}

TEST_CASE("progress: results are printed with the line away, and no worker draws it meanwhile") {
  Terminal terminal;
  auto progress = std::make_shared<Progress>(terminal.io, "publish", 1, "sites");
  TaskProgress site(progress, 0, "edge1");
  site.report({"reading files", 1, 9, 0});
  progress->without_line([&] {
    std::thread worker([&] { site.report({"writing objects", 1, 9, 0}); });
    worker.join();
    terminal.err << "edge1  repo  main  abc1234  pushed\n";
  });
  CHECK(terminal.err.str().ends_with("edge1: reading files 1/9\r\033[Kedge1  repo  main  abc1234  pushed\n"));
  site.report({"sending objects", 1, 9, 0});
  CHECK(terminal.drawn().back() == "edge1: sending objects 1/9");
  // A worker left behind past the deadline reports into nothing.
  progress->close();
  const std::string closed = terminal.err.str();
  site.report({"receiving objects", 1, 9, 0});
  CHECK(terminal.err.str() == closed);
}

TEST_CASE("progress draws nothing off a terminal, with --quiet, or in JSON mode") {
  for (const auto& [terminal, verbosity, wanted] :
       {std::tuple{false, Verbosity::normal, true}, std::tuple{true, Verbosity::quiet, true},
        std::tuple{true, Verbosity::normal, false}}) {
    Terminal stderr_(terminal, verbosity);
    auto progress = std::make_shared<Progress>(stderr_.io, "publish", 2, "sites", wanted);
    TaskProgress site(progress, 0, "edge1");
    site.report({"reading files", 1, 1, 0});
    progress->set(2);
    progress->close();
    CHECK(stderr_.err.str().empty());
  }
}

TEST_CASE("progress: a line wider than the terminal is cut to fit, never inside a character") {
  Terminal terminal;
  terminal.io.stderr_columns = 30;
  auto progress = std::make_shared<Progress>(terminal.io, "publish", 1, "sites");
  std::string name = "ed";
  for (int i = 0; i < 20; ++i) name += "\xc3\xa9"; // é, two bytes
  TaskProgress site(progress, 0, name);
  site.report({"reading files", 1, 9, 0});
  // 29 bytes would end inside the 14th é: the line keeps 13.
  CHECK(terminal.drawn().back() == name.substr(0, 28));
}
