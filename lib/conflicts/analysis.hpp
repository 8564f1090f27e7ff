// Intent conflicts and feasibility (3GPP TS 28.312 IntentReport's
// intentConflictReports and intentFeasibilityCheckReport), worked out over
// every expectation on every site it lands on. Shared by the check command,
// render (which refuses what it finds) and verify (whose IntentReports carry it).
//
// Targets are compared within a group: the same site, the same object (the
// mapping's domain of its objectType, and its objectInstance), the same
// contexts (intent, expectation, object and target contexts, as written, the
// site list aside) and the same target name. Two targets of a group conflict
// when no value satisfies both (see allowed.hpp):
//
//   TARGET_CONFLICT       both in one expectation (one name given twice)
//   EXPECTATION_CONFLICT  in two expectations of one intent
//   INTENT_CONFLICT       in two intents; also intents whose summed demand on
//                         a site (capacity.hpp) exceeds what the site declares
//
// Each intent is FEASIBLE, INFEASIBLE (a target, or its summed demand, goes
// past a limit its site declares) or unknown (a site it lands on declares no
// capacity, or a limited target cannot be compared with the limit).
//
// The work is sorting the (site, object, context, target name) keys of all
// targets: n log n. Within a group the targets' common values are met first,
// and only a group whose targets have none is searched for the pairs that
// conflict, by a sweep over the targets' sorted ranges.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "model/expectation_reader.hpp"
#include "model/intent.hpp"
#include "sites/sites.hpp"

namespace intentctl {

// One expectation as the analysis sees it.
struct CheckSubject {
  std::string intent_id; // its intent's id; an expectation given alone is its own intent
  const Expectation* expectation = nullptr;
  const std::vector<Context>* intent_contexts = nullptr; // may be null
  std::string object_kind;                               // the mapping's domain of its objectType, else the objectType
  std::vector<std::size_t> sites;                        // indexes into the sites the analysis is given
  Location where;                                        // the expectation; its file is the targets' too
};

// The subjects of what the reader read, on the selected sites (which point
// into sites.sites, as Sites::select gives them): an intent's own sites among
// them, or all of them when it names none. A site the sites file does not
// know is an input error (as render says it).
std::vector<CheckSubject> check_subjects(const std::vector<InputExpectation>& expectations, const Sites& sites,
                                         const std::vector<const Site*>& selected);

enum class ConflictType { intent, expectation, target };
std::string_view to_3gpp(ConflictType type); // INTENT_CONFLICT, EXPECTATION_CONFLICT, TARGET_CONFLICT

struct TargetRef {
  std::size_t subject = 0;
  std::size_t target = 0; // index into the subject's expectation's targets
  bool operator==(const TargetRef&) const = default;
};

// Two targets of one group that no value satisfies together.
struct TargetConflict {
  ConflictType type;
  std::size_t site;
  TargetRef first, second; // in input order
};

// Intents whose summed demand on a site exceeds what it declares.
struct DemandConflict {
  struct Share {
    std::size_t intent; // index into ConflictAnalysis::intents
    double demand;      // in the capacity's base unit
  };
  std::size_t site;
  CapacityKind capacity;
  double total; // the site's demand, in the capacity's base unit
  std::vector<Share> shares;
};

enum class Feasibility { feasible, infeasible, unknown };
std::string_view feasibility_word(Feasibility feasibility); // feasible, infeasible, unknown

// Why an intent is infeasible (naming the target and the limit), or why its
// feasibility is unknown.
struct FeasibilityReason {
  std::string text;
  std::size_t site;
  std::optional<TargetRef> target; // the target it is about, when there is one
};

// One intent as the analysis judged it.
struct CheckedIntent {
  std::string id;
  std::vector<std::size_t> subjects; // its expectations, in input order
  std::vector<std::size_t> sites;    // where it lands, sorted
  Feasibility feasibility = Feasibility::feasible;
  std::vector<FeasibilityReason> reasons;
};

struct ConflictAnalysis {
  std::vector<const Site*> sites;
  std::vector<CheckSubject> subjects;
  std::vector<CheckedIntent> intents; // in input order
  std::vector<TargetConflict> targets;
  std::vector<DemandConflict> demands;
  std::size_t compared_targets = 0; // targets with a site, for summaries

  std::vector<std::size_t> subject_intent; // per subject: its index in intents
  // Per intent: the conflicts it takes part in (indexes into targets, demands).
  std::vector<std::vector<std::size_t>> target_conflicts_of, demand_conflicts_of;

  bool conflicts() const { return !targets.empty() || !demands.empty(); }
  // Conflicts counted as people read them: a pair of targets once, on however many sites.
  std::size_t conflict_count() const;
  bool infeasible() const;
  const Target& target(const TargetRef& ref) const { return subjects[ref.subject].expectation->targets[ref.target]; }
};

// Throws an input error at the target for a range whose low end is above its
// high end: it allows no value at all.
ConflictAnalysis analyse(std::vector<CheckSubject> subjects, std::vector<const Site*> sites);

// "latency IS_LESS_THAN 1ms", for messages.
std::string target_text(const Target& target);
// Where a target was read: its subject's file, its own line and column.
Location target_location(const ConflictAnalysis& analysis, const TargetRef& ref);
// A value in a capacity's base unit, in the unit the site wrote its limit in:
// 12 Gbps against maxThroughput 10Gbps.
Quantity capacity_quantity(const CapacityLimit& limit, double value);
std::string capacity_amount(const CapacityLimit& limit, double value); // "12Gbps"

} // namespace intentctl
