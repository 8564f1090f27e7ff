// Credentials for one site's remote, and the libgit2 callbacks that hand them
// out. Secrets come from environment variables (the site's own tokenEnv, then
// INTENTCTL_GIT_TOKEN) or the URL; SSH keys from --ssh-key, the site's sshKey or
// ssh-agent. Nothing ever prompts: every callback gives up after one refused
// attempt, which also keeps libgit2 from asking again and again. An SSH
// server's host key is checked against known_hosts here (see publish/ssh.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

#include "publish/remote_url.hpp"
#include "publish/ssh.hpp"
#include "sites/sites.hpp"

namespace intentctl {

struct CredentialSettings {
  std::string username;      // for HTTP basic auth and SSH
  std::string secret;        // password or token; "" when none was found
  std::string secret_origin; // "EDGE1_GIT_TOKEN", "INTENTCTL_GIT_TOKEN", "the URL"
  std::string ssh_key;       // private key file; "" means ssh-agent
  std::string hint;          // what to set, for the authentication error
  std::vector<std::string> secrets; // every value that must never be printed
  std::optional<SshEndpoint> ssh; // the server whose host key is checked; nullopt for other transports
};

// Reads the environment and the URL; flags win over the sites file.
CredentialSettings resolve_credentials(const Site& site, const RemoteUrl& remote, const std::string& ssh_key_flag);

// What to do when a server refused the credentials: the hint, and for SSH the
// reason an RSA key (given, or in ssh-agent) may have been refused.
std::string refused_hint(const CredentialSettings& settings);

// What one network operation (a fetch or a push) hands libgit2 as callback
// payload: the credentials, the deadline, and what went wrong.
class TransferContext {
 public:
  using Clock = std::chrono::steady_clock;
  TransferContext(const CredentialSettings& credentials, std::optional<Clock::time_point> deadline,
                  const std::atomic<bool>* cancelled);

  // Fills in the callbacks and the payload.
  void install(git_remote_callbacks& callbacks);
  // The same for packing: a long pack stops at Ctrl-C or the deadline.
  void install(git_packbuilder* builder);
  // The progress callback of git_packbuilder_write, to be given this as payload.
  static git_indexer_progress_cb write_progress() { return on_transfer; }

  bool authentication_refused() const { return refused_; }
  bool credentials_missing() const { return missing_; }
  bool timed_out() const { return timed_out_; }
  bool cancelled() const { return cancelled_by_caller_; }
  // Why the SSH server's host key was not trusted; "" when it was (or not SSH).
  const std::string& host_key_problem() const { return host_key_problem_; }
  // Set by the push callbacks: the remote's answer for a rejected reference.
  const std::string& rejection() const { return rejection_; }

 private:
  static int on_credentials(git_credential** out, const char* url, const char* username_from_url,
                            unsigned int allowed, void* payload);
  static int on_certificate_check(git_cert* cert, int valid, const char* host, void* payload);
  static int on_transfer(const git_indexer_progress* stats, void* payload);
  static int on_sideband(const char* text, int length, void* payload);
  static int on_push_transfer(unsigned int current, unsigned int total, size_t bytes, void* payload);
  static int on_pack_progress(int stage, uint32_t current, uint32_t total, void* payload);
  static int on_push_update(const char* refname, const char* status, void* payload);
  int keep_going();

  const CredentialSettings& credentials_;
  std::optional<Clock::time_point> deadline_;
  const std::atomic<bool>* cancel_flag_;
  bool tried_password_ = false;
  bool tried_ssh_key_ = false;
  bool refused_ = false;
  bool missing_ = false;
  bool timed_out_ = false;
  bool cancelled_by_caller_ = false;
  std::string rejection_;
  std::string host_key_problem_;
};

} // namespace intentctl
