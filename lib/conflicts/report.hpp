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
#include "io/sink.hpp"

namespace intentctl {

// "Intent=<id>": how an IntentReport names an intent (intentReference, conflictingIntent).
std::string intent_dn(std::string_view id);

// Adds intentConflictReports (an empty list when there is none) and, unless
// feasibility is unknown, intentFeasibilityCheckReport to report.
void add_check_reports(Node& report, const ConflictAnalysis& analysis, std::size_t intent);

// The whole IntentReport of one intent, as intentctl check writes it.
Node check_intent_report(const ConflictAnalysis& analysis, std::size_t intent, const std::string& now);

// "intent-report-<id>.json", the id's characters that cannot be in a file
// name replaced by '-'.
std::string intent_report_file_name(std::string_view intent_id);

// The findings for people, one line each, at the first target's position:
// conflicts (one line for a pair of targets however many sites it is found on,
// in the analysis' order, then the summed demands) and infeasible intents as
// errors; with with_verdicts, also each intent whose feasibility is unknown,
// and each feasible one, as info.
std::vector<Diagnostic> check_findings(const ConflictAnalysis& analysis, bool with_verdicts);

} // namespace intentctl
