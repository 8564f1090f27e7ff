// Reading kubeconfig files the way kubectl does: several files (a KUBECONFIG
// list) merged with the first file winning, contexts, clusters with their CA
// and TLS settings, and users with client certificates, bearer tokens, basic
// auth or exec credential plugins. Relative paths are taken from the folder of
// the file that wrote them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "http/http_client.hpp"
#include "io/reader.hpp"

namespace intentctl {

// users[].user.exec: a command that prints an ExecCredential.
struct ExecConfig {
  std::string api_version; // client.authentication.k8s.io/v1 or v1beta1
  std::string command;     // made absolute when it names a path relative to the kubeconfig
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string install_hint;
  bool provide_cluster_info = false;
  std::string interactive_mode; // Never | IfAvailable | Always
};

struct KubeCluster {
  std::string server;
  std::string ca_file;
  std::string ca_pem; // certificate-authority-data, decoded
  bool insecure = false;
  std::string tls_server_name;
  std::string proxy_url;
  Location where;
};

struct KubeUser {
  std::string cert_file;
  std::string cert_pem; // client-certificate-data, decoded
  std::string key_file;
  std::string key_pem; // client-key-data, decoded
  std::string token;
  std::string token_file;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider; // the name of a legacy auth-provider (not supported)
  Location where;
};

struct KubeContext {
  std::string cluster;
  std::string user;
  std::string namespace_;
  Location where;
};

struct Kubeconfig {
  std::vector<std::string> files; // the files that were read, in order
  std::map<std::string, KubeCluster> clusters;
  std::map<std::string, KubeUser> users;
  std::map<std::string, KubeContext> contexts;
  std::string current_context;
  Location current_context_where;
};

// The files a KUBECONFIG value names: split on ':', empty entries and repeats
// left out.
std::vector<std::string> split_kubeconfig_list(std::string_view value);

// Merges one kubeconfig's clusters, users and contexts into config, where the
// entries already there win (and so does a current-context already set).
void merge_kubeconfig(const Source& source, Kubeconfig& config);

// Reads and merges the files. With missing_ok (a KUBECONFIG list) a file that
// does not exist is skipped, as kubectl does; otherwise it is an input error.
Kubeconfig load_kubeconfig(const std::vector<std::string>& files, bool missing_ok);

// Everything needed to talk to one context's API server.
struct KubeEndpoint {
  std::string context;
  std::string server; // no trailing '/'
  TlsSettings tls;
  std::string token;      // a bearer token (token, or the tokenFile's content)
  std::string basic_auth; // "user:password" for basic auth
  std::optional<ExecConfig> exec;
  std::string exec_key; // identifies the plugin's credentials in a cache
  KubeCluster cluster;  // as configured (the exec plugin may be told about it)
  // Where each part was set, for errors that name the setting to check.
  std::string context_file; // the kubeconfig file that defines the context
  std::string cluster_name;
  std::string user_name; // "" for an anonymous context
  Location user_where;
};

// The endpoint of context_name (or the current context when empty). Unknown
// contexts, clusters or users, an unusable user and a conflicting TLS setup are
// input errors naming the kubeconfig file.
KubeEndpoint resolve_endpoint(const Kubeconfig& config, const std::string& context_name);

} // namespace intentctl
