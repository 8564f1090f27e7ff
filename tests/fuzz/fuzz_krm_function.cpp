// The kpt functions on any ResourceList: render --fn and validate --fn read it,
// work on its items and write it back. What they write must read back as a
// ResourceList.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "krm/resource.hpp"
#include "render/render.hpp"
#include "validate/validate.hpp"

namespace {

using namespace intentctl;

template <typename Function>
void run_function(const std::string& input, Function function) {
  std::istringstream in(input);
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  try {
    (void)function(io);
  } catch (const Error&) {
    return;
  }
  try {
    (void)read_resource_list(Source{"written", out.str()});
  } catch (const Error&) {
    __builtin_trap(); // the function wrote a ResourceList it cannot read
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool no_sites_file = (::unsetenv("INTENTCTL_SITES"), true);
  (void)no_sites_file;
  const std::string input(reinterpret_cast<const char*>(data), size);
  run_function(input, [](Io& io) {
    RenderOptions options;
    options.function = true;
    return render_function(options, io);
  });
  run_function(input, [](Io& io) {
    ValidateOptions options;
    options.function = true;
    options.jobs = 1;
    return validate_function(options, io);
  });
  return 0;
}
