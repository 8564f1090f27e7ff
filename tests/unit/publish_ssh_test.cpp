#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "git/ssh.hpp"
#include "util/base64.hpp"

using namespace intentctl;
namespace fs = std::filesystem;

namespace {

// A public key (ssh-keygen -t ed25519), its fingerprint as ssh-keygen -l
// prints it, and a known_hosts line for [127.0.0.1]:2222 hashed by ssh-keygen -H.
constexpr const char* kKey = "AAAAC3NzaC1lZDI1NTE5AAAAINXSZWjuJ+5+rPFt1Nr6bWa2VNw87ShjIwj5gTt1BscF";
constexpr const char* kFingerprint = "SHA256:ixjaOUPRJWksJFo/aNuKbmJdrW4VDiF4+aW6HsIsSRE";
constexpr const char* kHashedLine =
    "|1|PtD7dMfIupIJSuDh79c/yn/0adw=|1OHflVlPxc6CADb7kX1ONq25Q0E= ssh-ed25519 "
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

} // namespace

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
  std::ofstream(key) << "-----BEGIN OPENSSH PRIVATE KEY-----\n" << base64_encode(body)
                     << "\n-----END OPENSSH PRIVATE KEY-----\n";
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
