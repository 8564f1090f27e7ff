// What intentctl checks and explains about SSH remotes on its own, because
// libgit2 1.5 and libssh2 1.10 do not do it the way OpenSSH users expect:
// the server's host key is looked up in the known_hosts files by OpenSSH's
// rules ("[host]:port" for a port other than 22, wildcards, negations, hashed
// names, @revoked), an unknown key is told apart from a changed one, and an
// RSA user key that this libssh2 can only sign with SHA-1 is named as the
// reason a server refused it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intentctl {

struct SshEndpoint {
  std::string host; // as the URL names it (an IPv6 address without brackets)
  int port = 22;
};

// The host and port of an ssh:// URL or an scp-like "user@host:path".
std::optional<SshEndpoint> ssh_endpoint(std::string_view url);

// How OpenSSH names the endpoint in known_hosts: "host" on port 22,
// "[host]:port" on any other.
std::string known_hosts_name(const SshEndpoint& endpoint);

// ~/.ssh/known_hosts, ~/.ssh/known_hosts2, /etc/ssh/ssh_known_hosts and
// /etc/ssh/ssh_known_hosts2, as OpenSSH reads them by default.
std::vector<std::string> default_known_hosts_files();

enum class HostKeyStatus { trusted, unknown, changed, revoked };

struct HostKeyVerdict {
  HostKeyStatus status = HostKeyStatus::unknown;
  std::string entry;                    // FILE:LINE of the entry that decided a changed or revoked key
  std::vector<std::string> other_types; // key types known for the host when the offered type is not
};

// key_blob is the server's public key in SSH wire format (what known_hosts
// holds in base64).
HostKeyVerdict check_host_key(const std::vector<std::string>& known_hosts_files, const SshEndpoint& endpoint,
                              std::string_view key_blob);

// The refusal for people: unknown or changed, the key's fingerprint, and the
// commands that trust the server (ssh-keyscan) or drop its old key (ssh-keygen -R).
std::string host_key_refusal(const HostKeyVerdict& verdict, const SshEndpoint& endpoint, std::string_view key_blob);

// "ssh-ed25519" from a key blob; "" when it is not one.
std::string key_blob_type(std::string_view key_blob);
// "SHA256:..." as ssh-keygen -l prints it.
std::string key_fingerprint(std::string_view key_blob);

// The type of a private key file ("ssh-rsa", "ssh-ed25519", ...): from FILE.pub
// when there is one, else from the key itself (OpenSSH and PEM formats, read
// without its passphrase). "" when it cannot be told.
std::string private_key_type(const std::string& path);

// The types of the keys ssh-agent offers ($SSH_AUTH_SOCK); empty when there is
// no agent or it holds no key.
std::vector<std::string> agent_key_types();

// Why a server may refuse an RSA key: libssh2 before 1.11 signs with ssh-rsa
// (SHA-1) only, which OpenSSH 8.8 and later refuse. "" with a newer libssh2.
std::string rsa_sha1_limit();

} // namespace intentctl
