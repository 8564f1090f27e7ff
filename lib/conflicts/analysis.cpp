#include "conflicts/analysis.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "conflicts/allowed.hpp"
#include "conflicts/capacity.hpp"
#include "model/seed_dialect.hpp"
#include "util/words.hpp"

namespace intentctl {

namespace {

// --- keys: what makes two targets comparable ------------------------------------------------

std::string context_key(const Context& context) {
  return context.attribute + '\x1e' + std::string(to_3gpp(context.condition)) + '\x1e' + range_text(context.range);
}

std::string joined_key(std::vector<std::string> parts) {
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string key;
  for (const auto& part : parts) key += part + '\x1d';
  return key;
}

// The object and every context an expectation's targets share. The seed
// dialect's expectationType rides as a context but selects nothing.
std::string scope_key(const CheckSubject& subject) {
  const Expectation& expectation = *subject.expectation;
  std::vector<std::string> parts;
  if (subject.intent_contexts)
    for (const auto& context : *subject.intent_contexts) parts.push_back(context_key(context));
  for (const auto* list : {&expectation.contexts, &expectation.object.contexts})
    for (const auto& context : *list)
      if (context.attribute != kExpectationTypeContext) parts.push_back(context_key(context));
  return subject.object_kind + '\x1f' + expectation.object.instance + '\x1f' + joined_key(std::move(parts));
}

std::string name_key(const Target& target) {
  std::vector<std::string> parts;
  for (const auto& context : target.contexts) parts.push_back(context_key(context));
  return target.name + '\x1f' + joined_key(std::move(parts));
}

class Interner {
 public:
  std::uint32_t id(std::string key) {
    return ids_.try_emplace(std::move(key), static_cast<std::uint32_t>(ids_.size())).first->second;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
};

// One target on one site.
struct Entry {
  std::uint32_t site, scope, name, subject, target;
  auto key() const { return std::tie(site, scope, name, subject, target); }
};

// --- the analysis -----------------------------------------------------------------------------

class Analyser {
 public:
  explicit Analyser(ConflictAnalysis& out) : out_(out) {}

  void run() {
    gather_intents();
    read_targets();
    for (std::size_t begin = 0; begin < entries_.size();) {
      std::size_t end = begin + 1;
      while (end < entries_.size() && same_group(entries_[begin], entries_[end])) ++end;
      group(begin, end);
      begin = end;
    }
    settle_demands();
    settle_verdicts();
    std::sort(out_.targets.begin(), out_.targets.end(), [](const TargetConflict& a, const TargetConflict& b) {
      return std::tie(a.first.subject, a.first.target, a.second.subject, a.second.target, a.site) <
             std::tie(b.first.subject, b.first.target, b.second.subject, b.second.target, b.site);
    });
    index_conflicts();
  }

 private:
  using How = CapacityUse::How;

  // A fact about an intent's feasibility; reports list them by site, then input order.
  struct Note {
    std::size_t site;
    std::optional<TargetRef> target;
    std::string text;
    auto key() const {
      return std::make_tuple(site, target ? target->subject : 0, target ? target->target : 0, std::cref(text));
    }
    bool operator<(const Note& other) const { return key() < other.key(); }
  };

  // What an intent's targets of one summed capacity ask of one site.
  struct Demand {
    double amount = 0;
    std::vector<TargetRef> targets;
  };

  // A group of targets of a summed capacity, kept for the site's total.
  struct SummedGroup {
    std::size_t site;
    CapacityKind kind;
    std::vector<std::size_t> members; // indexes into entries_, all of a measuring dimension
  };

  ConflictAnalysis& out_;
  std::vector<std::vector<Allowed>> allowed_; // per subject, per target
  std::vector<Entry> entries_;
  std::vector<std::optional<CapacityUse>> uses_;                                 // per name id
  std::vector<std::vector<Note>> violations_, unknowns_;                         // per intent
  std::map<std::tuple<std::size_t, std::size_t, CapacityKind>, Demand> demands_; // (intent, site, kind)
  std::vector<SummedGroup> summed_;

  const Allowed& allowed(const Entry& entry) const { return allowed_[entry.subject][entry.target]; }
  static TargetRef ref(const Entry& entry) { return {entry.subject, entry.target}; }
  std::size_t intent(const Entry& entry) const { return out_.subject_intent[entry.subject]; }
  const Site& site(std::size_t index) const { return *out_.sites[index]; }

  static bool same_group(const Entry& a, const Entry& b) {
    return a.site == b.site && a.scope == b.scope && a.name == b.name;
  }

  void gather_intents() {
    std::unordered_map<std::string, std::size_t> index;
    out_.subject_intent.resize(out_.subjects.size());
    for (std::size_t s = 0; s < out_.subjects.size(); ++s) {
      const CheckSubject& subject = out_.subjects[s];
      auto [at, fresh] = index.try_emplace(subject.intent_id, out_.intents.size());
      if (fresh) out_.intents.push_back(CheckedIntent{subject.intent_id, {}, {}, Feasibility::feasible, {}});
      CheckedIntent& intent = out_.intents[at->second];
      intent.subjects.push_back(s);
      intent.sites.insert(intent.sites.end(), subject.sites.begin(), subject.sites.end());
      out_.subject_intent[s] = at->second;
    }
    for (auto& intent : out_.intents) {
      std::sort(intent.sites.begin(), intent.sites.end());
      intent.sites.erase(std::unique(intent.sites.begin(), intent.sites.end()), intent.sites.end());
    }
    violations_.resize(out_.intents.size());
    unknowns_.resize(out_.intents.size());
  }

  void read_targets() {
    Interner scopes, names;
    allowed_.resize(out_.subjects.size());
    for (std::size_t s = 0; s < out_.subjects.size(); ++s) {
      const CheckSubject& subject = out_.subjects[s];
      const auto& targets = subject.expectation->targets;
      const std::uint32_t scope = scopes.id(scope_key(subject));
      for (std::size_t t = 0; t < targets.size(); ++t) {
        Allowed allowed = allowed_by(targets[t]);
        if (allowed.kind == Allowed::Kind::number && !satisfiable(allowed))
          throw input_error(fmt::format("{} allows no value: its low end is above its high end",
                                        target_text(targets[t])),
                            target_location(out_, {s, t}));
        allowed_[s].push_back(std::move(allowed));
        const std::uint32_t name = names.id(name_key(targets[t]));
        if (name == uses_.size()) uses_.push_back(capacity_use(targets[t].name));
        for (std::size_t site : subject.sites)
          entries_.push_back({static_cast<std::uint32_t>(site), scope, name, static_cast<std::uint32_t>(s),
                              static_cast<std::uint32_t>(t)});
      }
    }
    out_.compared_targets = entries_.size();
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.key() < b.key(); });
  }

  void group(std::size_t begin, std::size_t end) {
    for (const auto& members : comparable_classes(begin, end))
      if (members.size() > 1) find_conflicts(members);
    const auto& use = uses_[entries_[begin].name];
    if (use) hold_to_capacity(*use, begin, end);
  }

  // The group's targets split by what can be compared: numbers of one
  // dimension (plain numbers joining the one ratio or counted word the group
  // has), words; targets that compare with nothing are left out.
  std::vector<std::vector<std::size_t>> comparable_classes(std::size_t begin, std::size_t end) const {
    std::map<std::string, std::vector<std::size_t>> classes;
    for (std::size_t i = begin; i < end; ++i) {
      const Allowed& each = allowed(entries_[i]);
      if (each.kind == Allowed::Kind::none) continue;
      classes[each.comparable_key()].push_back(i);
    }
    const auto plain = classes.find("");
    if (plain != classes.end()) {
      std::vector<std::string> hosts;
      for (const auto& [key, members] : classes) {
        const Allowed& each = allowed(entries_[members.front()]);
        if (each.dimension == Dimension::ratio || !each.unit_word.empty()) hosts.push_back(key);
      }
      if (hosts.size() == 1) {
        auto& host = classes[hosts.front()];
        host.insert(host.end(), plain->second.begin(), plain->second.end());
        std::sort(host.begin(), host.end());
        classes.erase(plain);
      }
    }
    std::vector<std::vector<std::size_t>> lists;
    for (auto& [key, members] : classes) lists.push_back(std::move(members));
    return lists;
  }

  void find_conflicts(const std::vector<std::size_t>& members) {
    Allowed common = allowed(entries_[members.front()]);
    for (std::size_t i = 1; i < members.size(); ++i) common = meet(common, allowed(entries_[members[i]]));
    if (satisfiable(common)) return;

    // Single ranges: sorted by their low ends, the ranges entirely above one
    // are a run from the first whose low end reaches its high end.
    std::vector<std::size_t> single, other;
    for (std::size_t member : members) {
      const Allowed& each = allowed(entries_[member]);
      const bool simple =
          each.kind == Allowed::Kind::number && each.numbers.spans().size() == 1 && each.required_numbers.empty();
      (simple ? single : other).push_back(member);
    }
    auto range = [&](std::size_t member) -> const Span& { return allowed(entries_[member]).numbers.spans()[0]; };
    std::sort(single.begin(), single.end(), [&](std::size_t a, std::size_t b) {
      const Span &x = range(a), &y = range(b);
      return x.low < y.low || (x.low == y.low && x.low_closed && !y.low_closed);
    });
    for (std::size_t member : single) {
      const Span& low = range(member);
      auto first = std::partition_point(single.begin(), single.end(),
                                        [&](std::size_t m) { return compare_values(range(m).low, low.high) < 0; });
      for (auto it = first; it != single.end(); ++it)
        if (*it != member && entirely_below(low, range(*it))) add_conflict(member, *it);
    }
    // Unions of ranges, sets and IS_ALL_OF: each against every other.
    for (std::size_t i = 0; i < other.size(); ++i) {
      const Allowed& each = allowed(entries_[other[i]]);
      for (std::size_t member : single)
        if (!satisfiable(meet(each, allowed(entries_[member])))) add_conflict(other[i], member);
      for (std::size_t j = i + 1; j < other.size(); ++j)
        if (!satisfiable(meet(each, allowed(entries_[other[j]])))) add_conflict(other[i], other[j]);
    }
  }

  void add_conflict(std::size_t a, std::size_t b) {
    TargetRef first = ref(entries_[a]), second = ref(entries_[b]);
    if (std::tie(second.subject, second.target) < std::tie(first.subject, first.target)) std::swap(first, second);
    const ConflictType type = out_.subject_intent[first.subject] != out_.subject_intent[second.subject]
                                  ? ConflictType::intent
                              : first.subject != second.subject ? ConflictType::expectation
                                                                : ConflictType::target;
    out_.targets.push_back({type, entries_[a].site, first, second});
  }

  // --- feasibility -------------------------------------------------------------------------

  void hold_to_capacity(const CapacityUse& use, std::size_t begin, std::size_t end) {
    const Site& place = site(entries_[begin].site);
    const CapacityLimit* limit = place.limit(use.kind);
    if (!limit) return;
    const std::string_view key = capacity_field(use.kind).key;
    SummedGroup summed{entries_[begin].site, use.kind, {}};
    for (std::size_t i = begin; i < end; ++i) {
      const Entry& entry = entries_[i];
      const Allowed& each = allowed(entry);
      const Target& target = out_.target(ref(entry));
      const std::string& expectation = out_.subjects[entry.subject].expectation->id;
      if (!measures(use.kind, each)) {
        unknowns_[intent(entry)].push_back(
            {entry.site, ref(entry),
             fmt::format("{} (expectation {}) cannot be compared with the {} {} site {} declares{}",
                         target_text(target), expectation, key, limit->text, place.name,
                         each.why_not.empty() ? "" : ": " + each.why_not)});
        continue;
      }
      const bool fits = use.how == How::floor     ? each.numbers.intersects(SpanSet::above(limit->value, true))
                        : use.how == How::ceiling ? each.numbers.intersects(SpanSet::below(limit->value, true))
                                                  : true;
      if (!fits)
        violations_[intent(entry)].push_back(
            {entry.site, ref(entry),
             fmt::format("{} (expectation {}) is {} the {} {} site {} declares", target_text(target), expectation,
                         use.how == How::floor ? "below" : "above", key, limit->text, place.name)});
      if (use.how == How::summed) summed.members.push_back(i);
    }
    if (summed.members.empty()) return;
    // Each intent's own demand in this group: what its own targets here allow together.
    std::map<std::size_t, Allowed> own;
    for (std::size_t member : summed.members) {
      const Entry& entry = entries_[member];
      auto [at, fresh] = own.try_emplace(intent(entry), allowed(entry));
      if (!fresh) at->second = meet(at->second, allowed(entry));
      demands_[{intent(entry), entry.site, use.kind}].targets.push_back(ref(entry));
    }
    for (const auto& [intent_index, allowed] : own)
      if (satisfiable(allowed))
        demands_[{intent_index, summed.site, use.kind}].amount += demand(use.kind, allowed.numbers);
    summed_.push_back(std::move(summed));
  }

  void settle_demands() {
    // An intent whose own demand is past the limit is infeasible, and left
    // out of the site's total: the others conflict among themselves only.
    std::set<std::tuple<std::size_t, std::size_t, CapacityKind>> over;                         // (intent, site, kind)
    std::map<std::pair<std::size_t, CapacityKind>, std::vector<DemandConflict::Share>> shares; // (site, kind)
    for (const auto& [key, need] : demands_) {
      const auto& [intent_index, site_index, kind] = key;
      const CapacityLimit& limit = *site(site_index).limit(kind);
      if (compare_values(need.amount, limit.value) <= 0) {
        if (need.amount > 0) shares[{site_index, kind}].push_back({intent_index, need.amount});
        continue;
      }
      over.insert(key);
      std::vector<std::string> targets;
      for (const auto& target : need.targets)
        targets.push_back(
            fmt::format("{} {}", out_.subjects[target.subject].expectation->id, target_text(out_.target(target))));
      violations_[intent_index].push_back(
          {site_index, need.targets.front(),
           fmt::format("its targets on site {} ask for {} in all ({}), above the {} {} the site declares",
                       site(site_index).name, capacity_amount(limit, need.amount), some_of(targets, 3),
                       capacity_field(kind).key, limit.text)});
    }
    std::map<std::pair<std::size_t, CapacityKind>, DemandConflict> totals;
    for (const SummedGroup& group : summed_) {
      std::optional<Allowed> common;
      for (std::size_t member : group.members) {
        const Entry& entry = entries_[member];
        if (over.contains({intent(entry), group.site, group.kind})) continue;
        common = common ? meet(*common, allowed(entry)) : allowed(entry);
      }
      if (!common || !satisfiable(*common)) continue;
      auto [at, fresh] = totals.try_emplace({group.site, group.kind}, DemandConflict{group.site, group.kind, 0, {}});
      at->second.total += demand(group.kind, common->numbers);
    }
    for (auto& [key, total] : totals) {
      if (compare_values(total.total, site(total.site).limit(total.capacity)->value) <= 0) continue;
      total.shares = std::move(shares[key]);
      if (total.shares.size() > 1) out_.demands.push_back(std::move(total));
    }
  }

  void index_conflicts() {
    out_.target_conflicts_of.resize(out_.intents.size());
    out_.demand_conflicts_of.resize(out_.intents.size());
    for (std::size_t i = 0; i < out_.targets.size(); ++i) {
      const std::size_t a = out_.subject_intent[out_.targets[i].first.subject];
      const std::size_t b = out_.subject_intent[out_.targets[i].second.subject];
      out_.target_conflicts_of[a].push_back(i);
      if (b != a) out_.target_conflicts_of[b].push_back(i);
    }
    for (std::size_t i = 0; i < out_.demands.size(); ++i)
      for (const auto& share : out_.demands[i].shares) out_.demand_conflicts_of[share.intent].push_back(i);
  }

  void settle_verdicts() {
    for (std::size_t i = 0; i < out_.intents.size(); ++i) {
      CheckedIntent& verdict = out_.intents[i];
      std::vector<Note>& violations = violations_[i];
      std::vector<Note>& unknowns = unknowns_[i];
      for (std::size_t site_index : verdict.sites)
        if (!site(site_index).capacity)
          unknowns.push_back(
              {site_index, std::nullopt, fmt::format("site {} declares no capacity", site(site_index).name)});
      std::vector<Note>& reasons = !violations.empty() ? violations : unknowns;
      verdict.feasibility = !violations.empty() ? Feasibility::infeasible
                            : !unknowns.empty() ? Feasibility::unknown
                                                : Feasibility::feasible;
      std::sort(reasons.begin(), reasons.end());
      for (auto& note : reasons) verdict.reasons.push_back({std::move(note.text), note.site, note.target});
    }
  }
};

} // namespace

std::vector<CheckSubject> check_subjects(const std::vector<InputExpectation>& expectations, const Sites& sites,
                                         const std::vector<const Site*>& selected) {
  // Where each site of the file is among the selected (kNotSelected when it
  // is not): an expectation costs its own sites, not all of them.
  constexpr std::size_t kNotSelected = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index_of(sites.sites.size(), kNotSelected);
  for (std::size_t i = 0; i < selected.size(); ++i)
    index_of[static_cast<std::size_t>(selected[i] - sites.sites.data())] = i;
  std::vector<std::size_t> every(selected.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;

  std::vector<CheckSubject> subjects;
  subjects.reserve(expectations.size());
  for (const auto& entry : expectations) {
    CheckSubject subject;
    subject.intent_id = entry.intent_id.empty() ? entry.expectation.id : entry.intent_id;
    subject.expectation = &entry.expectation;
    subject.intent_contexts = &entry.intent_contexts;
    subject.object_kind = entry.domain ? entry.domain->name : entry.expectation.object.type;
    subject.where = entry.where;
    if (entry.sites.empty()) subject.sites = every;
    for (const auto& name : entry.sites) {
      const Site& site = sites.named(name, entry.intent_id, entry.sites_where);
      if (const std::size_t index = index_of[static_cast<std::size_t>(&site - sites.sites.data())];
          index != kNotSelected)
        subject.sites.push_back(index);
    }
    std::sort(subject.sites.begin(), subject.sites.end());
    subject.sites.erase(std::unique(subject.sites.begin(), subject.sites.end()), subject.sites.end());
    if (!subject.sites.empty()) subjects.push_back(std::move(subject));
  }
  return subjects;
}

std::string_view to_3gpp(ConflictType type) {
  switch (type) {
    case ConflictType::intent: return "INTENT_CONFLICT";
    case ConflictType::expectation: return "EXPECTATION_CONFLICT";
    case ConflictType::target: return "TARGET_CONFLICT";
  }
  return "";
}

std::string_view feasibility_word(Feasibility feasibility) {
  switch (feasibility) {
    case Feasibility::feasible: return "feasible";
    case Feasibility::infeasible: return "infeasible";
    case Feasibility::unknown: return "unknown";
  }
  return "";
}

std::size_t ConflictAnalysis::conflict_count() const {
  std::size_t count = demands.size();
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (i == 0 || !(targets[i].first == targets[i - 1].first && targets[i].second == targets[i - 1].second)) ++count;
  return count;
}

bool ConflictAnalysis::infeasible() const {
  return std::any_of(intents.begin(), intents.end(),
                     [](const CheckedIntent& intent) { return intent.feasibility == Feasibility::infeasible; });
}

ConflictAnalysis analyse(std::vector<CheckSubject> subjects, std::vector<const Site*> sites) {
  ConflictAnalysis analysis;
  analysis.subjects = std::move(subjects);
  analysis.sites = std::move(sites);
  Analyser(analysis).run();
  return analysis;
}

std::string target_text(const Target& target) {
  return fmt::format("{} {} {}", target.name, to_3gpp(target.condition), range_text(target.range));
}

Location target_location(const ConflictAnalysis& analysis, const TargetRef& ref) {
  const Mark mark = analysis.target(ref).mark;
  return Location{analysis.subjects[ref.subject].where.file, mark.line, mark.column, {}};
}

Quantity capacity_quantity(const CapacityLimit& limit, double value) {
  const auto written = parse_quantity(limit.text);
  const auto unit = written ? find_unit(written->unit) : std::nullopt;
  if (unit) return {fmt::format("{:.6g}", value / unit->factor), written->unit};
  return {fmt::format("{:.6g}", value), ""};
}

std::string capacity_amount(const CapacityLimit& limit, double value) {
  return quantity_text(capacity_quantity(limit, value));
}

} // namespace intentctl
