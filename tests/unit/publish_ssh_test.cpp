#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <unistd.h>

#include "git/credentials.hpp"
#include "git/git.hpp"
#include "git/ssh.hpp"
#include "util/base64.hpp"

using namespace intentctl;
namespace fs = std::filesystem;

namespace {

// A public key (ssh-keygen -t ed25519), its fingerprint as ssh-keygen -l
// prints it, and a known_hosts line for [127.0.0.1]:2222 hashed by ssh-keygen -H.
constexpr const char* kKey = "AAAAC3NzaC1lZDI1NTE5AAAAINXSZWjuJ+5+rPFt1Nr6bWa2VNw87ShjIwj5gTt1BscF";
constexpr const char* kFingerprint = "SHA256:ixjaOUPRJWksJFo/aNuKbmJdrW4VDiF4+aW6HsIsSRE";
constexpr const char* kHashedLine = "|1|PtD7dMfIupIJSuDh79c/yn/0adw=|1OHflVlPxc6CADb7kX1ONq25Q0E= ssh-ed25519 "
                                    "AAAAC3NzaC1lZDI1NTE5AAAAINXSZWjuJ+5+rPFt1Nr6bWa2VNw87ShjIwj5gTt1BscF";
// Another ed25519 key, and an ECDSA key's blob (only its type matters here).
constexpr const char* kOtherKey = "AAAAC3NzaC1lZDI1NTE5AAAAIKHrWGMjsv11jc2Kme+YzCe1XxSJM/C8ar4CgPAhhhFW";

std::string blob(const char* base64) { return *base64_decode(base64); }

std::string wire(std::string_view text) {
  std::string out;
  const auto size = static_cast<std::uint32_t>(text.size());
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((size >> shift) & 0xff);
  return out + std::string(text);
}

struct KnownHosts {
  fs::path path;
  explicit KnownHosts(const std::string& text) {
    std::string pattern = (fs::temp_directory_path() / "intentctl-known-hosts-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path = pattern;
    std::ofstream(path) << text;
  }
  ~KnownHosts() { fs::remove(path); }
  HostKeyVerdict check(const std::string& host, int port, const char* key = kKey) const {
    return check_host_key({path.string(), (path.string() + ".missing")}, {host, port}, blob(key));
  }
};

// Sets an environment variable (unsets it for nullptr) until the end of the scope.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnvironment() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Asks the credentials callback a TransferContext installs, as libgit2 would;
// the credential it hands out is freed, as libgit2 frees it.
struct AskedCredentials {
  int result = 0;
  git_credential_t type{};
};
AskedCredentials ask(git_remote_callbacks& callbacks, const char* user, unsigned int allowed) {
  git_credential* credential = nullptr;
  AskedCredentials asked;
  asked.result = callbacks.credentials(&credential, "ssh://127.0.0.1:2222/site.git", user, allowed, callbacks.payload);
  if (credential) asked.type = credential->credtype;
  git_credential_free(credential);
  return asked;
}

} // namespace

// The callbacks libgit2 calls while it sets up an SSH connection, and the
// agent's key types, here outside any connection: the sanitizer build's SSH
// tests suppress libgit2's and libssh2's leaks by library
// (tests/support/lsan-ssh.supp), these tests report a leak of theirs.
TEST_CASE("the credential and host key callbacks, as libgit2 calls them") {
  git::ensure_initialised();
  CredentialSettings settings;
  settings.username = "git";
  settings.ssh = SshEndpoint{"127.0.0.1", 2222};
  const unsigned int ssh_key = GIT_CREDENTIAL_SSH_KEY;
  git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;

  SUBCASE("a key file, once: asked again means refused") {
    settings.ssh_key = "/nonexistent/id_ed25519";
    TransferContext context(settings, std::nullopt, nullptr);
    context.install(callbacks);
    CHECK(ask(callbacks, nullptr, GIT_CREDENTIAL_USERNAME).type == GIT_CREDENTIAL_USERNAME);
    const AskedCredentials first = ask(callbacks, "git", ssh_key);
    CHECK(first.result == 0);
    CHECK(first.type == GIT_CREDENTIAL_SSH_KEY);
    CHECK(ask(callbacks, "git", ssh_key).result == GIT_EUSER);
    CHECK(context.authentication_refused());
  }
  SUBCASE("ssh-agent, or nothing to offer") {
    {
      ScopedEnvironment agent("SSH_AUTH_SOCK", "/nonexistent/agent.sock");
      TransferContext context(settings, std::nullopt, nullptr);
      context.install(callbacks);
      CHECK(ask(callbacks, "git", ssh_key).type == GIT_CREDENTIAL_SSH_KEY);
      CHECK(agent_key_types().empty()); // libssh2's session and agent, made and freed
    }
    ScopedEnvironment no_agent("SSH_AUTH_SOCK", nullptr);
    CHECK(agent_key_types().empty());
    TransferContext context(settings, std::nullopt, nullptr);
    context.install(callbacks);
    CHECK(ask(callbacks, "git", ssh_key).result == GIT_EUSER);
    CHECK(context.credentials_missing());
  }
  SUBCASE("a password, once") {
    settings.secret = "s3cret";
    TransferContext context(settings, std::nullopt, nullptr);
    context.install(callbacks);
    CHECK(ask(callbacks, "git", GIT_CREDENTIAL_USERPASS_PLAINTEXT).type == GIT_CREDENTIAL_USERPASS_PLAINTEXT);
    CHECK(ask(callbacks, "git", GIT_CREDENTIAL_USERPASS_PLAINTEXT).result == GIT_EUSER);
    CHECK(context.authentication_refused());
  }
  SUBCASE("the SSH host key against ~/.ssh/known_hosts") {
    const fs::path home = fs::temp_directory_path() / fs::path("intentctl-home-" + std::to_string(::getpid()));
    fs::create_directories(home / ".ssh");
    std::ofstream(home / ".ssh" / "known_hosts") << "[127.0.0.1]:2222 ssh-ed25519 " << kKey << "\n";
    ScopedEnvironment home_variable("HOME", home.c_str());
    TransferContext context(settings, std::nullopt, nullptr);
    context.install(callbacks);
    const auto check = [&](const char* key) {
      const std::string raw = blob(key);
      git_cert_hostkey cert{};
      cert.parent.cert_type = GIT_CERT_HOSTKEY_LIBSSH2;
      cert.type = GIT_CERT_SSH_RAW;
      cert.hostkey = raw.data();
      cert.hostkey_len = raw.size();
      return callbacks.certificate_check(&cert.parent, 0, "127.0.0.1", callbacks.payload);
    };
    CHECK(check(kKey) == 0);
    CHECK(context.host_key_problem().empty());
    CHECK(check(kOtherKey) == GIT_ECERTIFICATE);
    CHECK(context.host_key_problem().find("has CHANGED") != std::string::npos);
    git_cert tls{GIT_CERT_X509};
    CHECK(callbacks.certificate_check(&tls, 0, "127.0.0.1", callbacks.payload) == GIT_PASSTHROUGH);
    fs::remove_all(home);
  }
}

TEST_CASE("ssh endpoints from URLs, and their known_hosts names") {
  auto endpoint = ssh_endpoint("ssh://git@git.example.net:2222/org/repo.git");
  REQUIRE(endpoint);
  CHECK(endpoint->host == "git.example.net");
  CHECK(endpoint->port == 2222);
  CHECK(known_hosts_name(*endpoint) == "[git.example.net]:2222");
  endpoint = ssh_endpoint("ssh://Git.Example.NET/org/repo.git");
  REQUIRE(endpoint);
  CHECK(endpoint->port == 22);
  CHECK(known_hosts_name(*endpoint) == "git.example.net");
  endpoint = ssh_endpoint("git@git.example.net:org/repo.git");
  REQUIRE(endpoint);
  CHECK(endpoint->host == "git.example.net");
  CHECK(endpoint->port == 22);
  endpoint = ssh_endpoint("ssh://user@[::1]:2200/srv/repo.git");
  REQUIRE(endpoint);
  CHECK(endpoint->host == "::1");
  CHECK(known_hosts_name(*endpoint) == "[::1]:2200");
  endpoint = ssh_endpoint("git@[fe80::1]:repo.git");
  REQUIRE(endpoint);
  CHECK(endpoint->host == "fe80::1");
  CHECK_FALSE(ssh_endpoint("ssh://host:port/x"));
  CHECK_FALSE(ssh_endpoint("ssh:///x"));
}

TEST_CASE("known_hosts: OpenSSH's name for a port, patterns, negations, hashes") {
  const std::string key = std::string("ssh-ed25519 ") + kKey;
  SUBCASE("an entry for port 22 is not one for another port") {
    KnownHosts file("127.0.0.1 " + key + "\n");
    CHECK(file.check("127.0.0.1", 22).status == HostKeyStatus::trusted);
    CHECK(file.check("127.0.0.1", 2222).status == HostKeyStatus::unknown);
  }
  SUBCASE("[host]:port, comments, blank lines, several names, any case") {
    KnownHosts file("# a comment\n\nother.example,[127.0.0.1]:2222 " + key + " the comment\n");
    CHECK(file.check("127.0.0.1", 2222).status == HostKeyStatus::trusted);
    CHECK(file.check("other.example", 22).status == HostKeyStatus::trusted);
    CHECK(file.check("OTHER.example", 22).status == HostKeyStatus::trusted);
    CHECK(file.check("127.0.0.1", 22).status == HostKeyStatus::unknown);
  }
  SUBCASE("wildcards and negation") {
    KnownHosts file("*.example.net,!bad.example.net " + key + "\n[10.0.0.?]:2222 " + key + "\n");
    CHECK(file.check("git.example.net", 22).status == HostKeyStatus::trusted);
    CHECK(file.check("bad.example.net", 22).status == HostKeyStatus::unknown);
    CHECK(file.check("10.0.0.7", 2222).status == HostKeyStatus::trusted);
    CHECK(file.check("10.0.0.17", 2222).status == HostKeyStatus::unknown);
  }
  SUBCASE("hashed names") {
    KnownHosts file(std::string(kHashedLine) + "\n");
    CHECK(file.check("127.0.0.1", 2222).status == HostKeyStatus::trusted);
    CHECK(file.check("127.0.0.1", 22).status == HostKeyStatus::unknown);
    CHECK(file.check("127.0.0.2", 2222).status == HostKeyStatus::unknown);
  }
  SUBCASE("changed: the same type, another key; the entry is named") {
    KnownHosts file("[127.0.0.1]:2222 ssh-ed25519 " + std::string(kOtherKey) + "\n");
    const HostKeyVerdict verdict = file.check("127.0.0.1", 2222);
    CHECK(verdict.status == HostKeyStatus::changed);
    CHECK(verdict.entry == file.path.string() + ":1");
    const std::string message = host_key_refusal(verdict, {"127.0.0.1", 2222}, blob(kKey));
    CHECK(message.find("has CHANGED") != std::string::npos);
    CHECK(message.find(std::string("ssh-ed25519 key ") + kFingerprint) != std::string::npos);
    CHECK(message.find("ssh-keygen -R '[127.0.0.1]:2222' -f " + file.path.string()) != std::string::npos);
    CHECK(message.find("ssh-keyscan -p 2222 127.0.0.1 >> ~/.ssh/known_hosts") != std::string::npos);
  }
  SUBCASE("unknown: only keys of other types are known") {
    const std::string ecdsa = base64_encode(wire("ecdsa-sha2-nistp256") + wire("nistp256") + wire("point"));
    KnownHosts file("[127.0.0.1]:2222 ecdsa-sha2-nistp256 " + ecdsa + "\n");
    const HostKeyVerdict verdict = file.check("127.0.0.1", 2222);
    CHECK(verdict.status == HostKeyStatus::unknown);
    CHECK(verdict.other_types == std::vector<std::string>{"ecdsa-sha2-nistp256"});
    const std::string message = host_key_refusal(verdict, {"127.0.0.1", 2222}, blob(kKey));
    CHECK(message ==
          "the host key of [127.0.0.1]:2222 is unknown: no known_hosts entry holds it (only ecdsa-sha2-nistp256 keys "
          "are known for it); the server offered ssh-ed25519 key " +
              std::string(kFingerprint) +
              ". Check that fingerprint with the server's owner, then trust it with: ssh-keyscan -p 2222 127.0.0.1 >> "
              "~/.ssh/known_hosts");
  }
  SUBCASE("@revoked wins; @cert-authority lines are not host keys") {
    KnownHosts file("[127.0.0.1]:2222 " + key + "\n@revoked [127.0.0.1]:2222 " + key + "\n");
    CHECK(file.check("127.0.0.1", 2222).status == HostKeyStatus::revoked);
    KnownHosts ca("@cert-authority [127.0.0.1]:2222 " + key + "\n");
    CHECK(ca.check("127.0.0.1", 2222).status == HostKeyStatus::unknown);
  }
  SUBCASE("broken lines are skipped") {
    KnownHosts file("[127.0.0.1]:2222\n[127.0.0.1]:2222 ssh-ed25519 not*base64\n[127.0.0.1]:2222 " + key + "\n");
    CHECK(file.check("127.0.0.1", 2222).status == HostKeyStatus::trusted);
  }
}

TEST_CASE("key types and fingerprints") {
  CHECK(key_blob_type(blob(kKey)) == "ssh-ed25519");
  CHECK(key_blob_type("") == "");
  CHECK(key_fingerprint(blob(kKey)) == kFingerprint);

  const fs::path folder = fs::temp_directory_path() / fs::path("intentctl-key-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const std::string key = (folder / "id").string();
  // An OpenSSH private key: its public key stands before the encrypted part.
  const std::string rsa_public = wire("ssh-rsa") + wire("\x01\x00\x01") + wire("modulus");
  const std::string body = std::string("openssh-key-v1\0", 15) + wire("aes256-ctr") + wire("bcrypt") + wire("salt") +
                           std::string("\0\0\0\1", 4) + wire(rsa_public) + wire("encrypted part");
  std::ofstream(key) << "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                     << base64_encode(body) << "\n-----END OPENSSH PRIVATE KEY-----\n";
  CHECK(private_key_type(key) == "ssh-rsa");
  std::ofstream(key + ".pub") << "ssh-ed25519 " << kKey << " me@host\n";
  CHECK(private_key_type(key) == "ssh-ed25519"); // the .pub beside it wins
  fs::remove(key + ".pub");
  std::ofstream(key) << "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n";
  CHECK(private_key_type(key) == "ssh-rsa");
  std::ofstream(key) << "not a key";
  CHECK(private_key_type(key) == "");
  CHECK(private_key_type((folder / "missing").string()) == "");
  fs::remove_all(folder);
}
