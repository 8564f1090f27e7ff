// What a Kubernetes API server answers verify: Status error bodies, and the
// status of RootSyncs, ResourceGroups, bundles and ProvisioningRequests,
// judged as verify judges them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/reader.hpp"
#include "verify/cluster.hpp"
#include "verify/kube_client.hpp"
#include "verify/rootsync.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const std::string body(reinterpret_cast<const char*>(data), size);
  (void)status_message(body);
  ParsedStream stream;
  try {
    stream = parse_json(Source{"answer", body}, ReadLimits{.max_bytes = std::size_t{64} << 20});
  } catch (const Error&) {
    return 0;
  }
  for (const Node& object : stream.documents) {
    const RootSyncState state = read_rootsync(object);
    (void)sync_status_word(state.status);
    (void)judge_rootsync(state, "root-sync", "0123456789abcdef0123456789abcdef01234567");
    (void)judge_rootsync(state, "root-sync", state.commit);
    (void)judge_rootsync(state, "root-sync", state.commit.substr(0, 7));
    std::string reason;
    (void)bundle_health(object, reason);
    const ResourceGroupState group = read_resource_group(object);
    for (const auto& [key, status] : group.statuses) (void)grouped_health(status, state.commit, reason);
    std::string message;
    (void)provisioning_state(object, message);
  }
  return 0;
}
