// The cluster check of one site: the RootSync synced at the published commit,
// then every rendered object present and healthy: bundles Ready,
// ProvisioningRequests fulfilled, and, where Config Sync keeps one, each
// object's status in the RootSync's ResourceGroup (what `nomos status
// --resources` shows: status, source commit, actuation, reconcile).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "sites/sites.hpp"
#include "verify/check.hpp"
#include "verify/kube_client.hpp"
#include "verify/rendered.hpp"

namespace intentctl {

struct ClusterCounts {
  std::size_t objects = 0, present = 0;
  std::size_t bundles = 0, ready = 0;
  std::size_t requests = 0, fulfilled = 0;
  std::size_t grouped = 0, current = 0; // objects the ResourceGroup lists, and those Current there
  bool resource_group = false;
};

// One pass. Errors talking to the server propagate (the caller turns them
// into an unknown result).
CheckResult check_cluster(KubeClient& client, HttpClient& http, const RenderedSite& site,
                          const RootSyncSettings& rootsync, const std::string& expected_commit,
                          std::chrono::steady_clock::time_point deadline);

// How far an object (or one field of its status) has got: there, still on
// its way, or failed (a measured failure that rolls back).
enum class Health { ready, progressing, failed };

// A bundle's readiness: a Ready condition True, or status.phase Ready. Ready
// False is a failure unless the object says it is still on its way (a
// Reconciling condition True, a reason like Progressing or Pending, a status
// of an older generation); Stalled True fails. reason is what the status says.
Health bundle_health(const Node& object, std::string& reason);

enum class Provisioning { fulfilled, progressing, failed, deleting, unknown };
Provisioning provisioning_state(const Node& object, std::string& message);

// One entry of a ResourceGroup's status.resourceStatuses.
struct GroupedStatus {
  std::string status;                // Current, InProgress, Failed, Terminating, NotFound, Unknown; Conflict when
                                     // another group owns it (an OwnershipOverlap condition True), as nomos says
  std::string source_hash;           // the commit it was applied from (abbreviated)
  std::string actuation;             // Pending, Succeeded, Skipped, Failed
  std::string reconcile;             // Pending, Succeeded, Skipped, Timeout, Failed
  std::string strategy;              // Apply, Delete
  std::vector<std::string> messages; // its conditions' messages
};

// The ResourceGroup's statuses by "group/kind/namespace/name" (core group "").
struct ResourceGroupState {
  std::optional<long> generation, observed_generation;
  bool stalled = false, reconciling = false;
  std::string condition_message;
  std::vector<std::pair<std::string, GroupedStatus>> statuses;
  const GroupedStatus* find(const ResourceId& id) const;
};
ResourceGroupState read_resource_group(const Node& group);

// An object's health by its ResourceGroup entry, against the commit it
// should have been applied from.
Health grouped_health(const GroupedStatus& status, const std::string& expected_commit, std::string& reason);

} // namespace intentctl
