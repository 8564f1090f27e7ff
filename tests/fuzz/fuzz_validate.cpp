// validate on standard input: kind detection, the intent schemas (TMF921 and
// 28.312), the built-in KRM schemas and the report writers. The input's size
// picks the report format, so every writer sees every input shape.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "validate/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  ValidateOptions options;
  options.jobs = 1;
  options.strict = size % 8 >= 4;
  options.summary = true;
  constexpr ValidateFormat formats[] = {ValidateFormat::text, ValidateFormat::json, ValidateFormat::junit,
                                        ValidateFormat::sarif};
  options.format = formats[size % 4];
  try {
    (void)validate(options, io);
  } catch (const Error&) {}
  return 0;
}
