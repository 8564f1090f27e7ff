#include "render/objects.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "model/intent_io.hpp"
#include "model/seed_dialect.hpp"
#include "util/url.hpp"

namespace intentctl {

namespace {

using StringMap = std::map<std::string, std::string>; // sorted keys: stable output

Node string_object(const StringMap& values) {
  Node object = Node::object();
  object.members().reserve(values.size());
  for (const auto& [key, value] : values) object.add(key, Node::string(value));
  return object;
}

Node metadata(const std::string& name, const std::string& namespace_, const StringMap& labels,
              const StringMap& annotations) {
  Node node = Node::object();
  node.members().reserve(4);
  node.add("name", Node::string(name));
  if (!namespace_.empty()) node.add("namespace", Node::string(namespace_));
  if (!labels.empty()) node.add("labels", string_object(labels));
  if (!annotations.empty()) node.add("annotations", string_object(annotations));
  return node;
}

Node object_head(const std::string& api_version, const std::string& kind) {
  Node node = Node::object();
  node.members().reserve(4);
  node.add("apiVersion", Node::string(api_version));
  node.add("kind", Node::string(kind));
  return node;
}

// Several targets or contexts in one annotation: "latency; throughput".
template <typename Items, typename Text>
std::string joined(const Items& items, Text text) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += "; ";
    out += text(item);
  }
  return out;
}

// The contexts people read in the seed's annotations: all but the carried expectationType.
std::vector<const Context*> described_contexts(const Expectation& expectation) {
  std::vector<const Context*> contexts;
  for (const auto& context : expectation.contexts)
    if (context.attribute != kExpectationTypeContext) contexts.push_back(&context);
  for (const auto& context : expectation.object.contexts) contexts.push_back(&context);
  return contexts;
}

StringMap expectation_labels(const InputExpectation& entry, bool with_object_type) {
  StringMap labels{{kManagedByLabel, kManagedByValue},
                   {kIdLabel, entry.expectation.id},
                   {kTypeLabel, entry.expectation_type}};
  if (with_object_type) labels[kObjectTypeLabel] = entry.expectation.object.type;
  return labels;
}

StringMap expectation_annotations(const InputExpectation& entry, const Placement& placement, bool with_contexts) {
  const auto& targets = entry.expectation.targets;
  StringMap annotations{
      {kSiteAnnotation, placement.site.name},
      {"expectation.nephio.org/target-attribute", joined(targets, [](const Target& t) { return t.name; })},
      {"expectation.nephio.org/target-condition",
       joined(targets, [](const Target& t) { return std::string(to_seed_word(t.condition)); })},
      {"expectation.nephio.org/target-value", joined(targets, [](const Target& t) { return range_text(t.range); })},
  };
  if (!entry.intent_id.empty()) annotations[kIntentAnnotation] = entry.intent_id;
  if (with_contexts && !entry.intent_contexts.empty())
    annotations[kIntentContextsAnnotation] = intent_contexts_text(entry.intent_contexts);
  const auto contexts = described_contexts(entry.expectation);
  if (with_contexts && !contexts.empty()) {
    annotations["expectation.nephio.org/context-attribute"] =
        joined(contexts, [](const Context* c) { return c->attribute; });
    annotations["expectation.nephio.org/context-condition"] =
        joined(contexts, [](const Context* c) { return std::string(to_seed_word(c->condition)); });
  }
  return annotations;
}

// {<targetName>: {condition, value[, values]}}: the seed's condition words; a
// range or set keeps its members in values, and value reads "[1ms, 5ms]".
void add_targets(Node& block, const Expectation& expectation) {
  for (const auto& target : expectation.targets) {
    Node requirement = Node::object();
    requirement.add("condition", Node::string(std::string(to_seed_word(target.condition))));
    requirement.add("value", Node::string(range_text(target.range)));
    if (target.range.is_list) {
      Node values = Node::array();
      for (const auto& value : target.range.values) values.push(Node::string(value_text(value)));
      requirement.add("values", std::move(values));
    }
    block.add(target.name, std::move(requirement));
  }
}

// The sorted list field (networkSlices, ...) from the domain's list context, if any.
std::vector<std::string> list_values(const InputExpectation& entry) {
  std::vector<std::string> values;
  const Domain& domain = *entry.domain;
  if (domain.list_context.empty() || domain.list_field.empty()) return values;
  auto collect = [&](const std::vector<Context>& contexts) {
    for (const auto& context : contexts)
      if (context.attribute == domain.list_context)
        for (const auto& value : context.range.values) values.push_back(value_text(value));
  };
  collect(entry.expectation.contexts);
  collect(entry.expectation.object.contexts);
  std::sort(values.begin(), values.end());
  return values;
}

void add_list_field(Node& spec, const InputExpectation& entry) {
  const auto values = list_values(entry);
  if (values.empty()) return;
  Node list = Node::array();
  for (const auto& value : values) list.push(Node::string(value));
  spec.add(entry.domain->list_field, std::move(list));
}

Node bundle(const InputExpectation& entry, const Placement& placement) {
  const Domain& domain = *entry.domain;
  Node object = object_head(domain.api_version, domain.kind);
  object.add("metadata", metadata(domain.name_prefix + "-" + entry.name, placement.namespace_,
                                  expectation_labels(entry, false), expectation_annotations(entry, placement, false)));
  Node spec = Node::object();
  spec.members().reserve(5);
  spec.add("expectationId", Node::string(entry.expectation.id));
  spec.add("expectationType", Node::string(entry.expectation_type));
  add_list_field(spec, entry);
  Node block = Node::object();
  add_targets(block, entry.expectation);
  spec.add(domain.spec_block, std::move(block));
  if (!entry.expectation.object.instance.empty())
    spec.add("objectInstance", Node::string(entry.expectation.object.instance));
  object.add("spec", std::move(spec));
  return object;
}

// O2IMS ProvisioningRequest (cluster-scoped): the site's template, with the
// cluster and the expectation's targets as template parameters.
Node provisioning_request(const InputExpectation& entry, const Placement& placement) {
  const Domain& domain = *entry.domain;
  const Site& site = placement.site;
  Node object = object_head(domain.api_version, domain.kind);
  object.add("metadata", metadata(domain.name_prefix + "-" + entry.name, "", expectation_labels(entry, false),
                                  expectation_annotations(entry, placement, false)));
  Node spec = Node::object();
  spec.add("name", Node::string(entry.expectation.id));
  spec.add("description", Node::string(entry.intent_id.empty()
                                           ? fmt::format("expectation {} on site {}", entry.expectation.id, site.name)
                                           : fmt::format("expectation {} of intent {} on site {}", entry.expectation.id,
                                                         entry.intent_id, site.name)));
  spec.add("templateName", Node::string(site.o2ims.name));
  spec.add("templateVersion", Node::string(site.o2ims.version));
  Node parameters = Node::object();
  parameters.add("clusterName", Node::string(site.cluster.empty() ? site.name : site.cluster));
  parameters.add("expectationId", Node::string(entry.expectation.id));
  parameters.add("expectationType", Node::string(entry.expectation_type));
  add_list_field(parameters, entry);
  if (!entry.expectation.object.instance.empty())
    parameters.add("objectInstance", Node::string(entry.expectation.object.instance));
  add_targets(parameters, entry.expectation);
  spec.add("templateParameters", std::move(parameters));
  object.add("spec", std::move(spec));
  return object;
}

} // namespace

Node expectation_config_map(const InputExpectation& entry, const Placement& placement) {
  Node object = object_head("v1", "ConfigMap");
  object.add("metadata", metadata("expectation-" + entry.name, placement.namespace_, expectation_labels(entry, true),
                                  expectation_annotations(entry, placement, true)));
  Node data = Node::object();
  data.add(kExpectationJsonKey, Node::string(to_json(to_node(entry.expectation))));
  object.add("data", std::move(data));
  return object;
}

Node expectation_object(const InputExpectation& entry, const Placement& placement) {
  return entry.domain->provisioning_request ? provisioning_request(entry, placement) : bundle(entry, placement);
}

Node namespace_object(const std::string& name, const std::string& site) {
  Node object = object_head("v1", "Namespace");
  object.add("metadata", metadata(name, "", {{kManagedByLabel, kManagedByValue}}, {{kSiteAnnotation, site}}));
  return object;
}

Node root_sync(const Site& site) {
  const RootSyncSettings& settings = site.rootsync;
  Node object = object_head("configsync.gke.io/v1beta1", "RootSync");
  // Config Sync skips local-config objects: the RootSync is applied by hand to
  // bootstrap the cluster, and never manages itself from the tree it syncs.
  object.add("metadata", metadata(settings.name, settings.namespace_, {{kManagedByLabel, kManagedByValue}},
                                  {{"config.kubernetes.io/local-config", "true"}, {kSiteAnnotation, site.name}}));
  Node git = Node::object();
  // Credentials never go into content: Config Sync reads them from the Secret
  // secretRef names (keys username and token, or ssh for a private key).
  git.add("repo", Node::string(without_credentials(site.repo)));
  git.add("branch", Node::string(site.branch));
  git.add("dir", Node::string(site.path == "." ? "/" : site.path));
  git.add("period", Node::string(settings.period));
  if (settings.secret_ref.empty()) {
    git.add("auth", Node::string("none"));
  } else {
    git.add("auth", Node::string(is_ssh_url(site.repo) || !site.auth.ssh_key.empty() ? "ssh" : "token"));
    Node secret = Node::object();
    secret.add("name", Node::string(settings.secret_ref));
    git.add("secretRef", std::move(secret));
  }
  Node spec = Node::object();
  spec.add("sourceFormat", Node::string("unstructured"));
  spec.add("sourceType", Node::string("git"));
  spec.add("git", std::move(git));
  object.add("spec", std::move(spec));
  return object;
}

Node kustomization(const std::vector<std::string>& resources) {
  Node object = object_head("kustomize.config.k8s.io/v1beta1", "Kustomization");
  Node list = Node::array();
  for (const auto& path : resources) list.push(Node::string(path));
  object.add("resources", std::move(list));
  return object;
}

void append_documents(std::string& out, std::initializer_list<const Node*> documents) {
  bool first = true;
  for (const Node* document : documents) {
    if (!first) out += "---\n";
    first = false;
    write_yaml(out, *document);
  }
}

} // namespace intentctl
