#include "verify/exec_credential.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "io/fields.hpp"
#include "io/writer.hpp"
#include "util/base64.hpp"
#include "util/time.hpp"

extern char** environ;

namespace intentctl {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t max_output_bytes = std::size_t{1} << 20;
// A plugin may log in through a browser elsewhere, but never forever.
constexpr std::chrono::seconds plugin_limit{60};

struct ProcessOutput {
  int status = 0; // as waitpid reports it
  std::string out;
  std::string err;
  bool timed_out = false;
};

class Pipe {
 public:
  Pipe() {
    if (::pipe2(fds_, O_CLOEXEC) != 0)
      throw external_error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() { close_fd(fds_[0]); }
  void close_write() { close_fd(fds_[1]); }

 private:
  static void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

std::vector<std::string> child_environment(const ExecConfig& exec, const std::string& exec_info) {
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string_view text(*entry);
    const std::string_view name = text.substr(0, text.find('='));
    bool replaced = name == "KUBERNETES_EXEC_INFO";
    for (const auto& [key, value] : exec.env) replaced = replaced || name == key;
    if (!replaced) env.emplace_back(text);
  }
  for (const auto& [key, value] : exec.env) env.push_back(key + "=" + value);
  env.push_back("KUBERNETES_EXEC_INFO=" + exec_info);
  return env;
}

// Reads both pipes until the child closes them or the deadline passes.
void collect(int out_fd, int err_fd, Clock::time_point deadline, ProcessOutput& output) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* buffers[2] = {&output.out, &output.err};
  int open = 2;
  char chunk[8192];
  while (open > 0) {
    const auto now = Clock::now();
    if (now >= deadline) {
      output.timed_out = true;
      return;
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t bytes = ::read(fds[i].fd, chunk, sizeof chunk);
      if (bytes <= 0) {
        fds[i].fd = -1;
        --open;
      } else if (buffers[i]->size() < max_output_bytes) {
        buffers[i]->append(chunk, static_cast<std::size_t>(bytes));
      }
    }
  }
}

ProcessOutput run_process(const ExecConfig& exec, const std::string& exec_info, Clock::time_point deadline) {
  Pipe out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);

  std::vector<std::string> argv_text{exec.command};
  argv_text.insert(argv_text.end(), exec.args.begin(), exec.args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = child_environment(exec, exec_info);
  std::vector<char*> envp;
  for (auto& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = exec.command.find('/') != std::string::npos
                          ? posix_spawn(&pid, exec.command.c_str(), &actions, nullptr, argv.data(), envp.data())
                          : posix_spawnp(&pid, exec.command.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    Error error =
        external_error(fmt::format("cannot run exec plugin \"{}\": {}", exec.command, std::strerror(spawned)));
    throw error.with_hint(exec.install_hint); // the kubeconfig's installHint, as kubectl shows it

  }
  out.close_write();
  err.close_write();
  ProcessOutput output;
  collect(out.read_end(), err.read_end(), deadline, output);
  if (output.timed_out) ::kill(pid, SIGKILL);
  while (::waitpid(pid, &output.status, 0) < 0 && errno == EINTR) {}
  return output;
}

std::string exec_info(const ExecConfig& exec, const KubeEndpoint& endpoint) {
  Node info = Node::object();
  info.add("kind", Node::string("ExecCredential"));
  info.add("apiVersion", Node::string(exec.api_version));
  Node spec = Node::object();
  spec.add("interactive", Node::boolean(false));
  if (exec.provide_cluster_info) {
    Node cluster = Node::object();
    cluster.add("server", Node::string(endpoint.server));
    if (!endpoint.cluster.tls_server_name.empty())
      cluster.add("tls-server-name", Node::string(endpoint.cluster.tls_server_name));
    if (endpoint.cluster.insecure) cluster.add("insecure-skip-tls-verify", Node::boolean(true));
    if (!endpoint.cluster.ca_pem.empty())
      cluster.add("certificate-authority-data", Node::string(base64_encode(endpoint.cluster.ca_pem)));
    if (!endpoint.cluster.proxy_url.empty()) cluster.add("proxy-url", Node::string(endpoint.cluster.proxy_url));
    spec.add("cluster", std::move(cluster));
  }
  info.add("spec", std::move(spec));
  return to_json(info, JsonStyle::compact);
}

// The last lines of what the plugin said on stderr, for the error message.
std::string tail(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) trimmed.pop_back();
  if (trimmed.size() > 1000) trimmed = "..." + trimmed.substr(trimmed.size() - 1000);
  return trimmed;
}

bool still_valid(const ExecCredential& credential) {
  // A credential about to expire is as good as expired: requests take time.
  return !credential.expires || *credential.expires > std::chrono::system_clock::now() + std::chrono::seconds(10);
}

} // namespace

ExecCredential parse_exec_credential(const std::string& text, const std::string& api_version,
                                     const std::string& origin) {
  const Source source{origin, text};
  ParsedStream stream;
  try {
    stream = parse_json(source, ReadLimits{.max_bytes = max_output_bytes});
  } catch (const Error& error) {
    throw external_error(fmt::format("{} did not print an ExecCredential: {}", origin, error.message()));
  }
  if (stream.documents.size() != 1) throw external_error(fmt::format("{} did not print one ExecCredential", origin));
  try {
    Fields document(source, stream.documents.front(), "");
    const std::string kind = document.require_string("kind");
    const std::string version = document.require_string("apiVersion");
    if (kind != "ExecCredential") document.fail("kind", fmt::format("expected kind ExecCredential, got \"{}\"", kind));
    if (version != api_version)
      document.fail("apiVersion", fmt::format("plugin answered with apiVersion \"{}\"; the kubeconfig asked for \"{}\"",
                                              version, api_version));
    const Node* status = document.object("status");
    if (!status) document.fail("status", "the ExecCredential has no status");
    Fields fields(source, *status, "status");
    ExecCredential credential;
    credential.token = fields.string("token").value_or("");
    credential.cert_pem = fields.string("clientCertificateData").value_or("");
    credential.key_pem = fields.string("clientKeyData").value_or("");
    if (const auto expires = fields.string("expirationTimestamp")) {
      credential.expires = parse_rfc3339(*expires);
      if (!credential.expires) fields.fail("expirationTimestamp", "not an RFC 3339 time");
    }
    if (credential.cert_pem.empty() != credential.key_pem.empty())
      fields.fail("clientCertificateData", "clientCertificateData and clientKeyData come together");
    if (credential.token.empty() && credential.cert_pem.empty())
      fields.fail("token", "the ExecCredential has neither a token nor a client certificate");
    return credential;
  } catch (const Error& error) {
    if (error.exit_class() == ExitClass::external) throw;
    throw external_error(fmt::format("{}: {}", origin, error.describe()));
  }
}

ExecCredential run_exec_plugin(const ExecConfig& exec, const KubeEndpoint& endpoint, Clock::time_point deadline) {
  const auto limit = std::min(deadline, Clock::now() + plugin_limit);
  ProcessOutput output = run_process(exec, exec_info(exec, endpoint), limit);
  const std::string name = fmt::format("exec plugin \"{}\"", exec.command);
  if (output.timed_out) {
    if (Clock::now() >= deadline) throw Error(ExitClass::timeout, name + " still running at the deadline");
    throw external_error(fmt::format("{} gave no answer within {} s", name, plugin_limit.count()));
  }
  if (WIFSIGNALED(output.status))
    throw external_error(
        fmt::format("{} was killed by signal {}: {}", name, WTERMSIG(output.status), tail(output.err)));
  if (WEXITSTATUS(output.status) != 0) {
    // 127 is what a shell wrapper says when the real command is not there.
    std::string message = fmt::format("{} failed (exit {})", name, WEXITSTATUS(output.status));
    if (!output.err.empty()) message += ": " + tail(output.err);
    Error error = external_error(message);
    if (WEXITSTATUS(output.status) == 127) error.with_hint(exec.install_hint);
    throw error;
  }
  return parse_exec_credential(output.out, exec.api_version, name);
}

std::shared_ptr<CredentialCache::Entry> CredentialCache::entry(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto& slot = entries_[key];
  if (!slot) slot = std::make_shared<Entry>();
  return slot;
}

ExecCredential CredentialCache::get(const KubeEndpoint& endpoint, Clock::time_point deadline) {
  auto cached = entry(endpoint.exec_key);
  std::lock_guard lock(cached->mutex);
  if (!cached->credential || !still_valid(*cached->credential))
    cached->credential = run_exec_plugin(*endpoint.exec, endpoint, deadline);
  return *cached->credential;
}

void CredentialCache::invalidate(const std::string& key) {
  auto cached = entry(key);
  std::lock_guard lock(cached->mutex);
  cached->credential.reset();
}

} // namespace intentctl
