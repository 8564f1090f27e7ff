#include "conflicts/report.hpp"

#include <cctype>

#include <fmt/format.h>

#include "model/seed_dialect.hpp"

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
  const CheckedIntent& other_intent = analysis.intents[analysis.subject_intent[other.subject]];
  const std::string id =
      fmt::format("{}:{}:{}/{}", analysis.sites[conflict.site]->name, target_id(analysis, own, positions),
                  other_intent.id, target_id(analysis, other, positions));
  switch (conflict.type) {
    case ConflictType::intent:
      return conflict_entry(id, conflict.type, "conflictingIntent", intent_dn(other_intent.id));
    case ConflictType::expectation:
      return conflict_entry(id, conflict.type, "conflictingExpectation",
                            analysis.subjects[other.subject].expectation->id);
    case ConflictType::target:
      return conflict_entry(id, conflict.type, "conflictingTarget", analysis.target(other).name);
  }
  return Node::object();
}

std::string site_names(const ConflictAnalysis& analysis, const std::vector<std::size_t>& sites) {
  std::string names;
  for (std::size_t site : sites) names += (names.empty() ? "" : ", ") + analysis.sites[site]->name;
  return names;
}

// "5GC_SubNetwork core (networkSlice IS_EQUAL_TO robot)": what two conflicting targets are about.
std::string scope_text(const ConflictAnalysis& analysis, const TargetRef& ref) {
  const CheckSubject& subject = analysis.subjects[ref.subject];
  const Expectation& expectation = *subject.expectation;
  std::string text = expectation.object.type;
  if (!expectation.object.instance.empty()) text += " " + expectation.object.instance;
  std::vector<std::string> contexts;
  auto add = [&](const std::vector<Context>& list) {
    for (const auto& context : list)
      if (context.attribute != kExpectationTypeContext)
        contexts.push_back(
            fmt::format("{} {} {}", context.attribute, to_3gpp(context.condition), range_text(context.range)));
  };
  if (subject.intent_contexts) add(*subject.intent_contexts);
  add(expectation.contexts);
  add(expectation.object.contexts);
  add(analysis.target(ref).contexts);
  if (!contexts.empty()) text += fmt::format(" ({})", fmt::join(contexts, ", "));
  return text;
}

std::string side_text(const ConflictAnalysis& analysis, const TargetRef& ref) {
  return fmt::format("{} (intent {}, expectation {})", target_text(analysis.target(ref)),
                     analysis.intents[analysis.subject_intent[ref.subject]].id,
                     analysis.subjects[ref.subject].expectation->id);
}

Diagnostic target_finding(const ConflictAnalysis& analysis, const TargetConflict& conflict,
                          const std::vector<std::size_t>& sites) {
  const Location second = target_location(analysis, conflict.second);
  return {Severity::error,
          fmt::format("{}: {}: {} and {}{} cannot both hold on {}", site_names(analysis, sites), to_3gpp(conflict.type),
                      side_text(analysis, conflict.first), side_text(analysis, conflict.second),
                      second.line ? " at " + location_text(second) : "", scope_text(analysis, conflict.first)),
          target_location(analysis, conflict.first)};
}

Diagnostic demand_finding(const ConflictAnalysis& analysis, const DemandConflict& conflict) {
  const Site& site = *analysis.sites[conflict.site];
  const CapacityLimit& limit = *site.limit(conflict.capacity);
  std::vector<std::string> shares;
  for (const auto& share : conflict.shares)
    shares.push_back(fmt::format("{} ({})", analysis.intents[share.intent].id, capacity_amount(limit, share.demand)));
  const std::string last = shares.back();
  shares.pop_back();
  return {Severity::error,
          fmt::format("{}: INTENT_CONFLICT: intents {} and {} ask for {} in all, above the {} {} the site declares",
                      site.name, fmt::join(shares, ", "), last, capacity_amount(limit, conflict.total),
                      capacity_field(conflict.capacity).key, limit.text),
          {}};
}

} // namespace

std::string intent_report_file_name(std::string_view intent_id) {
  std::string name;
  for (unsigned char c : intent_id)
    name += std::isalnum(c) || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '-';
  if (name.empty() || name.front() == '.') name.insert(0, "_");
  return "intent-report-" + name + ".json";
}

std::vector<Diagnostic> check_findings(const ConflictAnalysis& analysis, bool with_verdicts) {
  std::vector<Diagnostic> findings;
  const auto& conflicts = analysis.targets;
  for (std::size_t i = 0; i < conflicts.size();) {
    std::vector<std::size_t> sites{conflicts[i].site};
    std::size_t next = i + 1;
    for (; next < conflicts.size() && conflicts[next].first == conflicts[i].first &&
           conflicts[next].second == conflicts[i].second;
         ++next)
      sites.push_back(conflicts[next].site);
    findings.push_back(target_finding(analysis, conflicts[i], sites));
    i = next;
  }
  for (const auto& conflict : analysis.demands) findings.push_back(demand_finding(analysis, conflict));
  for (const auto& intent : analysis.intents) {
    if (intent.feasibility == Feasibility::feasible) {
      if (with_verdicts) findings.push_back({Severity::info, fmt::format("intent {}: feasible", intent.id), {}});
      continue;
    }
    const bool infeasible = intent.feasibility == Feasibility::infeasible;
    if (!infeasible && !with_verdicts) continue;
    for (const auto& reason : intent.reasons)
      findings.push_back(
          {infeasible ? Severity::error : Severity::info,
           fmt::format("intent {}: {}: {}", intent.id, infeasible ? "infeasible" : "feasibility unknown", reason.text),
           reason.target ? target_location(analysis, *reason.target) : Location{}});
  }
  return findings;
}

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

  const CheckedIntent& verdict = analysis.intents[intent];
  if (verdict.feasibility == Feasibility::unknown) return;
  Node feasibility = Node::object();
  const bool feasible = verdict.feasibility == Feasibility::feasible;
  feasibility.add("feasibilityCheckResult", Node::string(feasible ? "FEASIBLE" : "INFEASIBLE"));
  if (!feasible) {
    std::string reason;
    for (const auto& each : verdict.reasons) reason += (reason.empty() ? "" : "; ") + each.text;
    feasibility.add("infeasibilityReason", Node::string(reason));
  }
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
