// Metric answers as verify reads them: a Prometheus /api/v1/query body, and a
// JSON document with values found by JSON pointer. Every string in the
// document that starts with '/' is also tried as a pointer into it. The body
// is also masked as server text is before it is printed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/reader.hpp"
#include "verify/check.hpp"
#include "verify/metrics.hpp"
#include "verify/slo.hpp"

namespace {

using namespace intentctl;

void try_pointers(const Node& document, const Node& node, std::size_t& budget) {
  if (budget == 0) return;
  if (node.is_string() && !node.text().empty() && node.text().front() == '/') {
    --budget;
    std::string problem;
    if (const Node* found = resolve_json_pointer(document, node.text(), problem))
      (void)measurement_text(json_measurement(*found, "pointer " + node.text(), "ms"));
  }
  for (const Node& item : node.items()) try_pointers(document, item, budget);
  for (const auto& member : node.members()) try_pointers(document, member.value, budget);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  for (const long status : {200L, 400L, 503L}) {
    try {
      (void)measurement_text(prometheus_measurement(status, body, "query up", status == 200 ? "ms" : ""));
    } catch (const Error&) { // not a JSON object: the source's fault
    }
  }
  // What a server says is masked before it is printed.
  (void)redact_output(body, {"secret", "user:password"});
  try {
    const ParsedStream stream = parse_json(Source{"metrics", body}, ReadLimits{.max_bytes = std::size_t{64} << 20});
    for (const Node& document : stream.documents) {
      (void)measurement_text(json_measurement(document, "pointer \"\"", ""));
      std::string problem;
      (void)resolve_json_pointer(document, "/value", problem);
      std::size_t budget = 32;
      try_pointers(document, document, budget);
    }
  } catch (const Error&) {}
  return 0;
}
