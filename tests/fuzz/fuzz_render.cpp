// render -o - on any input: render's input reader (28.312 Intents, bare
// expectations, the seed intentExpectation* dialect, lists and streams of
// them) and everything it writes for the embedded default site. What it
// writes must read back as YAML.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "io/reader.hpp"
#include "render/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  static const bool no_sites_file = (::unsetenv("INTENTCTL_SITES"), true);
  (void)no_sites_file;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  RenderOptions options;
  options.to_stdout = true;
  try {
    if (render(options, io) != ExitClass::ok) return 0;
  } catch (const Error&) {
    return 0;
  }
  try {
    (void)parse_yaml(Source{"rendered", out.str()}, ReadLimits{});
  } catch (const Error&) {
    __builtin_trap(); // render wrote YAML it cannot read
  }
  return 0;
}
