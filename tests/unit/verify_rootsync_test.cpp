// RootSync status by the nomos rules, bundles, ProvisioningRequests.
#include <doctest/doctest.h>

#include "io/reader.hpp"
#include "util/sha1.hpp"
#include "verify/cluster.hpp"
#include "verify/kube_client.hpp"
#include "verify/rootsync.hpp"

using namespace intentctl;

namespace {

const std::string X = "3f2a9c1000000000000000000000000000000001";
const std::string OLD = "9d01b2e000000000000000000000000000000002";

Node yaml(const std::string& text) { return parse_yaml(Source{"t.yaml", text}, ReadLimits{}).documents.at(0); }

// A RootSync with the given conditions and commits.
Node rootsync(const std::string& conditions, const std::string& source = X, const std::string& sync = X,
              int generation = 1, const std::string& extra = "") {
  return yaml("metadata: {name: root-sync, generation: " + std::to_string(generation) +
              "}\nstatus:\n  observedGeneration: 1\n  source: {commit: " + source + "}\n  sync: {commit: " + sync +
              "}\n" + extra + "  conditions:\n" + conditions);
}

std::string syncing(const std::string& status, const std::string& commit, const std::string& errors = "") {
  return "  - {type: Syncing, status: \"" + status + "\", commit: " + commit + errors + "}\n";
}

} // namespace

TEST_CASE("nomos status: Stalled, Reconciling, no Syncing, Syncing=True, errors, SYNCED") {
  CHECK(read_rootsync(rootsync("  - {type: Stalled, status: \"True\", reason: Validation, message: bad spec}\n" +
                               syncing("False", X)))
            .status == SyncStatus::stalled);
  CHECK(read_rootsync(rootsync("  - {type: Reconciling, status: \"True\"}\n" + syncing("False", X))).status ==
        SyncStatus::reconciling);
  CHECK(read_rootsync(rootsync("  - {type: Reconciling, status: \"False\"}\n")).status == SyncStatus::pending);
  CHECK(read_rootsync(rootsync(syncing("True", X))).status == SyncStatus::pending);
  CHECK(read_rootsync(rootsync(syncing("False", X))).status == SyncStatus::synced);
  const RootSyncState errors = read_rootsync(yaml("status:\n  sync:\n    commit: " + X +
                                                  "\n    errors:\n    - {code: KNV2009, errorMessage: apply failed}\n"
                                                  "  conditions:\n" +
                                                  syncing("False", X, ", errorSummary: {totalCount: 3}")));
  CHECK(errors.status == SyncStatus::error);
  CHECK(errors.error_count == 3);
  REQUIRE(errors.errors.size() == 1);
  CHECK(errors.errors[0].code == "KNV2009");
}

TEST_CASE("generations beyond Kubernetes' int64 are no generation") {
  const RootSyncState state = read_rootsync(
      yaml("metadata: {generation: 44444444444444444444444444444444}\nstatus: {observedGeneration: -1e300}\n"));
  CHECK_FALSE(state.generation);
  CHECK_FALSE(state.observed_generation);
  CHECK(read_rootsync(yaml("metadata: {generation: 9007199254740992}\n")).generation == 9007199254740992L);
}

TEST_CASE("done at commit X: every rule of docs/verify.md") {
  CHECK(judge_rootsync(read_rootsync(rootsync(syncing("False", X))), "root-sync", X).state == CheckState::pass);
  // An abbreviated id names the same commit.
  CHECK(judge_rootsync(read_rootsync(rootsync(syncing("False", X))), "root-sync", X.substr(0, 7)).state ==
        CheckState::pass);

  const CheckResult old = judge_rootsync(read_rootsync(rootsync(syncing("False", OLD), OLD, OLD)), "root-sync", X);
  CHECK(old.state == CheckState::pending);
  CHECK(old.summary == "RootSync root-sync: SYNCED at 9d01b2e, waiting for 3f2a9c1");

  const CheckResult generation = judge_rootsync(read_rootsync(rootsync(syncing("False", X), X, X, 2)), "root-sync", X);
  CHECK(generation.state == CheckState::pending);
  CHECK(generation.summary == "RootSync root-sync: spec generation 2 not yet observed (observed 1)");

  const CheckResult lagging = judge_rootsync(read_rootsync(rootsync(syncing("False", X), X, OLD)), "root-sync", X);
  CHECK(lagging.state == CheckState::pending);
  CHECK(lagging.summary == "RootSync root-sync: PENDING (source 3f2a9c1, sync 9d01b2e, want 3f2a9c1)");

  const CheckResult syncing_now = judge_rootsync(read_rootsync(rootsync(syncing("True", X), X, OLD)), "rs", X);
  CHECK(syncing_now.summary == "RootSync rs: PENDING (source 3f2a9c1, sync 9d01b2e)");

  const CheckResult stalled =
      judge_rootsync(read_rootsync(
                         rootsync("  - {type: Stalled, status: \"True\", reason: Validation, message: bad spec}\n")),
                     "rs", X);
  CHECK(stalled.state == CheckState::fail);
  CHECK(stalled.summary == "RootSync rs: STALLED: Validation: bad spec");
}

TEST_CASE("errors fail at the expected commit, and wait when they belong to another") {
  const std::string errors = "  rendering:\n    errors:\n    - {code: KNV1021, errorMessage: unknown kind}\n"
                             "    errorSummary: {totalCount: 1}\n";
  const CheckResult here = judge_rootsync(read_rootsync(rootsync(syncing("False", X), X, X, 1, errors)), "rs", X);
  CHECK(here.state == CheckState::fail);
  CHECK(here.summary == "RootSync rs: ERROR at 3f2a9c1: 1 error");
  CHECK(here.details == std::vector<std::string>{"KNV1021: unknown kind (rendering)"});
  const CheckResult elsewhere =
      judge_rootsync(read_rootsync(rootsync(syncing("False", OLD), X, X, 1, errors)), "rs", X);
  CHECK(elsewhere.state == CheckState::pending);
  CHECK(elsewhere.summary == "RootSync rs: ERROR at 9d01b2e: 1 error (waiting for 3f2a9c1)");
}

TEST_CASE("bundles: Ready condition or status.phase; Ready=False fails unless still on its way") {
  std::string reason;
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"True\"}]}"), reason) == Health::ready);
  CHECK(bundle_health(yaml("status: {phase: Ready}"), reason) == Health::ready);
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: Pending, message: "
                           "waiting}]}"),
                      reason) == Health::progressing);
  CHECK(reason == "Ready=False Pending: waiting");
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: Progressing}]}"), reason) ==
        Health::progressing);
  // A measured failure: Ready=False for a reason that is not progress.
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: InstallFailed, message: "
                           "image not found}]}"),
                      reason) == Health::failed);
  CHECK(reason == "Ready=False InstallFailed: image not found");
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: ReconciliationFailed}]}"),
                      reason) == Health::failed);
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: NotReady}]}"), reason) ==
        Health::failed);
  // ... unless the object says it is still reconciling, or its status is old.
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: \"False\", reason: NotReady}, {type: "
                           "Reconciling, status: \"True\", reason: Progressing}]}"),
                      reason) == Health::progressing);
  CHECK(bundle_health(yaml("metadata: {generation: 3}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, "
                           "status: \"False\", reason: Broken}]}"),
                      reason) == Health::progressing);
  CHECK(reason == "status is for generation 2, the spec is at 3");
  CHECK(bundle_health(yaml("metadata: {generation: 3}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, "
                           "status: \"True\"}]}"),
                      reason) == Health::progressing);
  CHECK(bundle_health(yaml("status: {conditions: [{type: Ready, status: Unknown}]}"), reason) == Health::progressing);
  CHECK(bundle_health(yaml("status: {conditions: [{type: Stalled, status: \"True\", reason: Bad, message: no "
                           "capacity}]}"),
                      reason) == Health::failed);
  CHECK(reason == "Stalled: Bad: no capacity");
  CHECK(bundle_health(yaml("spec: {}"), reason) == Health::progressing);
  CHECK(reason == "no status yet");
  CHECK(bundle_health(yaml("status: {phase: Installing}"), reason) == Health::progressing);
  CHECK(reason == "phase Installing");
  CHECK(bundle_health(yaml("status: {phase: Failed}"), reason) == Health::failed);
}

TEST_CASE("ResourceGroup: each object's status, as nomos status --resources reads it") {
  const ResourceGroupState group = read_resource_group(yaml(R"(metadata: {generation: 4}
status:
  observedGeneration: 4
  resourceStatuses:
  - {group: cn.nephio.org, kind: CNBundle, namespace: ns, name: a, status: Current, sourceHash: 3f2a9c1,
     actuation: Succeeded, reconcile: Succeeded, strategy: Apply}
  - {group: "", kind: ConfigMap, namespace: ns, name: b, status: InProgress, sourceHash: 3f2a9c1,
     actuation: Succeeded, reconcile: Pending}
  - {group: "", kind: ConfigMap, namespace: ns, name: c, status: Failed, sourceHash: 3f2a9c1, actuation: Succeeded,
     reconcile: Failed, conditions: [{type: Stalled, status: "True", message: "quota exceeded"}]}
  - {group: "", kind: ConfigMap, namespace: ns, name: d, status: Current, sourceHash: "0123456",
     actuation: Succeeded, reconcile: Succeeded}
  - {group: "", kind: ConfigMap, namespace: ns, name: e, status: Current, sourceHash: 3f2a9c1,
     conditions: [{type: OwnershipOverlap, status: "True", message: "managed by RootSync other"}]}
)"));
  CHECK(group.observed_generation == group.generation);
  REQUIRE(group.statuses.size() == 5);
  auto health = [&](const std::string& kind, const std::string& group_name, const std::string& name,
                    std::string& reason) {
    ResourceId id;
    id.api_version = group_name.empty() ? "v1" : group_name + "/v1alpha1";
    id.kind = kind;
    id.namespace_ = "ns";
    id.name = name;
    const GroupedStatus* status = group.find(id);
    REQUIRE(status);
    return grouped_health(*status, "3f2a9c1d0e", reason);
  };
  std::string reason;
  CHECK(health("CNBundle", "cn.nephio.org", "a", reason) == Health::ready);
  CHECK(health("ConfigMap", "", "b", reason) == Health::progressing);
  CHECK(reason == "InProgress, actuation Succeeded, reconcile Pending");
  CHECK(health("ConfigMap", "", "c", reason) == Health::failed);
  CHECK(reason == "Failed, actuation Succeeded, reconcile Failed: quota exceeded");
  CHECK(health("ConfigMap", "", "d", reason) == Health::progressing);
  CHECK(reason == "applied from 0123456, waiting for 3f2a9c1");
  CHECK(health("ConfigMap", "", "e", reason) == Health::failed);
  CHECK(reason == "Conflict (another RootSync or RepoSync manages it): managed by RootSync other");
  ResourceId missing;
  missing.api_version = "v1";
  missing.kind = "Secret";
  missing.name = "x";
  CHECK_FALSE(group.find(missing));
}

TEST_CASE("ProvisioningRequest states") {
  std::string message;
  auto state = [&](const std::string& value) {
    return provisioning_state(yaml("status: {provisioningStatus: {provisioningState: " + value +
                                   ", provisioningMessage: msg}}"),
                              message);
  };
  CHECK(state("fulfilled") == Provisioning::fulfilled);
  CHECK(state("failed") == Provisioning::failed);
  CHECK(message == "msg");
  CHECK(state("progressing") == Provisioning::progressing);
  CHECK(message == "progressing: msg");
  CHECK(state("deleting") == Provisioning::deleting);
  CHECK(state("odd") == Provisioning::unknown);
  CHECK(provisioning_state(yaml("spec: {}"), message) == Provisioning::unknown);
  CHECK(message == "has no provisioningState yet");
}

TEST_CASE("API paths of objects, namespaced or not") {
  CHECK(KubeClient::object_path({"v1", "ConfigMap", "cm", "ns"}, {"configmaps", true}) ==
        "/api/v1/namespaces/ns/configmaps/cm");
  CHECK(KubeClient::object_path({"v1", "ConfigMap", "cm", ""}, {"configmaps", true}) ==
        "/api/v1/namespaces/default/configmaps/cm");
  CHECK(KubeClient::object_path({"o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest", "pr", ""},
                                {"provisioningrequests", false}) ==
        "/apis/o2ims.provisioning.oran.org/v1alpha1/provisioningrequests/pr");
}

TEST_CASE("commit ids compare full or abbreviated") {
  CHECK(same_commit(X, X));
  CHECK(same_commit(X.substr(0, 7), X));
  CHECK(same_commit("3F2A9C1", X));
  CHECK_FALSE(same_commit(X.substr(0, 6), X));
  CHECK_FALSE(same_commit("", ""));
  CHECK_FALSE(same_commit(X, OLD));
}
