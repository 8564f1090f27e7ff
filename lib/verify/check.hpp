// What one check (git, cluster or slo) of one site found.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace intentctl {

enum class CheckState {
  pass,
  fail,    // ran and failed: final, even under --wait
  pending, // not there yet (Config Sync behind, bundle not Ready): --wait asks again
  skip,    // not configured for this site
  error,   // could not be checked: unreachable, refused, timed out
};

std::string_view state_word(CheckState state);

struct CheckResult {
  std::string check; // "git", "cluster", "slo"
  CheckState state = CheckState::pending;
  std::string summary;              // the one line people read
  std::vector<std::string> details; // diffs, the reconciler's errors, each missing object
  ExitClass error_class = ExitClass::external; // for state error: external or timeout
  bool permanent = false; // an error asking again will not fix (refused credentials)
  std::chrono::microseconds elapsed{0}; // spent on this check, all passes together

  bool final() const { return state != CheckState::pending; }
};

CheckResult make_result(std::string check, CheckState state, std::string summary,
                        std::vector<std::string> details = {});
// An Error met while checking, as a result (timeouts stay timeouts).
CheckResult error_result(std::string check, const Error& error);

// "3f2a9c1" from a full commit id.
std::string short_commit(std::string_view commit);
// Whether two commit ids name the same commit; an abbreviated id (7 or more
// hex digits) matches the full one it starts.
bool same_commit(std::string_view a, std::string_view b);

} // namespace intentctl
