// The seed tools' intentSpecification form and the short form, to 28.312.
#include "translate_support.hpp"

using namespace intentctl;
using namespace intentctl::test;

namespace {

std::string seed(const std::string& expectations,
                 const std::string& fields = R"("id": "s1", "name": "Seed intent", )") {
  return "{" + fields + R"("intentSpecification": {"intentExpectations": [)" + expectations + "]}}";
}

std::string target(const std::string& name, const std::string& condition, const std::string& value,
                   const std::string& unit = "") {
  return R"({"targetName": ")" + name + R"(", "targetCondition": ")" + condition + R"(", "targetValue": )" + value +
         (unit.empty() ? "" : R"(, "targetUnit": ")" + unit + "\"") + "}";
}

} // namespace

TEST_CASE("seed form: every target and every context is kept") {
  const std::string text =
      seed(R"({"expectationId": "cn-cap-001", "expectationType": "deliver",
      "expectationObject": {"objectType": "CoreNetwork", "objectInstance": "core-1"},
      "expectationTargets": [)" +
           target("latency", "lessThan", "\"5\"", "ms") + "," + target("jitter", "lessThanOrEqual", "1", "ms") + "," +
           target("packet loss", "lessThan", "\"0.1%\"") + R"(],
      "expectationContext": [{"contextParameter": "networkSlice", "contextValue": "slice-a"},
                             {"contextParameter": "region", "contextValue": "us-east-1"},
                             {"contextParameter": "site", "contextValue": ["edge1", "edge2"]}]})");
  const auto result = translate_text(text);
  const Intent& intent = result.only();
  CHECK(intent.id == "s1");
  CHECK(intent.user_label == "Seed intent");
  REQUIRE(intent.expectations.size() == 1);
  const Expectation& e = intent.expectations[0];
  CHECK(e.id == "cn-cap-001");
  CHECK(e.verb == "DELIVER");
  CHECK(e.object.type == "5GC_SubNetwork"); // the mapping's CoreNetwork, as 28.312 spells it
  CHECK(e.object.instance == "core-1");
  REQUIRE(e.targets.size() == 3);
  CHECK(range_text(e.targets[0].range) == "5ms");
  CHECK(range_text(e.targets[1].range) == "1ms");
  CHECK(e.targets[2].name == "packet loss");
  CHECK(range_text(e.targets[2].range) == "0.1%");
  REQUIRE(e.contexts.size() == 2);
  CHECK(e.contexts[0].attribute == "networkSlice");
  CHECK(e.contexts[1].attribute == "region");
  CHECK(intent.sites == std::vector<std::string>{"edge1", "edge2"});
}

TEST_CASE("seed form: an Edge_Service_Support object gives an edge expectation for the sites") {
  const std::string text =
      seed(R"({"expectationObject": {"objectType": "Edge_Service_Support", "objectInstance": "analytics"},
      "expectationTargets": [)" +
           target("DlLatency", "lessThan", "\"10\"", "ms") + R"(],
      "expectationContext": [{"contextParameter": "sites", "contextValue": ["edge1", "edge2"]}]})");
  const auto intent_result = translate_text(text);
  const Intent& intent = intent_result.only();
  REQUIRE(intent.expectations.size() == 1);
  CHECK(intent.expectations[0].id == "s1-edge");
  CHECK(intent.expectations[0].object.type == "Edge_Service_Support");
  CHECK(intent.sites == std::vector<std::string>{"edge1", "edge2"});
}

TEST_CASE("seed form: without a known objectType the target names pick the domains") {
  const std::string text =
      seed(R"({"expectationType": "ensure", "expectationObject": {"objectType": "service"},
      "expectationTargets": [)" +
           target("latency", "<", "\"20\"", "ms") + "," + target("throughput", ">", "\"500\"", "Mbps") + "," +
           target("availability", ">=", "\"99.9\"", "%") + "]}");
  const auto result = translate_text(text);
  const Intent& intent = result.only();
  REQUIRE(intent.expectations.size() == 3);
  CHECK(intent.expectations[0].id == "s1-cn");
  CHECK(intent.expectations[1].id == "s1-ran");
  CHECK(intent.expectations[2].id == "s1-tn");
  CHECK(intent.expectations[2].object.type == "TN_SubNetwork");
  for (const auto& e : intent.expectations) CHECK(e.verb == "ENSURE");
  CHECK(result.has_delta("expectationObject.objectType", "objectType \"service\" is neither"));
}

TEST_CASE("seed form: ranges, sets and plain numbers") {
  const std::string text = seed(R"({"expectationTargets": [)" + target("latency", "between", "[\"2\", \"8\"]", "ms") +
                                "," + target("jitter", "IS_ONE_OF", "[1, 2]", "ms") + "," +
                                target("MaxNumberofPDUsessions", "atMost", "\"2000\"") + "]}");
  const auto e_result = translate_text(text);
  const Expectation& e = e_result.only().expectations.at(0);
  CHECK(e.targets[0].condition == Condition::is_within_range);
  CHECK(range_text(e.targets[0].range) == "[2ms, 8ms]");
  CHECK(e.targets[1].condition == Condition::is_one_of);
  CHECK(range_text(e.targets[1].range) == "[1ms, 2ms]");
  CHECK(std::get<Quantity>(e.targets[2].range.values.at(0)) == Quantity{"2000", ""});
}

TEST_CASE("seed form: errors at the place they are") {
  CHECK(translate_error(seed(R"({"expectationTargets": [{"targetName": "latency", "targetCondition": "lessThan"}]})"))
            .find("target \"latency\" has no value (targetValue)") != std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "lessThan", "null") + "]}"))
            .find("expectationTargets[0].targetValue: target \"latency\" has no value") != std::string::npos);
  const std::string unknown = translate_error(
      "{\"id\": \"s1\",\n \"intentSpecification\": {\"intentExpectations\": [{\"expectationTargets\": [\n  "
      "{\"targetName\": \"latency\", \"targetCondition\": \"roughlyAround\", \"targetValue\": 5}]}]}}",
      std::nullopt, "bad.json");
  CHECK(unknown ==
        "bad.json:3:48: error: intentSpecification.intentExpectations[0].expectationTargets[0].targetCondition: "
        "unknown condition \"roughlyAround\" (known: lessThan, lessThanOrEqual, greaterThan, "
        "greaterThanOrEqual, equalTo, between, <, <=, >, >=, =, IS_LESS_THAN, IS_EQUAL_TO_OR_LESS_THAN, "
        "IS_GREATER_THAN, IS_EQUAL_TO_OR_GREATER_THAN, IS_EQUAL_TO, IS_WITHIN_RANGE, IS_OUTSIDE_RANGE, "
        "IS_ONE_OF, IS_NOT_ONE_OF, IS_ALL_OF, quan:smaller, quan:greater, quan:atLeast, quan:atMost, "
        "quan:inRange, quan:exactly)");
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "between", "\"5\"", "ms") + "]}"))
            .find("between needs two values, low and high") != std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "lessThan", "\"soon\"", "ms") + "]}"))
            .find("value \"soon\" is not a number, so the unit \"ms\" cannot apply to it") != std::string::npos);
  CHECK(translate_error(
            seed(R"({"expectationType": "avoid", "expectationTargets": [)" + target("latency", "<", "1", "ms") + "]}"))
            .find("expectationType \"avoid\" has no 28.312 expectationVerb") != std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("colour", "<", "1") + "]}"))
            .find("no domain for target \"colour\"") != std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": []})")).find("expectation has no targets") != std::string::npos);
  CHECK(translate_error(seed("")).find("intent \"s1\" has no expectations") != std::string::npos);
  CHECK(translate_error(R"({"id": "s1", "intentSpecification": {}})").find("intentExpectations is missing") !=
        std::string::npos);
}

TEST_CASE("seed form: values are ones 28.312 knows") {
  const std::string plmn = seed(R"({"expectationTargets": [)" + target("latency", "<", "1", "ms") + R"(],
      "expectationContext": [{"contextParameter": "PLMN", "contextValue": {"mcc": "001", "mnc": "01"}},
                             {"contextParameter": "window", "contextValue": {"startTime": "2026-01-01T00:00:00Z", "endTime": "2026-01-02T00:00:00Z"}}]})");
  const auto result = translate_text(plmn);
  CHECK(value_text(result.only().expectations.at(0).contexts.at(0).range.values.at(0)) ==
        R"({"mcc":"001","mnc":"01"})");
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "<", R"({"foo": 1})") + "]}"))
            .find("targetValue: expected a number, a string, a boolean, a date-time or one of 28.312's structured "
                  "values") != std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "<", "{}") + "]}"))
            .find("expected a number, a string, a boolean, a date-time or one of 28.312's structured values") !=
        std::string::npos);
  CHECK(translate_error(seed(R"({"expectationTargets": [)" + target("latency", "<", "1", "ms") +
                             R"(], "expectationContext": [{"contextParameter": "slice", "contextValue": ""}]})"))
            .find("contextValue: empty value") != std::string::npos);
}

TEST_CASE("seed form: fields without a 28.312 home are listed") {
  const std::string text =
      seed(R"({"customExpectationField": 1, "validFor": {}, "expectationTargets": [
      {"targetName": "latency", "targetCondition": "<", "targetValue": 1, "targetUnit": "ms", "customTargetField": "x"}]})",
           R"("id": "s1", "intentType": "ServiceIntent", "priority": "high", "category": "perf", )");
  const auto result = translate_text(text);
  CHECK(result.has_delta("intentType"));
  CHECK(result.has_delta("category"));
  CHECK(result.has_delta("priority", "\"high\" is not a whole number"));
  CHECK(result.has_delta("intentExpectations[0].customExpectationField"));
  CHECK(result.has_delta("intentExpectations[0].validFor"));
  CHECK(result.has_delta("expectationTargets[0].customTargetField"));
  CHECK_FALSE(result.has_delta("targetUnit"));
}

TEST_CASE("seed form: intentId and a name stand in for a missing id") {
  CHECK(translate_text(
            seed(R"({"expectationTargets": [)" + target("latency", "<", "1", "ms") + "]}", R"("intentId": "x7", )"))
            .only()
            .id == "x7");
  CHECK(translate_text(seed(R"({"expectationTargets": [)" + target("latency", "<", "1", "ms") + "]}",
                            R"("name": "Low latency", )"))
            .only()
            .id == "low-latency");
}

TEST_CASE("short form: the seed document's example") {
  const auto result =
      translate_text(R"({"intent": "5G network", "requirements": {"latency": "<1ms", "throughput": ">1Gbps"}})");
  const Intent& intent = result.only();
  CHECK(intent.id == "5g-network");
  REQUIRE(intent.expectations.size() == 2);
  CHECK(intent.expectations[0].object.type == "5GC_SubNetwork");
  CHECK(intent.expectations[1].object.type == "RAN_SubNetwork");
  CHECK(intent.expectations[1].targets.at(0).condition == Condition::is_greater_than);
}

TEST_CASE("--mapping: a mapping file adds target names and domains") {
  const Mapping mapping =
      load_mapping(Source{"m.yaml", "domains:\n  - name: mec\n    objectTypes: [MEC_Host]\n    specBlock: resources\n"
                                    "    targets: [gpu, gpuMemory]\n  - name: tn\n    targets: [colour]\n"});
  const auto result = translate_text(seed(R"({"expectationTargets": [)" + target("gpu", ">=", "2") + "," +
                                          target("colour", "=", "\"blue\"") + "]}"),
                                     std::nullopt, mapping);
  const Intent& intent = result.only();
  REQUIRE(intent.expectations.size() == 2);
  CHECK(intent.expectations[0].id == "s1-mec");
  CHECK(intent.expectations[0].object.type == "MEC_Host");
  CHECK(intent.expectations[1].id == "s1-tn");
  // the new objectType is known to objectType resolution too
  const auto typed = translate_text(seed(R"({"objectType": "MEC_Host", "expectationTargets": [)" +
                                         target("latency", "<", "1", "ms") + "]}"),
                                    std::nullopt, mapping);
  CHECK(typed.only().expectations.at(0).object.type == "MEC_Host");
  CHECK(typed.only().expectations.at(0).id == "s1-mec");
}
