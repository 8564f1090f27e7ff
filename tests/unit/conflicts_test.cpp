// Intent conflicts and feasibility: the interval algebra, what a target
// allows, and a table of whole cases (intents and a sites file in, conflicts
// and verdicts out), every IntentReport checked against the project's schema.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "conflicts/allowed.hpp"
#include "conflicts/analysis.hpp"
#include "conflicts/report.hpp"
#include "conflicts/span.hpp"
#include "io/writer.hpp"
#include "model/expectation_reader.hpp"
#include "render/render.hpp"
#include "validate/intent_report_schema.hpp"
#include "verify/rendered.hpp"
#include "verify/report.hpp"

using namespace intentctl;

namespace {

// --- building inputs --------------------------------------------------------------------------

std::string target(const std::string& name, const std::string& condition, const std::string& value_json,
                   const std::string& contexts = "") {
  return R"({"targetName": ")" + name + R"(", "targetCondition": ")" + condition + R"(", "targetValueRange": )" +
         value_json + (contexts.empty() ? "" : R"(, "targetContexts": [)" + contexts + "]") + "}";
}

std::string context(const std::string& attribute, const std::string& value) {
  return R"({"contextAttribute": ")" + attribute + R"(", "contextCondition": "IS_EQUAL_TO", "contextValueRange": ")" +
         value + R"("})";
}

std::string expectation(const std::string& id, const std::string& type, const std::string& instance,
                        const std::vector<std::string>& targets, const std::vector<std::string>& contexts = {}) {
  std::string text = R"({"expectationId": ")" + id +
                     R"(", "expectationVerb": "DELIVER", "expectationObject": {"objectType": ")" + type +
                     R"(", "objectInstance": ")" + instance + R"("}, "expectationTargets": [)";
  for (std::size_t i = 0; i < targets.size(); ++i) text += (i ? ", " : "") + targets[i];
  text += "]";
  if (!contexts.empty()) {
    text += R"(, "expectationContexts": [)";
    for (std::size_t i = 0; i < contexts.size(); ++i) text += (i ? ", " : "") + contexts[i];
    text += "]";
  }
  return text + "}";
}

std::string intent(const std::string& id, const std::vector<std::string>& sites,
                   const std::vector<std::string>& expectations, const std::vector<std::string>& contexts = {}) {
  std::string text = R"({"id": ")" + id + R"(", "intentExpectations": [)";
  for (std::size_t i = 0; i < expectations.size(); ++i) text += (i ? ", " : "") + expectations[i];
  text += R"(], "intentContexts": [)";
  std::string list;
  for (const auto& context_text : contexts) list += (list.empty() ? "" : ", ") + context_text;
  if (!sites.empty()) {
    std::string names;
    for (const auto& site : sites) names += (names.empty() ? "\"" : ", \"") + site + "\"";
    list += std::string(list.empty() ? "" : ", ") +
            R"({"contextAttribute": "DeploymentSite", "contextCondition": "IS_ONE_OF", "contextValueRange": [)" +
            names + "]}";
  }
  return text + list + "]}";
}

// CN latency on the robot slice: the shape most cases vary.
std::string cn(const std::string& id, const std::vector<std::string>& targets, const std::string& slice = "robot") {
  return expectation(id, "5GC_SubNetwork", "core", targets, {context("networkSlice", slice)});
}

const char* const two_sites = "sites:\n  edge1: {repo: a}\n  edge2: {repo: b}\n";

std::string sites_with(const std::string& edge1_capacity, const std::string& edge2_capacity = "") {
  std::string text = "sites:\n  edge1: {repo: a";
  if (!edge1_capacity.empty()) text += ", capacity: " + edge1_capacity;
  text += "}\n  edge2: {repo: b";
  if (!edge2_capacity.empty()) text += ", capacity: " + edge2_capacity;
  return text + "}\n";
}

// --- running the analysis -----------------------------------------------------------------------

// The schema intentctl carries, run by its own checker; valijson, a second
// draft-7 implementation, must reach the same verdict on the same text.
const valijson::Schema& peer_schema() {
  struct Compiled {
    Compiled() {
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(document);
      parser.populateSchema(adapter, schema);
    }
    nlohmann::json document = nlohmann::json::parse(intent_report_schema_json());
    valijson::Schema schema;
  };
  static const Compiled compiled;
  return compiled.schema;
}

std::vector<std::string> schema_errors(const Node& report) {
  std::vector<std::string> errors;
  for (const SchemaViolation& violation : check_intent_reports(report))
    errors.push_back(violation.path + ": " + violation.message);
  const nlohmann::json document = nlohmann::json::parse(to_json(report));
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  CHECK_MESSAGE(validator.validate(peer_schema(), adapter, nullptr) == errors.empty(),
                "valijson disagrees with intentctl's checker on ", to_json(report));
  return errors;
}

struct Outcome {
  std::vector<std::string> conflicts; // "INTENT_CONFLICT edge1 a/cn-1/latency b/cn-2/latency"
  std::vector<std::string> verdicts;  // "a feasible"
  std::vector<std::string> reasons;   // every intent's reasons, in order
  std::vector<Node> reports;
};

Outcome analyse_text(const std::vector<std::string>& documents, const std::string& sites_text,
                     const std::vector<std::string>& only_sites = {}) {
  std::vector<DeltaEntry> delta;
  ExpectationReader reader(default_mapping(), delta);
  for (std::size_t i = 0; i < documents.size(); ++i)
    reader.read_source(Source{"intent-" + std::to_string(i + 1) + ".json", documents[i]});
  const Sites sites = parse_sites(Source{"sites.yaml", sites_text});
  const auto selected = sites.select(only_sites);
  ConflictAnalysis analysis = analyse(check_subjects(reader.expectations(), sites, selected), selected);
  Outcome outcome;
  auto side = [&](const TargetRef& ref) {
    return analysis.intents[analysis.subject_intent[ref.subject]].id + "/" +
           analysis.subjects[ref.subject].expectation->id + "/" + analysis.target(ref).name;
  };
  for (const auto& conflict : analysis.targets)
    outcome.conflicts.push_back(std::string(to_3gpp(conflict.type)) + " " + analysis.sites[conflict.site]->name + " " +
                                side(conflict.first) + " " + side(conflict.second));
  for (const auto& conflict : analysis.demands) {
    std::string text = "INTENT_CONFLICT " + analysis.sites[conflict.site]->name + " " +
                       std::string(capacity_field(conflict.capacity).key);
    for (const auto& share : conflict.shares) text += " " + analysis.intents[share.intent].id;
    outcome.conflicts.push_back(text);
  }
  for (std::size_t i = 0; i < analysis.intents.size(); ++i) {
    const auto& verdict = analysis.intents[i];
    outcome.verdicts.push_back(verdict.id + " " + std::string(feasibility_word(verdict.feasibility)));
    for (const auto& reason : verdict.reasons) outcome.reasons.push_back(reason.text);
    outcome.reports.push_back(check_intent_report(analysis, i, "2026-05-01T12:00:00Z"));
  }
  return outcome;
}

struct Case {
  const char* name;
  std::vector<std::string> intents;
  std::string sites;
  std::vector<std::string> conflicts{};
  std::vector<std::string> verdicts{};     // empty: not asserted
  std::vector<std::string> reason_parts{}; // each must appear in some reason
};

} // namespace

// --- the algebra ------------------------------------------------------------------------------

TEST_CASE("values that agree to nine digits are equal; infinities only equal themselves") {
  CHECK(compare_values(0.001, 1000 * 1e-6) == 0);
  CHECK(compare_values(1e9, 1000 * 1e6) == 0);
  CHECK(compare_values(0.999, 99.9 * 0.01) == 0);
  CHECK(compare_values(1.0, 1.000001) < 0);
  CHECK(compare_values(kInfinity, 1e300) > 0);
  CHECK(compare_values(-kInfinity, -kInfinity) == 0);
}

TEST_CASE("interval sets: open and closed ends, merging, intersection, complement") {
  struct Row {
    const char* name;
    SpanSet a, b;
    bool meet;
  };
  const Row rows[] = {
      {"< 1 and > 5", SpanSet::below(1, false), SpanSet::above(5, false), false},
      {"< 1 and > 0.5", SpanSet::below(1, false), SpanSet::above(0.5, false), true},
      {"< 1 and > 1 (open ends touch)", SpanSet::below(1, false), SpanSet::above(1, false), false},
      {"< 1 and >= 1", SpanSet::below(1, false), SpanSet::above(1, true), false},
      {"<= 1 and >= 1 (closed ends meet)", SpanSet::below(1, true), SpanSet::above(1, true), true},
      {"= 2 and = 3", SpanSet::point(2), SpanSet::point(3), false},
      {"= 2 and = 2", SpanSet::point(2), SpanSet::point(2), true},
      {"[1, 5] and > 10", SpanSet::between(1, 5), SpanSet::above(10, false), false},
      {"[1, 5] and < 2", SpanSet::between(1, 5), SpanSet::below(2, false), true},
      {"[1, 5] and >= 5", SpanSet::between(1, 5), SpanSet::above(5, true), true},
      {"outside [1, 5] and [2, 3]", SpanSet::between(1, 5).complement(), SpanSet::between(2, 3), false},
      {"outside [1, 5] and [0, 1]", SpanSet::between(1, 5).complement(), SpanSet::between(0, 1), true},
      {"one of {1, 2} and > 5", SpanSet::point(1).unite(SpanSet::point(2)), SpanSet::above(5, false), false},
      {"not one of {3} and = 3", SpanSet::point(3).complement(), SpanSet::point(3), false},
      {"not one of {3} and [3, 4]", SpanSet::point(3).complement(), SpanSet::between(3, 4), true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(row.a.intersects(row.b) == row.meet);
    CHECK(row.b.intersects(row.a) == row.meet);
  }
  const SpanSet merged = SpanSet::of({{0, 1, true, false}, {1, 2, true, true}, {5, 6, false, false}});
  REQUIRE(merged.spans().size() == 2);
  CHECK(merged.spans()[0] == Span{0, 2, true, true});
  CHECK(SpanSet::of({{0, 1, false, false}, {1, 2, false, false}}).spans().size() == 2); // 1 is in neither
  CHECK(SpanSet::between(5, 1).empty());
  CHECK(SpanSet::all().complement().empty());
  CHECK(SpanSet().complement() == SpanSet::all());
  CHECK(SpanSet::between(1, 5).complement().complement() == SpanSet::between(1, 5));
  CHECK(SpanSet::above(3, false).lowest() == 3);
  CHECK(std::isinf(*SpanSet::above(3, false).highest()));
}

TEST_CASE("word sets: finite and co-finite") {
  CHECK(WordSet::only({"n77", "n78"}).intersect(WordSet::only({"n78"})).contains("n78"));
  CHECK(WordSet::only({"n77", "n78"}).intersect(WordSet::only({"n79"})).empty());
  CHECK(WordSet::only({"n78"}).intersect(WordSet::except({"n78"})).empty());
  CHECK(!WordSet::except({"a"}).intersect(WordSet::except({"b"})).empty());
  CHECK(!WordSet::except({"a"}).intersect(WordSet::except({"b"})).contains("b"));
}

TEST_CASE("what a target allows, across units") {
  auto allowed = [](Condition condition, std::vector<Value> values) {
    Target target;
    target.name = "x";
    target.condition = condition;
    target.range.values = std::move(values);
    target.range.is_list = target.range.values.size() != 1;
    return allowed_by(target);
  };
  const Allowed ms = allowed(Condition::is_less_than, {Quantity{"1", "ms"}});
  const Allowed us = allowed(Condition::is_greater_than, {Quantity{"500", "us"}});
  CHECK(ms.dimension == Dimension::time);
  CHECK(satisfiable(meet(ms, us)));
  CHECK(!satisfiable(meet(ms, allowed(Condition::is_greater_than, {Quantity{"1000", "us"}}))));
  CHECK(!satisfiable(meet(allowed(Condition::is_equal_to_or_greater_than, {Quantity{"1", "Gbps"}}),
                          allowed(Condition::is_equal_to_or_less_than, {Quantity{"800", "Mbps"}}))));
  const Allowed percent = allowed(Condition::is_equal_to_or_greater_than, {Quantity{"99.9", "%"}});
  CHECK(percent.dimension == Dimension::ratio);
  CHECK(percent.numbers.lowest() == doctest::Approx(0.999));
  const Allowed range = allowed(Condition::is_within_range, {Quantity{"1", "ms"}, Quantity{"5", "ms"}});
  CHECK(range.numbers == SpanSet::between(0.001, 0.005));
  CHECK(allowed(Condition::is_one_of, {Quantity{"1", "ms"}, Quantity{"5", "Mbps"}}).kind == Allowed::Kind::none);
  CHECK(allowed(Condition::is_equal_to, {std::string("5000")}).kind == Allowed::Kind::number);
  CHECK(allowed(Condition::is_one_of, {std::string("n77"), std::string("n78")}).kind == Allowed::Kind::word);
  CHECK(allowed(Condition::is_less_than, {std::string("n77")}).kind == Allowed::Kind::none);
  CHECK(allowed(Condition::is_less_than, {Quantity{"1", "ms"}, Quantity{"2", "ms"}}).kind == Allowed::Kind::none);
  CHECK(allowed(Condition::is_within_range, {Quantity{"1", "ms"}, Quantity{"5", "Mbps"}}).kind == Allowed::Kind::none);
  CHECK(allowed(Condition::is_equal_to, {Quantity{"5", "subscribers"}}).unit_word == "subscribers");
}

// --- the case table -----------------------------------------------------------------------------

TEST_CASE("conflict and feasibility cases") {
  const std::string edge1_10g = sites_with("{maxThroughput: 10Gbps, minLatency: 1ms, maxSubscribers: 5000, "
                                           "maxAvailability: 99.99%}");
  const std::vector<Case> cases = {
      {"latency < 1 ms against > 5 ms in two intents",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"},
       {"a unknown", "b unknown"}},
      {"units on both sides: < 1 ms and > 500 us overlap",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"500us\"")})})},
       two_sites,
       {}},
      {"open bounds: < 1 ms and > 1000 us touch without meeting",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"1000us\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"closed bounds: <= 1 ms and >= 1000 us meet at one value",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_EQUAL_TO_OR_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_EQUAL_TO_OR_GREATER_THAN", "\"1000us\"")})})},
       two_sites,
       {}},
      {"open against closed: < 1 ms and >= 1 ms",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_EQUAL_TO_OR_GREATER_THAN", "\"1ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"bit rates: >= 1 Gbps against <= 800 Mbps",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_EQUAL_TO_OR_GREATER_THAN", "\"1Gbps\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("throughput", "IS_EQUAL_TO_OR_LESS_THAN", "\"800Mbps\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/throughput b/cn-b/throughput"}},
      {"bit rates: >= 1 Gbps and <= 1000 Mbps are one value",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_EQUAL_TO_OR_GREATER_THAN", "\"1Gbps\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("throughput", "IS_EQUAL_TO_OR_LESS_THAN", "\"1000Mbps\"")})})},
       two_sites,
       {}},
      {"ratios: >= 99.9 % and <= 0.999 meet",
       {intent("a", {"edge1"}, {cn("cn-a", {target("availability", "IS_EQUAL_TO_OR_GREATER_THAN", "\"99.9%\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("availability", "IS_EQUAL_TO_OR_LESS_THAN", "0.999")})})},
       two_sites,
       {}},
      {"ratios: >= 99.95 % against <= 0.999",
       {intent("a", {"edge1"}, {cn("cn-a", {target("availability", "IS_EQUAL_TO_OR_GREATER_THAN", "\"99.95%\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("availability", "IS_EQUAL_TO_OR_LESS_THAN", "0.999")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/availability b/cn-b/availability"}},
      {"equal values across units do not conflict: IS_EQUAL_TO 99.9 % and IS_EQUAL_TO 0.999",
       {intent("a", {"edge1"}, {cn("cn-a", {target("availability", "IS_EQUAL_TO", "\"99.9%\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("availability", "IS_EQUAL_TO", "0.999")})})},
       two_sites,
       {}},
      {"equal values across units do not conflict: IS_EQUAL_TO 1 Gbps and IS_EQUAL_TO 1000 Mbps",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_EQUAL_TO", "\"1Gbps\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("throughput", "IS_EQUAL_TO", "\"1000Mbps\"")})})},
       two_sites,
       {}},
      {"closed ranges that touch meet: [1 ms, 5 ms] and [5000 us, 10 ms]",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_WITHIN_RANGE", R"(["1ms", "5ms"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_WITHIN_RANGE", R"(["5000us", "10ms"])")})})},
       two_sites,
       {}},
      {"a closed range against an open bound at its end: [1 ms, 5 ms] and > 5 ms",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_WITHIN_RANGE", R"(["1ms", "5ms"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"IS_EQUAL_TO 2 against IS_EQUAL_TO 3",
       {intent("a", {"edge1"}, {cn("cn-a", {target("redundancy", "IS_EQUAL_TO", "2")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("redundancy", "IS_EQUAL_TO", "3")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/redundancy b/cn-b/redundancy"}},
      {"equal values do not conflict: IS_EQUAL_TO 1 ms and 1000 us",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_EQUAL_TO", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_EQUAL_TO", "\"1000us\"")})})},
       two_sites,
       {}},
      {"a range disjoint from a bound: [1 ms, 5 ms] against > 10 ms",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_WITHIN_RANGE", R"(["1ms", "5ms"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"10ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"a range written as text: \"1-5ms\" against > 10 ms",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_WITHIN_RANGE", "\"1-5ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"10ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"a range meeting a bound: [1 ms, 5 ms] and < 2000 us",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_WITHIN_RANGE", R"(["1ms", "5ms"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_LESS_THAN", "\"2000us\"")})})},
       two_sites,
       {}},
      {"outside a range against inside it",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_OUTSIDE_RANGE", R"(["1ms", "5ms"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_WITHIN_RANGE", R"(["2ms", "3ms"])")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"one-of sets of words: {n77, n78} against n79, and n78 is fine",
       {intent("a", {"edge1"}, {cn("cn-a", {target("band", "IS_ONE_OF", R"(["n77", "n78"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("band", "IS_EQUAL_TO", "\"n79\"")})}),
        intent("c", {"edge1"}, {cn("cn-c", {target("band", "IS_EQUAL_TO", "\"n78\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/band b/cn-b/band", "INTENT_CONFLICT edge1 b/cn-b/band c/cn-c/band"}},
      {"not one of against equal to; all of against not one of",
       {intent("a", {"edge1"}, {cn("cn-a", {target("band", "IS_NOT_ONE_OF", R"(["n78"])")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("band", "IS_EQUAL_TO", "\"n78\"")})}),
        intent("c", {"edge1"}, {cn("cn-c", {target("features", "IS_ALL_OF", R"(["mimo", "beamforming"])")})}),
        intent("d", {"edge1"}, {cn("cn-d", {target("features", "IS_NOT_ONE_OF", R"(["beamforming"])")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/band b/cn-b/band", "INTENT_CONFLICT edge1 c/cn-c/features d/cn-d/features"}},
      {"numbers one of {1, 2} against > 5",
       {intent("a", {"edge1"}, {cn("cn-a", {target("redundancy", "IS_ONE_OF", "[1, 2]")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("redundancy", "IS_GREATER_THAN", "5")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/redundancy b/cn-b/redundancy"}},
      {"another slice is another context",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")}, "robot")}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")}, "video")})},
       two_sites,
       {}},
      {"another S-NSSAI (an intent context) is another context",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})},
               {context("sNSSAI", "1-000001")}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})},
               {context("sNSSAI", "1-000002")})},
       two_sites,
       {}},
      {"the same S-NSSAI conflicts",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})},
               {context("sNSSAI", "1-000001")}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})},
               {context("sNSSAI", "1-000001")})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"another target context (UE group) is another context",
       {intent("a", {"edge1"},
               {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"", context("UEGroup", "robots"))})}),
        intent("b", {"edge1"},
               {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"", context("UEGroup", "cameras"))})})},
       two_sites,
       {}},
      {"another site is no conflict",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge2"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {}},
      {"another object instance is no conflict",
       {intent("a", {"edge1"},
               {expectation("cn-a", "5GC_SubNetwork", "core-1", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"},
               {expectation("cn-b", "5GC_SubNetwork", "core-2", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {}},
      {"objectType spellings of one domain are one object",
       {intent("a", {"edge1"},
               {expectation("cn-a", "5GC_SubNetwork", "core", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"},
               {expectation("cn-b", "CoreNetwork", "core", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency b/cn-b/latency"}},
      {"two expectations of one intent: EXPECTATION_CONFLICT",
       {intent("a", {"edge1"},
               {cn("cn-1", {target("latency", "IS_LESS_THAN", "\"1ms\"")}),
                cn("cn-2", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"EXPECTATION_CONFLICT edge1 a/cn-1/latency a/cn-2/latency"}},
      {"two expectations of one intent on two object instances: no conflict",
       {intent("a", {"edge1"},
               {expectation("cn-1", "5GC_SubNetwork", "core-1", {target("latency", "IS_LESS_THAN", "\"1ms\"")}),
                expectation("cn-2", "5GC_SubNetwork", "core-2", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {}},
      {"one name twice in one expectation, in two units: TARGET_CONFLICT",
       {intent("a", {"edge1"},
               {cn("cn-1", {target("throughput", "IS_EQUAL_TO_OR_GREATER_THAN", "\"1Gbps\""),
                            target("throughput", "IS_EQUAL_TO_OR_LESS_THAN", "\"800Mbps\"")})})},
       two_sites,
       {"TARGET_CONFLICT edge1 a/cn-1/throughput a/cn-1/throughput"}},
      {"one name twice in one expectation: TARGET_CONFLICT",
       {intent("a", {"edge1"},
               {cn("cn-1",
                   {target("latency", "IS_LESS_THAN", "\"1ms\""), target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"TARGET_CONFLICT edge1 a/cn-1/latency a/cn-1/latency"}},
      {"one intent over two sites conflicts only where the other lands",
       {intent("a", {"edge1", "edge2"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge2"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge2 a/cn-a/latency b/cn-b/latency"}},
      {"an intent naming no site lands on every site",
       {intent("a", {}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge2"}, {cn("cn-b", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge2 a/cn-a/latency b/cn-b/latency"}},
      {"three targets: only the pairs that do not meet",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latency", "IS_LESS_THAN", "\"1ms\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("latency", "IS_LESS_THAN", "\"2ms\"")})}),
        intent("c", {"edge1"}, {cn("cn-c", {target("latency", "IS_GREATER_THAN", "\"1500us\"")})})},
       two_sites,
       {"INTENT_CONFLICT edge1 a/cn-a/latency c/cn-c/latency"}},
      {"plain numbers and times are not compared (a target name of no known kind)",
       {intent("a", {"edge1"}, {cn("cn-a", {target("delayBudget", "IS_LESS_THAN", "5")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("delayBudget", "IS_GREATER_THAN", "\"10ms\"")})})},
       two_sites,
       {}},
      {"summed throughput over what the site declares: INTENT_CONFLICT, each intent feasible alone",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_GREATER_THAN", "\"6Gbps\"")}, "video")}),
        intent("b", {"edge1"},
               {cn("cn-b", {target("throughput", "IS_EQUAL_TO_OR_GREATER_THAN", "\"6000Mbps\"")}, "robot")})},
       edge1_10g,
       {"INTENT_CONFLICT edge1 maxThroughput a b"},
       {"a feasible", "b feasible"}},
      {"on one object and slice the throughput is one demand, not a sum",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_GREATER_THAN", "\"6Gbps\"")})}),
        intent("b", {"edge1"}, {cn("cn-b", {target("throughput", "IS_GREATER_THAN", "\"6Gbps\"")})})},
       edge1_10g,
       {},
       {"a feasible", "b feasible"}},
      {"summed subscribers (two spellings) over the site's maximum",
       {intent("a", {"edge1"}, {cn("cn-a", {target("subscribers", "IS_EQUAL_TO_OR_LESS_THAN", "3000")}, "video")}),
        intent("b", {"edge1"}, {cn("cn-b", {target("maxNumberofUEs", "IS_EQUAL_TO_OR_LESS_THAN", "3000")}, "robot")})},
       edge1_10g,
       {"INTENT_CONFLICT edge1 maxSubscribers a b"},
       {"a feasible", "b feasible"}},
      {"summed subscribers: at most 3000 and at least 2500",
       {intent("a", {"edge1"}, {cn("cn-a", {target("subscribers", "IS_EQUAL_TO_OR_LESS_THAN", "3000")}, "video")}),
        intent("b", {"edge1"}, {cn("cn-b", {target("subscribers", "IS_EQUAL_TO_OR_GREATER_THAN", "2500")}, "robot")})},
       edge1_10g,
       {"INTENT_CONFLICT edge1 maxSubscribers a b"},
       {"a feasible", "b feasible"}},
      {"summed bandwidth over what the site declares, in two units",
       {intent("a", {"edge1"},
               {expectation("tn-a", "TN_SubNetwork", "tn",
                            {target("bandwidth", "IS_EQUAL_TO_OR_GREATER_THAN", "\"12Gbps\"")})}),
        intent("b", {"edge1"},
               {expectation("tn-b", "TN_SubNetwork", "tn2",
                            {target("bandwidth", "IS_EQUAL_TO_OR_GREATER_THAN", "\"9000Mbps\"")})})},
       sites_with("{maxBandwidth: 20Gbps}"),
       {"INTENT_CONFLICT edge1 maxBandwidth a b"},
       {"a feasible", "b feasible"}},
      {"summed bandwidth within what the site declares: no conflict",
       {intent("a", {"edge1"},
               {expectation("tn-a", "TN_SubNetwork", "tn",
                            {target("bandwidth", "IS_EQUAL_TO_OR_GREATER_THAN", "\"12Gbps\"")})}),
        intent("b", {"edge1"},
               {expectation("tn-b", "TN_SubNetwork", "tn2",
                            {target("bandwidth", "IS_EQUAL_TO_OR_GREATER_THAN", "\"8000Mbps\"")})})},
       sites_with("{maxBandwidth: 20Gbps}"),
       {},
       {"a feasible", "b feasible"}},
      {"the same demands on two sites, each within its own capacity",
       {intent("a", {"edge1"}, {cn("cn-a", {target("throughput", "IS_GREATER_THAN", "\"6Gbps\"")}, "video")}),
        intent("b", {"edge2"}, {cn("cn-b", {target("throughput", "IS_GREATER_THAN", "\"6Gbps\"")}, "robot")})},
       sites_with("{maxThroughput: 10Gbps}", "{maxThroughput: 10Gbps}"),
       {},
       {"a feasible", "b feasible"}},
      {"one intent past the site's throughput is infeasible, and not in the others' sum",
       {intent("big", {"edge1"}, {cn("cn-big", {target("throughput", "IS_GREATER_THAN", "\"20Gbps\"")}, "video")}),
        intent("small", {"edge1"}, {cn("cn-s", {target("throughput", "IS_GREATER_THAN", "\"1Gbps\"")}, "robot")})},
       edge1_10g,
       {},
       {"big infeasible", "small feasible"},
       {"its targets on site edge1 ask for 20Gbps in all (cn-big throughput IS_GREATER_THAN 20Gbps), above the "
        "maxThroughput 10Gbps the site declares"}},
      {"latency below what the site can achieve is infeasible",
       {intent("fast", {"edge1"}, {cn("cn-f", {target("latency", "IS_LESS_THAN", "\"500us\"")})}),
        intent("slow", {"edge1"}, {cn("cn-s", {target("latency", "IS_LESS_THAN", "\"2ms\"")}, "video")})},
       edge1_10g,
       {},
       {"fast infeasible", "slow feasible"},
       {"latency IS_LESS_THAN 500us (expectation cn-f) is below the minLatency 1ms site edge1 declares"}},
      {"availability above what the site offers is infeasible",
       {intent("a", {"edge1"}, {cn("cn-a", {target("availability", "IS_EQUAL_TO_OR_GREATER_THAN", "\"99.999%\"")})})},
       edge1_10g,
       {},
       {"a infeasible"},
       {"availability IS_EQUAL_TO_OR_GREATER_THAN 99.999% (expectation cn-a) is above the maxAvailability 99.99% site "
        "edge1 declares"}},
      {"reliability above what the site offers is infeasible; at it, feasible",
       {intent("a", {"edge1"}, {cn("cn-a", {target("reliability", "IS_EQUAL_TO_OR_GREATER_THAN", "\"99.9999%\"")})}),
        intent("b", {"edge1"},
               {cn("cn-b", {target("reliability", "IS_EQUAL_TO_OR_GREATER_THAN", "0.99999")}, "video")})},
       sites_with("{maxReliability: 99.999%}"),
       {},
       {"a infeasible", "b feasible"},
       {"reliability IS_EQUAL_TO_OR_GREATER_THAN 99.9999% (expectation cn-a) is above the maxReliability 99.999% site "
        "edge1 declares"}},
      {"per-UE throughput is held alone against maxThroughput, never summed",
       {intent("a", {"edge1"},
               {expectation("ran-a", "RAN_SubNetwork", "ran",
                            {target("DlThptPerUE", "IS_GREATER_THAN", "\"6Gbps\"")})}),
        intent("b", {"edge1"},
               {expectation("ran-b", "RAN_SubNetwork", "ran2",
                            {target("DlThptPerUE", "IS_GREATER_THAN", "\"6Gbps\"")})}),
        intent("c", {"edge1"},
               {expectation("ran-c", "RAN_SubNetwork", "ran3",
                            {target("AveDLRANUEThpt", "IS_GREATER_THAN", "\"12Gbps\"")})})},
       edge1_10g,
       {},
       {"a feasible", "b feasible", "c infeasible"}},
      {"a site without declared capacity: feasibility unknown, not infeasible",
       {intent("a", {"edge2"}, {cn("cn-a", {target("throughput", "IS_GREATER_THAN", "\"100Gbps\"")})}),
        intent("b", {"edge1", "edge2"}, {cn("cn-b", {target("latency", "IS_LESS_THAN", "\"5ms\"")}, "video")})},
       edge1_10g,
       {},
       {"a unknown", "b unknown"},
       {"site edge2 declares no capacity"}},
      {"declared capacity without the limit a target needs: feasible",
       {intent("a", {"edge1"}, {cn("cn-a", {target("jitter", "IS_LESS_THAN", "\"1us\"")})})},
       sites_with("{maxThroughput: 10Gbps}"),
       {},
       {"a feasible"}},
      {"a limited target that cannot be compared with the limit: unknown",
       {intent("a", {"edge1"}, {cn("cn-a", {target("latencyBudget", "IS_LESS_THAN", "5")})})},
       edge1_10g,
       {},
       {"a unknown"},
       {"cannot be compared"}},
  };
  for (const auto& each : cases) {
    CAPTURE(each.name);
    const Outcome outcome = analyse_text(each.intents, each.sites);
    CHECK(outcome.conflicts == each.conflicts);
    if (!each.verdicts.empty()) CHECK(outcome.verdicts == each.verdicts);
    for (const auto& part : each.reason_parts)
      CHECK_MESSAGE(std::any_of(outcome.reasons.begin(), outcome.reasons.end(),
                                [&](const std::string& reason) { return reason.find(part) != std::string::npos; }),
                    "no reason holds: " << part);
    for (const auto& report : outcome.reports) {
      CAPTURE(to_json(report));
      CHECK(schema_errors(report).empty());
    }
  }
}

TEST_CASE("the IntentReport schema refuses what the standard does not allow") {
  auto report = [](const std::string& json) {
    return parse_json(Source{"report.json", json}, ReadLimits{}).documents.at(0);
  };
  CHECK(schema_errors(report(R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [
      {"conflictId": "c", "conflictType": "INTENT_CONFLICT", "conflictingIntent": "Intent=b"}],
      "intentFeasibilityCheckReport": {"feasibilityCheckResult": "FEASIBLE"},
      "lastUpdatedTime": "2026-05-01T12:00:00Z"})"))
            .empty());
  const std::pair<const char*, std::vector<std::string>> wrong[] = {
      {R"({"id": "r", "intentReference": "Intent=a", "intentFeasibilityCheckReport": {"feasibilityCheckResult": "INFEASIBLE"}})",
       {"intentFeasibilityCheckReport.infeasibilityReason: missing required field"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentFeasibilityCheckReport": {"feasibilityCheckResult": "FEASIBLE",
          "infeasibilityReason": "none"}})",
       {"intentFeasibilityCheckReport.infeasibilityReason: no value is allowed here"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentFeasibilityCheckReport": {"feasibilityCheckResult": "MAYBE"}})",
       {R"(intentFeasibilityCheckReport.feasibilityCheckResult: unsupported value "MAYBE" (allowed: "FEASIBLE", "INFEASIBLE"))"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [
          {"conflictId": "c", "conflictType": "INTENT_CONFLICT", "conflictingExpectation": "e"}]})",
       {"intentConflictReports[0].conflictingIntent: missing required field",
        "intentConflictReports[0].conflictingExpectation: no value is allowed here"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [
          {"conflictId": "c", "conflictType": "TARGET_CONFLICT", "conflictingTarget": "t", "conflictingIntent": "Intent=b"}]})",
       {"intentConflictReports[0].conflictingIntent: no value is allowed here"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [{"conflictId": "c", "conflictType": "SLICE_CONFLICT"}]})",
       {R"(intentConflictReports[0].conflictType: unsupported value "SLICE_CONFLICT" (allowed: "INTENT_CONFLICT", "EXPECTATION_CONFLICT", "TARGET_CONFLICT"))"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [], "extra": 1})",
       {"extra: unknown field"}},
      {R"({"id": "r", "intentReference": "Intent=a"})",
       {": matches none of the 3 alternatives of anyOf; closest: intentFulfilmentReport: missing required field"}},
      {R"({"id": "r", "intentReference": "Intent=a", "intentConflictReports": [], "lastUpdatedTime": "2026-05-01 12:00"})",
       {R"(lastUpdatedTime: "2026-05-01 12:00" does not match the pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")",
        R"(lastUpdatedTime: "2026-05-01 12:00" is not a date-time (RFC 3339, like 2024-05-01T12:00:00Z))"}},
  };
  auto lines = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += item + "\n";
    return text;
  };
  for (const auto& [text, findings] : wrong) {
    INFO(text);
    CHECK(lines(schema_errors(report(text))) == lines(findings));
  }
}

TEST_CASE("validate checks IntentReports, one or a list, against the schema, each finding at its place") {
  const Node list = parse_json(Source{"reports.json", R"([
  {"id": "a", "intentReference": "Intent=a", "intentConflictReports": []},
  {"id": "b", "intentReference": "Intent=b", "intentFeasibilityCheckReport": {"feasibilityCheckResult": "INFEASIBLE"}}
])"},
                               ReadLimits{})
                        .documents.at(0);
  CHECK(is_intent_report_document(list));
  CHECK(is_intent_report_document(list.items()[0]));
  const auto violations = check_intent_reports(list);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].path == "[1].intentFeasibilityCheckReport.infeasibilityReason");
  CHECK(violations[0].mark.line == 3);
  // An Intent is no report, though it has an id; nor is a list that holds anything else.
  const Node intent =
      parse_json(Source{"intent.json", R"({"id": "a", "intentExpectations": []})"}, ReadLimits{}).documents.at(0);
  CHECK_FALSE(is_intent_report_document(intent));
  const Node mixed =
      parse_json(Source{"mixed.json", R"([{"id": "a", "intentConflictReports": []}, {"id": "b"}])"}, ReadLimits{})
          .documents.at(0);
  CHECK_FALSE(is_intent_report_document(mixed));
}

TEST_CASE("verify's IntentReports carry the conflicts and feasibility of the site's rendered intents") {
  auto rendered = [](const std::string& intent, const std::string& id, Condition condition, const std::string& value) {
    RenderedExpectation expectation;
    expectation.intent_id = intent;
    expectation.expectation.id = id;
    expectation.expectation.object = {"5GC_SubNetwork", "core", {}};
    Target target;
    target.name = "latency";
    target.condition = condition;
    target.range.values.push_back(Quantity{value, "ms"});
    expectation.expectation.targets.push_back(target);
    return expectation;
  };
  SiteResult site;
  site.site = "edge1";
  site.folder = "dist/edge1";
  site.git = make_result("git", CheckState::pass, "3f2a9c1 is the head of main");
  site.cluster = make_result("cluster", CheckState::skip, "no kubeconfig for edge1");
  site.slo = make_result("slo", CheckState::skip, "no metrics source for edge1");
  site.expectations = {rendered("robot", "cn-1", Condition::is_less_than, "1"),
                       rendered("video", "cn-2", Condition::is_greater_than, "5")};
  site.capacity = std::vector<CapacityLimit>{{CapacityKind::min_latency, 0.002, "2ms"}};
  const auto reports = intent_reports(site, "2026-05-01T12:00:00Z");
  REQUIRE(reports.size() == 2);
  for (const auto& file : reports) {
    CAPTURE(to_json(file.report));
    CHECK(schema_errors(file.report).empty());
    const Node* conflicts = file.report.find("intentConflictReports");
    REQUIRE(conflicts);
    REQUIRE(conflicts->items().size() == 1);
    CHECK(conflicts->items()[0].find("conflictType")->text() == "INTENT_CONFLICT");
    CHECK(file.report.find("intentFulfilmentReport"));
  }
  CHECK(reports[0].report.find("intentConflictReports")->items()[0].find("conflictingIntent")->text() ==
        "Intent=video");
  CHECK(reports[0].report.find("intentFeasibilityCheckReport")->find("feasibilityCheckResult")->text() == "INFEASIBLE");
  CHECK(reports[1].report.find("intentFeasibilityCheckReport")->find("feasibilityCheckResult")->text() == "FEASIBLE");
  // A site that declares no capacity: feasibility unknown, no feasibility report.
  site.capacity.reset();
  for (const auto& file : intent_reports(site, "2026-05-01T12:00:00Z")) {
    CHECK(!file.report.find("intentFeasibilityCheckReport"));
    CHECK(schema_errors(file.report).empty());
  }
}

TEST_CASE(
    "an intent's contexts travel with its rendered expectations, so verify tells two slices apart as check does") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("intentctl-conflicts-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string robot =
      intent("robot", {"edge1"},
             {expectation("cn-1", "5GC_SubNetwork", "core", {target("latency", "IS_LESS_THAN", "\"1ms\"")})},
             {context("sNSSAI", "1-000001")});
  const std::string video =
      intent("video", {"edge1"},
             {expectation("cn-2", "5GC_SubNetwork", "core", {target("latency", "IS_GREATER_THAN", "\"5ms\"")})},
             {context("sNSSAI", "1-000002")});
  CHECK(analyse_text({robot, video}, two_sites).conflicts.empty());
  std::istringstream in(robot + "\n" + video);
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  RenderOptions options;
  options.output_dir = dir.string();
  REQUIRE(render(options, io) == ExitClass::ok);
  const RenderedSite rendered = read_rendered_site((dir / "edge1").string());
  REQUIRE(rendered.expectations.size() == 2);
  REQUIRE(rendered.expectations[0].intent_contexts.size() == 1);
  CHECK(rendered.expectations[0].intent_contexts[0].attribute == "sNSSAI");
  CHECK(range_text(rendered.expectations[0].intent_contexts[0].range) == "1-000001");
  SiteResult site;
  site.site = "edge1";
  site.folder = (dir / "edge1").string();
  site.expectations = rendered.expectations;
  for (const auto& file : intent_reports(site, "2026-05-01T12:00:00Z"))
    CHECK(file.report.find("intentConflictReports")->items().empty());
  // Without them the two would look like one slice.
  for (auto& each : site.expectations) each.intent_contexts.clear();
  CHECK(intent_reports(site, "2026-05-01T12:00:00Z")[0].report.find("intentConflictReports")->items().size() == 1);
  fs::remove_all(dir);
}
