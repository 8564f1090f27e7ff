#include "verify/cluster.hpp"

#include <fmt/format.h>

#include "verify/rootsync.hpp"

namespace intentctl {

namespace {

using Clock = std::chrono::steady_clock;

const Node* member(const Node* node, std::string_view key) {
  return node && node->is_object() ? node->find(key) : nullptr;
}

std::string text(const Node* node, std::string_view key) {
  const Node* value = member(node, key);
  return value && value->is_string() ? value->text() : std::string{};
}

struct ObjectFindings {
  ClusterCounts counts;
  std::vector<std::string> missing;
  std::vector<std::string> failed;
  std::vector<std::string> waiting;
};

void judge_object(const RenderedObject& rendered, const Node& live, ObjectFindings& findings) {
  std::string reason;
  if (is_bundle(rendered.id)) {
    ++findings.counts.bundles;
    if (bundle_ready(live, reason)) ++findings.counts.ready;
    else findings.waiting.push_back(fmt::format("{} not Ready: {}", rendered.id.display(), reason));
  } else if (is_provisioning_request(rendered.id)) {
    ++findings.counts.requests;
    switch (provisioning_state(live, reason)) {
      case Provisioning::fulfilled: ++findings.counts.fulfilled; break;
      case Provisioning::failed:
        findings.failed.push_back(fmt::format("{} failed: {}", rendered.id.display(), reason));
        break;
      case Provisioning::deleting:
        findings.failed.push_back(fmt::format("{} is being deleted", rendered.id.display()));
        break;
      case Provisioning::progressing:
      case Provisioning::unknown:
        findings.waiting.push_back(fmt::format("{} {}", rendered.id.display(), reason));
        break;
    }
  }
}

ObjectFindings check_objects(KubeClient& client, HttpClient& http, const RenderedSite& site, Clock::time_point deadline) {
  ObjectFindings findings;
  client.forget_unserved();
  for (const auto& rendered : site.objects) {
    ++findings.counts.objects;
    const auto resource = client.resource_for(http, rendered.id.api_version, rendered.id.kind, deadline);
    if (!resource) {
      findings.missing.push_back(fmt::format("{} ({}): the cluster does not serve {} {}", rendered.id.display(),
                                             rendered.file, rendered.id.api_version, rendered.id.kind));
      continue;
    }
    const auto live = client.get(http, KubeClient::object_path(rendered.id, *resource), deadline);
    if (!live) {
      findings.missing.push_back(fmt::format("{} ({}): not found", rendered.id.display(), rendered.file));
      continue;
    }
    ++findings.counts.present;
    judge_object(rendered, *live, findings);
  }
  return findings;
}

std::string counts_text(const ClusterCounts& counts) {
  std::string text = fmt::format("{}/{} objects present", counts.present, counts.objects);
  if (counts.bundles) text += fmt::format("; {}/{} bundles Ready", counts.ready, counts.bundles);
  if (counts.requests)
    text += fmt::format("; {}/{} ProvisioningRequest{} fulfilled", counts.fulfilled, counts.requests,
                        counts.requests == 1 ? "" : "s");
  return text;
}

} // namespace

bool bundle_ready(const Node& object, std::string& reason) {
  const Node* status = member(&object, "status");
  if (!status) {
    reason = "no status yet";
    return false;
  }
  if (const Node* conditions = member(status, "conditions"); conditions && conditions->is_array()) {
    for (const Node& condition : conditions->items()) {
      if (text(&condition, "type") != "Ready") continue;
      if (text(&condition, "status") == "True") return true;
      const std::string why = text(&condition, "reason");
      const std::string message = text(&condition, "message");
      reason = fmt::format("Ready={}{}{}{}{}", text(&condition, "status"), why.empty() ? "" : " ", why,
                           message.empty() ? "" : ": ", message);
      return false;
    }
  }
  const std::string phase = text(status, "phase");
  if (phase == "Ready") return true;
  reason = phase.empty() ? "no Ready condition" : fmt::format("phase {}", phase);
  return false;
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

CheckResult check_cluster(KubeClient& client, HttpClient& http, const RenderedSite& site,
                          const RootSyncSettings& rootsync, const std::string& expected_commit,
                          Clock::time_point deadline) {
  const std::string path = fmt::format("/apis/configsync.gke.io/v1beta1/namespaces/{}/rootsyncs/{}",
                                       url_escape(rootsync.namespace_), url_escape(rootsync.name));
  const auto live = client.get(http, path, deadline);
  if (!live)
    return make_result("cluster", CheckState::pending,
                       fmt::format("RootSync {}/{} not found (is Config Sync installed and bootstrapped?)",
                                   rootsync.namespace_, rootsync.name));
  CheckResult result = judge_rootsync(read_rootsync(*live), rootsync.name, expected_commit);
  if (result.state != CheckState::pass) return result;

  ObjectFindings findings = check_objects(client, http, site, deadline);
  const std::string summary = result.summary + "; " + counts_text(findings.counts);
  if (!findings.missing.empty() || !findings.failed.empty()) {
    std::vector<std::string> details = findings.failed;
    details.insert(details.end(), findings.missing.begin(), findings.missing.end());
    return make_result("cluster", CheckState::fail, summary, details);
  }
  if (!findings.waiting.empty()) return make_result("cluster", CheckState::pending, summary, findings.waiting);
  return make_result("cluster", CheckState::pass, summary);
}

} // namespace intentctl
