// A small HTTPS client over libcurl for the Kubernetes API and metrics
// endpoints. One HttpClient per thread: it keeps its connections open between
// requests, so the checks of many sites on one worker reuse them.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace intentctl {

// How to trust the server and how to prove who we are, as kubeconfigs say it.
// Certificates and keys are PEM, given as files or as bytes in memory.
struct TlsSettings {
  std::string ca_file; // trusted CAs; both empty = the system's
  std::string ca_pem;
  bool insecure = false; // do not check the server's certificate
  std::string cert_file; // client certificate and key
  std::string cert_pem;
  std::string key_file;
  std::string key_pem;
  std::string server_name; // the name the server's certificate must carry, when not the URL's host
  std::string proxy;       // proxy URL; "" = libcurl's default (the *_proxy environment variables)
};

struct HttpRequest {
  using Clock = std::chrono::steady_clock;
  std::string url;
  std::vector<std::string> headers; // "Name: value"
  const TlsSettings* tls = nullptr;
  Clock::time_point deadline = Clock::time_point::max(); // the command's own deadline
  std::chrono::milliseconds limit{30'000};               // the longest one request may take
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string redirect_url; // where a 3xx answer points (redirects are never followed)
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any HTTP status is a response; a failure to get one throws: a timeout
  // Error when the deadline cut the request off (whatever libcurl made of it),
  // Unreachable when no connection or TLS session came about, an external
  // Error otherwise. Messages never carry headers (they hold secrets).
  HttpResponse get(const HttpRequest& request);

  // What the requests cost, for -v and the benchmark.
  std::chrono::microseconds network_time() const { return network_time_; }
  std::size_t requests() const { return requests_; }

 private:
  void* handle_; // CURL*
  std::chrono::microseconds network_time_{0};
  std::size_t requests_ = 0;
};

// A server that refused our credentials (HTTP 401 or 403): an external error
// that asking again will not fix, so --wait does not keep asking.
class AuthRefused : public Error {
 public:
  explicit AuthRefused(std::string message) : Error(ExitClass::external, std::move(message)) {}
};

// Why a request got no HTTP answer at all, for the caller to name the next
// step (its own words: which setting gave the URL, the certificate to check).
enum class NoAnswer {
  refused,            // nothing listens at the host and port
  unresolved,         // the host name (or the proxy's) does not resolve
  server_certificate, // TLS: the server's certificate is not trusted, or the handshake failed
  client_certificate, // TLS: our own certificate or key cannot be used
  other               // any other failure to connect or to read the answer
};

class Unreachable : public Error {
 public:
  Unreachable(NoAnswer why, const std::string& where, std::string reason)
      : Error(ExitClass::external, where + ": " + reason), why_(why), reason_(std::move(reason)) {}
  NoAnswer why() const { return why_; }
  const std::string& reason() const { return reason_; } // the message without the URL
 private:
  NoAnswer why_;
  std::string reason_;
};

// The URL without its query, for messages (queries can be long). Credentials
// in it are left for the caller's redaction.
std::string url_for_messages(const std::string& url);

// The password of url's user information as libcurl sends it for basic auth
// (percent-decoded; "" when there is none), for messages to leave out.
std::string url_password(const std::string& url);

} // namespace intentctl
