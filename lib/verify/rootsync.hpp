// Config Sync's RootSync status, read by the rules `nomos status` uses, and
// the stricter "done at commit X" verify needs (docs/verify.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/node.hpp"
#include "verify/check.hpp"

namespace intentctl {

enum class SyncStatus { synced, pending, reconciling, stalled, error };

std::string_view sync_status_word(SyncStatus status); // SYNCED, PENDING, ...

struct SyncError {
  std::string stage; // source, rendering, sync (where Config Sync reported it)
  std::string code;  // KNV1021, ...
  std::string message;
};

struct RootSyncState {
  SyncStatus status = SyncStatus::pending;
  std::string commit; // the Syncing condition's commit
  std::string source_commit;
  std::string sync_commit;
  std::optional<long> generation;
  std::optional<long> observed_generation;
  std::size_t error_count = 0; // the larger of the summaries' totals and the errors listed
  std::vector<SyncError> errors;
  std::string stalled_message;
};

RootSyncState read_rootsync(const Node& rootsync);

// pass when synced at expected_commit by every rule; pending while Config Sync
// is on its way; fail for STALLED and for errors at the expected commit.
CheckResult judge_rootsync(const RootSyncState& state, const std::string& name, const std::string& expected_commit);

} // namespace intentctl
