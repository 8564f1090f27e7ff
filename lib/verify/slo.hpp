// Judging measured values against 28.312 targets: every condition, with units
// converted (a value in s against a target in ms, Gbps against Mbps, a ratio
// against %).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/intent.hpp"
#include "verify/check.hpp"

namespace intentctl {

struct Measurement {
  enum class Kind { missing, number, text, boolean, list };
  Kind kind = Kind::missing;
  double number = 0;
  std::string unit; // of number; "" = the target's own unit
  std::string text;
  bool boolean = false;
  std::vector<Measurement> items;
  std::string origin;  // what was asked: "query up{job=\"upf\"}", "pointer /latency"
  std::string problem; // why it is missing

  static Measurement missing(std::string origin, std::string problem);
  static Measurement of_number(double value, std::string unit, std::string origin = {});
};

// pass: the measured value meets the target; fail: it does not (a measured
// violation); unknown: no value could be had, or it cannot be compared with
// the target (another kind of unit, a list where one value is wanted).
struct TargetVerdict {
  CheckState state = CheckState::unknown;
  bool measured = false;
  std::optional<double> achieved; // the measured number in the target's unit
  std::string achieved_unit;
  std::string achieved_text;                    // "2.7 ms"
  std::string wanted_text;                      // "IS_LESS_THAN 1 ms"
  Condition condition = Condition::is_equal_to; // what was wanted, for the JSON output
  ValueRange wanted;
  Measurement measurement; // what was measured, as the endpoint said it
  std::string reason;      // why not met, or why not measured

  bool met() const { return state == CheckState::pass; }
};

TargetVerdict evaluate(Condition condition, const ValueRange& range, const Measurement& measurement);

// "2.7 ms", "99.5%", "0.995": six significant digits at most.
std::string number_text(double value, const std::string& unit);
std::string measurement_text(const Measurement& measurement);
std::string wanted_text(Condition condition, const ValueRange& range);

} // namespace intentctl
