// TMF921 intents with JSON-LD expressions (v5 objects, v4 strings) to 28.312.
#include <fmt/format.h>

#include "translate_support.hpp"

using namespace intentctl;
using namespace intentctl::test;

namespace {

const Expectation& expectation_of(const Intent& intent, std::string_view id) {
  for (const auto& expectation : intent.expectations)
    if (expectation.id == id) return expectation;
  FAIL("no expectation " << id);
  return intent.expectations.front();
}

std::string range_of(const Target& target) { return range_text(target.range); }

} // namespace

TEST_CASE("v5: the set:forAll form of a condition, as Turtle states it") {
  const std::string forall = R"({"@type": "icm:Condition", "set:forAll": {"@list": [
      {"@id": "_:X"},
      {"@id": "_:X", "icm:valuesOfTargetProperty": {"@list": [{"@id": "ex:latency"}]}},
      {"quan:smaller": {"@list": [{"@id": "_:X"}, {"rdf:value": {"@value": "20.0", "@type": "xsd:decimal"}, "quan:unit": "ms"}]}}]}})";
  const auto result = translate_text(v5(intent_with(expectation(forall))));
  const Intent& intent = result.only();
  CHECK(intent.id == "i1");
  CHECK(intent.user_label == "Test intent");
  REQUIRE(intent.expectations.size() == 1);
  const Expectation& e = intent.expectations[0];
  CHECK(e.id == "e1");
  CHECK(e.verb == "DELIVER");
  CHECK(e.object.type == "5GC_SubNetwork"); // latency picks the core network
  REQUIRE(e.targets.size() == 1);
  CHECK(e.targets[0].name == "latency");
  CHECK(e.targets[0].condition == Condition::is_less_than);
  CHECK(range_of(e.targets[0]) == "20.0ms");
  CHECK_FALSE(e.targets[0].range.is_list);
}

TEST_CASE("v5: prefixes are whatever the @context binds; operators are matched by IRI") {
  SUBCASE("q: bound to the QuantityOntology") {
    const std::string value = R"({"@context": {"tio": ")" + tio + R"(IntentCommonModel/", "l": ")" + tio +
                              R"(LogicalOperators/", "q": ")" + tio +
                              R"(QuantityOntology/", "p": "https://example.net/p/"},
        "@type": "tio:Intent", "l:allOf": [{"@type": "tio:DeliveryExpectation", "l:allOf": [
          {"@type": "tio:Condition", "tio:valuesOfTargetProperty": "p:jitter", "q:atMost": {"http://www.w3.org/1999/02/22-rdf-syntax-ns#value": 2, "q:unit": "ms"}}]}]})";
    const auto result = translate_text(v5(value));
    const Target& target = result.only().expectations.at(0).targets.at(0);
    CHECK(target.name == "jitter");
    CHECK(target.condition == Condition::is_equal_to_or_less_than);
    CHECK(range_of(target) == "2ms");
  }
  SUBCASE("quan: bound to another vocabulary is not the QuantityOntology") {
    const std::string value = R"({"@context": {"icm": ")" + tio + R"(IntentCommonModel/", "log": ")" + tio +
                              R"(LogicalOperators/", "quan": "https://example.net/not-quantities/", "ex": "urn:ex:"},
        "@type": "icm:Intent", "log:allOf": [{"@type": "icm:DeliveryExpectation", "log:allOf": [)" +
                              condition("ex:latency", "quan:smaller", "5") + "]}]}";
    const std::string error = translate_error(v5(value));
    CHECK(error.find("condition on \"latency\" has no operator") != std::string::npos);
  }
  SUBCASE("full IRIs without any prefix") {
    const std::string value = R"({"@type": ")" + tio + R"(IntentCommonModel/Intent", ")" + tio +
                              R"(LogicalOperators/allOf": [{"@type": ")" + tio +
                              R"(IntentCommonModel/DeliveryExpectation", ")" + tio +
                              R"(IntentCommonModel/valuesOfTargetProperty": "https://example.net/throughput", ")" +
                              tio + R"(QuantityOntology/greater": "1Gbps"}]})";
    const auto target_result = translate_text(v5(value));
    const Target& target = target_result.only().expectations.at(0).targets.at(0);
    CHECK(target.name == "throughput");
    CHECK(target.condition == Condition::is_greater_than);
    CHECK(range_of(target) == "1Gbps");
  }
  SUBCASE("@vocab and term aliases") {
    const std::string value =
        R"({"@context": {"@vocab": ")" + tio + R"(IntentCommonModel/", "allOf": ")" + tio +
        R"(LogicalOperators/allOf", "atLeast": ")" + tio +
        R"(QuantityOntology/atLeast", "value": "http://www.w3.org/1999/02/22-rdf-syntax-ns#value", "unit": ")" + tio +
        R"(QuantityOntology/unit"},
        "@type": "Intent", "allOf": [{"@type": "PropertyExpectation", "allOf": [
          {"@type": "Condition", "valuesOfTargetProperty": "availability", "atLeast": {"value": 99.99, "unit": "%"}}]}]})";
    const auto e_result = translate_text(v5(value));
    const Expectation& e = e_result.only().expectations.at(0);
    CHECK(e.verb == "ENSURE");
    CHECK(e.object.type == "TN_SubNetwork");
    CHECK(e.targets.at(0).name == "availability");
    CHECK(range_of(e.targets.at(0)) == "99.99%");
  }
  SUBCASE("a @context list, later entries adding to earlier ones") {
    const std::string value = R"({"@context": [{"icm": ")" + tio + R"(IntentCommonModel/", "log": ")" + tio +
                              R"(LogicalOperators/"}, {"m": ")" + tio + R"(QuantityOntology/", "ex": "urn:example:"}],
        "@type": "icm:Intent", "log:allOf": [{"@type": "icm:DeliveryExpectation", "log:allOf": [
          {"@type": "icm:Condition", "icm:valuesOfTargetProperty": "ex:latency", "m:exactly": "3ms"}]}]})";
    const auto target_result = translate_text(v5(value));
    const Target& target = target_result.only().expectations.at(0).targets.at(0);
    CHECK(target.name == "latency");
    CHECK(target.condition == Condition::is_equal_to);
  }
}

TEST_CASE("v5: an undefined prefix is an error at the key") {
  const std::string text = v5(intent_with(expectation(condition("ex:latency", "qq:smaller", "5"))));
  const std::string error = translate_error(text);
  CHECK(error.find("t.json:1:") == 0);
  CHECK(error.find("undefined prefix \"qq\" in \"qq:smaller\": bind it in the expression's @context") !=
        std::string::npos);
}

TEST_CASE("v5: every TM Forum operator and its 28.312 condition") {
  struct Row {
    const char* op;
    const char* property;
    const char* operand;
    Condition condition;
    const char* range;
  };
  const Row rows[] = {
      {"quan:smaller", "ex:latency", "\"20ms\"", Condition::is_less_than, "20ms"},
      {"quan:greater", "ex:throughput", "\"1Gbps\"", Condition::is_greater_than, "1Gbps"},
      {"quan:larger", "ex:throughput", "\"1Gbps\"", Condition::is_greater_than, "1Gbps"},
      {"quan:atLeast", "ex:subscribers", "5", Condition::is_equal_to_or_greater_than, "5"},
      {"quan:atMost", "ex:subscribers", "5", Condition::is_equal_to_or_less_than, "5"},
      {"quan:exactly", "ex:bandwidth", "\"100Mbps\"", Condition::is_equal_to, "100Mbps"},
      {"quan:inRange", "ex:latency", "{\"@list\": [\"2ms\", \"8ms\"]}", Condition::is_within_range, "[2ms, 8ms]"},
      {"quan:inRange", "ex:latency", "\"2-8 ms\"", Condition::is_within_range, "[2ms, 8ms]"},
      {"icm:atMost", "ex:latency", "\"10ms\"", Condition::is_equal_to_or_less_than, "10ms"},
      {"icm:atLeast", "ex:latency", "\"10ms\"", Condition::is_equal_to_or_greater_than, "10ms"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.op);
    const auto result = translate_text(v5(intent_with(expectation(condition(row.property, row.op, row.operand)))));
    const Target& target = result.only().expectations.at(0).targets.at(0);
    CHECK(target.condition == row.condition);
    CHECK(range_of(target) == row.range);
  }
}

TEST_CASE("v5: an unknown operator is an unknown condition, at the key, listing the known ones") {
  const std::string text = "{\n  \"id\": \"i1\",\n  \"expression\": {\"expressionValue\": " +
                           intent_with(expectation(condition("ex:latency", "quan:roughlyAround", "5"))) + "}\n}";
  const std::string error = translate_error(text, std::nullopt, "bad.json");
  const auto column = text.substr(text.rfind('\n', text.find("quan:roughlyAround"))).find("quan:roughlyAround");
  CHECK(error.find(fmt::format("bad.json:3:{}: error: ", column - 1)) == 0);
  CHECK(error.find("unknown condition \"quan:roughlyAround\" (known: lessThan, lessThanOrEqual, greaterThan, "
                   "greaterThanOrEqual, equalTo, between,") != std::string::npos);
}

TEST_CASE("v5: values with units, typed literals, lists and ranges") {
  SUBCASE("quan:unit applies to rdf:value, also to each of a list") {
    const auto result = translate_text(v5(intent_with(expectation(
        condition("ex:frequency", "quan:inRange", R"({"rdf:value": {"@list": [3700, 3800]}, "quan:unit": "MHz"})")))));
    const Target& target = result.only().expectations.at(0).targets.at(0);
    CHECK(target.condition == Condition::is_within_range);
    CHECK(target.range.is_list);
    CHECK(range_of(target) == "[3700MHz, 3800MHz]");
  }
  SUBCASE("a typed literal keeps its digits") {
    const auto result = translate_text(v5(intent_with(
        expectation(condition("ex:availability", "quan:atLeast",
                              R"({"rdf:value": {"@value": "99.990", "@type": "xsd:decimal"}, "quan:unit": "%"})")))));
    CHECK(range_of(result.only().expectations.at(0).targets.at(0)) == "99.990%");
  }
  SUBCASE("inRange needs two values") {
    const std::string error =
        translate_error(v5(intent_with(expectation(condition("ex:latency", "quan:inRange", "\"5ms\"")))));
    CHECK(error.find("target \"latency\": quan:inRange needs two values, low and high (such as [1ms, 5ms] or "
                     "\"1-5ms\"); got 1") != std::string::npos);
  }
  SUBCASE("a single-value operator takes one value") {
    const std::string error =
        translate_error(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", R"({"@list": [1, 2]})")))));
    CHECK(error.find("quan:smaller compares with one value; got 2") != std::string::npos);
  }
  SUBCASE("a value and a unit that disagree") {
    const std::string error = translate_error(v5(intent_with(
        expectation(condition("ex:latency", "quan:smaller", R"({"rdf:value": "5ms", "quan:unit": "s"})")))));
    CHECK(error.find("value \"5ms\" has the unit \"ms\" but the unit given beside it is \"s\"") != std::string::npos);
  }
}

TEST_CASE("v5: a target without a value is an error") {
  const std::string forall = R"({"@type": "icm:Condition", "set:forAll": {"@list": [
      {"@id": "_:X", "icm:valuesOfTargetProperty": {"@id": "ex:latency"}},
      {"quan:smaller": {"@list": [{"@id": "_:X"}]}}]}})";
  CHECK(translate_error(v5(intent_with(expectation(forall)))).find("target \"latency\" has no value") !=
        std::string::npos);
  CHECK(translate_error(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "null")))))
            .find("target \"latency\" has no value") != std::string::npos);
}

TEST_CASE("v5: a condition over several properties constrains each") {
  const auto result = translate_text(v5(intent_with(expectation(
      R"({"@type": "icm:Condition", "icm:valuesOfTargetProperty": {"@list": [{"@id": "ex:DlThptPerUE"}, {"@id": "ex:UlThptPerUE"}]}, "quan:larger": "50Mbps"})",
      R"({"@id": "ex:ran1", "@type": "ex:RAN_SubNetwork"})"))));
  const Expectation& e = result.only().expectations.at(0);
  CHECK(e.object.type == "RAN_SubNetwork");
  CHECK(e.object.instance == "ran1");
  REQUIRE(e.targets.size() == 2);
  CHECK(e.targets[0].name == "DlThptPerUE");
  CHECK(e.targets[1].name == "UlThptPerUE");
  CHECK(range_of(e.targets[1]) == "50Mbps");
}

TEST_CASE("v5: targets by property name; two operators on one property are two targets of one name") {
  const auto result = translate_text(v5(intent_with(expectation(
      R"({"@type": "icm:Condition", "ex:packetLoss": {"quan:smaller": 0.001}, "ex:latency": [{"quan:inRange": ["1ms", "5ms"]}], "ex:jitter": {"quan:atMost": "1ms"}})"))));
  const Intent& intent = result.only();
  REQUIRE(intent.expectations.size() == 1);
  const auto& targets = intent.expectations[0].targets;
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].name == "packetLoss");
  CHECK(targets[1].condition == Condition::is_within_range);
  CHECK(targets[2].condition == Condition::is_equal_to_or_less_than);
  // render has one place per target name in a bundle, so translate refuses what it could not render
  CHECK(translate_error(v5(intent_with(expectation(
            R"({"@type": "icm:Condition", "ex:latency": [{"quan:atLeast": "1ms"}, {"quan:atMost": "5ms"}]})")))) ==
        "t.json:1:685: error: target \"latency\" appears twice in expectation \"e1\"; give one target with a range "
        "(IS_WITHIN_RANGE) instead");
}

TEST_CASE("v5: older v1 examples: icm:hasExpectation, icm:params, icm:atMost, icm:atLeast") {
  const std::string value = "{" + context() + R"(, "@type": "icm:Intent", "icm:hasExpectation": [
      {"@type": "icm:PropertyExpectation", "icm:target": "ex:ring7",
       "icm:params": {"ex:availability": [{"icm:atLeast": "99.99%"}], "ex:latency": [{"icm:atMost": "5ms"}], "ex:redundancy": 2}}]})";
  const auto intent_result = translate_text(v5(value));
  const Intent& intent = intent_result.only();
  REQUIRE(intent.expectations.size() == 2); // availability and redundancy on the transport network, latency on the core
  const Expectation& tn = expectation_of(intent, "i1-tn");
  CHECK(tn.verb == "ENSURE");
  CHECK(tn.object.instance == "ring7");
  REQUIRE(tn.targets.size() == 2);
  CHECK(tn.targets[0].condition == Condition::is_equal_to_or_greater_than);
  CHECK(tn.targets[1].name == "redundancy");
  CHECK(tn.targets[1].condition == Condition::is_equal_to);
  CHECK(range_of(expectation_of(intent, "i1-cn").targets.at(0)) == "5ms");
}

TEST_CASE("v5: expectation ids: the @id's name, else derived from the intent id and domain") {
  const std::string items = expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) + "," +
                            R"({"@type": "icm:DeliveryExpectation", "log:allOf": [)" +
                            condition("ex:latency", "quan:smaller", "\"2ms\"") + "," +
                            condition("ex:throughput", "quan:greater", "\"1Gbps\"") + "]}," +
                            R"({"@type": "icm:DeliveryExpectation", "log:allOf": [)" +
                            condition("ex:jitter", "quan:smaller", "\"1ms\"") + "]}";
  const auto intent_result = translate_text(v5(intent_with(items)));
  const Intent& intent = intent_result.only();
  std::vector<std::string> ids;
  for (const auto& e : intent.expectations) ids.push_back(e.id);
  CHECK(ids == std::vector<std::string>{"e1", "i1-cn", "i1-ran", "i1-cn-2"});
  // same input, same ids
  CHECK(translate_text(v5(intent_with(items))).json() == translate_text(v5(intent_with(items))).json());
}

TEST_CASE("v5: the intent id: TMF921 id, else the icm:Intent's @id, else the name, else a hash") {
  const std::string value = intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")));
  const std::string expression = R"("expression": {"expressionValue": )" + value + "}";
  CHECK(translate_text(R"({"id": "given", )" + expression + "}").only().id == "given");
  CHECK(translate_text(R"({"name": "A name", )" + expression + "}").only().id == "i1");
  std::string anonymous = value;
  anonymous.replace(anonymous.find(R"("@id": "ex:i1", )"), std::string(R"("@id": "ex:i1", )").size(), "");
  CHECK(translate_text(R"j({"name": "Fast 5G (URLLC)", "expression": {"expressionValue": )j" + anonymous + "}}")
            .only()
            .id == "fast-5g-urllc");
  const std::string hashed = translate_text(R"({"expression": {"expressionValue": )" + anonymous + "}}").only().id;
  CHECK(hashed.rfind("intent-", 0) == 0);
  CHECK(hashed == translate_text(R"({"expression": {"expressionValue": )" + anonymous + "}}").only().id);
}

TEST_CASE("v5: icm:target gives objectType (28.312 or mapping spellings), instance and object contexts") {
  const std::string target = R"({"@id": "ex:core1", "@type": ["ex:Thing", "ex:CoreNetwork"], "ex:slice": "s1",
      "ex:area": {"convexGeoPolygon": [{"latitude": 1, "longitude": 2}, {"latitude": 1.5, "longitude": 2}, {"latitude": 1, "longitude": 2.5}]},
      "ex:plmn": {"@value": {"mcc": "001", "mnc": "01"}, "@type": "@json"}})";
  const auto result =
      translate_text(v5(intent_with(expectation(condition("ex:throughput", "quan:greater", "\"1Gbps\""), target))));
  const Expectation& e = result.only().expectations.at(0);
  CHECK(e.object.type == "5GC_SubNetwork"); // the mapping's CoreNetwork, written as 28.312 spells it
  CHECK(e.object.instance == "core1");
  REQUIRE(e.object.contexts.size() == 3);
  CHECK(e.object.contexts[0].attribute == "networkSlice");
  CHECK(e.object.contexts[0].condition == Condition::is_equal_to);
  CHECK(e.object.contexts[1].attribute == "CoverageAreaPolygon");
  CHECK(e.object.contexts[1].condition == Condition::is_all_of);
  CHECK(std::holds_alternative<GeoArea>(e.object.contexts[1].range.values.at(0)));
  CHECK(e.object.contexts[2].attribute == "PLMN");
  CHECK(value_text(e.object.contexts[2].range.values.at(0)) == R"({"mcc":"001","mnc":"01"})");
  CHECK(result.has_delta("@type", "\"Thing\" is not a 28.312 objectType"));
}

TEST_CASE("v5: plain JSON values must be ones 28.312 knows") {
  const std::string error = translate_error(v5(intent_with(
      expectation(condition("ex:latency", "quan:smaller", "\"1ms\"") +
                  R"(, {"@type": "icm:Context", "ex:thing": {"@value": {"colour": "red"}, "@type": "@json"}})"))));
  CHECK(error.find("log:allOf[0].log:allOf[1].ex:thing.@value: expected a number, a string, a boolean, a date-time or "
                   "one of 28.312's structured values") != std::string::npos);
  CHECK(translate_error(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"\"")))))
            .find("empty value") != std::string::npos);
}

TEST_CASE("v5: a GeoArea needs three points") {
  const std::string target =
      R"({"@id": "ex:ran1", "ex:area": {"convexGeoPolygon": [{"latitude": 1, "longitude": 2}, {"latitude": 1.5, "longitude": 2}]}})";
  const std::string error =
      translate_error(v5(intent_with(expectation(condition("ex:throughput", "quan:greater", "1"), target))));
  CHECK(error.find("a convexGeoPolygon needs at least 3 points") != std::string::npos);
}

TEST_CASE("v5: contexts: sites become the intent's sites, others 28.312 contexts at their level") {
  const std::string items =
      expectation(
          condition("ex:latency", "quan:smaller", "\"1ms\"") +
          R"(, {"@type": "icm:Context", "ex:deploymentSite": "edge3", "ex:networkSlice": {"@list": ["a", "b"]}})") +
      R"(, {"@type": "icm:Context", "ex:site": {"@list": ["edge1", "edge2"]}, "ex:region": "north",
            "ex:RAT": {"quan:exactly": "NR"}})";
  const auto intent_result = translate_text(v5(intent_with(items)));
  const Intent& intent = intent_result.only();
  CHECK(intent.sites == std::vector<std::string>{"edge3", "edge1", "edge2"});
  REQUIRE(intent.contexts.size() == 2);
  CHECK(intent.contexts[0].attribute == "region");
  CHECK(intent.contexts[1].attribute == "RAT");
  CHECK(intent.contexts[1].condition == Condition::is_equal_to);
  const Expectation& e = intent.expectations.at(0);
  REQUIRE(e.contexts.size() == 1);
  CHECK(e.contexts[0].attribute == "networkSlice");
  CHECK(e.contexts[0].condition == Condition::is_one_of);
  CHECK(range_text(e.contexts[0].range) == "[a, b]");
}

TEST_CASE("v5: a reporting expectation's interval is the observation period; the rest is delta") {
  const std::string items =
      expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) +
      R"(, {"@type": "icm:ReportingExpectation", "icm:reportingInterval": "PT5M", "ex:channel": "email"})";
  const auto result = translate_text(v5(intent_with(items)));
  CHECK(result.only().observation_period == 300);
  CHECK(result.has_delta("ex:channel", "icm:ReportingExpectation"));
  const auto seconds = translate_text(v5(intent_with(
      expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) +
      R"(, {"@type": "icm:ReportingExpectation", "icm:reportingInterval": {"rdf:value": 2, "quan:unit": "min"}})")));
  CHECK(seconds.only().observation_period == 120);
  const auto without = translate_text(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) +
                                                     R"(, {"@type": "icm:ReportingExpectation"})")));
  CHECK_FALSE(without.only().observation_period);
  CHECK(without.has_delta("log:allOf[1]", "without a reporting interval"));
  std::string endless = "P";
  for (int i = 0; i < 16000; ++i) endless += "999999999W"; // more seconds than a long holds
  CHECK(translate_error(
            v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) +
                           R"(, {"@type": "icm:ReportingExpectation", "icm:reportingInterval": ")" + endless + "\"}")))
            .find("a reporting interval must be a positive duration") != std::string::npos);
}

TEST_CASE("v5: log:anyOf and log:oneOf are carried over as all required and said so; log:noneOf is refused") {
  const std::string any = "{" + context() + R"(, "@type": "icm:Intent", "log:anyOf": [)" +
                          expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) + "]}";
  const auto result = translate_text(v5(any));
  CHECK(result.only().expectations.size() == 1);
  CHECK(result.has_delta("log:anyOf", "all of these are carried over as required"));
  const std::string none = "{" + context() + R"(, "@type": "icm:Intent", "log:noneOf": [)" +
                           expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")) + "]}";
  CHECK(translate_error(v5(none)).find("log:noneOf has no 28.312 equivalent") != std::string::npos);
}

TEST_CASE("v5: an @graph whose nodes refer to each other by @id") {
  const std::string value = "{" + context() + R"(, "@graph": [
      {"@id": "ex:i9", "@type": "icm:Intent", "log:allOf": [{"@id": "ex:e9"}]},
      {"@id": "ex:e9", "@type": "icm:PropertyExpectation", "icm:target": {"@id": "ex:t9"}, "log:allOf": [{"@id": "ex:c9"}]},
      {"@id": "ex:t9", "@type": "ex:Radio_Service"},
      {"@id": "ex:c9", "@type": "icm:Condition", "icm:valuesOfTargetProperty": "ex:DlLatency", "quan:smaller": "10ms"},
      {"@id": "ex:orphan", "@type": "icm:Context", "ex:site": "edge9"}]})";
  const auto result = translate_text(R"({"expression": {"expressionValue": )" + value + "}}");
  const Intent& intent = result.only();
  CHECK(intent.id == "i9");
  const Expectation& e = intent.expectations.at(0);
  CHECK(e.id == "e9");
  CHECK(e.object.type == "Radio_Service");
  CHECK(e.object.instance == "t9");
  CHECK(e.targets.at(0).name == "DlLatency");
  CHECK(intent.sites.empty());
  CHECK(result.has_delta("@graph[4]", "not reached from the icm:Intent"));
}

TEST_CASE("v5: references that form a circle are refused, not followed forever") {
  const std::string value = "{" + context() + R"(, "@graph": [
      {"@id": "ex:i1", "@type": "icm:Intent", "log:allOf": [{"@id": "ex:a"}]},
      {"@id": "ex:a", "log:allOf": [{"@id": "ex:b"}]},
      {"@id": "ex:b", "log:allOf": [{"@id": "ex:a"}]}]})";
  CHECK(translate_error(R"({"expression": {"expressionValue": )" + value + "}}").find("nest too deep") !=
        std::string::npos);
}

TEST_CASE("v5: errors for intents that say nothing 28.312 can hold") {
  CHECK(
      translate_error(v5("{" + context() + R"(, "@type": "icm:Intent"})")).find("intent \"i1\" has no expectations") !=
      std::string::npos);
  CHECK(translate_error(v5(intent_with(R"({"@type": "icm:DeliveryExpectation", "log:allOf": []})")))
            .find("expectation has no targets") != std::string::npos);
  CHECK(translate_error(v5("{" + context() + R"(, "@type": "ex:Report"})")).find("is a Report, not an icm:Intent") !=
        std::string::npos);
  CHECK(translate_error(v5(intent_with(expectation(condition("ex:colour", "quan:smaller", "5")))))
            .find("no domain for target \"colour\"") != std::string::npos);
  CHECK(translate_error(v5(intent_with(expectation(R"({"@type": "icm:Condition", "quan:smaller": 5})"))))
            .find("quan:smaller constrains no target property") != std::string::npos);
}

TEST_CASE("v5: a TurtleExpression is refused, also when the form is forced") {
  const std::string turtle =
      R"({"id": "t", "expression": {"@type": "TurtleExpression", "expressionValue": "@prefix icm: <x> ."}})";
  CHECK(translate_error(turtle).find("Turtle expressions are not supported") != std::string::npos);
  CHECK(translate_error(turtle, Form::tmf921_v4).find("Turtle expressions are not supported") != std::string::npos);
  const std::string language = R"({"id": "t", "expression": {"expressionLanguage": "Turtle", "expressionValue": "x"}})";
  CHECK(translate_error(language).find("t.json:1:50: error: expression.expressionLanguage: Turtle expressions") == 0);
}

TEST_CASE("TMF921 resource fields: id, name and priority map; everything else is listed, never dropped") {
  const std::string fields =
      R"("description": "d", "version": "1", "validFor": {"startDateTime": "2026-01-01T00:00:00Z"},
      "lifecycleStatus": "created", "priority": "42", "isBundle": false, "intentType": "ServiceIntent",
      "characteristic": [{"name": "tier", "value": "gold"}], "@baseType": "Intent", )";
  const auto result =
      translate_text(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\""))), fields));
  CHECK(result.only().priority == 42);
  for (const char* field : {"description", "version", "validFor", "lifecycleStatus", "isBundle", "@baseType"}) {
    CAPTURE(field);
    CHECK(result.has_delta(field, "TMF921 Intent field without a 28.312 home"));
  }
  CHECK(result.has_delta("intentType", "without a 28.312 home"));
  CHECK(result.has_delta("characteristic[0]", "characteristic \"tier\" = \"gold\""));
  CHECK_FALSE(result.has_delta("priority"));
  for (const char* priority : {"\"high\"", "0", "101", "\"7.5\""}) {
    CAPTURE(priority);
    const auto other = translate_text(v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\""))),
                                         std::string(R"("priority": )") + priority + ", "));
    CHECK_FALSE(other.only().priority);
    CHECK(other.has_delta("priority", "not a whole number from 1 to 100"));
  }
}

TEST_CASE("v5: properties without a 28.312 home inside the expression are listed") {
  const std::string items = R"({"@id": "ex:e1", "@type": "icm:DeliveryExpectation", "ex:owner": "ops",
      "log:allOf": [{"@type": "icm:Condition", "icm:valuesOfTargetProperty": "ex:latency", "quan:smaller": "1ms", "ex:note": "n"}]})";
  const std::string value =
      "{" + context() + R"(, "@type": "icm:Intent", "ex:createdBy": "x", "log:allOf": [)" + items + "]}";
  const auto result = translate_text(v5(value));
  CHECK(result.has_delta("expressionValue.ex:createdBy", "property of the icm:Intent"));
  CHECK(result.has_delta("log:allOf[0].ex:owner", "property of an expectation"));
  CHECK(result.has_delta("log:allOf[0].log:allOf[0].ex:note", "property of a condition"));
  for (const auto& entry : result.delta) CHECK(entry.where.line > 0);
}

TEST_CASE("v4: the expressionValue string is parsed; positions inside it point into the file") {
  const std::string inner = intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\"")));
  std::string escaped;
  for (char c : inner) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
  const std::string text =
      R"({"id": "v4", "expression": {"@type": "JsonLdExpression", "expressionLanguage": "JSON-LD", "expressionValue": ")" +
      escaped + "\"}}";
  const auto intent_result = translate_text(text);
  const Intent& intent = intent_result.only();
  CHECK(intent.id == "v4");
  CHECK(intent.expectations.at(0).targets.at(0).name == "latency");
  const auto as_v5 = translate_text(v5(inner));
  CHECK(to_json(to_node(intent.expectations.at(0))) == to_json(to_node(as_v5.only().expectations.at(0))));

  // An error inside the string: the column of the key in the file.
  std::string bad_inner = "{\n" + context() + ",\n \"@type\": \"icm:Intent\", \"log:allOf\": [" +
                          expectation(condition("ex:latency", "quan:roughly", "1")) + "]}";
  std::string bad_escaped;
  for (char c : bad_inner)
    bad_escaped += c == '"' ? std::string("\\\"") : c == '\n' ? std::string("\\n") : std::string(1, c);
  const std::string prefix = "{\"id\": \"v4\",\n \"expression\": {\"expressionValue\": \"";
  const std::string bad = prefix + bad_escaped + "\"}}";
  const std::size_t line_start = bad.find('\n') + 1;
  const std::size_t column = bad.find("quan:roughly") - 2 - line_start + 1; // at the key's opening \" escape
  const std::string error = translate_error(bad, std::nullopt, "v4.json");
  CHECK(error.find(fmt::format("v4.json:2:{}: error: ", column)) == 0);
  CHECK(error.find("unknown condition \"quan:roughly\"") != std::string::npos);

  // Malformed JSON inside the string: the error says so, at its place.
  const std::string broken = prefix + "{\\\"@type\\\": }\"}}";
  const std::string broken_error = translate_error(broken, std::nullopt, "v4.json");
  CHECK(broken_error.find(fmt::format("v4.json:2:{}: error: ", prefix.size() - line_start + 1 + 12)) == 0);
  CHECK(broken_error.find("in the JSON-LD of the expressionValue string: expected a JSON value") != std::string::npos);
}

TEST_CASE("v4 in YAML: positions point at the string") {
  const std::string yaml = "id: y4\nexpression:\n  expressionValue: '{\"@type\": \"x:Intent\"}'\n";
  const std::string error = translate_error(yaml, std::nullopt, "y4.yaml");
  CHECK(error.find("y4.yaml:3:20: error: ") == 0);
  CHECK(error.find("undefined prefix \"x\"") != std::string::npos);
}

TEST_CASE("forms are detected; a v5 value given to v4 is a clear error") {
  const std::string text = v5(intent_with(expectation(condition("ex:latency", "quan:smaller", "\"1ms\""))));
  CHECK(translate_error(text, Form::tmf921_v4)
            .find("expected string as the expressionValue of a TMF921 v4 intent, got object") != std::string::npos);
  CHECK(translate_text(text, Form::tmf921_v5).only().id == "i1");
}

TEST_CASE("every sample intent translates to its golden 28.312 file") {
  for (const char* name : {"urllc-robot-cell", "embb-video-throughput", "transport-availability",
                           "edge-analytics-two-sites", "factory-campus-slice", "5g-network-short"}) {
    CAPTURE(name);
    const std::string input = source_path(std::string("samples/tmf921/") + name + ".json");
    const auto result = translate_text(read_file(input), std::nullopt, default_mapping(), input);
    std::string text;
    write_json(text, to_node(result.only()));
    CHECK(text + "\n" == read_file(source_path(std::string("samples/28312/") + name + ".json")));
  }
}
