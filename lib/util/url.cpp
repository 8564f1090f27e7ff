#include "util/url.hpp"

#include <cctype>

namespace intentctl {

namespace {

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Authority {
  std::size_t start = 0;                   // just after "://"
  std::size_t at = std::string_view::npos; // the '@' ending the user information, if any
  bool ssh = false;
};

// The URL whose "://" is at scheme_end: where its authority starts and where
// its user information ends (the last '@' before the path, so that an '@'
// inside an unencoded password is masked too).
Authority authority_at(std::string_view text, std::size_t scheme_end) {
  Authority authority;
  authority.start = scheme_end + 3;
  std::size_t end = authority.start;
  while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' && text[end] != ' ' &&
         text[end] != '\'' && text[end] != '"' && text[end] != '\n' && text[end] != '\t')
    ++end;
  const std::size_t at = text.substr(authority.start, end - authority.start).rfind('@');
  if (at != std::string_view::npos) authority.at = authority.start + at;
  std::size_t word = scheme_end;
  while (word > 0 && (std::isalnum(static_cast<unsigned char>(text[word - 1])) || text[word - 1] == '+')) --word;
  authority.ssh = text.substr(word, scheme_end - word).find("ssh") != std::string_view::npos;
  return authority;
}

// What stays of user information: an ssh user name, never a password.
std::string_view kept_user(std::string_view userinfo, bool ssh) {
  return ssh ? userinfo.substr(0, userinfo.find(':')) : std::string_view();
}

} // namespace

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos;
       scheme_end = text.find("://", pos)) {
    const Authority authority = authority_at(text, scheme_end);
    out.append(text.substr(pos, authority.start - pos));
    pos = authority.start;
    if (authority.at == std::string_view::npos) continue;
    const std::string_view userinfo = text.substr(authority.start, authority.at - authority.start);
    const std::string_view user = kept_user(userinfo, authority.ssh);
    if (authority.ssh && user.size() == userinfo.size()) out.append(user); // no password: nothing to hide
    else out.append(user).append(user.empty() ? "***" : ":***");
    out += '@';
    pos = authority.at + 1;
  }
  out.append(text.substr(pos));
  for (const auto& secret : secrets) {
    if (secret.size() < 3) continue;
    for (std::size_t found = out.find(secret); found != std::string::npos; found = out.find(secret, found + 3))
      out.replace(found, secret.size(), "***");
  }
  return out;
}

std::string without_credentials(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const Authority authority = authority_at(url, scheme_end);
  if (authority.at == std::string_view::npos) return std::string(url);
  const std::string_view user = kept_user(url.substr(authority.start, authority.at - authority.start), authority.ssh);
  std::string out(url.substr(0, authority.start));
  if (!user.empty()) out.append(user).append("@");
  out.append(url.substr(authority.at + 1));
  return out;
}

bool is_ssh_url(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos) return url.substr(0, scheme_end).find("ssh") != std::string_view::npos;
  const std::size_t colon = url.find(':');
  return colon != std::string_view::npos && colon != 0 && colon < url.find('/');
}

std::string percent_encode(std::string_view text, std::string_view also_keep) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c) || also_keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

} // namespace intentctl
