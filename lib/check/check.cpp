#include "check/check.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "conflicts/analysis.hpp"
#include "conflicts/report.hpp"
#include "io/files.hpp"
#include "io/output_document.hpp"
#include "io/writer.hpp"
#include "model/expectation_reader.hpp"
#include "model/intent_io.hpp"
#include "model/seed_dialect.hpp"
#include "util/time.hpp"
#include "util/words.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCheckKind = "CheckReport";

// --- JSON ----------------------------------------------------------------------------------

Node string_list(const std::vector<std::string>& items) {
  Node list = Node::array();
  for (const auto& item : items) list.push(Node::string(item));
  return list;
}

Node quantity_node(const Quantity& quantity) {
  Node node = Node::object();
  node.add("value", Node::number(quantity.number));
  if (!quantity.unit.empty()) node.add("unit", Node::string(quantity.unit));
  return node;
}

void add_location(Node& node, const Location& where) {
  if (!where.file.empty()) node.add("file", Node::string(where.file));
  if (where.line) {
    node.add("line", Node::number(static_cast<double>(where.line)));
    node.add("column", Node::number(static_cast<double>(where.column)));
  }
}

Node target_node(const ConflictAnalysis& analysis, const TargetRef& ref) {
  const Target& target = analysis.target(ref);
  Node node = Node::object();
  node.add("intent", Node::string(analysis.intents[analysis.subject_intent[ref.subject]].id));
  node.add("expectation", Node::string(analysis.subjects[ref.subject].expectation->id));
  node.add("name", Node::string(target.name));
  add_condition(node, target.condition, target.range);
  add_location(node, target_location(analysis, ref));
  return node;
}

Node contexts_node(const ConflictAnalysis& analysis, const TargetRef& ref) {
  const CheckSubject& subject = analysis.subjects[ref.subject];
  Node list = Node::array();
  auto add = [&](const std::vector<Context>& contexts) {
    for (const auto& context : contexts) {
      if (context.attribute == kExpectationTypeContext) continue;
      Node node = Node::object();
      node.add("attribute", Node::string(context.attribute));
      add_condition(node, context.condition, context.range);
      list.push(std::move(node));
    }
  };
  if (subject.intent_contexts) add(*subject.intent_contexts);
  add(subject.expectation->contexts);
  add(subject.expectation->object.contexts);
  add(analysis.target(ref).contexts);
  return list;
}

// A pair of conflicting targets, with every site it is found on.
struct PairConflict {
  const TargetConflict* conflict;
  std::vector<std::string> sites;
};

std::vector<PairConflict> pairs(const ConflictAnalysis& analysis) {
  std::vector<PairConflict> list;
  for (const auto& conflict : analysis.targets) {
    if (!list.empty() && list.back().conflict->first == conflict.first &&
        list.back().conflict->second == conflict.second)
      list.back().sites.push_back(analysis.sites[conflict.site]->name);
    else list.push_back({&conflict, {analysis.sites[conflict.site]->name}});
  }
  return list;
}

Node pair_node(const ConflictAnalysis& analysis, const PairConflict& pair) {
  const TargetConflict& conflict = *pair.conflict;
  const Expectation& expectation = *analysis.subjects[conflict.first.subject].expectation;
  Node node = Node::object();
  node.add("type", Node::string(std::string(to_3gpp(conflict.type))));
  node.add("sites", string_list(pair.sites));
  Node object = Node::object();
  object.add("type", Node::string(expectation.object.type));
  object.add("instance", Node::string(expectation.object.instance));
  node.add("object", std::move(object));
  node.add("contexts", contexts_node(analysis, conflict.first));
  Node targets = Node::array();
  targets.push(target_node(analysis, conflict.first));
  targets.push(target_node(analysis, conflict.second));
  node.add("targets", std::move(targets));
  return node;
}

Node demand_node(const ConflictAnalysis& analysis, const DemandConflict& conflict) {
  const Site& site = *analysis.sites[conflict.site];
  const CapacityLimit& limit = *site.limit(conflict.capacity);
  Node node = Node::object();
  node.add("type", Node::string("INTENT_CONFLICT"));
  node.add("sites", string_list({site.name}));
  Node capacity = quantity_node(capacity_quantity(limit, limit.value));
  capacity.members().insert(capacity.members().begin(),
                            Node::Member{"name", {}, Node::string(std::string(capacity_field(conflict.capacity).key))});
  node.add("capacity", std::move(capacity));
  node.add("demand", quantity_node(capacity_quantity(limit, conflict.total)));
  Node intents = Node::array();
  for (const auto& share : conflict.shares) {
    Node entry = Node::object();
    entry.add("intent", Node::string(analysis.intents[share.intent].id));
    entry.add("demand", quantity_node(capacity_quantity(limit, share.demand)));
    intents.push(std::move(entry));
  }
  node.add("intents", std::move(intents));
  return node;
}

Node intent_node(const ConflictAnalysis& analysis, std::size_t index) {
  const CheckedIntent& intent = analysis.intents[index];
  Node node = Node::object();
  node.add("intent", Node::string(intent.id));
  std::vector<std::string> sites, expectations;
  for (std::size_t site : intent.sites) sites.push_back(analysis.sites[site]->name);
  for (std::size_t subject : intent.subjects) expectations.push_back(analysis.subjects[subject].expectation->id);
  node.add("sites", string_list(sites));
  node.add("expectations", string_list(expectations));
  node.add("feasibility", Node::string(std::string(feasibility_word(intent.feasibility))));
  Node reasons = Node::array();
  for (const auto& reason : intent.reasons) {
    Node entry = Node::object();
    entry.add("site", Node::string(analysis.sites[reason.site]->name));
    entry.add("message", Node::string(reason.text));
    if (reason.target) add_location(entry, target_location(analysis, *reason.target));
    reasons.push(std::move(entry));
  }
  node.add("reasons", std::move(reasons));
  node.add("conflicts", Node::number(static_cast<double>(analysis.target_conflicts_of[index].size() +
                                                         analysis.demand_conflicts_of[index].size())));
  return node;
}

struct Counts {
  std::size_t intents = 0, expectations = 0, sites = 0, conflicts = 0, feasible = 0, infeasible = 0, unknown = 0;
};

Counts count(const ConflictAnalysis& analysis) {
  Counts counts;
  counts.intents = analysis.intents.size();
  counts.expectations = analysis.subjects.size();
  std::set<std::size_t> sites;
  for (const auto& subject : analysis.subjects) sites.insert(subject.sites.begin(), subject.sites.end());
  counts.sites = sites.size();
  counts.conflicts = analysis.conflict_count();
  for (const auto& intent : analysis.intents) {
    if (intent.feasibility == Feasibility::feasible) ++counts.feasible;
    else if (intent.feasibility == Feasibility::infeasible) ++counts.infeasible;
    else ++counts.unknown;
  }
  return counts;
}

Node summary_node(const Counts& counts) {
  Node node = Node::object();
  for (const auto& [key, value] : {std::pair{"intents", counts.intents},
                                   {"expectations", counts.expectations},
                                   {"sites", counts.sites},
                                   {"conflicts", counts.conflicts},
                                   {"feasible", counts.feasible},
                                   {"infeasible", counts.infeasible},
                                   {"unknown", counts.unknown}})
    node.add(key, Node::number(static_cast<double>(value)));
  return node;
}

// The document's frame: what an empty run, or one stopped by an error, prints too.
Node json_frame(const Counts& counts) {
  Node document = output_document(kCheckKind);
  document.add("status", Node::string(counts.conflicts || counts.infeasible ? "fail" : "pass"));
  document.add("summary", summary_node(counts));
  document.add("conflicts", Node::array());
  document.add("intents", Node::array());
  document.add("errors", Node::array());
  return document;
}

Node json_document(const ConflictAnalysis& analysis, const Counts& counts) {
  Node document = json_frame(counts);
  // check_findings lists the conflicts first, in this order, one each.
  const std::vector<Diagnostic> findings = check_findings(analysis, false);
  Node& conflicts = *document.find("conflicts");
  for (const auto& pair : pairs(analysis)) conflicts.push(pair_node(analysis, pair));
  for (const auto& demand : analysis.demands) conflicts.push(demand_node(analysis, demand));
  for (std::size_t i = 0; i < conflicts.items().size(); ++i)
    conflicts.items()[i].add("message", Node::string(findings[i].message));
  Node& intents = *document.find("intents");
  for (std::size_t i = 0; i < analysis.intents.size(); ++i) intents.push(intent_node(analysis, i));
  return document;
}

// --- text ----------------------------------------------------------------------------------

std::string summary_line(const Counts& counts) {
  return fmt::format("Summary: {} with {} on {} - Conflicts: {}, Infeasible: {}, Feasible: {}, Unknown: {}",
                     count_of(counts.intents, "intent"), count_of(counts.expectations, "expectation"),
                     count_of(counts.sites, "site"), counts.conflicts, counts.infeasible, counts.feasible,
                     counts.unknown);
}

// The finding's outcome ("INTENT_CONFLICT", "infeasible", "feasible",
// "feasibility unknown": the word after its subject) in its colour.
std::string painted_outcome(const std::string& message, const Palette& palette) {
  if (!palette.on()) return message;
  static constexpr std::pair<std::string_view, Tone> outcomes[] = {{"INTENT_CONFLICT", Tone::error},
                                                                   {"infeasible", Tone::error},
                                                                   {"feasibility unknown", Tone::unknown},
                                                                   {"feasible", Tone::pass}};
  for (const auto& [word, tone] : outcomes) {
    const std::string marked = ": " + std::string(word);
    const auto at = message.find(marked);
    if (at == std::string::npos) continue;
    const auto end = at + marked.size();
    if (end < message.size() && message[end] != ':') continue;
    return message.substr(0, at + 2) + palette.paint(word, tone) + message.substr(end);
  }
  return message;
}

void write_text(const ConflictAnalysis& analysis, const Counts& counts, Io& io) {
  const bool verbose = io.diagnostics.verbosity() == Verbosity::verbose;
  std::string text;
  for (const auto& finding : check_findings(analysis, verbose))
    text += location_prefix(finding.where) + painted_outcome(finding.message, io.out_palette) + "\n";
  if (io.diagnostics.verbosity() != Verbosity::quiet) text += summary_line(counts) + "\n";
  io.out << text;
}

// --- IntentReports ---------------------------------------------------------------------------

std::vector<std::pair<std::string, Node>> intent_reports(const ConflictAnalysis& analysis) {
  const std::string now = utc_now();
  std::vector<std::pair<std::string, Node>> reports;
  std::set<std::string> names;
  for (std::size_t i = 0; i < analysis.intents.size(); ++i) {
    const std::string file = intent_report_file_name(analysis.intents[i].id);
    std::string stem = file.substr(0, file.size() - std::string_view(".json").size());
    while (!names.insert(stem).second) stem += "_";
    reports.emplace_back(stem + ".json", check_intent_report(analysis, i, now));
  }
  return reports;
}

void write_report_files(const std::vector<std::pair<std::string, Node>>& reports, const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw input_error(fmt::format("cannot create {}: {}", dir, error.message()));
  for (const auto& [name, report] : reports)
    write_file_atomically((fs::path(dir) / name).string(), to_json(report) + "\n");
}

} // namespace

std::optional<CheckFormat> parse_check_format(std::string_view word) {
  if (word == "text") return CheckFormat::text;
  if (word == "json") return CheckFormat::json;
  if (word == "intentreport") return CheckFormat::intentreport;
  return std::nullopt;
}

Node empty_check_document() { return json_frame(Counts{}); }

ExitClass check(const CheckOptions& options, Io& io) {
  const Mapping mapping = mapping_from(options.mapping_file, io.in, io.stdin_is_terminal);
  const Sites sites = load_sites(options.sites_file, io.in, io.stdin_is_terminal);
  const std::vector<const Site*> selected = sites.select(options.sites);

  std::vector<DeltaEntry> delta; // fields without a 28.312 home: translate's and render's concern
  ExpectationReader reader(mapping, delta);
  for (const auto& path : expand_inputs(options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs))
    reader.read_source(read_source(path, ReadLimits{}, io.in, io.stdin_is_terminal));
  std::vector<CheckSubject> subjects = check_subjects(reader.expectations(), sites, selected);
  if (subjects.empty())
    throw input_error(fmt::format("none of the {} is for the selected site{}",
                                  count_of(reader.expectations().size(), "expectation"),
                                  selected.size() == 1 ? "" : "s"));
  const ConflictAnalysis analysis = analyse(std::move(subjects), selected);
  const Counts counts = count(analysis);

  std::vector<std::pair<std::string, Node>> reports;
  if (!options.report_dir.empty() || options.format == CheckFormat::intentreport) reports = intent_reports(analysis);
  switch (options.format) {
    case CheckFormat::text: write_text(analysis, counts, io); break;
    case CheckFormat::json: io.out << to_json(json_document(analysis, counts)) << "\n"; break;
    case CheckFormat::intentreport: {
      Node list = Node::array();
      for (const auto& report : reports) list.push(report.second);
      io.out << to_json(list) << "\n";
      break;
    }
  }
  io.out.flush();
  if (!options.report_dir.empty()) {
    write_report_files(reports, options.report_dir);
    io.diagnostics.summary(
        fmt::format("wrote {} into {}", count_of(reports.size(), "IntentReport"), options.report_dir));
  }
  if (counts.unknown && io.diagnostics.verbosity() == Verbosity::normal)
    io.diagnostics.note(fmt::format("the feasibility of {} is unknown (a site declares no capacity, or a target "
                                    "cannot be compared with a limit); -v says why",
                                    count_of(counts.unknown, "intent")));
  return counts.conflicts || counts.infeasible ? ExitClass::failed : ExitClass::ok;
}

} // namespace intentctl
