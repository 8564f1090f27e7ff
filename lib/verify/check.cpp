#include "verify/check.hpp"

#include <algorithm>
#include <cctype>

namespace intentctl {

std::string_view state_word(CheckState state) {
  switch (state) {
    case CheckState::pass: return "pass";
    case CheckState::fail: return "fail";
    case CheckState::pending: return "pending";
    case CheckState::skip: return "skip";
    case CheckState::error: return "error";
  }
  return "error";
}

CheckResult make_result(std::string check, CheckState state, std::string summary, std::vector<std::string> details) {
  CheckResult result;
  result.check = std::move(check);
  result.state = state;
  result.summary = std::move(summary);
  result.details = std::move(details);
  return result;
}

CheckResult error_result(std::string check, const Error& error) {
  // An error about a file keeps its FILE:LINE:COL; one about a server is its message.
  CheckResult result = make_result(std::move(check), CheckState::error,
                                   error.where().file.empty() ? error.message() : error.describe());
  result.error_class = error.exit_class() == ExitClass::timeout ? ExitClass::timeout : ExitClass::external;
  return result;
}

std::string short_commit(std::string_view commit) { return std::string(commit.substr(0, 7)); }

bool same_commit(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  const std::size_t length = std::min(a.size(), b.size());
  if (length < 7 && a.size() != b.size()) return false;
  return std::equal(a.begin(), a.begin() + static_cast<long>(length), b.begin(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

} // namespace intentctl
