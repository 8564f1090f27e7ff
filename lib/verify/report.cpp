#include "verify/report.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "conflicts/analysis.hpp"
#include "conflicts/report.hpp"
#include "io/files.hpp"
#include "io/writer.hpp"
#include "model/intent_io.hpp"
#include "util/time.hpp"
#include "util/xml.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t check_width = 7;

Node string_list(const std::vector<std::string>& items) {
  Node list = Node::array();
  for (const auto& item : items) list.push(Node::string(item));
  return list;
}

Node check_node(const CheckResult& check) {
  Node node = Node::object();
  node.add("check", Node::string(check.check));
  node.add("status", Node::string(std::string(state_word(check.state))));
  node.add("summary", Node::string(check.summary));
  node.add("details", string_list(check.details));
  if (check.at_deadline) node.add("deadline", Node::boolean(true));
  if (!check.objects.is_null()) node.add("objects", check.objects);
  return node;
}

// A measured number as JSON: NaN and the infinities, which Prometheus
// answers and JSON has no number for, as Prometheus writes them.
Node number_node(double value) {
  if (std::isnan(value)) return Node::string("NaN");
  if (std::isinf(value)) return Node::string(value > 0 ? "+Inf" : "-Inf");
  return Node::number(value);
}

Node measured_node(const Measurement& measurement) {
  switch (measurement.kind) {
    case Measurement::Kind::number: return number_node(measurement.number);
    case Measurement::Kind::text: return Node::string(measurement.text);
    case Measurement::Kind::boolean: return Node::boolean(measurement.boolean);
    case Measurement::Kind::list: {
      Node list = Node::array();
      for (const auto& item : measurement.items) list.push(measured_node(item));
      return list;
    }
    case Measurement::Kind::missing: break;
  }
  return Node();
}

// {"value": 12, "unit": "ms"}: a number in the target's unit; or the value as
// measured (a word, a boolean, a list); null when nothing was measured.
Node achieved_node(const TargetVerdict& verdict) {
  if (!verdict.measured) return Node();
  Node node = Node::object();
  if (verdict.achieved) {
    node.add("value", number_node(*verdict.achieved));
    if (!verdict.achieved_unit.empty()) node.add("unit", Node::string(verdict.achieved_unit));
  } else {
    node.add("value", measured_node(verdict.measurement));
  }
  return node;
}

Node target_node(const TargetOutcome& target) {
  Node node = Node::object();
  node.add("name", Node::string(target.name));
  if (!target.intent_id.empty()) node.add("intent", Node::string(target.intent_id));
  if (!target.expectation_id.empty()) node.add("expectation", Node::string(target.expectation_id));
  node.add("source", Node::string(target.origin));
  node.add("status", Node::string(std::string(state_word(target.verdict.state))));
  Node wanted = Node::object();
  add_condition(wanted, target.verdict.condition, target.verdict.wanted);
  node.add("wanted", std::move(wanted));
  node.add("achieved", achieved_node(target.verdict));
  if (!target.verdict.reason.empty()) node.add("reason", Node::string(target.verdict.reason));
  return node;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// --- 28.312 fulfilment ------------------------------------------------------

struct Fulfilment {
  enum class Level { fulfilled, acknowledged, failed } level = Level::fulfilled;
  std::vector<std::string> reasons;

  void add(Level at_least, std::string reason) {
    if (static_cast<int>(at_least) > static_cast<int>(level)) level = at_least;
    if (!reason.empty()) reasons.push_back(std::move(reason));
  }
};

Node fulfilment_info(const Fulfilment& fulfilment) {
  Node info = Node::object();
  if (fulfilment.level == Fulfilment::Level::fulfilled) {
    info.add("fulfilmentStatus", Node::string("FULFILLED"));
    return info;
  }
  info.add("fulfilmentStatus", Node::string("NOT_FULFILLED"));
  // The standard's spelling: notFullfilledState.
  info.add("notFullfilledState",
           Node::string(fulfilment.level == Fulfilment::Level::failed ? "FULFILMENTFAILED" : "ACKNOWLEDGED"));
  info.add("notFulfilledReasons", string_list(fulfilment.reasons));
  return info;
}

// What the git and cluster checks say about every expectation of the site.
// Only a measured failure is FULFILMENTFAILED; what is not known, or not
// there yet, is not fulfilled either, and the reason says which.
Fulfilment site_fulfilment(const SiteResult& site) {
  Fulfilment fulfilment;
  for (const CheckResult* check : {&site.git, &site.cluster}) {
    switch (check->state) {
      case CheckState::pass:
      case CheckState::skip: break;
      case CheckState::fail:
        fulfilment.add(Fulfilment::Level::failed, fmt::format("{}: {}", check->check, check->summary));
        break;
      case CheckState::pending:
      case CheckState::unknown:
        fulfilment.add(Fulfilment::Level::acknowledged,
                       fmt::format("{} {}: {}", check->check, state_word(check->state), check->summary));
        break;
    }
  }
  if (!site.rollback.empty()) fulfilment.add(Fulfilment::Level::failed, "rollback: " + site.rollback);
  return fulfilment;
}

const TargetOutcome* find_outcome(const SiteResult& site, const std::string& expectation, const std::string& name) {
  for (const auto& target : site.targets)
    if (target.expectation_id == expectation && target.name == name) return &target;
  return nullptr;
}

Fulfilment target_fulfilment(const SiteResult& site, const TargetOutcome* outcome) {
  Fulfilment fulfilment;
  if (!outcome) {
    const bool said = site.slo.state != CheckState::pass && site.slo.state != CheckState::fail;
    fulfilment.add(Fulfilment::Level::acknowledged, said ? "not measured: " + site.slo.summary : "not measured");
  } else if (outcome->verdict.state == CheckState::unknown) {
    fulfilment.add(Fulfilment::Level::acknowledged, "unknown: " + outcome->verdict.reason);
  } else if (outcome->verdict.state == CheckState::fail) {
    fulfilment.add(Fulfilment::Level::failed, outcome->verdict.reason);
  }
  return fulfilment;
}

Node target_result(const Target& target, const Fulfilment& fulfilment, const TargetOutcome* outcome) {
  Node node = Node::object();
  node.add("targetName", Node::string(target.name));
  node.add("targetFulfilmentInfo", fulfilment_info(fulfilment));
  // A NaN or infinite sample is an unknown outcome, and JSON has no number for it.
  if (outcome && outcome->verdict.achieved && std::isfinite(*outcome->verdict.achieved))
    node.add("targetAchievedValue", Node::number(*outcome->verdict.achieved));
  return node;
}

Node expectation_result(const SiteResult& site, const RenderedExpectation& rendered, Fulfilment& intent) {
  Fulfilment expectation = site_fulfilment(site);
  Node targets = Node::array();
  for (const auto& target : rendered.expectation.targets) {
    const TargetOutcome* outcome = find_outcome(site, rendered.expectation.id, target.name);
    const Fulfilment fulfilment = target_fulfilment(site, outcome);
    for (const auto& reason : fulfilment.reasons)
      expectation.add(fulfilment.level, fmt::format("{}: {}", target.name, reason));
    expectation.add(fulfilment.level, "");
    targets.push(target_result(target, fulfilment, outcome));
  }
  for (const auto& reason : expectation.reasons) intent.add(expectation.level, rendered.expectation.id + ": " + reason);
  intent.add(expectation.level, "");
  Node node = Node::object();
  node.add("expectaitonId", Node::string(rendered.expectation.id)); // sic: the standard's spelling
  node.add("expectationFulfilmentInfo", fulfilment_info(expectation));
  node.add("targetFulfilmentResult", std::move(targets));
  return node;
}

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

} // namespace

std::string_view overall(const SiteResult& site) {
  if (site.failed()) return "fail";
  for (const CheckResult* check : site.checks())
    if (check->state == CheckState::unknown) return "unknown";
  if (site.pending()) return "pending";
  return "pass";
}

std::string_view overall(const std::vector<const SiteResult*>& sites) {
  constexpr std::string_view worst_first[] = {"fail", "unknown", "pending"};
  for (std::string_view word : worst_first)
    for (const SiteResult* site : sites)
      if (overall(*site) == word) return word;
  return "pass";
}

namespace {

std::string target_result_text(const TargetVerdict& verdict) {
  switch (verdict.state) {
    case CheckState::pass: return "met";
    case CheckState::fail: return "not met: " + verdict.reason;
    default: return "unknown: " + verdict.reason;
  }
}

// The cluster check's objects as a markdown table (the ResourceGroup's view).
std::string objects_table(const Node& objects) {
  if (!objects.is_array() || objects.items().empty()) return {};
  auto field = [](const Node& object, std::string_view key) {
    const Node* value = object.find(key);
    return value && value->is_string() && !value->text().empty() ? cell(value->text()) : std::string("-");
  };
  std::string md = "\n## Objects\n\n| Object | Status | Source hash | Actuation | Reconcile | Message |\n"
                   "|---|---|---|---|---|---|\n";
  for (const Node& object : objects.items())
    md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", field(object, "object"), field(object, "kstatus"),
                      field(object, "sourceHash"), field(object, "actuation"), field(object, "reconcile"),
                      field(object, "message"));
  return md;
}

} // namespace

bool SiteResult::failed() const {
  for (const CheckResult* check : checks())
    if (check->state == CheckState::fail) return true;
  return false;
}

bool SiteResult::pending() const {
  for (const CheckResult* check : checks())
    if (check->state == CheckState::pending) return true;
  return false;
}

namespace {

Tone state_tone(CheckState state) {
  switch (state) {
    case CheckState::pass: return Tone::pass;
    case CheckState::fail: return Tone::error;
    case CheckState::skip: return Tone::none;
    case CheckState::unknown:
    case CheckState::pending: return Tone::unknown;
  }
  return Tone::unknown;
}

} // namespace

std::string text_line(const std::string& site, const CheckResult& check, std::size_t site_width, bool waiting,
                      const Palette& palette) {
  const std::string_view word = waiting ? "wait" : state_word(check.state);
  const std::string padding(word.size() < 4 ? 4 - word.size() : 0, ' ');
  return fmt::format("{:<{}}  {:<{}}  {}{}  {}", site, site_width, check.check, check_width,
                     palette.paint(word, waiting ? Tone::unknown : state_tone(check.state)), padding, check.summary);
}

std::string detail_line(const std::string& detail, const Palette& palette) {
  constexpr std::string_view hint = "hint:";
  if (!detail.starts_with(hint)) return "    " + detail;
  return "    " + palette.paint(hint, Tone::note) + detail.substr(hint.size());
}

std::string text_lines(const SiteResult& site, std::size_t site_width, bool with_details) {
  std::string text;
  for (const CheckResult* check : site.checks()) {
    text += text_line(site.site, *check, site_width, false) + "\n";
    if (!with_details) continue;
    for (const auto& detail : check->details) text += detail_line(detail) + "\n";
  }
  if (!site.rollback.empty())
    text += fmt::format("{:<{}}  {:<{}}  {}\n", site.site, site_width, "rollback", check_width, site.rollback);
  if (!text.empty()) text.pop_back();
  return text;
}

Node json_record(const SiteResult& site) {
  Node record = Node::object();
  record.add("site", Node::string(site.site));
  record.add("status", Node::string(std::string(overall(site))));
  record.add("folder", Node::string(site.folder));
  record.add("repo", Node::string(site.repo));
  record.add("branch", Node::string(site.branch));
  record.add("head", site.head.empty() ? Node() : Node::string(site.head));
  record.add("published", site.published.empty() ? Node() : Node::string(site.published));
  Node checks = Node::array();
  for (const CheckResult* check : site.checks()) checks.push(check_node(*check));
  record.add("checks", std::move(checks));
  Node targets = Node::array();
  for (const auto& target : site.targets) targets.push(target_node(target));
  record.add("targets", std::move(targets));
  if (!site.rollback.empty()) record.add("rollback", Node::string(site.rollback));
  if (!site.reports.empty()) record.add("reports", string_list(site.reports));
  return record;
}

std::string junit_report(const std::vector<SiteResult>& sites, std::chrono::microseconds elapsed) {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::string suites;
  for (const auto& site : sites) {
    std::size_t site_failures = 0, site_errors = 0, site_skipped = 0;
    std::string cases;
    for (const CheckResult* check : site.checks()) {
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n", xml_escape(site.site), check->check);
      const std::string message = xml_escape(check->summary);
      const std::string body = xml_escape(joined(check->details));
      switch (check->state) {
        case CheckState::pass: break;
        case CheckState::skip:
          ++site_skipped;
          cases += fmt::format("      <skipped message=\"{}\"/>\n", message);
          break;
        case CheckState::fail:
          ++site_failures;
          cases += fmt::format("      <failure type=\"fail\" message=\"{}\">{}</failure>\n", message, body);
          break;
        case CheckState::pending:
          if (check->at_deadline) {
            ++site_errors;
            cases += fmt::format("      <error type=\"timeout\" message=\"cut off by the deadline: {}\">{}</error>\n",
                                 message, body);
          } else {
            ++site_failures;
            cases += fmt::format("      <failure type=\"pending\" message=\"still pending: {}\">{}</failure>\n",
                                 message, body);
          }
          break;
        case CheckState::unknown:
          ++site_errors;
          cases += fmt::format("      <error type=\"unknown\" message=\"unknown: {}\">{}</error>\n", message, body);
          break;
      }
      cases += "    </testcase>\n";
    }
    tests += 3;
    failures += site_failures;
    errors += site_errors;
    skipped += site_skipped;
    const std::string properties =
        site.rollback.empty()
            ? std::string{}
            : fmt::format("    <properties>\n      <property name=\"rollback\" value=\"{}\"/>\n    </properties>\n",
                          xml_escape(site.rollback));
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"3\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
                          "time=\"{:.3f}\">\n{}{}  </testsuite>\n",
                          xml_escape(site.site), site_failures, site_errors, site_skipped,
                          static_cast<double>(site.elapsed.count()) / 1e6, properties, cases);
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"intentctl verify\" tests=\"{}\" "
                     "failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n{}</testsuites>\n",
                     tests, failures, errors, skipped, static_cast<double>(elapsed.count()) / 1e6, suites);
}

// What intentctl check finds in the site's rendered expectations.
ConflictAnalysis site_analysis(const SiteResult& result, const Site& settings) {
  std::vector<CheckSubject> subjects;
  for (const auto& rendered : result.expectations) {
    const Domain* domain = default_mapping().for_object_type(rendered.expectation.object.type);
    subjects.push_back({rendered.intent_id,
                        &rendered.expectation,
                        &rendered.intent_contexts,
                        domain ? domain->name : rendered.expectation.object.type,
                        {0},
                        Location{result.folder, 0, 0, {}}});
  }
  return analyse(std::move(subjects), {&settings});
}

std::vector<IntentReportFile> intent_reports(const SiteResult& site, const std::string& now) {
  Site settings;
  settings.name = site.site;
  settings.capacity = site.capacity;
  const ConflictAnalysis checked = site_analysis(site, settings);
  std::map<std::string, std::size_t> checked_index;
  for (std::size_t i = 0; i < checked.intents.size(); ++i) checked_index.emplace(checked.intents[i].id, i);
  // Expectations grouped by intent, in the order the tree lists them.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RenderedExpectation*>> by_intent;
  for (const auto& expectation : site.expectations) {
    if (!by_intent.contains(expectation.intent_id)) order.push_back(expectation.intent_id);
    by_intent[expectation.intent_id].push_back(&expectation);
  }
  std::vector<IntentReportFile> files;
  for (const auto& intent_id : order) {
    Fulfilment intent;
    Node results = Node::array();
    for (const RenderedExpectation* expectation : by_intent[intent_id])
      results.push(expectation_result(site, *expectation, intent));
    Node fulfilment = Node::object();
    fulfilment.add("intentFulfilmentInfo", fulfilment_info(intent));
    fulfilment.add("expectationFulfilmentResult", std::move(results));
    Node report = Node::object();
    report.add("id", Node::string(fmt::format("IntentReport-{}-{}", intent_id, site.site)));
    report.add("intentFulfilmentReport", std::move(fulfilment));
    add_check_reports(report, checked, checked_index.at(intent_id));
    report.add("lastUpdatedTime", Node::string(now));
    report.add("intentReference", Node::string(intent_dn(intent_id)));
    files.push_back({intent_id, std::move(report)});
  }
  return files;
}

std::string markdown_report(const SiteResult& site, const std::string& now) {
  std::string md = fmt::format("# Verify report: {}\n\n", site.site);
  std::string result(overall(site));
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  md += fmt::format("- Result: **{}**\n- Time: {}\n- Rendered tree: `{}`\n", result, now, site.folder);
  if (!site.repo.empty()) md += fmt::format("- Repository: `{}` branch `{}`\n", site.repo, site.branch);
  if (!site.head.empty()) md += fmt::format("- Branch head: `{}`\n", site.head);
  if (!site.published.empty()) md += fmt::format("- Published commit: `{}`\n", site.published);
  md += "\n## Checks\n\n| Check | Result | Summary |\n|---|---|---|\n";
  for (const CheckResult* check : site.checks())
    md += fmt::format("| {} | {} | {} |\n", check->check, state_word(check->state), cell(check->summary));
  if (!site.targets.empty()) {
    md += "\n## Targets\n\n| Expectation | Target | Wanted | Achieved | Result |\n|---|---|---|---|---|\n";
    for (const auto& target : site.targets)
      md +=
          fmt::format("| {} | {} | {} | {} | {} |\n", target.expectation_id.empty() ? "-" : cell(target.expectation_id),
                      cell(target.name), cell(target.verdict.wanted_text),
                      target.verdict.measured ? cell(target.verdict.achieved_text) : "not measured",
                      cell(target_result_text(target.verdict)));
  }
  if (!site.expectations.empty()) {
    md += "\n## Expectations\n\n| Intent | Expectation | Object | Targets |\n|---|---|---|---|\n";
    for (const auto& rendered : site.expectations) {
      std::string targets;
      for (const auto& target : rendered.expectation.targets)
        targets += (targets.empty() ? "" : ", ") + target.name + " " + wanted_text(target.condition, target.range);
      md += fmt::format("| {} | {} | {} | {} |\n", cell(rendered.intent_id), cell(rendered.expectation.id),
                        cell(rendered.expectation.object.type), cell(targets));
    }
  }
  md += objects_table(site.cluster.objects);
  for (const CheckResult* check : site.checks()) {
    if (check->details.empty()) continue;
    md += fmt::format("\n## Details: {}\n\n```\n{}```\n", check->check, joined(check->details));
  }
  if (!site.rollback.empty()) md += fmt::format("\n## Rollback\n\n{}\n", site.rollback);
  return md;
}

std::vector<std::string> write_reports(const SiteResult& site, const std::string& dir) {
  const fs::path folder = fs::path(dir) / site.site;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw file_error(error.value(), fmt::format("cannot create {}: {}", folder.string(), error.message()));
  std::vector<std::string> written;
  const std::string now = utc_now();
  std::set<std::string> names;
  for (const auto& file : intent_reports(site, now)) {
    const std::string file_name = intent_report_file_name(file.intent_id);
    std::string name = file_name.substr(0, file_name.size() - std::string_view(".json").size());
    while (!names.insert(name).second) name += "_";
    const std::string path = (folder / (name + ".json")).string();
    write_file_atomically(path, to_json(file.report) + "\n");
    written.push_back(path);
  }
  const std::string path = (folder / "report.md").string();
  write_file_atomically(path, markdown_report(site, now));
  written.push_back(path);
  return written;
}

} // namespace intentctl
