// The cluster check of one site: the RootSync synced at the published commit,
// every rendered object present, bundles Ready, ProvisioningRequests fulfilled.
#pragma once

#include <chrono>
#include <string>

#include "sites/sites.hpp"
#include "verify/check.hpp"
#include "verify/kube_client.hpp"
#include "verify/rendered.hpp"

namespace intentctl {

struct ClusterCounts {
  std::size_t objects = 0, present = 0;
  std::size_t bundles = 0, ready = 0;
  std::size_t requests = 0, fulfilled = 0;
};

// One pass. Errors talking to the server propagate (the caller turns them
// into an error result).
CheckResult check_cluster(KubeClient& client, HttpClient& http, const RenderedSite& site,
                          const RootSyncSettings& rootsync, const std::string& expected_commit,
                          std::chrono::steady_clock::time_point deadline);

// A bundle's readiness: a Ready condition True, or status.phase Ready. The
// reason is "" when ready, else what the status says.
bool bundle_ready(const Node& object, std::string& reason);

enum class Provisioning { fulfilled, progressing, failed, deleting, unknown };
Provisioning provisioning_state(const Node& object, std::string& message);

} // namespace intentctl
