// Every translation satisfies the project's 28.312 JSON Schema (checked as
// validate checks it), every sample input the TMF921 one, and broken
// documents fail them.
#include <nlohmann/json.hpp>

#include "schemas/schemas.hpp"
#include "translate_support.hpp"
#include "validate/intent_schema.hpp"

using namespace intentctl;
using namespace intentctl::test;

namespace {

const char* const sample_names[] = {"urllc-robot-cell",         "embb-video-throughput", "transport-availability",
                                    "edge-analytics-two-sites", "factory-campus-slice",  "5g-network-short"};

// One of the built-in schemas, whole (not focused on the document's form).
class IntentSchema {
 public:
  explicit IntentSchema(IntentKind kind) : kind_(kind) {}

  // The schema's complaints; empty when the document is valid.
  std::vector<std::string> errors(const Node& document) const {
    std::vector<std::string> messages;
    for (const SchemaViolation& violation : check_intent(document, IntentShape{kind_, "", "intent"}))
      messages.push_back(violation.path + ": " + violation.message);
    return messages;
  }
  std::vector<std::string> errors(const nlohmann::json& document) const {
    return errors(parse_json(Source{"document.json", document.dump()}, ReadLimits{}).documents.at(0));
  }

  bool accepts(const nlohmann::json& document) const { return errors(document).empty(); }

 private:
  IntentKind kind_;
};

const IntentSchema& gpp_schema() {
  static const IntentSchema schema(IntentKind::gpp28312);
  return schema;
}

const IntentSchema& tmf921_schema() {
  static const IntentSchema schema(IntentKind::tmf921);
  return schema;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

nlohmann::json golden(const std::string& name) {
  return nlohmann::json::parse(read_file(source_path("samples/28312/" + name + ".json")));
}

} // namespace

TEST_CASE("the built-in schemas are there by name") {
  CHECK(schema_names() == "intent-28312, tmf921-intent");
  CHECK(nlohmann::json::parse(schema_text("intent-28312"))["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK_THROWS_WITH_AS(schema_text("nope"), "error: no built-in schema \"nope\" (known: intent-28312, tmf921-intent)",
                       Error);
}

TEST_CASE("every sample's translation satisfies the 28.312 schema, in both layouts") {
  for (const std::string name : sample_names) {
    CAPTURE(name);
    const std::string input = source_path("samples/tmf921/" + name + ".json");
    const auto result = translate_text(read_file(input), InputForm::automatic, default_mapping(), input);
    for (Layout layout : {Layout::flat, Layout::attributes}) {
      const auto errors = gpp_schema().errors(to_node(result.only(), layout));
      CHECK_MESSAGE(errors.empty(), join(errors));
    }
    CHECK(gpp_schema().accepts(golden(name)));
  }
}

TEST_CASE("translations of the unit tests' other shapes satisfy the 28.312 schema too") {
  const std::string items =
      expectation(condition("ex:frequency", "quan:inRange", R"({"rdf:value": {"@list": [3700, 3800]}, "quan:unit": "MHz"})"),
                  R"({"@id": "ex:ran", "@type": "ex:RAN_SubNetwork", "ex:area": {"convexGeoPolygon": [{"latitude": 1, "longitude": 2}, {"latitude": 1.5, "longitude": 2}, {"latitude": 1, "longitude": 2.5}]}, "ex:rat": {"@list": ["NR", "LTE"]}})") +
      R"(, {"@type": "icm:Context", "ex:site": {"@list": ["edge1", "edge2"]}, "ex:plmn": {"@value": {"mcc": "001", "mnc": "01"}, "@type": "@json"}})" +
      R"(, {"@type": "icm:ReportingExpectation", "icm:reportingInterval": "PT30S"})";
  const auto result = translate_text(v5(intent_with(items), R"("priority": 1, )"));
  const auto errors = gpp_schema().errors(to_node(result.only()));
  CHECK_MESSAGE(errors.empty(), join(errors));
}

TEST_CASE("broken 28.312 documents fail the schema") {
  const nlohmann::json good = golden("urllc-robot-cell");
  REQUIRE(gpp_schema().accepts(good));
  auto broken = [&](auto&& change) {
    nlohmann::json document = good;
    change(document);
    return !gpp_schema().accepts(document);
  };
  CHECK(broken([](auto& d) { d.erase("id"); }));
  CHECK(broken([](auto& d) { d["id"] = ""; }));
  CHECK(broken([](auto& d) { d["intentExpectations"] = nlohmann::json::array(); }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0].erase("expectationId"); }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["expectationVerb"] = "PLEASE"; }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["expectationObject"]["objectType"] = "Service"; }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["bogus"] = 1; }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["expectationTargets"][0]["targetCondition"] = "LESS_THAN"; }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["expectationTargets"][0].erase("targetValueRange"); }));
  CHECK(broken([](auto& d) {
    auto& target = d["intentExpectations"][0]["expectationTargets"][0];
    target["targetCondition"] = "IS_WITHIN_RANGE"; // a range needs two values
  }));
  CHECK(broken([](auto& d) { d["intentExpectations"][0]["expectationTargets"][0]["targetValueRange"] = {"1ms", "2ms"}; }));
  CHECK(broken([](auto& d) { d["intentPriority"] = 0; }));
  CHECK(broken([](auto& d) { d["intentPriority"] = "10"; }));
  CHECK(broken([](auto& d) { d["intentContexts"][0]["contextValueRange"] = {"Edge_1"}; }));
  CHECK(broken([](auto& d) { d["attributes"] = nlohmann::json::object(); }));
  const auto two_points = nlohmann::json::parse(
      R"({"convexGeoPolygon": [{"latitude": 1, "longitude": 2}, {"latitude": 2, "longitude": 2}]})");
  const auto off_the_globe = nlohmann::json::parse(
      R"({"convexGeoPolygon": [{"latitude": 91, "longitude": 2}, {"latitude": 2, "longitude": 2}, {"latitude": 2, "longitude": 3}]})");
  const auto area_context = [](const nlohmann::json& area) {
    return nlohmann::json{{"contextAttribute", "CoverageAreaPolygon"}, {"contextCondition", "IS_ALL_OF"},
                          {"contextValueRange", area}};
  };
  CHECK(broken([&](auto& d) { d["intentExpectations"][0]["expectationObject"]["objectContexts"][0] = area_context(two_points); }));
  CHECK(broken([&](auto& d) { d["intentExpectations"][0]["expectationObject"]["objectContexts"][0] = area_context(off_the_globe); }));
  CHECK(broken([&](auto& d) { d["intentExpectations"][0]["expectationObject"]["objectContexts"][0] = area_context("somewhere"); }));
}

TEST_CASE("every sample input satisfies the TMF921 schema; what translate refuses fails it") {
  for (const std::string name : sample_names) {
    CAPTURE(name);
    const auto document = nlohmann::json::parse(read_file(source_path("samples/tmf921/" + name + ".json")));
    const auto errors = tmf921_schema().errors(document);
    CHECK_MESSAGE(errors.empty(), join(errors));
  }
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(
      R"({"id": "t", "expression": {"@type": "TurtleExpression", "expressionValue": "@prefix icm: <x> ."}})")));
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(
      R"({"id": "t", "expression": {"expressionLanguage": "Turtle", "expressionValue": "@prefix icm: <x> ."}})")));
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(
      R"({"intentSpecification": {"intentExpectations": [{"expectationTargets": [{"targetName": "latency", "targetCondition": "roughlyAround", "targetValue": 1}]}]}})")));
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(
      R"({"intentSpecification": {"intentExpectations": [{"expectationTargets": [{"targetName": "latency", "targetCondition": "lessThan"}]}]}})")));
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(R"({"intent": "x", "requirements": {}})")));
  CHECK_FALSE(tmf921_schema().accepts(nlohmann::json::parse(R"({"name": "no form at all"})")));
}
