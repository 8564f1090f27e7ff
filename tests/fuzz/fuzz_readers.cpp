// The JSON and YAML readers, with the limits they ship with, on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/reader.hpp"
#include "io/writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  for (const bool as_json : {true, false}) {
    try {
      const ParsedStream stream = as_json ? parse_json(source, ReadLimits{}) : parse_yaml(source, ReadLimits{});
      // Whatever was read must print, and the printed YAML must read back the same.
      for (const Node& document : stream.documents) {
        if (document.is_null()) continue; // YAML streams leave empty documents out
        const std::string yaml = to_yaml(document);
        (void)to_json(document);
        ReadLimits roomy;
        roomy.max_depth = 1000;
        ParsedStream again;
        try {
          again = parse_yaml(Source{"again", yaml}, roomy);
        } catch (const Error&) {
          __builtin_trap(); // written YAML that cannot be read
        }
        if (again.documents.size() != 1 || !(again.documents[0] == document)) __builtin_trap();
      }
    } catch (const Error&) {}
  }
  return 0;
}
