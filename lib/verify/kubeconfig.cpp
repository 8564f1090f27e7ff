#include "verify/kubeconfig.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "io/fields.hpp"
#include "io/reader.hpp"
#include "util/base64.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;

// Relative paths in a kubeconfig are relative to the file's folder.
std::string resolve_path(const std::string& path, const std::string& file) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  std::error_code ignored;
  return (fs::absolute(fs::path(file), ignored).parent_path() / path).lexically_normal().string();
}

std::string decode_data(Fields& fields, std::string_view key) {
  const auto text = fields.string(key);
  if (!text) return {};
  auto bytes = base64_decode(*text);
  if (!bytes) fields.fail(key, "not valid base64");
  return *bytes;
}

std::vector<std::string> string_list(Fields& fields, std::string_view key) {
  std::vector<std::string> list;
  const Node* array = fields.array(key);
  if (!array) return list;
  for (std::size_t i = 0; i < array->items().size(); ++i) {
    const Node& item = array->items()[i];
    if (!item.is_string())
      fields.fail_at(item, join_path(join_path(fields.path(), key), i), type_mismatch(Node::Type::string, item));
    list.push_back(item.text());
  }
  return list;
}

KubeCluster read_cluster(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  KubeCluster cluster;
  cluster.where = location_of(source, node.mark, path);
  cluster.server = fields.string("server").value_or("");
  cluster.ca_file = resolve_path(fields.string("certificate-authority").value_or(""), source.name);
  cluster.ca_pem = decode_data(fields, "certificate-authority-data");
  cluster.insecure = fields.boolean("insecure-skip-tls-verify").value_or(false);
  cluster.tls_server_name = fields.string("tls-server-name").value_or("");
  cluster.proxy_url = fields.string("proxy-url").value_or("");
  return cluster;
}

ExecConfig read_exec(Fields& user) {
  Fields fields(user.source(), *user.object("exec"), join_path(user.path(), "exec"));
  ExecConfig exec;
  exec.api_version = fields.string("apiVersion").value_or("");
  exec.command = fields.require_string("command");
  if (exec.command.find('/') != std::string::npos) exec.command = resolve_path(exec.command, user.source().name);
  exec.args = string_list(fields, "args");
  if (const Node* env = fields.array("env")) {
    for (std::size_t i = 0; i < env->items().size(); ++i) {
      Fields entry(user.source(), env->items()[i], join_path(join_path(fields.path(), "env"), i));
      exec.env.emplace_back(entry.require_string("name"), entry.string("value").value_or(""));
    }
  }
  exec.install_hint = fields.string("installHint").value_or("");
  exec.provide_cluster_info = fields.boolean("provideClusterInfo").value_or(false);
  exec.interactive_mode = fields.string("interactiveMode").value_or("");
  if (exec.api_version != "client.authentication.k8s.io/v1" &&
      exec.api_version != "client.authentication.k8s.io/v1beta1")
    fields.fail("apiVersion", fmt::format("exec plugin apiVersion \"{}\" is not supported (known: "
                                          "client.authentication.k8s.io/v1, client.authentication.k8s.io/v1beta1)",
                                          exec.api_version));
  // kubectl's own rule: v1 must say whether the plugin may talk to the user.
  if (exec.api_version == "client.authentication.k8s.io/v1" && exec.interactive_mode.empty())
    fields.fail("apiVersion", "exec plugin with client.authentication.k8s.io/v1 needs interactiveMode "
                              "(Never, IfAvailable or Always)");
  if (!exec.interactive_mode.empty() && exec.interactive_mode != "Never" && exec.interactive_mode != "IfAvailable" &&
      exec.interactive_mode != "Always")
    fields.fail("interactiveMode", fmt::format("unknown interactiveMode \"{}\" (known: Never, IfAvailable, Always)",
                                               exec.interactive_mode));
  return exec;
}

KubeUser read_user(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  KubeUser user;
  user.where = location_of(source, node.mark, path);
  user.cert_file = resolve_path(fields.string("client-certificate").value_or(""), source.name);
  user.cert_pem = decode_data(fields, "client-certificate-data");
  user.key_file = resolve_path(fields.string("client-key").value_or(""), source.name);
  user.key_pem = decode_data(fields, "client-key-data");
  user.token = fields.string("token").value_or("");
  user.token_file = resolve_path(fields.string("tokenFile").value_or(""), source.name);
  user.username = fields.string("username").value_or("");
  user.password = fields.string("password").value_or("");
  if (fields.object("exec")) user.exec = read_exec(fields);
  if (const Node* provider = fields.object("auth-provider")) {
    const Node* name = provider->find("name");
    user.auth_provider = name && name->is_string() ? name->text() : "unnamed";
  }
  return user;
}

KubeContext read_context(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  KubeContext context;
  context.where = location_of(source, node.mark, path);
  context.cluster = fields.string("cluster").value_or("");
  context.user = fields.string("user").value_or("");
  context.namespace_ = fields.string("namespace").value_or("");
  return context;
}

// clusters/users/contexts: lists of {name, <entry>}. The first file that names
// an entry wins, as in kubectl; within one file, a repeated name is an error.
template <typename Entry, typename Reader>
void read_named(Fields& file, std::string_view list_key, std::string_view entry_key, std::map<std::string, Entry>& out,
                Reader reader) {
  const Node* list = file.array(list_key);
  if (!list) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const std::string path = join_path(std::string(list_key), i);
    Fields named(file.source(), list->items()[i], path);
    const std::string name = named.require_string("name");
    if (!seen.insert(name).second)
      named.fail("name", fmt::format("{} \"{}\" is defined twice in this file", entry_key, name));
    const Node* entry = named.get(entry_key);
    const Node empty = Node::object(list->items()[i].mark);
    if (!out.contains(name))
      out.emplace(name, reader(file.source(), entry ? *entry : empty, join_path(path, entry_key)));
  }
}

void merge_file(const Source& source, Kubeconfig& config) {
  const ParsedStream stream = parse_documents(source, ReadLimits{.max_bytes = std::size_t{16} << 20});
  if (stream.documents.empty()) return; // kubectl reads an empty file as an empty config
  if (stream.documents.size() > 1)
    throw input_error("a kubeconfig holds one YAML document", location_of(source, stream.documents[1].mark));
  Fields file(source, stream.documents.front(), "");
  read_named(file, "clusters", "cluster", config.clusters, read_cluster);
  read_named(file, "users", "user", config.users, read_user);
  read_named(file, "contexts", "context", config.contexts, read_context);
  const auto current = file.string("current-context");
  if (config.current_context.empty() && current && !current->empty()) {
    config.current_context = *current;
    config.current_context_where = file.where("current-context");
  }
}

std::string read_token_file(const std::string& path, const Location& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(fmt::format("cannot read tokenFile {}", path), where);
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.empty()) throw input_error(fmt::format("tokenFile {} is empty", path), where);
  return token;
}

std::string known_names(const auto& map) {
  std::string names;
  for (const auto& [name, entry] : map) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none" : names;
}

std::string normalized_server(const KubeCluster& cluster) {
  std::string server = cluster.server;
  if (server.find("://") == std::string::npos) server = "https://" + server;
  while (server.ends_with('/')) server.pop_back();
  return server;
}

} // namespace

std::vector<std::string> split_kubeconfig_list(std::string_view value) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(':', start);
    if (end == std::string_view::npos) end = value.size();
    std::string file(value.substr(start, end - start));
    if (!file.empty() && seen.insert(file).second) files.push_back(file);
    start = end + 1;
  }
  return files;
}

void merge_kubeconfig(const Source& source, Kubeconfig& config) { merge_file(source, config); }

Kubeconfig load_kubeconfig(const std::vector<std::string>& files, bool missing_ok) {
  Kubeconfig config;
  for (const auto& file : files) {
    std::error_code error;
    if (missing_ok && !fs::exists(file, error)) continue;
    std::istringstream no_stdin;
    const Source source = read_source(file, ReadLimits{.max_bytes = std::size_t{16} << 20}, no_stdin, false);
    merge_file(source, config);
    config.files.push_back(file);
  }
  return config;
}

KubeEndpoint resolve_endpoint(const Kubeconfig& config, const std::string& context_name) {
  const std::string files = config.files.empty() ? "kubeconfig" : fmt::format("{}", fmt::join(config.files, ":"));
  const std::string name = context_name.empty() ? config.current_context : context_name;
  if (name.empty())
    throw input_error(
        fmt::format("{}: no current-context; give --context (contexts: {})", files, known_names(config.contexts)));
  const auto context = config.contexts.find(name);
  if (context == config.contexts.end()) {
    Location where = context_name.empty() ? config.current_context_where : Location{files, 0, 0, {}};
    throw input_error(fmt::format("context \"{}\" not found (contexts: {})", name, known_names(config.contexts)),
                      where);
  }
  const auto cluster = config.clusters.find(context->second.cluster);
  if (cluster == config.clusters.end())
    throw input_error(fmt::format("context \"{}\" names cluster \"{}\", which is not defined (clusters: {})", name,
                                  context->second.cluster, known_names(config.clusters)),
                      context->second.where);
  if (cluster->second.server.empty())
    throw input_error(fmt::format("cluster \"{}\" has no server", cluster->first), cluster->second.where);
  if (cluster->second.insecure && (!cluster->second.ca_file.empty() || !cluster->second.ca_pem.empty()))
    throw input_error(fmt::format("cluster \"{}\": a certificate authority together with insecure-skip-tls-verify "
                                  "is not allowed",
                                  cluster->first),
                      cluster->second.where);

  KubeEndpoint endpoint;
  endpoint.context = name;
  endpoint.context_file = context->second.where.file;
  endpoint.cluster_name = cluster->first;
  endpoint.cluster = cluster->second;
  endpoint.server = normalized_server(cluster->second);
  endpoint.tls.ca_file = cluster->second.ca_file;
  endpoint.tls.ca_pem = cluster->second.ca_pem;
  endpoint.tls.insecure = cluster->second.insecure;
  endpoint.tls.server_name = cluster->second.tls_server_name;
  endpoint.tls.proxy = cluster->second.proxy_url;

  // A context without a user talks to the server anonymously, as kubectl does.
  if (context->second.user.empty()) return endpoint;
  const auto user = config.users.find(context->second.user);
  if (user == config.users.end())
    throw input_error(fmt::format("context \"{}\" names user \"{}\", which is not defined (users: {})", name,
                                  context->second.user, known_names(config.users)),
                      context->second.where);
  const KubeUser& u = user->second;
  endpoint.user_name = user->first;
  endpoint.user_where = u.where;
  if (!u.auth_provider.empty())
    throw input_error(fmt::format("user \"{}\": auth-provider \"{}\" is not supported; use an exec credential plugin",
                                  user->first, u.auth_provider),
                      u.where);
  if ((u.cert_file.empty() && u.cert_pem.empty()) != (u.key_file.empty() && u.key_pem.empty()))
    throw input_error(fmt::format("user \"{}\": a client certificate needs its key, and a key its certificate",
                                  user->first),
                      u.where);
  endpoint.tls.cert_file = u.cert_file;
  endpoint.tls.cert_pem = u.cert_pem;
  endpoint.tls.key_file = u.key_file;
  endpoint.tls.key_pem = u.key_pem;
  // kubectl: "If both Token and TokenFile are present, Token takes precedence."
  if (!u.token.empty()) endpoint.token = u.token;
  else if (!u.token_file.empty()) endpoint.token = read_token_file(u.token_file, u.where);
  if (!u.username.empty() || !u.password.empty()) endpoint.basic_auth = u.username + ":" + u.password;
  if (u.exec) {
    if (u.exec->interactive_mode == "Always")
      throw input_error(fmt::format("user \"{}\": exec plugin with interactiveMode Always needs a person at a "
                                    "terminal; verify never prompts",
                                    user->first),
                        u.where);
    endpoint.exec = u.exec;
    // One plugin run serves every site that uses this user (and, when the plugin
    // is told the cluster, this cluster).
    endpoint.exec_key =
        fmt::format("{}\n{}\n{}", files, user->first, u.exec->provide_cluster_info ? endpoint.server : "");
  }
  return endpoint;
}

} // namespace intentctl
