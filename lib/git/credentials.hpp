// Credentials for one site's remote, and the libgit2 callbacks that hand them
// out. Secrets come from environment variables (the site's own tokenEnv, then
// INTENTCTL_GIT_TOKEN) or the URL; SSH keys from --ssh-key, the site's sshKey or
// ssh-agent. Nothing ever prompts: every callback gives up after one refused
// attempt, which also keeps libgit2 from asking again and again. An SSH
// server's host key is checked against known_hosts here (see git/ssh.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

#include "git/remote_url.hpp"
#include "git/ssh.hpp"
#include "git/transfer_watch.hpp"
#include "io/progress.hpp"
#include "sites/sites.hpp"

namespace intentctl {

struct CredentialSettings {
  std::string username;             // for HTTP basic auth and SSH
  std::string secret;               // password or token; "" when none was found
  std::string secret_origin;        // "EDGE1_GIT_TOKEN", "INTENTCTL_GIT_TOKEN", "the URL"
  std::string ssh_key;              // private key file; "" means ssh-agent
  std::string hint;                 // what to set, for the authentication error
  std::vector<std::string> secrets; // every value that must never be printed
  std::optional<SshEndpoint> ssh;   // the server whose host key is checked; nullopt for other transports
};

// Reads the environment and the URL; flags win over the sites file.
CredentialSettings resolve_credentials(const Site& site, const RemoteUrl& remote, const std::string& ssh_key_flag);

// What to do when a server refused the credentials: the hint, and for SSH the
// reason an RSA key (given, or in ssh-agent) may have been refused.
std::string refused_hint(const CredentialSettings& settings);

// What one network operation (a fetch or a push) hands libgit2 as callback
// payload: the credentials, the deadline, and what went wrong. Its
// TransferWatch bounds the operation's blocking socket calls, so it lives on
// the stack of the thread that runs the operation, for as long as the operation.
class TransferContext {
 public:
  using Clock = std::chrono::steady_clock;
  TransferContext(const CredentialSettings& credentials, std::optional<Clock::time_point> deadline,
                  const std::atomic<bool>* cancelled);
  TransferContext(const TransferContext&) = delete;
  TransferContext& operator=(const TransferContext&) = delete;

  // Fills in the callbacks and the payload.
  void install(git_remote_callbacks& callbacks);
  // The same for packing: a long pack stops at Ctrl-C or the deadline.
  void install(git_packbuilder* builder);
  // The progress callback of git_packbuilder_write, to be given this as payload.
  static git_indexer_progress_cb write_progress() { return on_pack_write; }
  // A pack's objects are all counted (libgit2 reports the count only now and then).
  void objects_counted(std::size_t count);
  // Tells progress what the transfer's objects are doing: counted and
  // compressed while a pack is built, then moving as objects_phase says
  // ("receiving objects" in a fetch, "writing objects" into the cache,
  // "sending objects" in a push).
  void show_progress(const TaskProgress& progress, const char* objects_phase);

  // A push moves ref only from old (all zeros: ref must not exist yet). The
  // server checks the old value it is sent; this makes sure that value is
  // the one publish built on, not whatever the push's own connection found.
  void expect_remote(const std::string& ref, const git_oid& old);
  // The push stopped because ref was no longer at the expected value.
  bool remote_moved() const { return remote_moved_; }

  bool authentication_refused() const { return refused_; }
  bool credentials_missing() const { return missing_; }
  // Why the watch stopped the operation (deadline, Ctrl-C, a silent server), or none.
  StopReason stop_reason() const { return watch_.reason(); }
  // Why the SSH server's host key was not trusted; "" when it was (or not SSH).
  const std::string& host_key_problem() const { return host_key_problem_; }
  // Set by the push callbacks: the remote's answer for a rejected reference.
  const std::string& rejection() const { return rejection_; }
  // What the remote printed for people ("remote: ..." in git), such as a
  // hook's reason for declining; the last few KiB.
  const std::string& remote_messages() const { return remote_messages_; }

 private:
  static int on_credentials(git_credential** out, const char* url, const char* username_from_url, unsigned int allowed,
                            void* payload);
  static int on_certificate_check(git_cert* cert, int valid, const char* host, void* payload);
  static int on_transfer(const git_indexer_progress* stats, void* payload);
  static int on_pack_write(const git_indexer_progress* stats, void* payload);
  static int on_sideband(const char* text, int length, void* payload);
  static int on_push_transfer(unsigned int current, unsigned int total, size_t bytes, void* payload);
  static int on_pack_progress(int stage, uint32_t current, uint32_t total, void* payload);
  static int on_push_update(const char* refname, const char* status, void* payload);
  static int on_push_negotiation(const git_push_update** updates, size_t count, void* payload);
  int keep_going();
  int keep_going(const Phase& phase);

  const CredentialSettings& credentials_;
  TransferWatch watch_;
  bool tried_password_ = false;
  bool tried_ssh_key_ = false;
  bool refused_ = false;
  bool missing_ = false;
  std::string rejection_;
  std::string host_key_problem_;
  std::string remote_messages_;
  std::string expected_ref_;
  git_oid expected_old_{};
  bool remote_moved_ = false;
  TaskProgress progress_;
  const char* objects_phase_ = nullptr;
};

} // namespace intentctl
