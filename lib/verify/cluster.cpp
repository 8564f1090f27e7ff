#include "verify/cluster.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/sha1.hpp"
#include "util/url.hpp"
#include "verify/rootsync.hpp"
#include "verify/status_fields.hpp"

namespace intentctl {

namespace {

using Clock = std::chrono::steady_clock;

using namespace status_fields;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool contains_any(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != std::string::npos; });
}

// What an object's status says about itself, read the way kstatus reads it:
// Stalled=True fails, Reconciling=True or a status older than the spec is
// still on its way.
std::optional<Health> generic_health(const Node& object, std::string& reason) {
  const Node* status = member(&object, "status");
  if (const Node* stalled = condition(status, "Stalled"); is_true(stalled)) {
    reason = "Stalled: " + condition_text(stalled);
    return Health::failed;
  }
  if (const Node* reconciling = condition(status, "Reconciling"); is_true(reconciling)) {
    reason = "Reconciling: " + condition_text(reconciling);
    return Health::progressing;
  }
  const auto generation = integer(member(&object, "metadata"), "generation");
  const auto observed = integer(status, "observedGeneration");
  if (generation && observed && *observed < *generation) {
    reason = fmt::format("status is for generation {}, the spec is at {}", *observed, *generation);
    return Health::progressing;
  }
  return std::nullopt;
}

struct ObjectFindings {
  ClusterCounts counts;
  std::vector<std::string> failed;
  std::vector<std::string> waiting;
  Node objects = Node::array();
};

// One rendered object's own status and its ResourceGroup entry, judged
// together: the worse of the two counts.
struct ObjectVerdict {
  Health health = Health::ready;
  std::vector<std::string> reasons;
  void add(Health found, std::string reason) {
    if (static_cast<int>(found) > static_cast<int>(health)) health = found;
    if (!reason.empty()) reasons.push_back(std::move(reason));
  }
};

void judge_own_status(const RenderedObject& rendered, const Node& live, ObjectFindings& findings,
                      ObjectVerdict& verdict) {
  std::string reason;
  if (is_bundle(rendered.id)) {
    ++findings.counts.bundles;
    const Health health = bundle_health(live, reason);
    if (health == Health::ready) ++findings.counts.ready;
    else verdict.add(health, fmt::format("not Ready: {}", reason));
  } else if (is_provisioning_request(rendered.id)) {
    ++findings.counts.requests;
    switch (provisioning_state(live, reason)) {
      case Provisioning::fulfilled: ++findings.counts.fulfilled; break;
      case Provisioning::failed: verdict.add(Health::failed, "failed: " + reason); break;
      case Provisioning::deleting: verdict.add(Health::failed, "is being deleted"); break;
      case Provisioning::progressing:
      case Provisioning::unknown: verdict.add(Health::progressing, reason); break;
    }
  } else if (const auto health = generic_health(live, reason)) {
    verdict.add(*health, reason);
  }
}

Node object_node(const RenderedObject& rendered, const std::string& status, const GroupedStatus* grouped,
                 const ObjectVerdict& verdict) {
  Node node = Node::object();
  node.add("object", Node::string(rendered.id.display()));
  node.add("file", Node::string(rendered.file));
  const char* result = verdict.health == Health::ready ? "pass" : verdict.health == Health::failed ? "fail" : "pending";
  node.add("status", Node::string(result));
  node.add("kstatus", Node::string(status)); // kstatus's word, as Config Sync's ResourceGroup says it
  if (grouped) {
    node.add("sourceHash", Node::string(grouped->source_hash));
    node.add("actuation", Node::string(grouped->actuation));
    node.add("reconcile", Node::string(grouped->reconcile));
  }
  std::string message;
  for (const auto& reason : verdict.reasons) message += (message.empty() ? "" : "; ") + reason;
  node.add("message", Node::string(message));
  return node;
}

ObjectFindings check_objects(KubeClient& client, HttpClient& http, const RenderedSite& site,
                             const std::optional<ResourceGroupState>& group, const std::string& expected_commit,
                             Clock::time_point deadline) {
  ObjectFindings findings;
  findings.counts.resource_group = group.has_value();
  client.forget_unserved();
  for (const auto& rendered : site.objects) {
    ++findings.counts.objects;
    ObjectVerdict verdict;
    std::string status = "Current";
    const GroupedStatus* grouped = group ? group->find(rendered.id) : nullptr;
    const auto resource = client.resource_for(http, rendered.id.api_version, rendered.id.kind, deadline);
    const auto live =
        resource ? client.get(http, KubeClient::object_path(rendered.id, *resource), deadline) : std::optional<Node>{};
    if (!resource) {
      verdict.add(Health::failed,
                  fmt::format("the cluster does not serve {} {}", rendered.id.api_version, rendered.id.kind));
      status = "NotFound";
    } else if (!live) {
      verdict.add(Health::failed, "not found");
      status = "NotFound";
    } else {
      ++findings.counts.present;
      judge_own_status(rendered, *live, findings, verdict);
    }
    if (grouped) {
      ++findings.counts.grouped;
      std::string reason;
      const Health health = grouped_health(*grouped, expected_commit, reason);
      if (health == Health::ready) ++findings.counts.current;
      else verdict.add(health, "ResourceGroup: " + reason);
      if (live) status = grouped->status;
    } else if (group && live) {
      verdict.add(Health::progressing, "not in the ResourceGroup yet");
      status = "Unknown";
    }
    if (verdict.health == Health::progressing && status == "Current") status = "InProgress";
    if (verdict.health == Health::failed && status == "Current") status = "Failed";
    findings.objects.push(object_node(rendered, status, grouped, verdict));
    if (verdict.health == Health::ready) continue;
    std::string line = fmt::format("{} ({}): ", rendered.id.display(), rendered.file);
    for (std::size_t i = 0; i < verdict.reasons.size(); ++i) line += (i ? "; " : "") + verdict.reasons[i];
    (verdict.health == Health::failed ? findings.failed : findings.waiting).push_back(line);
  }
  return findings;
}

std::string counts_text(const ClusterCounts& counts) {
  std::string text = fmt::format("{}/{} objects present", counts.present, counts.objects);
  if (counts.resource_group) text += fmt::format("; {}/{} Current", counts.current, counts.objects);
  if (counts.bundles) text += fmt::format("; {}/{} bundles Ready", counts.ready, counts.bundles);
  if (counts.requests)
    text += fmt::format("; {}/{} ProvisioningRequest{} fulfilled", counts.fulfilled, counts.requests,
                        counts.requests == 1 ? "" : "s");
  return text;
}

// The ResourceGroup as a whole: nothing per object can be read from one whose
// status is older than its spec, or that the controller cannot reconcile.
std::optional<CheckResult> judge_group(const ResourceGroupState& group, const std::string& prefix) {
  if (group.stalled)
    return make_result("cluster", CheckState::fail, prefix + "; ResourceGroup Stalled: " + group.condition_message);
  if (group.generation && group.observed_generation != group.generation)
    return make_result("cluster", CheckState::pending,
                       fmt::format("{}; ResourceGroup status of generation {} not yet observed", prefix,
                                   *group.generation));
  if (group.reconciling)
    return make_result("cluster", CheckState::pending,
                       prefix + "; ResourceGroup Reconciling: " + group.condition_message);
  return std::nullopt;
}

} // namespace

Health bundle_health(const Node& object, std::string& reason) {
  const Node* status = member(&object, "status");
  if (!status) {
    reason = "no status yet";
    return Health::progressing;
  }
  const auto generic = generic_health(object, reason);
  if (generic == Health::failed) return Health::failed;
  if (const Node* ready = condition(status, "Ready")) {
    const std::string value = text(ready, "status");
    if (value == "True" && !generic) return Health::ready;
    if (generic) return *generic; // Reconciling, or a status of an older generation
    reason = fmt::format("Ready={}{}{}", value, condition_text(ready).empty() ? "" : " ", condition_text(ready));
    if (value != "False") return Health::progressing;
    const std::string why = lower(text(ready, "reason"));
    if (contains_any(why, {"fail", "error", "invalid", "denied", "crash"})) return Health::failed;
    if (contains_any(why, {"progress", "reconcil", "pending", "wait", "creat", "updat", "provision", "initializ",
                           "dependencynotready"}))
      return Health::progressing;
    return Health::failed;
  }
  if (generic) return *generic;
  const std::string phase = text(status, "phase");
  if (phase == "Ready") return Health::ready;
  reason = phase.empty() ? "no Ready condition" : fmt::format("phase {}", phase);
  return phase == "Failed" || phase == "Error" ? Health::failed : Health::progressing;
}

Provisioning provisioning_state(const Node& object, std::string& message) {
  const Node* status = member(member(&object, "status"), "provisioningStatus");
  const std::string state = text(status, "provisioningState");
  message = text(status, "provisioningMessage");
  if (state == "fulfilled") return Provisioning::fulfilled;
  if (state == "failed") return Provisioning::failed;
  if (state == "deleting") return Provisioning::deleting;
  if (state == "progressing") {
    message = "progressing" + (message.empty() ? "" : ": " + message);
    return Provisioning::progressing;
  }
  message = state.empty() ? "has no provisioningState yet" : fmt::format("in unknown state \"{}\"", state);
  return Provisioning::unknown;
}

const GroupedStatus* ResourceGroupState::find(const ResourceId& id) const {
  const std::string key = fmt::format("{}/{}/{}/{}", id.group(), id.kind, id.namespace_, id.name);
  for (const auto& [name, status] : statuses)
    if (name == key) return &status;
  return nullptr;
}

ResourceGroupState read_resource_group(const Node& group) {
  ResourceGroupState state;
  const Node* status = member(&group, "status");
  state.generation = integer(member(&group, "metadata"), "generation");
  state.observed_generation = integer(status, "observedGeneration");
  if (const Node* stalled = condition(status, "Stalled"); is_true(stalled)) {
    state.stalled = true;
    state.condition_message = condition_text(stalled);
  } else if (const Node* reconciling = condition(status, "Reconciling"); is_true(reconciling)) {
    state.reconciling = true;
    state.condition_message = condition_text(reconciling);
  }
  const Node* entries = member(status, "resourceStatuses");
  if (!entries || !entries->is_array()) return state;
  for (const Node& entry : entries->items()) {
    GroupedStatus grouped;
    grouped.status = text(&entry, "status");
    grouped.source_hash = text(&entry, "sourceHash");
    grouped.actuation = text(&entry, "actuation");
    grouped.reconcile = text(&entry, "reconcile");
    grouped.strategy = text(&entry, "strategy");
    if (const Node* conditions = member(&entry, "conditions"); conditions && conditions->is_array()) {
      for (const Node& item : conditions->items()) {
        if (text(&item, "type") == "OwnershipOverlap" && text(&item, "status") == "True") grouped.status = "Conflict";
        if (const std::string message = text(&item, "message"); !message.empty()) grouped.messages.push_back(message);
      }
    }
    state.statuses.emplace_back(fmt::format("{}/{}/{}/{}", text(&entry, "group"), text(&entry, "kind"),
                                            text(&entry, "namespace"), text(&entry, "name")),
                                std::move(grouped));
  }
  return state;
}

Health grouped_health(const GroupedStatus& status, const std::string& expected_commit, std::string& reason) {
  std::string messages;
  for (const auto& message : status.messages) messages += (messages.empty() ? ": " : "; ") + message;
  if (status.status == "Conflict") {
    reason = "Conflict (another RootSync or RepoSync manages it)" + messages;
    return Health::failed;
  }
  if (status.status == "Failed" || status.actuation == "Failed" || status.reconcile == "Failed") {
    reason = fmt::format("{}, actuation {}, reconcile {}{}", status.status,
                         status.actuation.empty() ? "-" : status.actuation,
                         status.reconcile.empty() ? "-" : status.reconcile, messages);
    return Health::failed;
  }
  if (status.status == "Terminating" || status.strategy == "Delete") {
    reason = "being deleted by Config Sync" + messages;
    return Health::failed;
  }
  if (!status.source_hash.empty() && !same_commit(status.source_hash, expected_commit)) {
    reason =
        fmt::format("applied from {}, waiting for {}", short_commit(status.source_hash), short_commit(expected_commit));
    return Health::progressing;
  }
  const bool actuated = status.actuation.empty() || status.actuation == "Succeeded";
  const bool reconciled = status.reconcile.empty() || status.reconcile == "Succeeded";
  if (status.status == "Current" && actuated && reconciled) return Health::ready;
  reason = fmt::format("{}, actuation {}, reconcile {}{}", status.status.empty() ? "no status" : status.status,
                       status.actuation.empty() ? "-" : status.actuation,
                       status.reconcile.empty() ? "-" : status.reconcile, messages);
  return Health::progressing;
}

CheckResult check_cluster(KubeClient& client, HttpClient& http, const RenderedSite& site,
                          const RootSyncSettings& rootsync, const std::string& expected_commit,
                          Clock::time_point deadline) {
  const std::string path = fmt::format("/apis/configsync.gke.io/v1beta1/namespaces/{}/rootsyncs/{}",
                                       percent_encode(rootsync.namespace_), percent_encode(rootsync.name));
  const auto live = client.get(http, path, deadline);
  if (!live)
    return make_result("cluster", CheckState::pending,
                       fmt::format("RootSync {}/{} not found (is Config Sync installed and bootstrapped?)",
                                   rootsync.namespace_, rootsync.name));
  CheckResult result = judge_rootsync(read_rootsync(*live), rootsync.name, expected_commit);
  if (result.state != CheckState::pass) return result;

  // Config Sync keeps each object's status in the ResourceGroup of the
  // RootSync's name and namespace; a cluster without one is judged by the
  // objects alone.
  const auto group_object = client.get(http,
                                       fmt::format("/apis/kpt.dev/v1alpha1/namespaces/{}/resourcegroups/{}",
                                                   percent_encode(rootsync.namespace_), percent_encode(rootsync.name)),
                                       deadline);
  std::optional<ResourceGroupState> group;
  if (group_object) {
    group = read_resource_group(*group_object);
    if (auto verdict = judge_group(*group, result.summary)) return std::move(*verdict);
  }
  ObjectFindings findings = check_objects(client, http, site, group, expected_commit, deadline);
  const std::string summary = result.summary + "; " + counts_text(findings.counts);
  CheckResult judged;
  if (!findings.failed.empty()) {
    std::vector<std::string> details = findings.failed;
    details.insert(details.end(), findings.waiting.begin(), findings.waiting.end());
    judged = make_result("cluster", CheckState::fail, summary, details);
  } else if (!findings.waiting.empty()) {
    judged = make_result("cluster", CheckState::pending, summary, findings.waiting);
  } else {
    judged = make_result("cluster", CheckState::pass, summary);
  }
  judged.objects = std::move(findings.objects);
  return judged;
}

} // namespace intentctl
