#include "verify/kube_client.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "util/base64.hpp"
#include "util/url.hpp"
#include "util/words.hpp"
#include "verify/check.hpp"

namespace intentctl {

namespace {

Node parse_body(const std::string& body, const std::string& origin) {
  try {
    ParsedStream stream = parse_json(Source{origin, body}, ReadLimits{.max_bytes = std::size_t{64} << 20});
    if (stream.documents.size() != 1 || !stream.documents.front().is_object())
      throw external_error(fmt::format("{}: the answer is not one JSON object", origin));
    return std::move(stream.documents.front());
  } catch (const Error& error) {
    if (error.exit_class() == ExitClass::external) throw;
    throw external_error(fmt::format("{}: the answer is not JSON: {}", origin, error.message()));
  }
}

std::string text_member(const Node& node, std::string_view key) {
  const Node* value = node.is_object() ? node.find(key) : nullptr;
  return value && value->is_string() ? value->text() : std::string{};
}

// The kubectl command that meets the same problem, for a hint to suggest.
std::string kubectl_line(const KubeEndpoint& endpoint, std::string_view arguments) {
  const std::string file =
      endpoint.context_file.empty() ? "" : fmt::format("--kubeconfig {} ", shell_word(endpoint.context_file));
  return fmt::format("'kubectl {}--context {} {}'", file, shell_word(endpoint.context), arguments);
}

// "context edge1 of kc-edge1.yaml": which context of which file a message is about.
std::string context_text(const KubeEndpoint& endpoint) {
  if (endpoint.context_file.empty()) return "context " + endpoint.context;
  return fmt::format("context {} of {}", endpoint.context, endpoint.context_file);
}

std::string cluster_setting(const KubeEndpoint& endpoint) {
  return fmt::format("cluster \"{}\" at {}", endpoint.cluster_name, location_text(endpoint.cluster.where));
}

// "get rootsyncs.configsync.gke.io -n config-management-system" for an
// object's API path; the path itself (a non-resource URL) for discovery.
std::string can_i_arguments(const std::string& path) {
  std::vector<std::string> parts;
  for (std::size_t start = 1; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  const bool core = !parts.empty() && parts[0] == "api";
  const std::size_t first = core ? 2 : 3; // after api/v1 or apis/GROUP/VERSION
  const std::string group = core || parts.size() < 2 ? "" : "." + parts[1];
  if (parts.size() >= first + 4 && parts[first] == "namespaces")
    return fmt::format("get {}{} -n {}", parts[first + 2], group, parts[first + 1]);
  if (parts.size() >= first + 2) return fmt::format("get {}{}", parts[first], group);
  return "get " + path;
}

// No answer from the API server: which setting gave its address and which
// gave the trust, and what to try.
Error unreachable_error(const Unreachable& error, const KubeEndpoint& endpoint) {
  Error result = external_error(fmt::format("{}: {} ({})", endpoint.server, error.reason(), context_text(endpoint)));
  const bool has_ca = !endpoint.cluster.ca_file.empty() || !endpoint.cluster.ca_pem.empty();
  switch (error.why()) {
  case NoAnswer::refused:
    return result.with_hint(fmt::format("is the API server running? That address is the server of {}; try {}",
                                        cluster_setting(endpoint), kubectl_line(endpoint, "cluster-info")));
  case NoAnswer::unresolved:
    return result.with_hint(fmt::format("check the server (and proxy-url) of {}", cluster_setting(endpoint)));
  case NoAnswer::server_certificate:
    return result.with_hint(
        has_ca ? fmt::format("the server's certificate is not signed by the certificate-authority of {} (or does "
                             "not carry the server's name): give the cluster's CA there",
                             cluster_setting(endpoint))
               : fmt::format("{} names no certificate-authority, so the system's CAs were asked: add the "
                             "cluster's CA as certificate-authority-data",
                             cluster_setting(endpoint)));
  case NoAnswer::client_certificate:
    return result.with_hint(fmt::format("check client-certificate and client-key of user \"{}\" at {}",
                                        endpoint.user_name, location_text(endpoint.user_where)));
  case NoAnswer::other: break;
  }
  return result.with_hint("try " + kubectl_line(endpoint, "cluster-info"));
}

// 401: the credentials are not taken; 403: they are, and may not read this.
AuthRefused refused_error(long status, const std::string& message, const std::string& path,
                          const KubeEndpoint& endpoint) {
  AuthRefused error(fmt::format("{}: authentication refused (HTTP {}){}{} ({})", endpoint.server, status,
                                message.empty() ? "" : ": ", message, context_text(endpoint)));
  if (endpoint.user_name.empty())
    error.with_hint(fmt::format("context {} names no user and the server wants one: add a user with credentials",
                                endpoint.context));
  else if (status == 401)
    error.with_hint(fmt::format("the credentials of user \"{}\" at {} are not accepted (expired or revoked?); "
                                "try {}",
                                endpoint.user_name, location_text(endpoint.user_where),
                                kubectl_line(endpoint, "auth whoami")));
  else
    error.with_hint(fmt::format("user \"{}\" may not read {}; verify needs get on it: try {}", endpoint.user_name,
                                path, kubectl_line(endpoint, "auth can-i " + can_i_arguments(path))));
  return error;
}

} // namespace

std::string status_message(const std::string& body) {
  try {
    ParsedStream stream = parse_json(Source{"status", body}, ReadLimits{.max_bytes = 1 << 20});
    if (stream.documents.size() == 1) return text_member(stream.documents.front(), "message");
  } catch (const Error&) {}
  return {};
}

KubeClient::KubeClient(KubeEndpoint endpoint, CredentialCache& credentials)
    : endpoint_(std::move(endpoint)), credentials_(credentials) {
  for (const std::string& secret :
       {endpoint_.token, endpoint_.basic_auth, endpoint_.basic_auth.substr(endpoint_.basic_auth.find(':') + 1)})
    if (!secret.empty()) secrets_.push_back(secret);
}

std::vector<std::string> KubeClient::auth_headers(Clock::time_point deadline) {
  std::vector<std::string> headers{"Accept: application/json"};
  std::string token = endpoint_.token;
  if (endpoint_.exec) {
    const ExecCredential credential = credentials_.get(endpoint_, deadline);
    if (!credential.token.empty()) token = credential.token;
    if (!credential.token.empty() && std::find(secrets_.begin(), secrets_.end(), token) == secrets_.end())
      secrets_.push_back(credential.token);
    if (!credential.cert_pem.empty()) {
      endpoint_.tls.cert_pem = credential.cert_pem;
      endpoint_.tls.key_pem = credential.key_pem;
      endpoint_.tls.cert_file.clear();
      endpoint_.tls.key_file.clear();
    }
  }
  if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
  else if (!endpoint_.basic_auth.empty())
    headers.push_back("Authorization: Basic " + base64_encode(endpoint_.basic_auth));
  return headers;
}

std::optional<Node> KubeClient::get(HttpClient& http, const std::string& path, Clock::time_point deadline) {
  const std::string url = endpoint_.server + path;
  HttpResponse response;
  // An exec plugin's credential the server refuses is fetched again, once, as kubectl does.
  for (int attempt = 0; attempt < 2; ++attempt) {
    HttpRequest request{url, auth_headers(deadline), &endpoint_.tls, deadline};
    try {
      response = http.get(request);
    } catch (const Unreachable& error) {
      throw unreachable_error(error, endpoint_);
    }
    if (response.status != 401 || !endpoint_.exec || attempt > 0) break;
    credentials_.invalidate(endpoint_.exec_key);
  }
  if (response.status == 404) return std::nullopt;
  // A server's message may echo what it was sent, the credential included.
  const std::string message = redact_output(status_message(response.body), secrets_);
  if (response.status == 401 || response.status == 403)
    throw refused_error(response.status, message, path, endpoint_);
  if (response.status >= 300 && response.status < 400)
    throw external_error(fmt::format("{}: HTTP {}, a redirect{}{}; redirects are not followed", url, response.status,
                                     response.redirect_url.empty() ? "" : " to ",
                                     url_for_messages(response.redirect_url)));
  if (response.status < 200 || response.status >= 300)
    throw external_error(fmt::format("{}: HTTP {}{}{}", url, response.status, message.empty() ? "" : ": ", message));
  return parse_body(response.body, url);
}

const std::map<std::string, ApiResource>* KubeClient::discover(HttpClient& http, const std::string& api_version,
                                                               Clock::time_point deadline) {
  if (auto known = discovery_.find(api_version); known != discovery_.end()) return &known->second;
  // The core group lives under /api/v1, every other group under /apis/<group>/<version>.
  const std::string path = api_version.find('/') == std::string::npos ? "/api/" + api_version : "/apis/" + api_version;
  std::map<std::string, ApiResource> kinds;
  if (const auto list = get(http, path, deadline)) {
    if (const Node* resources = list->find("resources"); resources && resources->is_array()) {
      for (const Node& resource : resources->items()) {
        const std::string name = text_member(resource, "name");
        const std::string kind = text_member(resource, "kind");
        // "deployments/status" and the like are subresources, not kinds of objects.
        if (name.empty() || kind.empty() || name.find('/') != std::string::npos) continue;
        const Node* namespaced = resource.find("namespaced");
        kinds.emplace(kind, ApiResource{name, namespaced && namespaced->is_bool() && namespaced->as_bool()});
      }
    }
  }
  return &discovery_.emplace(api_version, std::move(kinds)).first->second;
}

std::optional<ApiResource> KubeClient::resource_for(HttpClient& http, const std::string& api_version,
                                                    const std::string& kind, Clock::time_point deadline) {
  const auto* kinds = discover(http, api_version, deadline);
  const auto found = kinds->find(kind);
  if (found == kinds->end()) return std::nullopt;
  return found->second;
}

void KubeClient::forget_unserved() {
  std::erase_if(discovery_, [](const auto& entry) { return entry.second.empty(); });
}

std::string KubeClient::object_path(const ResourceId& id, const ApiResource& resource) {
  std::string path = id.group().empty() ? "/api/" + id.version() : "/apis/" + id.api_version;
  if (resource.namespaced)
    path += "/namespaces/" + percent_encode(id.namespace_.empty() ? std::string("default") : id.namespace_);
  return path + "/" + resource.name + "/" + percent_encode(id.name);
}

} // namespace intentctl
