#include "git/remote_url.hpp"

#include <algorithm>
#include <filesystem>

namespace intentctl {

RemoteUrl parse_remote_url(std::string_view written, std::string_view base) {
  RemoteUrl remote;
  remote.display = std::string(written);
  const std::size_t scheme_end = written.find("://");
  if (scheme_end == std::string_view::npos) {
    if (is_ssh_url(written)) { // scp-like: git's rule, a colon before the first slash
      remote.kind = RemoteKind::ssh;
      remote.url = std::string(written);
      if (const std::size_t at = written.find('@'); at != std::string_view::npos && at < written.find(':'))
        remote.username = std::string(written.substr(0, at));
      return remote;
    }
    remote.kind = RemoteKind::local;
    std::filesystem::path path(written);
    if (path.is_relative()) path = std::filesystem::path(base) / path;
    remote.url = path.lexically_normal().string();
    return remote;
  }
  const std::string scheme(written.substr(0, scheme_end));
  if (scheme == "http" || scheme == "https") remote.kind = RemoteKind::http;
  else if (scheme == "file") remote.kind = RemoteKind::file;
  else remote.kind = RemoteKind::ssh; // ssh://, git+ssh://, ssh+git://; libgit2 rejects what it cannot speak
  const std::size_t authority = scheme_end + 3;
  const std::size_t path_start = std::min(written.find('/', authority), written.size());
  const std::size_t at = written.rfind('@', path_start == written.size() ? written.size() : path_start);
  if (at == std::string_view::npos || at < authority) {
    remote.url = std::string(written);
    return remote;
  }
  const std::string_view userinfo = written.substr(authority, at - authority);
  const std::size_t colon = userinfo.find(':');
  remote.username = percent_decode(userinfo.substr(0, colon));
  if (colon != std::string_view::npos) remote.password = percent_decode(userinfo.substr(colon + 1));
  const std::string rest(written.substr(at + 1));
  const std::string prefix = scheme + "://";
  if (remote.kind == RemoteKind::ssh) {
    // An ssh user name is not a secret and the server needs it in the URL.
    remote.url = prefix + std::string(userinfo.substr(0, colon)) + "@" + rest;
    remote.display =
        colon == std::string_view::npos ? remote.url : prefix + std::string(userinfo.substr(0, colon)) + ":***@" + rest;
  } else {
    remote.url = prefix + rest;
    remote.display = prefix + "***@" + rest;
  }
  return remote;
}

std::string local_folder(const RemoteUrl& remote) {
  if (remote.kind == RemoteKind::local) return remote.url;
  if (remote.kind != RemoteKind::file) return {};
  std::string_view rest = std::string_view(remote.url).substr(std::string_view("file://").size());
  if (rest.starts_with("localhost/")) rest.remove_prefix(std::string_view("localhost").size());
  return percent_decode(rest);
}

} // namespace intentctl
