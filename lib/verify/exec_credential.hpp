// Exec credential plugins (client.authentication.k8s.io v1 and v1beta1): run
// the configured command, hand it KUBERNETES_EXEC_INFO, read the ExecCredential
// it prints. A cache shared by all workers runs each plugin once per run and
// again only when its credential expires or the server refuses it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "verify/kubeconfig.hpp"

namespace intentctl {

struct ExecCredential {
  std::string token;
  std::string cert_pem; // clientCertificateData (PEM, not base64)
  std::string key_pem;  // clientKeyData
  std::optional<std::chrono::system_clock::time_point> expires;
};

// Runs the plugin (no shell; stdin is /dev/null, its stderr is kept for the
// error message) and parses what it printed. Failures are external errors that
// say what the plugin said, and the installHint when the command is missing;
// a plugin still running at the deadline is killed (a timeout error).
ExecCredential run_exec_plugin(const ExecConfig& exec, const KubeEndpoint& endpoint,
                               std::chrono::steady_clock::time_point deadline);

// Parses an ExecCredential document (exposed for tests).
ExecCredential parse_exec_credential(const std::string& text, const std::string& api_version,
                                     const std::string& origin);

class CredentialCache {
 public:
  // The cached credential for endpoint.exec_key, or a fresh one from the plugin.
  ExecCredential get(const KubeEndpoint& endpoint, std::chrono::steady_clock::time_point deadline);
  // Forgets a credential the server refused, so the next get runs the plugin again.
  void invalidate(const std::string& key);

 private:
  struct Entry {
    std::mutex mutex; // held while the plugin runs: other sites wait for its answer
    std::optional<ExecCredential> credential;
  };
  std::shared_ptr<Entry> entry(const std::string& key);

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

} // namespace intentctl
