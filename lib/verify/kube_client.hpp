// Reading objects from a Kubernetes API server: authentication (bearer token,
// basic, client certificate, exec plugin), GET of one object, and API
// discovery to find the resource (and its scope) that serves a kind.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "http/http_client.hpp"
#include "io/node.hpp"
#include "krm/resource.hpp"
#include "verify/exec_credential.hpp"
#include "verify/kubeconfig.hpp"

namespace intentctl {

struct ApiResource {
  std::string name; // plural, e.g. cnbundles
  bool namespaced = true;
};

class KubeClient {
 public:
  using Clock = std::chrono::steady_clock;
  KubeClient(KubeEndpoint endpoint, CredentialCache& credentials);

  const KubeEndpoint& endpoint() const { return endpoint_; }

  // The object at an API path (like /api/v1/namespaces/x/configmaps/y), or
  // nullopt when the server says 404. 401 and 403 are "authentication refused"
  // external errors, other statuses external errors with the server's message.
  std::optional<Node> get(HttpClient& http, const std::string& path, Clock::time_point deadline);

  // The resource serving kind in apiVersion, from discovery (cached for the
  // client's life); nullopt when the server does not serve that group version
  // or kind.
  std::optional<ApiResource> resource_for(HttpClient& http, const std::string& api_version, const std::string& kind,
                                          Clock::time_point deadline);

  // Forgets the group versions discovery found unserved: a CRD the cluster is
  // still applying may be served on the next pass.
  void forget_unserved();

  // The API path of an object; namespaced objects without a namespace are in
  // "default", as the server would place them.
  static std::string object_path(const ResourceId& id, const ApiResource& resource);

 private:
  std::vector<std::string> auth_headers(Clock::time_point deadline);
  const std::map<std::string, ApiResource>* discover(HttpClient& http, const std::string& api_version,
                                                     Clock::time_point deadline);

  KubeEndpoint endpoint_;
  CredentialCache& credentials_;
  std::vector<std::string> secrets_; // the token, password and exec credential, masked in what servers say
  // apiVersion -> kind -> resource; an empty map for a group version the server does not serve.
  std::map<std::string, std::map<std::string, ApiResource>> discovery_;
};

// The message a Kubernetes Status body carries ("" when the body is not one).
std::string status_message(const std::string& body);

} // namespace intentctl
