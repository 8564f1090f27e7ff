// render --fn as kpt runs it: a ResourceList in, the same list out with the
// expectation ConfigMaps' bundles regenerated, other items as they came.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "krm/resource.hpp"
#include "render/objects.hpp"
#include "render_support.hpp"

using namespace intentctl;
using namespace render_test;

namespace {

std::string config_map(const std::string& id, const std::string& path, const std::string& expectation_json,
                       int index = 0) {
  Node object = Node::object();
  object.add("apiVersion", Node::string("v1"));
  object.add("kind", Node::string("ConfigMap"));
  Node metadata = Node::object();
  metadata.add("name", Node::string("expectation-" + id));
  metadata.add("namespace", Node::string("intent-to-krm"));
  Node labels = Node::object();
  labels.add("expectation.nephio.org/id", Node::string(id));
  labels.add("team", Node::string("radio"));
  metadata.add("labels", labels);
  Node annotations = Node::object();
  annotations.add(kPathAnnotation, Node::string(path));
  annotations.add(kIndexAnnotation, Node::string(std::to_string(index)));
  annotations.add(kLegacyPathAnnotation, Node::string(path));
  annotations.add(kLegacyIndexAnnotation, Node::string(std::to_string(index)));
  metadata.add("annotations", annotations);
  object.add("metadata", metadata);
  Node data = Node::object();
  data.add("expectation.json", Node::string(expectation_json));
  object.add("data", data);
  return to_yaml(object);
}

std::string expectation_json(const std::string& id, const std::string& type, const std::string& latency) {
  return fmt::format(R"({{"expectationId": "{}", "expectationObject": {{"objectType": "{}"}},
    "expectationTargets": [{{"targetName": "latency", "targetCondition": "IS_LESS_THAN", "targetValueRange": "{}"}}]}})",
                     id, type, latency);
}

std::string resource_list(const std::vector<std::string>& items, const std::string& function_config = "") {
  std::string text = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  for (const auto& item : items) {
    bool first = true;
    std::size_t start = 0;
    while (start < item.size()) {
      const std::size_t end = item.find('\n', start);
      text += (first ? "- " : "  ") + item.substr(start, end - start) + "\n";
      first = false;
      start = end + 1;
    }
  }
  return text + function_config;
}

struct FnRun {
  ExitClass code;
  Node list;
  std::string error;
};

FnRun run_fn(const std::string& input, const std::string& namespace_flag = "") {
  RenderOptions options;
  options.function = true;
  options.namespace_ = namespace_flag;
  const Run result = run(options, input);
  FnRun fn{result.code, {}, result.error};
  if (!result.out.empty()) fn.list = parse_yaml(Source{"out", result.out}, ReadLimits{}).documents.at(0);
  return fn;
}

const Node* item_named(const Node& list, const std::string& kind, const std::string& name) {
  for (const auto& item : list.find("items")->items())
    if (resource_id(item).kind == kind && resource_id(item).name == name) return &item;
  return nullptr;
}

const char* const kService = R"(apiVersion: v1
kind: Service
metadata:
  name: probe
  annotations:
    internal.config.kubernetes.io/path: svc.yaml
    internal.config.kubernetes.io/index: '0'
spec:
  ports:
    - port: 80
)";

} // namespace

TEST_CASE("--fn adds the missing bundles beside their ConfigMaps and passes other items through") {
  const std::string input = resource_list(
      {kService, config_map("cn-1", "apps/intent/cn-1.yaml", expectation_json("cn-1", "CoreNetwork", "1ms")),
       config_map("edge-1", "site/apps/intent/edge-1.yaml",
                  expectation_json("edge-1", "Edge_Service_Support", "9ms"))});
  const FnRun result = run_fn(input);
  INFO(result.error);
  REQUIRE(result.code == ExitClass::ok);
  // Nothing describes edge1's cluster (no sites file, no request in the
  // package): the request is built from defaults, and that is the one result.
  const Node* results = result.list.find("results");
  REQUIRE(results != nullptr);
  REQUIRE(results->items().size() == 1);
  CHECK(results->items()[0].find("severity")->text() == "warning");
  CHECK(results->items()[0].find("message")->text().find("clusterName edge1 and template nephio-workload-cluster "
                                                         "v3.0.0 are defaults") != std::string::npos);
  const Node* service = item_named(result.list, "Service", "probe");
  REQUIRE(service != nullptr);
  CHECK(*service == parse_yaml(Source{"svc", kService}, ReadLimits{}).documents.at(0));

  const Node* bundle = item_named(result.list, "CNBundle", "cn-bundle-cn-1");
  REQUIRE(bundle != nullptr);
  CHECK(annotation(*bundle, kPathAnnotation) == "apps/intent/cn-1.yaml");
  CHECK(annotation(*bundle, kIndexAnnotation) == "1");
  CHECK(annotation(*bundle, kLegacyIndexAnnotation) == "1");
  CHECK(annotation(*bundle, "deployment.nephio.org/site") == "edge1");
  CHECK(bundle->find("spec")->find("capacity")->find("latency")->find("value")->text() == "1ms");

  const Node* request = item_named(result.list, "ProvisioningRequest", "pr-edge-1");
  REQUIRE(request != nullptr);
  CHECK(annotation(*request, kPathAnnotation) == "site/o2ims/edge-1.yaml");
  CHECK(annotation(*request, kIndexAnnotation) == "0");

  // The ConfigMap keeps its own labels and gains render's.
  const Node* config = item_named(result.list, "ConfigMap", "expectation-cn-1");
  REQUIRE(config != nullptr);
  CHECK(label(*config, "team") == "radio");
  CHECK(label(*config, "expectation.nephio.org/type") == "ServiceCapacity");
  CHECK(annotation(*config, "expectation.nephio.org/target-value") == "1ms");
}

TEST_CASE("--fn keeps the ConfigMap's intent id on the bundle, and --namespace wins over the functionConfig") {
  Node map = parse_yaml(Source{"cm", config_map("cn-1", "apps/intent/cn-1.yaml",
                                                expectation_json("cn-1", "CoreNetwork", "1ms"))},
                        ReadLimits{})
                 .documents.at(0);
  map.find("metadata")->find("annotations")->set(kIntentAnnotation, Node::string("urllc-robot-cell"));
  const std::string input = resource_list({to_yaml(map)}, "functionConfig:\n  data:\n    namespace: from-config\n");

  const FnRun configured = run_fn(input);
  INFO(configured.error);
  REQUIRE(configured.code == ExitClass::ok);
  const Node* bundle = item_named(configured.list, "CNBundle", "cn-bundle-cn-1");
  REQUIRE(bundle != nullptr);
  CHECK(annotation(*bundle, kIntentAnnotation) == "urllc-robot-cell");
  CHECK(resource_id(*bundle).namespace_ == "from-config");

  const FnRun flagged = run_fn(input, "from-flag");
  REQUIRE(flagged.code == ExitClass::ok);
  bundle = item_named(flagged.list, "CNBundle", "cn-bundle-cn-1");
  REQUIRE(bundle != nullptr);
  CHECK(resource_id(*bundle).namespace_ == "from-flag");
}

TEST_CASE("--fn replaces stale generated objects in place and removes orphans") {
  const std::string first =
      resource_list({config_map("cn-1", "apps/intent/cn-1.yaml", expectation_json("cn-1", "CoreNetwork", "1ms")),
                     config_map("cn-2", "apps/intent/cn-2.yaml", expectation_json("cn-2", "CoreNetwork", "2ms"))});
  FnRun result = run_fn(first);
  REQUIRE(result.code == ExitClass::ok);
  // Change cn-1's target, drop cn-2's ConfigMap, and run again on the output.
  std::vector<std::string> items;
  for (const auto& item : result.list.find("items")->items()) {
    if (resource_id(item).name == "expectation-cn-2") continue;
    std::string text = to_yaml(item);
    if (resource_id(item).name == "expectation-cn-1")
      text = config_map("cn-1", "apps/intent/cn-1.yaml", expectation_json("cn-1", "CoreNetwork", "7ms"));
    items.push_back(text);
  }
  result = run_fn(resource_list(items));
  REQUIRE(result.code == ExitClass::ok);
  CHECK(item_named(result.list, "CNBundle", "cn-bundle-cn-2") == nullptr);
  const Node* bundle = item_named(result.list, "CNBundle", "cn-bundle-cn-1");
  REQUIRE(bundle != nullptr);
  CHECK(bundle->find("spec")->find("capacity")->find("latency")->find("value")->text() == "7ms");
  CHECK(annotation(*bundle, kIndexAnnotation) == "1"); // where it was
  CHECK(result.list.find("items")->items().size() == 2);

  // An objectType that moves the expectation to another domain replaces the old kind.
  items = {config_map("cn-1", "apps/intent/cn-1.yaml", expectation_json("cn-1", "RANFunction", "7ms")),
           to_yaml(*bundle)};
  result = run_fn(resource_list(items));
  REQUIRE(result.code == ExitClass::ok);
  CHECK(item_named(result.list, "CNBundle", "cn-bundle-cn-1") == nullptr);
  CHECK(item_named(result.list, "RANBundle", "ran-bundle-cn-1") != nullptr);
}

TEST_CASE("--fn keeps the cluster and template render wrote for a site when no sites file is given") {
  // The first run builds the request from defaults; the package then says
  // another cluster and template, as a tree rendered with a sites file would.
  FnRun result = run_fn(resource_list(
      {config_map("edge-1", "o2ims/edge-1.yaml", expectation_json("edge-1", "Edge_Service_Support", "9ms"))}));
  REQUIRE(result.code == ExitClass::ok);
  const Node* request = item_named(result.list, "ProvisioningRequest", "pr-edge-1");
  REQUIRE(request != nullptr);
  std::string edited = to_yaml(*request);
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"clusterName: edge1", "clusterName: edge-cluster-01"},
        {"templateVersion: v3.0.0", "templateVersion: v4.1.0"}}) {
    REQUIRE(edited.find(from) != std::string::npos);
    edited.replace(edited.find(from), from.size(), to);
  }
  result = run_fn(resource_list(
      {config_map("edge-1", "o2ims/edge-1.yaml", expectation_json("edge-1", "Edge_Service_Support", "4ms")), edited}));
  REQUIRE(result.code == ExitClass::ok);
  CHECK(result.list.find("results") == nullptr); // nothing was defaulted
  request = item_named(result.list, "ProvisioningRequest", "pr-edge-1");
  REQUIRE(request != nullptr);
  const Node& spec = *request->find("spec");
  CHECK(spec.find("templateVersion")->text() == "v4.1.0");
  CHECK(spec.find("templateParameters")->find("clusterName")->text() == "edge-cluster-01");
  CHECK(spec.find("templateParameters")->find("latency")->find("value")->text() == "4ms");
}

TEST_CASE("--fn reports problems as results and fails") {
  FnRun result = run_fn(
      resource_list({config_map("bad", "apps/intent/bad.yaml", expectation_json("bad", "Toaster", "1ms")),
                     config_map("good", "apps/intent/good.yaml", expectation_json("good", "CoreNetwork", "1ms"))}));
  CHECK(result.code == ExitClass::usage);
  const Node* results = result.list.find("results");
  REQUIRE(results != nullptr);
  REQUIRE(results->items().size() == 1);
  const Node& entry = results->items().front();
  CHECK(entry.find("severity")->text() == "error");
  CHECK(entry.find("message")->text().find("unknown objectType \"Toaster\"") != std::string::npos);
  CHECK(entry.find("resourceRef")->find("name")->text() == "expectation-bad");
  CHECK(entry.find("file")->find("path")->text() == "apps/intent/bad.yaml");
  CHECK(item_named(result.list, "CNBundle", "cn-bundle-good") != nullptr);

  result = run_fn(resource_list({}, "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {colour: blue}\n"));
  CHECK(result.code == ExitClass::usage);
  REQUIRE(result.list.find("results") != nullptr);
  CHECK(result.list.find("results")->items().front().find("message")->text().find("unknown key") != std::string::npos);

  result = run_fn("not a resource list");
  CHECK(result.code == ExitClass::usage);
  CHECK(result.error.find("<stdin>:1:1: error: ") != std::string::npos);
}
