// The --slo expression parser, and its conditions judged. The first line is
// the expression; what follows, if anything, is a JSON value measured against
// every condition (else a few fixed measurements are).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/reader.hpp"
#include "verify/metrics.hpp"
#include "verify/slo.hpp"
#include "verify/slo_expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string expression = input.substr(0, newline);
  std::vector<SloCondition> conditions;
  try {
    conditions = parse_slo(expression);
  } catch (const Error&) {
    return 0;
  }
  std::vector<Measurement> measurements;
  if (newline != std::string::npos) {
    try {
      const ParsedStream stream = parse_json(Source{"measured", input.substr(newline + 1)}, ReadLimits{});
      for (const Node& document : stream.documents) measurements.push_back(json_measurement(document, "measured", ""));
    } catch (const Error&) {}
  }
  if (measurements.empty()) {
    measurements.push_back(Measurement::of_number(1.5, "", "one and a half"));
    measurements.push_back(Measurement::of_number(0.995, "ratio", "a ratio"));
    measurements.push_back(Measurement::of_number(2.7, "ms", "milliseconds"));
    Measurement text;
    text.kind = Measurement::Kind::text;
    text.text = "auto";
    measurements.push_back(text);
    Measurement flag;
    flag.kind = Measurement::Kind::boolean;
    flag.boolean = true;
    measurements.push_back(flag);
    measurements.push_back(Measurement::missing("nowhere", "not measured"));
  }
  for (const SloCondition& condition : conditions) {
    (void)unit_from_name(condition.name);
    (void)wanted_text(condition.condition, condition.range);
    for (Measurement measurement : measurements) {
      if (measurement.kind == Measurement::Kind::number && measurement.unit.empty())
        measurement.unit = unit_from_name(condition.name);
      (void)measurement_text(measurement);
      (void)evaluate(condition.condition, condition.range, measurement);
    }
  }
  return 0;
}
