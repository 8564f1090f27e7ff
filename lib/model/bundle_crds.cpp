#include "model/bundle_crds.hpp"

#include <algorithm>
#include <cctype>

#include "io/writer.hpp"
#include "krm/labels.hpp"
#include "model/condition.hpp"

namespace intentctl {

namespace {

Node typed(const char* type) {
  Node node = Node::object();
  node.add("type", Node::string(type));
  return node;
}

Node string_list() {
  Node node = typed("array");
  node.add("items", typed("string"));
  return node;
}

Node names_list(std::initializer_list<const char*> names) {
  Node list = Node::array();
  for (const char* name : names) list.push(Node::string(name));
  return list;
}

Node condition_words() {
  Node words = Node::array();
  for (auto condition :
       {Condition::is_less_than, Condition::is_equal_to_or_less_than, Condition::is_greater_than,
        Condition::is_equal_to_or_greater_than, Condition::is_equal_to, Condition::is_within_range,
        Condition::is_outside_range, Condition::is_one_of, Condition::is_not_one_of, Condition::is_all_of})
    words.push(Node::string(std::string(to_seed_word(condition))));
  return words;
}

// One target: {condition, value[, values]} as render's add_targets writes it.
Node requirement_schema() {
  Node condition = typed("string");
  condition.add("enum", condition_words());
  Node properties = Node::object();
  properties.add("condition", std::move(condition));
  properties.add("value", typed("string"));
  properties.add("values", string_list());
  Node schema = typed("object");
  schema.add("required", names_list({"condition", "value"}));
  schema.add("properties", std::move(properties));
  return schema;
}

Node spec_schema(const Domain& domain) {
  Node block = typed("object");
  block.add("description", Node::string("the expectation's targets by name"));
  block.add("additionalProperties", requirement_schema());
  Node properties = Node::object();
  properties.add("expectationId", typed("string"));
  properties.add("expectationType", typed("string"));
  if (!domain.list_field.empty()) properties.add(domain.list_field, string_list());
  properties.add(domain.spec_block, std::move(block));
  properties.add("objectInstance", typed("string"));
  Node spec = typed("object");
  Node required = Node::array();
  for (const std::string& name : {std::string("expectationId"), std::string("expectationType"), domain.spec_block})
    required.push(Node::string(name));
  spec.add("required", std::move(required));
  spec.add("properties", std::move(properties));
  return spec;
}

// Status as a controller reports it: Ready and friends, Kubernetes-style.
Node status_schema() {
  Node condition_properties = Node::object();
  condition_properties.add("type", typed("string"));
  condition_properties.add("status", typed("string"));
  condition_properties.add("reason", typed("string"));
  condition_properties.add("message", typed("string"));
  Node transition = typed("string");
  transition.add("format", Node::string("date-time"));
  condition_properties.add("lastTransitionTime", std::move(transition));
  Node generation = typed("integer");
  generation.add("format", Node::string("int64"));
  condition_properties.add("observedGeneration", generation);
  Node condition = typed("object");
  condition.add("required", names_list({"type", "status"}));
  condition.add("properties", std::move(condition_properties));
  Node conditions = typed("array");
  conditions.add("items", std::move(condition));
  conditions.add("x-kubernetes-list-type", Node::string("map"));
  conditions.add("x-kubernetes-list-map-keys", names_list({"type"}));
  Node properties = Node::object();
  properties.add("observedGeneration", std::move(generation));
  properties.add("conditions", std::move(conditions));
  Node status = typed("object");
  status.add("properties", std::move(properties));
  return status;
}

Node printer_column(const char* name, const char* type, const char* json_path) {
  Node column = Node::object();
  column.add("name", Node::string(name));
  column.add("type", Node::string(type));
  column.add("jsonPath", Node::string(json_path));
  return column;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Node crd(const Domain& domain) {
  const auto slash = domain.api_version.find('/');
  const std::string group = domain.api_version.substr(0, slash);
  const std::string version = slash == std::string::npos ? "v1alpha1" : domain.api_version.substr(slash + 1);
  const std::string singular = lower(domain.kind);
  const std::string plural = singular + "s";

  Node properties = Node::object();
  properties.add("apiVersion", typed("string"));
  properties.add("kind", typed("string"));
  properties.add("metadata", typed("object"));
  properties.add("spec", spec_schema(domain));
  properties.add("status", status_schema());
  Node root = typed("object");
  root.add("required", names_list({"spec"}));
  root.add("properties", std::move(properties));
  Node schema = Node::object();
  schema.add("openAPIV3Schema", std::move(root));

  Node subresources = Node::object();
  subresources.add("status", Node::object());
  Node columns = Node::array();
  columns.push(printer_column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"));
  columns.push(printer_column("Age", "date", ".metadata.creationTimestamp"));
  Node served = Node::object();
  served.add("name", Node::string(version));
  served.add("served", Node::boolean(true));
  served.add("storage", Node::boolean(true));
  served.add("schema", std::move(schema));
  served.add("subresources", std::move(subresources));
  served.add("additionalPrinterColumns", std::move(columns));
  Node versions = Node::array();
  versions.push(std::move(served));

  Node names = Node::object();
  names.add("kind", Node::string(domain.kind));
  names.add("listKind", Node::string(domain.kind + "List"));
  names.add("plural", Node::string(plural));
  names.add("singular", Node::string(singular));
  Node spec = Node::object();
  spec.add("group", Node::string(group));
  spec.add("names", std::move(names));
  spec.add("scope", Node::string("Namespaced"));
  spec.add("versions", std::move(versions));

  Node labels = Node::object();
  labels.add(kManagedByLabel, Node::string(kManagedByValue));
  Node metadata = Node::object();
  metadata.add("name", Node::string(plural + "." + group));
  metadata.add("labels", std::move(labels));
  Node object = Node::object();
  object.add("apiVersion", Node::string("apiextensions.k8s.io/v1"));
  object.add("kind", Node::string("CustomResourceDefinition"));
  object.add("metadata", std::move(metadata));
  object.add("spec", std::move(spec));
  return object;
}

std::string crd_name(const Node& object) { return object.find("metadata")->find("name")->text(); }

} // namespace

std::vector<Node> bundle_crds(const Mapping& mapping) {
  std::vector<Node> crds;
  for (const auto& domain : mapping.domains)
    if (!domain.provisioning_request && !domain.api_version.empty() && !domain.kind.empty())
      crds.push_back(crd(domain));
  std::sort(crds.begin(), crds.end(), [](const Node& a, const Node& b) { return crd_name(a) < crd_name(b); });
  return crds;
}

std::string bundle_crds_yaml(const Mapping& mapping) {
  std::string text;
  for (const auto& object : bundle_crds(mapping)) {
    if (!text.empty()) text += "---\n";
    write_yaml(text, object);
  }
  return text;
}

const std::string& bundle_crds_yaml() {
  static const std::string text = bundle_crds_yaml(default_mapping());
  return text;
}

} // namespace intentctl
