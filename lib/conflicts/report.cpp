#include "conflicts/report.hpp"

#include <fmt/format.h>

namespace intentctl {

namespace {

std::string target_id(const ConflictAnalysis& analysis, const TargetRef& ref, bool with_position) {
  const Expectation& expectation = *analysis.subjects[ref.subject].expectation;
  std::string text = expectation.id + "/" + expectation.targets[ref.target].name;
  if (with_position) text += fmt::format("#{}", ref.target + 1);
  return text;
}

Node conflict_entry(std::string id, ConflictType type, const char* field, const std::string& other) {
  Node entry = Node::object();
  entry.add("conflictId", Node::string(std::move(id)));
  entry.add("conflictType", Node::string(std::string(to_3gpp(type))));
  entry.add(field, Node::string(other));
  return entry;
}

// The conflict as the owning side's intent reports it.
Node target_entry(const ConflictAnalysis& analysis, const TargetConflict& conflict, const TargetRef& own,
                  const TargetRef& other) {
  const bool positions = conflict.type == ConflictType::target;
  const IntentVerdict& other_intent = analysis.intents[analysis.subject_intent[other.subject]];
  const std::string id = fmt::format("{}:{}:{}/{}", analysis.sites[conflict.site]->name, target_id(analysis, own, positions),
                                     other_intent.id, target_id(analysis, other, positions));
  switch (conflict.type) {
    case ConflictType::intent: return conflict_entry(id, conflict.type, "conflictingIntent", intent_dn(other_intent.id));
    case ConflictType::expectation:
      return conflict_entry(id, conflict.type, "conflictingExpectation",
                            analysis.subjects[other.subject].expectation->id);
    case ConflictType::target: return conflict_entry(id, conflict.type, "conflictingTarget", analysis.target(other).name);
  }
  return Node::object();
}

} // namespace

std::string intent_dn(std::string_view id) { return "Intent=" + std::string(id); }

void add_check_reports(Node& report, const ConflictAnalysis& analysis, std::size_t intent) {
  Node list = Node::array();
  for (std::size_t index : analysis.target_conflicts_of[intent]) {
    const TargetConflict& conflict = analysis.targets[index];
    if (analysis.subject_intent[conflict.first.subject] == intent)
      list.push(target_entry(analysis, conflict, conflict.first, conflict.second));
    // Both sides are this intent's when its own expectations (not one target) conflict.
    if (analysis.subject_intent[conflict.second.subject] == intent && conflict.type != ConflictType::target)
      list.push(target_entry(analysis, conflict, conflict.second, conflict.first));
  }
  for (std::size_t index : analysis.demand_conflicts_of[intent]) {
    const DemandConflict& conflict = analysis.demands[index];
    for (const auto& share : conflict.shares) {
      if (share.intent == intent) continue;
      const std::string& other = analysis.intents[share.intent].id;
      list.push(conflict_entry(fmt::format("{}:{}:{}", analysis.sites[conflict.site]->name,
                                           capacity_field(conflict.capacity).key, other),
                               ConflictType::intent, "conflictingIntent", intent_dn(other)));
    }
  }
  report.add("intentConflictReports", std::move(list));

  const IntentVerdict& verdict = analysis.intents[intent];
  if (verdict.feasibility == Feasibility::unknown) return;
  Node feasibility = Node::object();
  const bool feasible = verdict.feasibility == Feasibility::feasible;
  feasibility.add("feasibilityCheckResult", Node::string(feasible ? "FEASIBLE" : "INFEASIBLE"));
  if (!feasible) feasibility.add("infeasibilityReason", Node::string(fmt::format("{}", fmt::join(verdict.reasons, "; "))));
  report.add("intentFeasibilityCheckReport", std::move(feasibility));
}

Node check_intent_report(const ConflictAnalysis& analysis, std::size_t intent, const std::string& now) {
  const std::string& id = analysis.intents[intent].id;
  Node report = Node::object();
  report.add("id", Node::string("IntentReport-" + id));
  add_check_reports(report, analysis, intent);
  report.add("lastUpdatedTime", Node::string(now));
  report.add("intentReference", Node::string(intent_dn(id)));
  return report;
}

} // namespace intentctl
