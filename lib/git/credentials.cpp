#include "git/credentials.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace intentctl {

namespace {

std::string environment(const std::string& name) {
  if (name.empty()) return {};
  const char* value = std::getenv(name.c_str());
  return value ? value : "";
}

std::string first_non_empty(std::initializer_list<std::string> values) {
  for (const auto& value : values)
    if (!value.empty()) return value;
  return {};
}

} // namespace

CredentialSettings resolve_credentials(const Site& site, const RemoteUrl& remote, const std::string& ssh_key_flag) {
  CredentialSettings settings;
  const std::string site_token = environment(site.auth.token_env);
  const std::string global_token = environment("INTENTCTL_GIT_TOKEN");
  settings.username = first_non_empty(
      {environment(site.auth.username_env), remote.username, environment("INTENTCTL_GIT_USERNAME"), "git"});
  if (!site_token.empty()) {
    settings.secret = site_token;
    settings.secret_origin = site.auth.token_env;
  } else if (!remote.password.empty()) {
    settings.secret = remote.password;
    settings.secret_origin = "the URL";
  } else if (!global_token.empty()) {
    settings.secret = global_token;
    settings.secret_origin = "INTENTCTL_GIT_TOKEN";
  }
  for (const auto& secret : {site_token, remote.password, global_token})
    if (!secret.empty()) settings.secrets.push_back(secret);
  // A user name alone in an http(s) URL is how some hosts take a token.
  if (remote.kind == RemoteKind::http && remote.password.empty() && !remote.username.empty())
    settings.secrets.push_back(remote.username);
  settings.ssh_key = first_non_empty({ssh_key_flag, site.auth.ssh_key});
  if (remote.kind == RemoteKind::ssh) {
    settings.ssh = ssh_endpoint(remote.url);
    settings.hint = settings.ssh_key.empty() ? "load a key into ssh-agent or give --ssh-key FILE"
                                             : fmt::format("check the key {} (--ssh-key)", settings.ssh_key);
  } else if (!site.auth.token_env.empty())
    settings.hint = fmt::format("set {} (the site's tokenEnv) or INTENTCTL_GIT_TOKEN", site.auth.token_env);
  else settings.hint = "set INTENTCTL_GIT_TOKEN or the site's tokenEnv";
  return settings;
}

std::string refused_hint(const CredentialSettings& settings) {
  if (!settings.ssh) return settings.hint;
  const std::string limit = rsa_sha1_limit();
  if (!settings.ssh_key.empty()) {
    if (!limit.empty() && private_key_type(settings.ssh_key) == "ssh-rsa")
      return fmt::format("{} is an RSA key, and {}", settings.ssh_key, limit);
    return settings.hint;
  }
  const std::vector<std::string> types = agent_key_types();
  if (types.empty()) return "ssh-agent offers no key: add one with ssh-add, or give --ssh-key FILE";
  const auto rsa = std::count(types.begin(), types.end(), "ssh-rsa");
  if (limit.empty() || rsa == 0) return fmt::format("check the keys ssh-agent offers ({})", fmt::join(types, ", "));
  return fmt::format("ssh-agent offers {} ({}), and {}",
                     rsa == static_cast<long>(types.size()) ? "only RSA keys" : "RSA keys", fmt::join(types, ", "),
                     limit);
}

TransferContext::TransferContext(const CredentialSettings& credentials, std::optional<Clock::time_point> deadline,
                                 const std::atomic<bool>* cancelled)
    : credentials_(credentials), watch_(deadline, cancelled) {}

void TransferContext::install(git_remote_callbacks& callbacks) {
  callbacks.credentials = on_credentials;
  callbacks.certificate_check = on_certificate_check;
  callbacks.transfer_progress = on_transfer;
  callbacks.sideband_progress = on_sideband;
  callbacks.push_transfer_progress = on_push_transfer;
  callbacks.pack_progress = on_pack_progress;
  callbacks.push_update_reference = on_push_update;
  callbacks.push_negotiation = on_push_negotiation;
  callbacks.payload = this;
}

void TransferContext::install(git_packbuilder* builder) {
  git_packbuilder_set_callbacks(builder, on_pack_progress, this);
}

void TransferContext::expect_remote(const std::string& ref, const git_oid& old) {
  expected_ref_ = ref;
  expected_old_ = old;
}

void TransferContext::show_progress(const TaskProgress& progress, const char* objects_phase) {
  progress_ = progress;
  objects_phase_ = objects_phase;
}

int TransferContext::keep_going(const Phase& phase) {
  const int verdict = keep_going();
  if (verdict == 0 && phase.what) progress_.report(phase);
  return verdict;
}

int TransferContext::keep_going() {
  if (const StopReason reason = watch_.check(); reason != StopReason::none) {
    git_error_set_str(GIT_ERROR_CALLBACK, describe(reason).c_str());
    return GIT_EUSER;
  }
  watch_.progress();
  return 0;
}

int TransferContext::on_credentials(git_credential** out, const char*, const char* username_from_url,
                                    unsigned int allowed, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  if (int stop = self.keep_going()) return stop;
  const CredentialSettings& settings = self.credentials_;
  const std::string username = username_from_url && *username_from_url ? username_from_url : settings.username;
  if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
    // Asked again after an answer means the server refused it.
    if (self.tried_password_) self.refused_ = true;
    else if (settings.secret.empty()) self.missing_ = true;
    else {
      self.tried_password_ = true;
      return git_credential_userpass_plaintext_new(out, username.c_str(), settings.secret.c_str());
    }
  } else if (allowed & GIT_CREDENTIAL_SSH_KEY) {
    if (self.tried_ssh_key_) {
      self.refused_ = true;
    } else if (!settings.ssh_key.empty()) {
      self.tried_ssh_key_ = true;
      const std::string public_key = settings.ssh_key + ".pub";
      const char* passphrase = std::getenv("INTENTCTL_SSH_PASSPHRASE");
      return git_credential_ssh_key_new(out, username.c_str(),
                                        std::filesystem::exists(public_key) ? public_key.c_str() : nullptr,
                                        settings.ssh_key.c_str(), passphrase);
    } else if (std::getenv("SSH_AUTH_SOCK")) {
      self.tried_ssh_key_ = true;
      return git_credential_ssh_key_from_agent(out, username.c_str());
    } else {
      self.missing_ = true;
    }
  } else if (allowed & GIT_CREDENTIAL_USERNAME) {
    return git_credential_username_new(out, username.c_str());
  } else {
    self.missing_ = true;
  }
  git_error_set_str(GIT_ERROR_CALLBACK, self.refused_ ? "authentication refused" : "no credentials");
  return GIT_EUSER;
}

// libgit2 1.5 asks libssh2, which accepts an entry for port 22 on any port
// and says "invalid or unknown" for an unknown and a changed key alike: the
// SSH host key is judged here instead. TLS certificates keep libgit2's check.
int TransferContext::on_certificate_check(git_cert* cert, int, const char*, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2 || !self.credentials_.ssh) return GIT_PASSTHROUGH;
  const auto* hostkey = reinterpret_cast<const git_cert_hostkey*>(cert);
  if (!(hostkey->type & GIT_CERT_SSH_RAW)) {
    self.host_key_problem_ = "the SSH server's host key cannot be read to check it against known_hosts";
  } else {
    const std::string_view blob(hostkey->hostkey, hostkey->hostkey_len);
    const SshEndpoint& endpoint = *self.credentials_.ssh;
    self.host_key_problem_ =
        host_key_refusal(check_host_key(default_known_hosts_files(), endpoint, blob), endpoint, blob);
  }
  if (self.host_key_problem_.empty()) return 0;
  git_error_set_str(GIT_ERROR_SSH, self.host_key_problem_.c_str());
  return GIT_ECERTIFICATE;
}

int TransferContext::on_transfer(const git_indexer_progress* stats, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  return self.keep_going({self.objects_phase_, stats->received_objects, stats->total_objects, stats->received_bytes});
}

// git_packbuilder_write (libgit2 1.5) leaves the byte count of its progress
// unset: objects only.
int TransferContext::on_pack_write(const git_indexer_progress* stats, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  return self.keep_going({self.objects_phase_, stats->received_objects, stats->total_objects, 0});
}

void TransferContext::objects_counted(std::size_t count) {
  if (objects_phase_) progress_.report({"counting objects", count, 0, 0});
}

int TransferContext::on_sideband(const char* text, int length, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  if (text && length > 0) {
    constexpr std::size_t kKept = 4096;
    self.remote_messages_.append(text, static_cast<std::size_t>(length));
    if (self.remote_messages_.size() > kKept) self.remote_messages_.erase(0, self.remote_messages_.size() - kKept);
  }
  return self.keep_going();
}

int TransferContext::on_push_transfer(unsigned int current, unsigned int total, size_t bytes, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  return self.keep_going({self.objects_phase_, current, total, bytes});
}

// libgit2 calls it at most every half second while it builds a pack.
int TransferContext::on_pack_progress(int stage, uint32_t current, uint32_t total, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  if (!self.objects_phase_) return self.keep_going();
  if (stage == GIT_PACKBUILDER_ADDING_OBJECTS) return self.keep_going({"counting objects", current, 0, 0});
  return self.keep_going({"compressing objects", current, total, 0});
}

int TransferContext::on_push_update(const char*, const char* status, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  if (status) self.rejection_ = status;
  return 0;
}

// libgit2 takes the old value it sends from the push's own connection, which
// may already show someone else's newer commit: sent as it is, the server's
// check would pass and the branch would move from a value publish never saw.
int TransferContext::on_push_negotiation(const git_push_update** updates, size_t count, void* payload) {
  auto& self = *static_cast<TransferContext*>(payload);
  for (std::size_t i = 0; i < count; ++i) {
    if (self.expected_ref_ != updates[i]->dst_refname || git_oid_equal(&updates[i]->src, &self.expected_old_)) continue;
    self.remote_moved_ = true;
    git_error_set_str(GIT_ERROR_CALLBACK, "the branch moved on the remote");
    return GIT_EUSER;
  }
  return self.keep_going();
}

} // namespace intentctl
