// render: what goes into the objects (targets, ranges, lists, units, sites,
// ProvisioningRequests), names, and input errors with their positions.
#include <doctest/doctest.h>

#include <fstream>

#include <fmt/format.h>

#include "krm/names.hpp"
#include "render_support.hpp"

using namespace intentctl;
using namespace render_test;

namespace {

const char* const kMultiTarget = R"({
  "id": "campus", "intentExpectations": [{
    "expectationId": "Campus_CN.1",
    "expectationObject": {"objectType": "5GC_SubNetwork", "objectInstance": "upf-7",
      "objectContexts": [{"contextAttribute": "networkSlice", "contextCondition": "IS_ONE_OF",
                          "contextValueRange": ["slice-b", "slice-a"]}]},
    "expectationTargets": [
      {"targetName": "latency", "targetCondition": "IS_LESS_THAN", "targetValueRange": "5ms"},
      {"targetName": "jitter", "targetCondition": "IS_WITHIN_RANGE", "targetValueRange": ["0.1ms", "2ms"]},
      {"targetName": "MaxNumberofPDUsessions", "targetCondition": "IS_EQUAL_TO_OR_GREATER_THAN", "targetValueRange": 5000},
      {"targetName": "PLMN", "targetCondition": "IS_ONE_OF", "targetValueRange": ["001-01", "001-02"]}],
    "expectationContexts": [{"contextAttribute": "networkSlice", "contextValueRange": "slice-c"}]}]})";

Run run_stdout(const std::string& input, std::vector<std::string> sites = {}, std::string sites_file = "") {
  RenderOptions options;
  options.to_stdout = true;
  options.sites = std::move(sites);
  options.sites_file = std::move(sites_file);
  return run(options, input);
}

} // namespace

TEST_CASE("every target survives, with ranges, sets and units, in the seed's condition words") {
  const auto objects = objects_of({"-"}, kMultiTarget);
  const Node* bundle = find_object(objects, "CNBundle", "cn-bundle-campus-cn-1");
  REQUIRE(bundle != nullptr);
  const Node& spec = *bundle->find("spec");
  CHECK(spec.find("expectationId")->text() == "Campus_CN.1");
  CHECK(spec.find("expectationType")->text() == "ServiceCapacity");
  CHECK(to_json(*spec.find("networkSlices"), JsonStyle::compact) == R"(["slice-a","slice-b","slice-c"])");
  CHECK(spec.find("objectInstance")->text() == "upf-7");
  CHECK(to_json(*spec.find("capacity"), JsonStyle::compact) ==
        R"({"latency":{"condition":"LESS_THAN","value":"5ms"},)"
        R"("jitter":{"condition":"WITHIN_RANGE","value":"[0.1ms, 2ms]","values":["0.1ms","2ms"]},)"
        R"("MaxNumberofPDUsessions":{"condition":"GREATER_THAN_OR_EQUAL","value":"5000"},)"
        R"("PLMN":{"condition":"ONE_OF","value":"[001-01, 001-02]","values":["001-01","001-02"]}})");
  const Node& annotations = *bundle->find("metadata")->find("annotations");
  CHECK(annotations.find("expectation.nephio.org/target-attribute")->text() ==
        "latency; jitter; MaxNumberofPDUsessions; PLMN");
  CHECK(annotations.find("expectation.nephio.org/target-condition")->text() ==
        "LESS_THAN; WITHIN_RANGE; GREATER_THAN_OR_EQUAL; ONE_OF");
  CHECK(annotations.find("expectation.nephio.org/intent-id")->text() == "campus");
  CHECK(annotations.find("deployment.nephio.org/site")->text() == "edge1");
  // The label keeps the id as given; the names use its DNS-1123 form.
  CHECK(bundle->find("metadata")->find("labels")->find("expectation.nephio.org/id")->text() == "Campus_CN.1");
  const Node* config_map = find_object(objects, "ConfigMap", "expectation-campus-cn-1");
  REQUIRE(config_map != nullptr);
  const std::string canonical = config_map->find("data")->find("expectation.json")->text();
  CHECK(canonical.find("\"targetValueRange\": 5000") != std::string::npos);
  CHECK(canonical.find("\"0.1ms\"") != std::string::npos);
}

TEST_CASE("edge-service expectations become O2IMS ProvisioningRequests from the site's settings") {
  const Run result = run_stdout(R"({"id": "video", "intentExpectations": [{"expectationId": "edge-svc-1",
      "expectationObject": {"objectType": "Edge_Service_Support", "objectInstance": "analytics"},
      "expectationTargets": [{"targetName": "DlLatency", "targetCondition": "IS_LESS_THAN", "targetValueRange": "10ms"}]}],
      "intentContexts": [{"contextAttribute": "DeploymentSite", "contextCondition": "IS_ONE_OF", "contextValueRange": ["edge2"]}]})",
                                {}, fixture("sites.yaml"));
  REQUIRE(result.code == ExitClass::ok);
  const auto objects = parse_yaml(Source{"out", result.out}, ReadLimits{}).documents;
  const Node* request = find_object(objects, "ProvisioningRequest", "pr-edge-svc-1");
  REQUIRE(request != nullptr);
  CHECK(request->find("apiVersion")->text() == "o2ims.provisioning.oran.org/v1alpha1");
  CHECK(request->find("metadata")->find("namespace") == nullptr); // cluster-scoped
  const Node& spec = *request->find("spec");
  CHECK(spec.find("templateName")->text() == "nephio-workload-cluster");
  CHECK(spec.find("templateVersion")->text() == "v3.1.0");
  CHECK(spec.find("templateParameters")->find("clusterName")->text() == "edge2");
  CHECK(to_json(*spec.find("templateParameters")->find("DlLatency"), JsonStyle::compact) ==
        R"({"condition":"LESS_THAN","value":"10ms"})");
  // The intent named edge2: the ConfigMap lives in edge2's namespace, and edge1 gets nothing.
  const Node* config_map = find_object(objects, "ConfigMap", "expectation-edge-svc-1");
  REQUIRE(config_map != nullptr);
  CHECK(config_map->find("metadata")->find("namespace")->text() == "intents");
  CHECK(result.out.find("# edge1/apps/") == std::string::npos);
  CHECK(result.out.find("# edge2/o2ims/edge-svc-1.yaml") != std::string::npos);
}

TEST_CASE("expectation ids become DNS-1123 names or are refused") {
  CHECK(name_for_id("cn-cap-001") == "cn-cap-001");
  CHECK(name_for_id("CN_Cap.001") == "cn-cap-001");
  for (const char* bad : {"../../etc", "/etc/passwd", "a/../../b", "..", ".", "-x", "x-", "", "a b", "é", "a\\b",
                          "0123456789012345678901234567890123456789012345678901234567890123"}) {
    CAPTURE(bad);
    CHECK_FALSE(name_for_id(bad).has_value());
  }
  CHECK(is_label_value("5GC_SubNetwork"));
  CHECK_FALSE(is_label_value("Service Capacity"));
}

TEST_CASE("input errors name the file, line and column") {
  struct Case {
    const char* name;
    std::string input;
    const char* expected;
  };
  const std::string nested = std::string(300, '[') + std::string(300, ']');
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char below = static_cast<char>(level - 1);
    bomb += fmt::format("{0}: &{0} [*{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}]\n", level, below);
  }
  const Case cases[] = {
      {"unknown objectType",
       R"({"expectationId": "x", "expectationObject": {"objectType": "Toaster"},
           "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]})",
       R"(<stdin>:1:60: error: expectationObject.objectType: unknown objectType "Toaster")"},
      {"duplicate ids",
       R"([{"expectationId": "x", "expectationObject": {"objectType": "CoreNetwork"},
            "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]},
           {"expectationId": "x", "expectationObject": {"objectType": "CoreNetwork"},
            "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "2ms"}]}])",
       R"(<stdin>:3:30: error: [1].expectationId: duplicate expectation id "x" (first at <stdin>:1:2))"},
      {"path-like id",
       R"({"intentExpectationId": "../../etc", "intentExpectationType": "ServiceCapacity", "intentExpectationObject": {"objectType": "CoreNetwork"},
           "intentExpectationContext": {"contextAttribute": "networkSlice", "contextValueRange": ["s1"]},
           "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}})",
       R"(<stdin>:1:25: error: intentExpectationId: expectation id "../../etc" cannot name Kubernetes objects or files)"},
      {"empty input", "", "<stdin>:1:1: error: no intent or expectation in the input"},
      {"empty list", "[]", "<stdin>:1:1: error: empty list: no intent or expectation"},
      {"no targets", R"({"expectationId": "x", "expectationObject": {"objectType": "CoreNetwork"}})",
       R"(<stdin>:1:1: error: expectation "x" has no targets)"},
      {"300-level nesting", nested, "<stdin>:1:257: error: nesting too deep (more than 256 levels)"},
      {"YAML alias bomb", bomb, "<stdin>:5:36: error: too many nodes from YAML aliases"},
      {"not an expectation", R"({"apiVersion": "v1", "kind": "ConfigMap"})",
       "<stdin>:1:1: error: not an intent or an expectation in a form intentctl reads: expected a TMF921 Intent"},
      {"a seed expectation without its type",
       R"({"intentExpectationId": "x", "intentExpectationObject": {"objectType": "CoreNetwork"},
           "intentExpectationContext": {"contextAttribute": "networkSlice", "contextValueRange": ["s1"]},
           "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}})",
       "<stdin>:1:1: error: seed expectation \"x\" has no intentExpectationType, which the seed's function required "
       "(--lax-seed takes it without)"},
      {"a seed expectation without its context",
       R"({"intentExpectationId": "x", "intentExpectationType": "ServiceCapacity", "intentExpectationObject": {"objectType": "CoreNetwork"},
           "intentExpectationTarget": {"targetAttribute": "latency", "targetCondition": "LESS_THAN", "targetValue": "1ms"}})",
       "<stdin>:1:1: error: seed expectation \"x\" has no intentExpectationContext, which the seed's function "
       "required"},
      {"a TMF921 intent", R"({"intent": "x", "requirements": {"latency": "<1ms"}})",
       "<stdin>:1:1: error: a TMF921 intent (short form) is an input of translate: render reads 28.312 intents and "
       "expectations (run intentctl translate first)"},
  };
  for (const auto& c : cases) {
    const Run result = run_stdout(c.input);
    INFO(c.name << ": " << result.error);
    CHECK(result.code == ExitClass::usage);
    CHECK(result.error.find(c.expected) != std::string::npos);
    CHECK(result.out.empty());
  }
}

TEST_CASE("an intent's own sites pick its trees, --site filters them, unknown sites are errors") {
  const std::string intent = R"({"id": "i", "intentExpectations": [{"expectationId": "e",
      "expectationObject": {"objectType": "CoreNetwork"},
      "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]}],
      "intentContexts": [{"contextAttribute": "DeploymentSite", "contextValueRange": ["edge9"]}]})";
  Run result = run_stdout(intent);
  INFO(result.error);
  CHECK(result.code == ExitClass::usage);
  CHECK(result.error.find(
            "<stdin>:4:86: error: intentContexts[0].contextValueRange: intent \"i\" names site \"edge9\"") !=
        std::string::npos);

  const std::string everywhere = R"({"expectationId": "e", "expectationObject": {"objectType": "CoreNetwork"},
      "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": "1ms"}]})";
  result = run_stdout(everywhere, {}, fixture("sites.yaml"));
  REQUIRE(result.code == ExitClass::ok);
  CHECK(result.out.find("# edge1/apps/intent/e.yaml") != std::string::npos);
  CHECK(result.out.find("# edge2/apps/intent/e.yaml") != std::string::npos);
  CHECK(result.err.find("rendered 1 expectation for 2 sites (edge1, edge2) to standard output") != std::string::npos);

  result = run_stdout(everywhere, {"edge2"}, fixture("sites.yaml"));
  REQUIRE(result.code == ExitClass::ok);
  CHECK(result.out.find("# edge1/") == std::string::npos);
  result = run_stdout(everywhere, {"edge7"}, fixture("sites.yaml"));
  CHECK(result.code == ExitClass::usage);
  CHECK(result.error.find("unknown site \"edge7\" (known: edge1, edge2)") != std::string::npos);
}

TEST_CASE("the same input gives the same bytes") {
  const Run a = run_stdout(kMultiTarget, {}, fixture("sites.yaml"));
  const Run b = run_stdout(kMultiTarget, {}, fixture("sites.yaml"));
  REQUIRE(a.code == ExitClass::ok);
  CHECK(a.out == b.out);
}

TEST_CASE("flags that do not go together are usage errors") {
  RenderOptions options;
  CHECK(run(options, "{}").error.find("name the output folder with -o DIR") != std::string::npos);
  options.to_stdout = true;
  options.output_dir = "x";
  CHECK(run(options, "{}").error.find("either -o DIR or -o -") != std::string::npos);
  options.output_dir.clear();
  options.namespace_ = "Bad_NS";
  CHECK(run(options, "{}").code == ExitClass::usage);
  RenderOptions function;
  function.function = true;
  function.inputs = {"x.json"};
  CHECK(run(function, "").error.find("--fn reads a ResourceList") != std::string::npos);
}

TEST_CASE("--mapping adds domains: their bundles, and CRDs for them") {
  RenderOptions options;
  options.to_stdout = true;
  options.mapping_file = fixture("mapping.yaml");
  const Run result = run(options, R"({"expectationId": "u1",
      "expectationObject": {"objectType": "CoreNetwork", "objectContexts": [{"contextAttribute": "dnn", "contextValueRange": ["internet", "ims"]}]},
      "expectationTargets": [{"targetName": "throughput", "targetCondition": ">", "targetValueRange": "10Gbps"}]})");
  INFO(result.error);
  REQUIRE(result.code == ExitClass::ok);
  const auto objects = parse_yaml(Source{"out", result.out}, ReadLimits{}).documents;
  const Node* bundle = find_object(objects, "UPFBundle", "upf-bundle-u1");
  REQUIRE(bundle != nullptr);
  CHECK(bundle->find("apiVersion")->text() == "upf.example.net/v1beta1");
  CHECK(to_json(*bundle->find("spec"), JsonStyle::compact) ==
        R"({"expectationId":"u1","expectationType":"UserPlane","dnns":["ims","internet"],)"
        R"("dataPlane":{"throughput":{"condition":"GREATER_THAN","value":"10Gbps"}}})");
  const Node* crd = find_object(objects, "CustomResourceDefinition", "upfbundles.upf.example.net");
  REQUIRE(crd != nullptr);
  CHECK(crd->find("spec")->find("versions")->items().front().find("name")->text() == "v1beta1");
  CHECK(find_object(objects, "CustomResourceDefinition", "cnbundles.cn.nephio.org") != nullptr);
}
