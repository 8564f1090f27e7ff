#include "verify/check.hpp"

#include <algorithm>
#include <cctype>

#include "util/base64.hpp"
#include "util/url.hpp"

namespace intentctl {

namespace {

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
         c == '/' || c == '=';
}

bool starts_with_word(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

// "Bearer <token>", "Basic <base64 of user:password>" and "token=<value>"
// (also access_token, password, secret): the credential becomes ***. A word
// after "Basic" that is not such base64 is prose and stays.
std::string mask_credentials(std::string_view text) {
  struct Marker {
    std::string_view word;
    bool basic;
  };
  static constexpr Marker markers[] = {{"bearer ", false}, {"basic ", true},     {"access_token=", false},
                                       {"token=", false},  {"password=", false}, {"secret=", false}};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool masked = false;
    for (const Marker& marker : markers) {
      if (!starts_with_word(text, i, marker.word)) continue;
      std::size_t start = i + marker.word.size();
      while (start < text.size() && text[start] == ' ') ++start;
      std::size_t end = start;
      while (end < text.size() && token_char(text[end])) ++end;
      if (end == start) continue;
      const std::string_view value = text.substr(start, end - start);
      if (marker.basic) {
        const auto decoded = base64_decode(value);
        if (!decoded || decoded->find(':') == std::string::npos) continue;
      }
      out.append(text.substr(i, start - i)).append("***");
      i = end;
      masked = true;
      break;
    }
    if (!masked) out += text[i++];
  }
  return out;
}

} // namespace

std::string_view state_word(CheckState state) {
  switch (state) {
    case CheckState::pass: return "pass";
    case CheckState::fail: return "fail";
    case CheckState::unknown: return "unknown";
    case CheckState::pending: return "pending";
    case CheckState::skip: return "skip";
  }
  return "unknown";
}

std::string redact_output(std::string_view text, const std::vector<std::string>& secrets) {
  std::vector<std::string> all = secrets;
  for (const auto& secret : secrets)
    if (secret.size() >= 3) all.push_back(base64_encode(secret));
  return mask_credentials(redact(text, all));
}

CheckResult make_result(std::string check, CheckState state, std::string summary, std::vector<std::string> details) {
  CheckResult result;
  result.check = std::move(check);
  result.state = state;
  result.summary = redact_output(summary);
  for (auto& detail : details) result.details.push_back(redact_output(detail));
  return result;
}

CheckResult error_result(std::string check, const Error& error) {
  // An error about a file keeps its FILE:LINE:COL; one about a server is its message.
  const std::string message = error.where().file.empty() ? error.message() : error.describe();
  const bool deadline = error.exit_class() == ExitClass::timeout;
  std::vector<std::string> details;
  if (!error.hint().empty()) details.push_back("hint: " + error.hint());
  CheckResult result =
      make_result(std::move(check), deadline ? CheckState::pending : CheckState::unknown, message, std::move(details));
  result.at_deadline = deadline;
  return result;
}

} // namespace intentctl
