// An analysis as 3GPP TS 28.312 IntentReport parts, one intent at a time:
// intentConflictReports lists every conflict the intent takes part in, from
// its side, and intentFeasibilityCheckReport says FEASIBLE or INFEASIBLE with
// the reasons. The standard has no word for "not known": an intent whose
// feasibility is unknown has no intentFeasibilityCheckReport.
//
// conflictId names both sides, so that a report read alone says what
// conflicts: "<site>:<expectation>/<target>:<other intent>/<other
// expectation>/<other target>" for conflicting targets (a target named twice
// in one expectation adds its position: latency#2), and
// "<site>:<capacity field>:<other intent>" for a summed demand.
#pragma once

#include <string>
#include <string_view>

#include "conflicts/analysis.hpp"
#include "io/node.hpp"

namespace intentctl {

// "Intent=<id>": how an IntentReport names an intent (intentReference, conflictingIntent).
std::string intent_dn(std::string_view id);

// Adds intentConflictReports (an empty list when there is none) and, unless
// feasibility is unknown, intentFeasibilityCheckReport to report.
void add_check_reports(Node& report, const ConflictAnalysis& analysis, std::size_t intent);

// The whole IntentReport of one intent, as intentctl check writes it.
Node check_intent_report(const ConflictAnalysis& analysis, std::size_t intent, const std::string& now);

} // namespace intentctl
