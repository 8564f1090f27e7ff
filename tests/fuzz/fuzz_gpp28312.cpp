// The 28.312 reader (an Intent in either layout, or a bare expectation): what it
// reads writes out in both layouts, and the written form reads back the same.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/reader.hpp"
#include "io/writer.hpp"
#include "model/intent_io.hpp"

namespace {

using namespace intentctl;

Node reread_intent(const Node& written) {
  const Source again{"again", to_json(written)};
  std::vector<DeltaEntry> delta;
  const Node document = parse_json(again, ReadLimits{.max_depth = 1000}).documents.at(0);
  return to_node(read_intent(again, document, "", delta));
}

Node reread_expectation(const Node& written) {
  const Source again{"again", to_json(written)};
  std::vector<DeltaEntry> delta;
  const Node document = parse_json(again, ReadLimits{.max_depth = 1000}).documents.at(0);
  return to_node(read_expectation(again, document, "", delta));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  ParsedStream stream;
  try {
    stream = parse_documents(source, ReadLimits{});
  } catch (const Error&) {
    return 0;
  }
  for (const Node& document : stream.documents) {
    std::vector<DeltaEntry> delta;
    (void)is_3gpp_intent(document);
    (void)is_3gpp_expectation(document);
    std::optional<Intent> intent;
    try {
      intent = read_intent(source, document, "", delta);
    } catch (const Error&) {}
    if (intent) {
      const Node flat = to_node(*intent, Layout::flat);
      const Node attributes = to_node(*intent, Layout::attributes);
      // Both layouts read back to the same intent; what was written must read.
      try {
        if (!(reread_intent(flat) == flat) || !(reread_intent(attributes) == flat)) __builtin_trap();
      } catch (const Error&) {
        __builtin_trap();
      }
    }
    std::optional<Node> expectation;
    try {
      expectation = to_node(read_expectation(source, document, "", delta));
    } catch (const Error&) {}
    if (expectation) {
      try {
        if (!(reread_expectation(*expectation) == *expectation)) __builtin_trap();
      } catch (const Error&) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
