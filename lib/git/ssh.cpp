#include "git/ssh.hpp"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <libssh2.h>

#include "util/base64.hpp"

namespace intentctl {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "host", "host:port", "[v6]" or "[v6]:port" (user names already cut off).
std::optional<SshEndpoint> endpoint_of_authority(std::string_view authority, bool port_allowed) {
  SshEndpoint endpoint;
  std::string_view rest;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    endpoint.host = std::string(authority.substr(1, close - 1));
    rest = authority.substr(close + 1);
  } else {
    const std::size_t colon = port_allowed ? authority.rfind(':') : std::string_view::npos;
    endpoint.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) rest = authority.substr(colon);
  }
  if (!rest.empty()) {
    if (!port_allowed || rest.front() != ':' || !all_digits(rest.substr(1)) || rest.size() > 6) return std::nullopt;
    endpoint.port = std::stoi(std::string(rest.substr(1)));
  }
  if (endpoint.host.empty()) return std::nullopt;
  return endpoint;
}

// OpenSSH's match_pattern: '*' any run, '?' any one character.
bool wildcard_match(std::string_view text, std::string_view pattern) {
  std::size_t t = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++t;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string hmac_sha1(std::string_view key, std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// "|1|salt|hash": the name hashed as ssh-keygen -H writes it.
bool hashed_name_matches(std::string_view field, const std::string& name) {
  const std::size_t bar = field.find('|', 3);
  if (bar == std::string_view::npos) return false;
  const auto salt = base64_decode(field.substr(3, bar - 3));
  const auto hash = base64_decode(field.substr(bar + 1));
  return salt && hash && hmac_sha1(*salt, name) == *hash;
}

// OpenSSH's match_hostname on a known_hosts host field: comma-separated
// patterns, no case, and a matching "!pattern" rules the host out.
bool host_field_matches(std::string_view field, const std::string& name) {
  if (field.starts_with("|1|")) return hashed_name_matches(field, name);
  bool matched = false;
  while (!field.empty()) {
    const std::size_t comma = field.find(',');
    std::string_view pattern = field.substr(0, comma);
    field = comma == std::string_view::npos ? std::string_view{} : field.substr(comma + 1);
    const bool negated = pattern.starts_with('!');
    if (negated) pattern.remove_prefix(1);
    if (!wildcard_match(name, lower(pattern))) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

// A string of the SSH wire format (uint32 length, then the bytes), moving on.
std::optional<std::string_view> wire_string(std::string_view& data) {
  if (data.size() < 4) return std::nullopt;
  const std::uint32_t length = (static_cast<std::uint32_t>(static_cast<unsigned char>(data[0])) << 24) |
                               (static_cast<std::uint32_t>(static_cast<unsigned char>(data[1])) << 16) |
                               (static_cast<std::uint32_t>(static_cast<unsigned char>(data[2])) << 8) |
                               static_cast<std::uint32_t>(static_cast<unsigned char>(data[3]));
  if (data.size() - 4 < length) return std::nullopt;
  const std::string_view value = data.substr(4, length);
  data.remove_prefix(4 + length);
  return value;
}

std::string read_start(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string text(limit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// The public key inside an OpenSSH-format private key: it is stored
// unencrypted before the (possibly encrypted) private part.
std::string openssh_private_key_type(std::string_view pem) {
  constexpr std::string_view begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
  const std::size_t start = pem.find(begin);
  const std::size_t end = pem.find("-----END", start);
  if (start == std::string_view::npos || end == std::string_view::npos) return {};
  const auto body = base64_decode(pem.substr(start + begin.size(), end - start - begin.size()));
  constexpr std::string_view magic{"openssh-key-v1\0", 15};
  if (!body || !std::string_view(*body).starts_with(magic)) return {};
  std::string_view data = std::string_view(*body).substr(magic.size());
  for (int skipped = 0; skipped < 3; ++skipped) // cipher, KDF, KDF options
    if (!wire_string(data)) return {};
  if (data.size() < 4) return {};
  data.remove_prefix(4); // the number of keys
  const auto public_key = wire_string(data);
  return public_key ? key_blob_type(*public_key) : std::string{};
}

std::string home_folder() {
  const char* home = std::getenv("HOME");
  return home && *home ? home : "";
}

std::string keyscan_line(const SshEndpoint& endpoint) {
  return fmt::format("ssh-keyscan -p {} {} >> ~/.ssh/known_hosts", endpoint.port, endpoint.host);
}

} // namespace

std::optional<SshEndpoint> ssh_endpoint(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    std::string_view authority = url.substr(scheme + 3);
    authority = authority.substr(0, authority.find('/'));
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    return endpoint_of_authority(authority, true);
  }
  // scp-like: [user@]host:path, where the host may be [an IPv6 address].
  std::string_view authority = url;
  if (const std::size_t at = authority.find('@'); at != std::string_view::npos && at < authority.find(':'))
    authority.remove_prefix(at + 1);
  const std::size_t colon = authority.starts_with('[') ? authority.find("]:") + 1 : authority.find(':');
  if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
  return endpoint_of_authority(authority.substr(0, colon), false);
}

std::string known_hosts_name(const SshEndpoint& endpoint) {
  const std::string host = lower(endpoint.host);
  return endpoint.port == 22 ? host : fmt::format("[{}]:{}", host, endpoint.port);
}

std::vector<std::string> default_known_hosts_files() {
  std::vector<std::string> files;
  if (const std::string home = home_folder(); !home.empty()) {
    files.push_back(home + "/.ssh/known_hosts");
    files.push_back(home + "/.ssh/known_hosts2");
  }
  files.push_back("/etc/ssh/ssh_known_hosts");
  files.push_back("/etc/ssh/ssh_known_hosts2");
  return files;
}

HostKeyVerdict check_host_key(const std::vector<std::string>& known_hosts_files, const SshEndpoint& endpoint,
                              std::string_view key_blob) {
  const std::string name = known_hosts_name(endpoint);
  const std::string offered_type = key_blob_type(key_blob);
  bool trusted = false;
  std::string changed_entry, revoked_entry;
  std::vector<std::string> other_types;
  for (const std::string& file : known_hosts_files) {
    std::ifstream in(file);
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
      std::istringstream fields(line);
      std::string marker, hosts, type, key;
      fields >> hosts;
      if (hosts.empty() || hosts.front() == '#') continue;
      if (hosts.front() == '@') {
        marker = hosts;
        fields >> hosts;
      }
      fields >> type >> key;
      if (key.empty() || marker == "@cert-authority" || !host_field_matches(hosts, name)) continue;
      const auto blob = base64_decode(key);
      if (!blob) continue;
      const std::string entry = fmt::format("{}:{}", file, number);
      if (*blob == key_blob) {
        if (marker == "@revoked") revoked_entry = entry;
        else trusted = true;
      } else if (marker.empty() && key_blob_type(*blob) == offered_type) {
        if (changed_entry.empty()) changed_entry = entry;
      } else if (marker.empty() && std::find(other_types.begin(), other_types.end(), type) == other_types.end()) {
        other_types.push_back(type);
      }
    }
  }
  if (!revoked_entry.empty()) return {HostKeyStatus::revoked, revoked_entry, {}};
  if (trusted) return {HostKeyStatus::trusted, {}, {}};
  if (!changed_entry.empty()) return {HostKeyStatus::changed, changed_entry, {}};
  return {HostKeyStatus::unknown, {}, other_types};
}

std::string host_key_refusal(const HostKeyVerdict& verdict, const SshEndpoint& endpoint, std::string_view key_blob) {
  const std::string name = known_hosts_name(endpoint);
  const std::string key = fmt::format("{} key {}", key_blob_type(key_blob), key_fingerprint(key_blob));
  switch (verdict.status) {
    case HostKeyStatus::trusted: return {};
    case HostKeyStatus::revoked:
      return fmt::format("the host key of {} ({}) is marked @revoked in {}; intentctl will not connect to it", name,
                         key, verdict.entry);
    case HostKeyStatus::changed: {
      // ssh-keygen -R alone edits the known_hosts of the passwd entry's home,
      // which is not always $HOME: the file is named.
      const std::string file = verdict.entry.substr(0, verdict.entry.rfind(':'));
      return fmt::format("the host key of {} has CHANGED: {} holds another key than the {} the server offered. "
                         "Someone may be intercepting the connection, or the server's key was replaced; if you know "
                         "it was replaced, remove the old key with: ssh-keygen -R '{}' -f {}, then trust the new one "
                         "with: {}",
                         name, verdict.entry, key, name, file, keyscan_line(endpoint));
    }
    case HostKeyStatus::unknown:
      return fmt::format("the host key of {} is unknown: no known_hosts entry holds it{}; the server offered {}. "
                         "Check that fingerprint with the server's owner, then trust it with: {}",
                         name,
                         verdict.other_types.empty()
                             ? std::string{}
                             : fmt::format(" (only {} keys are known for it)", fmt::join(verdict.other_types, ", ")),
                         key, keyscan_line(endpoint));
  }
  return {};
}

std::string key_blob_type(std::string_view key_blob) {
  const auto type = wire_string(key_blob);
  if (!type || type->empty() || type->size() > 64) return {};
  return std::string(*type);
}

std::string key_fingerprint(std::string_view key_blob) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key_blob.data()), key_blob.size(), digest);
  std::string text = base64_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
  while (text.ends_with('=')) text.pop_back();
  return "SHA256:" + text;
}

std::string private_key_type(const std::string& path) {
  std::istringstream public_key(read_start(path + ".pub", 16 << 10));
  std::string type;
  public_key >> type;
  if (type.starts_with("ssh-") || type.starts_with("ecdsa-") || type.starts_with("sk-")) return type;
  const std::string pem = read_start(path, 64 << 10);
  if (pem.find("-----BEGIN RSA PRIVATE KEY-----") != std::string::npos) return "ssh-rsa";
  if (pem.find("-----BEGIN DSA PRIVATE KEY-----") != std::string::npos) return "ssh-dss";
  if (pem.find("-----BEGIN EC PRIVATE KEY-----") != std::string::npos) return "ecdsa-sha2";
  return openssh_private_key_type(pem);
}

std::vector<std::string> agent_key_types() {
  std::vector<std::string> types;
  const char* socket = std::getenv("SSH_AUTH_SOCK");
  if (!socket || !*socket) return types;
  LIBSSH2_SESSION* session = libssh2_session_init();
  if (!session) return types;
  if (LIBSSH2_AGENT* agent = libssh2_agent_init(session)) {
    if (libssh2_agent_connect(agent) == 0) {
      if (libssh2_agent_list_identities(agent) == 0) {
        libssh2_agent_publickey* previous = nullptr;
        libssh2_agent_publickey* identity = nullptr;
        while (libssh2_agent_get_identity(agent, &identity, previous) == 0) {
          types.push_back(
              key_blob_type(std::string_view(reinterpret_cast<const char*>(identity->blob), identity->blob_len)));
          previous = identity;
        }
      }
      libssh2_agent_disconnect(agent);
    }
    libssh2_agent_free(agent);
  }
  libssh2_session_free(session);
  return types;
}

std::string rsa_sha1_limit() {
  if (libssh2_version(0x010b00)) return {}; // 1.11.0 signs RSA keys with SHA-2
  return fmt::format("libssh2 {} signs RSA keys with SHA-1 (ssh-rsa) only, which OpenSSH 8.8 and later refuse; use an "
                     "ed25519 key (ssh-keygen -t ed25519), or let the server accept ssh-rsa "
                     "(PubkeyAcceptedAlgorithms +ssh-rsa)",
                     libssh2_version(0));
}

} // namespace intentctl
