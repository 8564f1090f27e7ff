// What one check (git, cluster or slo) of one site found.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/node.hpp"

namespace intentctl {

// Every check ends as pass, fail or unknown; pending and skip say why there
// is no verdict yet, or none to give.
enum class CheckState {
  pass,
  fail,    // a measured violation (drift, a RootSync with errors, a failed object, an SLO sample
           // beyond its target): final, even under --wait; the only state that rolls back
  unknown, // the evidence could not be had (unreachable, refused, no series, an unreadable answer)
  pending, // not there yet (Config Sync behind, a bundle progressing), or cut off by the deadline
  skip,    // not configured for this site
};

std::string_view state_word(CheckState state);

struct CheckResult {
  std::string check; // "git", "cluster", "slo"
  CheckState state = CheckState::pending;
  std::string summary;                  // the one line people read
  std::vector<std::string> details;     // diffs, the reconciler's errors, each object that is not Current
  Node objects;                         // the cluster check: each rendered object's status (JSON output, report.md)
  bool permanent = false;               // unknown that asking again will not change (refused credentials)
  bool at_deadline = false;             // pending or unknown because the deadline (--timeout) cut it off
  std::chrono::microseconds elapsed{0}; // spent on this check, all passes together

  bool final() const { return state != CheckState::pending; }
};

// A result whose summary and details are made safe to print: every URL's
// credentials and every token a server echoed are masked (see redact_output).
CheckResult make_result(std::string check, CheckState state, std::string summary,
                        std::vector<std::string> details = {});
// An Error met while checking, as a result: unknown, or pending when the
// deadline cut the request off; its hint is the first detail ("hint: ...").
CheckResult error_result(std::string check, const Error& error);

// Text from servers and URLs made printable: util/url.hpp's redact (every URL's
// credentials, every listed secret, here also in its base64 form), and
// "Bearer <token>", "Basic <credentials>", token=, access_token=, password=
// and secret= values a server quotes back become ***.
std::string redact_output(std::string_view text, const std::vector<std::string>& secrets = {});

} // namespace intentctl
