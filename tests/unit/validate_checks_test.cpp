// validate's checks beyond the schema walk: where schemas come from (CRDs,
// kubeconform folders, built-ins), metadata, intents through valijson, the
// report formats and the kpt function mode.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "krm/resource.hpp"
#include "model/bundle_crds.hpp"
#include "validate/engine.hpp"
#include "validate/intents.hpp"
#include "validate/metadata.hpp"
#include "validate/registry.hpp"
#include "validate/report.hpp"
#include "validate/validate.hpp"

using namespace intentctl;

namespace {

Node yaml(const std::string& text) { return parse_yaml(Source{"doc.yaml", text}, ReadLimits{}).documents.at(0); }

std::string messages(const ResourceResult& result) {
  std::string text;
  for (const auto& finding : result.findings)
    text += std::to_string(finding.where.line) + ":" + std::to_string(finding.where.column) + " " + finding.where.path +
            ": " + finding.message + "\n";
  return text;
}

ResourceResult check_object(const std::string& text, SchemaRegistry& registry, const ValidateOptions& options = {}) {
  DocumentChecker checker(registry, options, default_mapping());
  DocumentContext context;
  context.file = "doc.yaml";
  return checker.check(yaml(text), context).result;
}

constexpr const char* kCnBundle = R"(apiVersion: cn.nephio.org/v1alpha1
kind: CNBundle
metadata:
  name: cn-bundle-a
  namespace: intent-to-krm
spec:
  expectationId: a
  expectationType: ServiceCapacity
  capacity:
    latency: {condition: LESS_THAN, value: "1ms"}
)";

} // namespace

TEST_CASE("registry: kubeconform's file names for a kind") {
  const auto core = schema_location_candidates("schemas", "v1", "ConfigMap", false);
  CHECK(core.front() == "schemas/master-standalone/configmap-v1.json");
  CHECK(std::find(core.begin(), core.end(), "schemas/configmap-v1.json") != core.end());
  CHECK(std::find(core.begin(), core.end(), "schemas/configmap.json") != core.end());
  const auto strict = schema_location_candidates("schemas", "cn.nephio.org/v1alpha1", "CNBundle", true);
  CHECK(strict[0] == "schemas/master-standalone-strict/cnbundle-cn-v1alpha1.json");
  CHECK(strict[1] == "schemas/master-standalone/cnbundle-cn-v1alpha1.json");
  CHECK(std::find(strict.begin(), strict.end(), "schemas/cnbundle-cn.nephio.org-v1alpha1.json") != strict.end());
  CHECK(std::find(strict.begin(), strict.end(), "schemas/cn.nephio.org/cnbundle_v1alpha1.json") != strict.end());
  CHECK(std::find(strict.begin(), strict.end(), "schemas/cnbundle_v1alpha1.json") != strict.end());
  const auto templated =
      schema_location_candidates("s/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix "
                                 "}}/{{.ResourceKind}}{{ .KindSuffix }}-{{ .Group }}-{{ .ResourceAPIVersion }}.json",
                                 "apps/v1", "Deployment", true);
  CHECK(templated == std::vector<std::string>{"s/master-standalone-strict/deployment-apps-v1-apps-v1.json"});
}

TEST_CASE("registry: built-in schemas for what render emits, render's own CRDs included") {
  SchemaRegistry registry({}, false);
  for (auto [api_version, kind] :
       std::vector<std::pair<std::string, std::string>>{{"v1", "Namespace"},
                                                        {"v1", "ConfigMap"},
                                                        {"kustomize.config.k8s.io/v1beta1", "Kustomization"},
                                                        {"configsync.gke.io/v1beta1", "RootSync"},
                                                        {"o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest"},
                                                        {"apiextensions.k8s.io/v1", "CustomResourceDefinition"},
                                                        {"cn.nephio.org/v1alpha1", "CNBundle"},
                                                        {"ran.nephio.org/v1alpha1", "RANBundle"},
                                                        {"tn.nephio.org/v1alpha1", "TNBundle"}}) {
    const KindSchema* schema = registry.find(api_version, kind);
    REQUIRE_MESSAGE(schema, kind);
    CHECK(schema->schema);
  }
  CHECK(registry.find("v1", "Secret") == nullptr);
  CHECK(registry.find("o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest")->scope == Scope::cluster);
  CHECK(registry.find("kustomize.config.k8s.io/v1beta1", "Kustomization")->scope == Scope::local);
  CHECK(messages(check_object(kCnBundle, registry)).empty());
  // Every CRD render ships passes the CRD schema itself.
  const ValidateOptions options;
  for (const Node& crd : parse_yaml(Source{"crds.yaml", bundle_crds_yaml()}, ReadLimits{}).documents) {
    DocumentChecker checker(registry, options, default_mapping());
    DocumentContext context;
    context.file = "crds.yaml";
    const auto result = checker.check(crd, context).result;
    CHECK_MESSAGE(result.findings.empty(), messages(result));
  }
}

TEST_CASE("registry: a CRD in the input replaces the built-in schema; its own problems are positioned") {
  SchemaRegistry registry({}, false);
  const Node crd = yaml(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: wrong.cn.nephio.org
spec:
  group: cn.nephio.org
  names: {kind: CNBundle, plural: cnbundles}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
            extra: {type: strnig}
)");
  const auto problems = registry.add_crd("crd.yaml", crd, SchemaTier::input);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message == "a CRD's name must be <plural>.<group>: \"cnbundles.cn.nephio.org\"");
  CHECK(problems[0].mark.line == 4);
  CHECK(problems[1].message == "exactly one version must have storage: true, found 0");
  CHECK(problems[2].path == "spec.versions[0].schema.openAPIV3Schema");
  CHECK(problems[2].message == "invalid schema: unknown type \"strnig\"");
  CHECK(problems[2].mark.line == 18);
  const KindSchema* schema = registry.find("cn.nephio.org/v1alpha1", "CNBundle");
  REQUIRE(schema);
  CHECK_FALSE(schema->schema);
  const auto result = check_object(kCnBundle, registry);
  CHECK(result.status == ResourceStatus::error);
  CHECK(messages(result).find("the schema in CRD wrong.cn.nephio.org is invalid") != std::string::npos);
}

TEST_CASE("metadata: names, namespaces, labels and annotations as the API server checks them") {
  SchemaRegistry registry({}, false);
  const auto check = [&](const std::string& metadata) {
    return messages(check_object("apiVersion: v1\nkind: ConfigMap\nmetadata:\n" + metadata, registry));
  };
  CHECK(check("  name: good.name-1\n  namespace: ns\n  labels: {app.kubernetes.io/name: x}\n").empty());
  CHECK(check("  name: Bad\n") ==
        "4:9 metadata.name: \"Bad\" is not a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and "
        "ending with a letter or digit, at most 253 characters\n");
  CHECK(check("  namespace: x\n") == "3:1 metadata.name: missing required field\n");
  CHECK(check("  generateName: x-\n").empty());
  CHECK(check("  name: a\n  namespace: a.b\n").find("5:14 metadata.namespace: \"a.b\" is not a DNS-1123 label") == 0);
  CHECK(check("  name: a\n  labels:\n    version: 1\n") ==
        "6:14 metadata.labels.version: expected string, got integer\n");
  CHECK(check("  name: a\n  labels:\n    'bad key': x\n")
            .find("6:5 metadata.labels[\"bad key\"]: \"bad key\" is not a qualified name") == 0);
  CHECK(check("  name: a\n  labels:\n    a: -bad-\n").find("6:8 metadata.labels.a: \"-bad-\" is not a label value") ==
        0);
  CHECK(check("  name: a\n  annotations:\n    example.com/free: 'any text: at all'\n").empty());
  CHECK(check("  name: a\n  annotations:\n    Example.com/x: y\n").find("is not a qualified name") !=
        std::string::npos);
  CHECK(check("  name: a\n  colour: blue\n") == "5:3 metadata.colour: unknown field\n");
  // Namespaces are labels, not subdomains.
  CHECK(messages(check_object("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a.b\n", registry))
            .find("is not a DNS-1123 label") != std::string::npos);
  // A namespace on a cluster-scoped kind is a warning: the API server ignores it.
  const auto result = check_object("apiVersion: o2ims.provisioning.oran.org/v1alpha1\nkind: ProvisioningRequest\n"
                                   "metadata: {name: pr, namespace: ns}\nspec: {templateName: t, templateVersion: v1, "
                                   "templateParameters: {}}\n",
                                   registry);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].severity == Severity::warning);
  CHECK(result.status == ResourceStatus::valid);
  CHECK(is_qualified_name("example.com/name"));
  CHECK_FALSE(is_qualified_name("/name"));
  CHECK_FALSE(is_qualified_name("example.com/"));
}

TEST_CASE("objects: missing kind, no schema, --skip, local configuration, duplicates") {
  SchemaRegistry registry({}, false);
  auto result = check_object("kind: ConfigMap\nmetadata: {name: a}\n", registry);
  CHECK(result.status == ResourceStatus::error);
  CHECK(messages(result) == "1:1 apiVersion: missing required field; every KRM object names its apiVersion and kind\n");
  result = check_object("apiVersion: v1\nkind: [ConfigMap]\n", registry);
  CHECK(messages(result) == "2:7 kind: expected a non-empty string, got array\n");
  result = check_object("apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n", registry);
  CHECK(result.status == ResourceStatus::error);
  CHECK(result.findings[0].rule == "no-schema");
  ValidateOptions skip;
  skip.skip = {"v1/Secret"};
  CHECK(check_object("apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n", registry, skip).status ==
        ResourceStatus::skipped);
  result = check_object("apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: a\n  annotations:\n"
                        "    config.kubernetes.io/local-config: \"true\"\n",
                        registry);
  CHECK(result.status == ResourceStatus::skipped);

  std::vector<ResourceResult> resources(3);
  std::vector<std::optional<ObjectIdentity>> identities(3);
  for (int i = 0; i < 3; ++i) {
    resources[i].file = "f" + std::to_string(i) + ".yaml";
    resources[i].kind = "ConfigMap";
    resources[i].name = "a";
    resources[i].namespace_ = "ns";
  }
  identities[0] = ObjectIdentity{"\ncore\nConfigMap\nns\na", Mark{4, 9}};
  identities[2] = ObjectIdentity{"\ncore\nConfigMap\nns\na", Mark{5, 9}};
  report_duplicates(resources, identities);
  CHECK(resources[0].findings.empty());
  CHECK(resources[1].findings.empty());
  REQUIRE(resources[2].findings.size() == 1);
  CHECK(resources[2].findings[0].message == "duplicate object: ConfigMap ns/a is defined before, at f0.yaml:4:9");
  CHECK(resources[2].status == ResourceStatus::invalid);
}

namespace {

IntentVerdict check_intent_text(const std::string& text, IntentScope scope = IntentScope::any) {
  IntentChecker checker(default_mapping(), false, false);
  const Source here{"doc.yaml", text};
  return checker.check(here, yaml(text), scope);
}

std::string finding_text(const Finding& finding) {
  return fmt::format("{}:{} {}: {}", finding.where.line, finding.where.column, finding.where.path, finding.message);
}

} // namespace

TEST_CASE("intents: the acceptance rule of translate and render, one finding per wrong value") {
  const std::string flat = R"(id: x
intentExpectations:
  - expectationId: e
    expectationVerb: DELIVER
    expectationObject: {objectType: 5GC_SubNetwork}
    expectationTargets:
      - {targetName: latency, targetCondition: IS_LESS_THAN, targetValueRange: 1ms}
)";
  const IntentVerdict good = check_intent_text(flat);
  CHECK(good.findings.empty());
  CHECK(good.kind == "28.312 Intent");
  CHECK(good.name == "x");
  REQUIRE(good.taken.size() == 2);

  const IntentVerdict empty = check_intent_text("id: x\nattributes:\n  intentExpectations: []\n");
  REQUIRE(empty.findings.size() == 1);
  CHECK(finding_text(empty.findings[0]) == "1:1 : intent \"x\" has no expectations");

  // Two wrong values, two findings, each saying what was expected.
  const IntentVerdict values = check_intent_text(R"(id: x
intentExpectations:
  - expectationId: e
    expectationObject: {objectType: CoreNetwork}
    expectationTargets:
      - {targetName: availability, targetCondition: IS_WITHIN_RANGE, targetValueRange: [1, 2, 3]}
      - {targetName: latency, targetCondition: IS_LESS_THAN, targetValueRange: true}
      - {targetName: jitter, targetCondition: IS_LESS_THAN, targetValueRange: {value: 5, unit: ms}}
)");
  REQUIRE(values.findings.size() == 3);
  CHECK(finding_text(values.findings[0]) ==
        "6:88 intentExpectations[0].expectationTargets[0].targetValueRange: target \"availability\": IS_WITHIN_RANGE "
        "needs two values, low and high (such as [1ms, 5ms] or \"1-5ms\"); got 3");
  CHECK(finding_text(values.findings[1]) ==
        "7:80 intentExpectations[0].expectationTargets[1].targetValueRange: target \"latency\": expected a duration "
        "such as 5ms (ns, us, ms, s, min, h), got true");
  CHECK(values.findings[2].message.find("expected a number, a string, a boolean, a date-time or one of 28.312's "
                                        "structured values") == 0);
  CHECK(values.taken.empty());

  const IntentVerdict verbs = check_intent_text("- expectationId: e\n  expectationVerb: KEEP\n");
  REQUIRE(verbs.findings.size() == 1);
  CHECK(finding_text(verbs.findings[0]) ==
        "2:20 [0].expectationVerb: unknown expectationVerb \"KEEP\" (known: DELIVER, ENSURE, MAINTAIN)");

  const IntentVerdict turtle =
      check_intent_text("\"@type\": Intent\nexpression:\n  \"@type\": TurtleExpression\n  expressionValue: 3\n");
  REQUIRE(turtle.findings.size() == 1);
  CHECK(turtle.findings[0].message == "Turtle expressions are not supported; give the intent as a JsonLdExpression");
}

TEST_CASE("reports: the summary line and the per-kind table") {
  ValidationReport report;
  report.files = 2;
  report.resources.resize(4);
  report.resources[0].kind = "ConfigMap";
  report.resources[1].kind = "ConfigMap";
  report.resources[1].status = ResourceStatus::invalid;
  report.resources[1].name = "b";
  report.resources[1].file = "a.yaml";
  report.resources[1].findings.push_back(
      {Severity::error, "type", Location{"a.yaml", 3, 5, "data.x"}, "expected string, got integer"});
  report.resources[2].kind = "Widget";
  report.resources[2].status = ResourceStatus::skipped;
  report.resources[3].status = ResourceStatus::error;
  CHECK(summary_line(report) == "Summary: 4 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1");
  std::ostringstream text;
  ReportStyle style;
  style.summary_table = true;
  write_text_report(report, style, text);
  CHECK(text.str().find("a.yaml:3:5: error: data.x: expected string, got integer (ConfigMap b)\n") == 0);
  CHECK(text.str().find("ConfigMap                                2       1       1      0       0") !=
        std::string::npos);
  ValidationReport one;
  one.files = 1;
  one.resources.resize(1);
  CHECK(summary_line(one) == "Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0");
  std::ostringstream junit;
  report.resources[1].findings[0].message = "bad <value> & \"quotes\"\x01";
  write_junit_report(report, junit);
  CHECK(junit.str().find("bad &lt;value&gt; &amp; &quot;quotes&quot;\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("validate --fn: results per finding, items unchanged, failure on errors") {
  const std::string list = R"(apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: good
      annotations:
        internal.config.kubernetes.io/path: good.yaml
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: bad
      annotations:
        internal.config.kubernetes.io/path: bad.yaml
        internal.config.kubernetes.io/index: '0'
    data:
      size: 3
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: config}
  data: {strict: "true"}
)";
  std::istringstream in(list);
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  ValidateOptions options;
  options.function = true;
  CHECK(validate(options, io) == ExitClass::failed);
  const Node result = yaml(out.str());
  CHECK(result.find("items")->items().size() == 2);
  CHECK(result.find("items")->items()[1] == yaml(list).find("items")->items()[1]);
  const auto& results = result.find("results")->items();
  REQUIRE(results.size() == 1);
  CHECK(results[0].find("message")->text() == "expected string, got integer");
  CHECK(results[0].find("field")->find("path")->text() == "data.size");
  CHECK(results[0].find("file")->find("path")->text() == "bad.yaml");
  CHECK(results[0].find("resourceRef")->find("name")->text() == "bad");
}

TEST_CASE("intents: lists of intents, and documents that are no intent at all") {
  const IntentVerdict list =
      check_intent_text("- {id: a, requirements: {latency: '<1ms'}}\n- {id: b, requirements: {latency: soon}}\n");
  CHECK(list.kind == "TMF921 intent (short form)s");
  REQUIRE(list.findings.size() == 1);
  CHECK(finding_text(list.findings[0]) ==
        "2:35 [1].requirements.latency: cannot read \"soon\" as a number with an optional unit");
  CHECK_FALSE(IntentChecker::is_intent_document(yaml("- {id: a, requirements: {latency: '<1ms'}}\n- 7\n")));
  CHECK_FALSE(IntentChecker::is_intent_document(yaml("name: x\n")));
  const IntentVerdict none = check_intent_text("name: x\n", IntentScope::tmf921);
  REQUIRE(none.findings.size() == 1);
  CHECK(none.findings[0].message.find("not an intent or an expectation in a form intentctl reads") == 0);
  const IntentVerdict scoped =
      check_intent_text("{intent: x, requirements: {latency: '<1ms'}}\n", IntentScope::gpp28312);
  REQUIRE(scoped.findings.size() == 1);
  CHECK(scoped.findings[0].message == "a TMF921 intent (short form) is not a 28.312 document (--kind 28312)");
  CHECK(unknown_document_message(yaml("just text\n")) ==
        "expected a KRM object (apiVersion, kind), an intent or an expectation, got string");
}
