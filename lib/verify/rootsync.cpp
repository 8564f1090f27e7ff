#include "verify/rootsync.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/sha1.hpp"
#include "verify/status_fields.hpp"

namespace intentctl {

namespace {

using namespace status_fields;

std::size_t summary_total(const Node* holder) {
  const auto total = integer(member(holder, "errorSummary"), "totalCount");
  return total && *total > 0 ? static_cast<std::size_t>(*total) : 0;
}

void collect_errors(const Node* list, std::string_view stage, std::vector<SyncError>& out) {
  if (!list || !list->is_array()) return;
  for (const Node& entry : list->items()) {
    SyncError error{std::string(stage), text(&entry, "code"), text(&entry, "errorMessage")};
    if (error.message.empty()) error.message = text(&entry, "message");
    const bool seen = std::any_of(out.begin(), out.end(), [&](const SyncError& known) {
      return known.code == error.code && known.message == error.message;
    });
    if (!seen) out.push_back(std::move(error));
  }
}

std::vector<std::string> error_lines(const RootSyncState& state) {
  std::vector<std::string> lines;
  for (const auto& error : state.errors)
    lines.push_back(fmt::format("{}{}{} ({})", error.code, error.code.empty() ? "" : ": ", error.message, error.stage));
  if (state.errors.size() < state.error_count)
    lines.push_back(
        fmt::format("... and {} more errors not listed in the status", state.error_count - state.errors.size()));
  return lines;
}

std::string commit_or_none(const std::string& commit) { return commit.empty() ? "none" : short_commit(commit); }

} // namespace

std::string_view sync_status_word(SyncStatus status) {
  switch (status) {
    case SyncStatus::synced: return "SYNCED";
    case SyncStatus::pending: return "PENDING";
    case SyncStatus::reconciling: return "RECONCILING";
    case SyncStatus::stalled: return "STALLED";
    case SyncStatus::error: return "ERROR";
  }
  return "ERROR";
}

RootSyncState read_rootsync(const Node& rootsync) {
  RootSyncState state;
  const Node* status = member(&rootsync, "status");
  state.generation = integer(member(&rootsync, "metadata"), "generation");
  state.observed_generation = integer(status, "observedGeneration");
  state.source_commit = text(member(status, "source"), "commit");
  state.sync_commit = text(member(status, "sync"), "commit");

  const Node* syncing = condition(status, "Syncing");
  for (std::string_view stage : {"source", "rendering", "sync"}) {
    collect_errors(member(member(status, stage), "errors"), stage, state.errors);
    state.error_count = std::max(state.error_count, summary_total(member(status, stage)));
  }
  collect_errors(member(syncing, "errors"), "sync", state.errors);
  state.error_count = std::max({state.error_count, summary_total(syncing), state.errors.size()});

  // The order of `nomos status`: Stalled, Reconciling, no Syncing, Syncing=True, errors.
  const Node* stalled = condition(status, "Stalled");
  if (is_true(stalled)) {
    state.status = SyncStatus::stalled;
    const std::string reason = text(stalled, "reason");
    state.stalled_message = text(stalled, "message");
    if (!reason.empty())
      state.stalled_message = reason + (state.stalled_message.empty() ? "" : ": ") + state.stalled_message;
  } else if (is_true(condition(status, "Reconciling"))) {
    state.status = SyncStatus::reconciling;
  } else if (!syncing) {
    state.status = SyncStatus::pending;
  } else if (is_true(syncing)) {
    state.status = SyncStatus::pending;
    state.commit = text(syncing, "commit");
  } else if (state.error_count == 0) {
    state.status = SyncStatus::synced;
    state.commit = text(syncing, "commit");
  } else {
    state.status = SyncStatus::error;
    state.commit = text(syncing, "commit");
  }
  return state;
}

CheckResult judge_rootsync(const RootSyncState& state, const std::string& name, const std::string& expected) {
  const std::string prefix = fmt::format("RootSync {}: ", name);
  const std::string want = short_commit(expected);
  switch (state.status) {
    case SyncStatus::stalled: {
      std::vector<std::string> details = error_lines(state);
      return make_result("cluster", CheckState::fail, prefix + "STALLED: " + state.stalled_message, details);
    }
    case SyncStatus::reconciling:
      return make_result("cluster", CheckState::pending, prefix + "RECONCILING (the reconciler is starting)");
    case SyncStatus::pending:
      return make_result("cluster", CheckState::pending,
                         fmt::format("{}PENDING (source {}, sync {})", prefix, commit_or_none(state.source_commit),
                                     commit_or_none(state.sync_commit)));
    case SyncStatus::error: {
      // Errors of an older commit may go away once Config Sync reaches ours.
      const bool about_other_commit = !state.commit.empty() && !same_commit(state.commit, expected);
      return make_result("cluster", about_other_commit ? CheckState::pending : CheckState::fail,
                         fmt::format("{}ERROR at {}: {} error{}{}", prefix, commit_or_none(state.commit),
                                     state.error_count, state.error_count == 1 ? "" : "s",
                                     about_other_commit ? fmt::format(" (waiting for {})", want) : ""),
                         error_lines(state));
    }
    case SyncStatus::synced: break;
  }
  if (!same_commit(state.commit, expected))
    return make_result("cluster", CheckState::pending,
                       fmt::format("{}SYNCED at {}, waiting for {}", prefix, commit_or_none(state.commit), want));
  if (state.generation && state.observed_generation != state.generation)
    return make_result("cluster", CheckState::pending,
                       fmt::format("{}spec generation {} not yet observed (observed {})", prefix, *state.generation,
                                   state.observed_generation ? std::to_string(*state.observed_generation) : "none"));
  if (!same_commit(state.source_commit, expected) || !same_commit(state.sync_commit, expected))
    return make_result("cluster", CheckState::pending,
                       fmt::format("{}PENDING (source {}, sync {}, want {})", prefix,
                                   commit_or_none(state.source_commit), commit_or_none(state.sync_commit), want));
  return make_result("cluster", CheckState::pass, fmt::format("{}SYNCED at {}", prefix, want));
}

} // namespace intentctl
