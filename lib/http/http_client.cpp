#include "http/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

namespace intentctl {

namespace {

constexpr std::size_t max_body_bytes = std::size_t{64} << 20;

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct BodyBuffer {
  std::string* body;
  bool too_large = false;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* buffer = static_cast<BodyBuffer*>(user);
  const size_t bytes = size * count;
  if (buffer->body->size() + bytes > max_body_bytes) {
    buffer->too_large = true;
    return 0;
  }
  buffer->body->append(data, bytes);
  return bytes;
}

struct CurlSlist {
  curl_slist* list = nullptr;
  ~CurlSlist() { curl_slist_free_all(list); }
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

struct CurlUrl {
  CURLU* url = curl_url();
  ~CurlUrl() { curl_url_cleanup(url); }
  std::string part(CURLUPart which, unsigned flags = 0) const {
    char* text = nullptr;
    if (which == CURLUPART_PORT) flags |= CURLU_DEFAULT_PORT;
    if (curl_url_get(url, which, &text, flags) != CURLUE_OK) return {};
    std::string result = text;
    curl_free(text);
    return result;
  }
};

void set_blob(CURL* curl, CURLoption option, const std::string& bytes) {
  curl_blob blob{const_cast<char*>(bytes.data()), bytes.size(), CURL_BLOB_COPY};
  curl_easy_setopt(curl, option, &blob);
}

void apply_tls(CURL* curl, const TlsSettings& tls) {
  if (!tls.ca_pem.empty()) set_blob(curl, CURLOPT_CAINFO_BLOB, tls.ca_pem);
  else if (!tls.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (tls.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!tls.cert_pem.empty()) set_blob(curl, CURLOPT_SSLCERT_BLOB, tls.cert_pem);
  else if (!tls.cert_file.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, tls.cert_file.c_str());
  if (!tls.key_pem.empty()) set_blob(curl, CURLOPT_SSLKEY_BLOB, tls.key_pem);
  else if (!tls.key_file.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, tls.key_file.c_str());
  if (!tls.cert_pem.empty() || !tls.cert_file.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
  if (!tls.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, tls.proxy.c_str());
}

// A server certificate issued for another name than the URL's host (kubeconfig
// tls-server-name): ask for the certificate's name and connect to the real host.
std::string url_for_server_name(const std::string& url, const std::string& server_name, CurlSlist& connect_to) {
  CurlUrl parsed;
  if (curl_url_set(parsed.url, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return url;
  const std::string host = parsed.part(CURLUPART_HOST);
  const std::string port = parsed.part(CURLUPART_PORT);
  connect_to.add(fmt::format("{}:{}:{}:{}", server_name, port, host, port));
  curl_url_set(parsed.url, CURLUPART_HOST, server_name.c_str(), 0);
  return parsed.part(CURLUPART_URL);
}

// A failed transfer in our words where libcurl's add nothing ("Failed to
// connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server").
Unreachable no_answer(CURL* curl, CURLcode code, const std::string& where, const char* error_text) {
  const std::string said = error_text[0] ? error_text : curl_easy_strerror(code);
  switch (code) {
  case CURLE_COULDNT_CONNECT: {
    long os_error = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_error);
    if (os_error == ECONNREFUSED) return Unreachable(NoAnswer::refused, where, "connection refused");
    return Unreachable(NoAnswer::other, where, said);
  }
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return Unreachable(NoAnswer::unresolved, where, said);
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_CRL_BADFILE:
    return Unreachable(NoAnswer::server_certificate, where, "TLS: " + said);
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED:
  case CURLE_SSL_ENGINE_INITFAILED:
    return Unreachable(NoAnswer::client_certificate, where, "TLS: " + said);
  default:
    return Unreachable(NoAnswer::other, where, said);
  }
}

} // namespace

std::string url_for_messages(const std::string& url) { return url.substr(0, url.find('?')); }

std::string url_password(const std::string& url) {
  CurlUrl parsed;
  if (curl_url_set(parsed.url, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
  return parsed.part(CURLUPART_PASSWORD, CURLU_URLDECODE);
}

HttpClient::HttpClient() {
  ensure_curl_initialised();
  handle_ = curl_easy_init();
  if (!handle_) throw external_error("cannot start an HTTP client (libcurl)");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(handle_)); }

HttpResponse HttpClient::get(const HttpRequest& request) {
  using Clock = HttpRequest::Clock;
  CURL* curl = static_cast<CURL*>(handle_);
  const auto start = Clock::now();
  if (start >= request.deadline)
    throw Error(ExitClass::timeout, fmt::format("no time left to ask {}", url_for_messages(request.url)));
  const auto to_deadline = std::chrono::duration_cast<std::chrono::milliseconds>(request.deadline - start);
  const auto budget = std::max(std::chrono::milliseconds{1}, std::min(request.limit, to_deadline));
  // libcurl counts in whole milliseconds and may stop a hair before the deadline itself.
  const bool deadline_bound = to_deadline <= request.limit;

  HttpResponse response;
  BodyBuffer buffer{&response.body};
  CurlSlist headers;
  for (const auto& header : request.headers) headers.add(header);
  CurlSlist connect_to;
  std::string url = request.url;

  // Back to libcurl's defaults (the system CAs among them); open connections stay.
  curl_easy_reset(curl);
  if (request.tls) {
    apply_tls(curl, *request.tls);
    if (!request.tls->server_name.empty()) url = url_for_server_name(url, request.tls->server_name, connect_to);
  }
  char error_text[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to.list);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(budget.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<long>(budget.count(), 10'000)));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &buffer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "intentctl");

  const CURLcode code = curl_easy_perform(curl);
  const auto elapsed = Clock::now() - start;
  network_time_ += std::chrono::duration_cast<std::chrono::microseconds>(elapsed);
  ++requests_;
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  const std::string where = url_for_messages(request.url);
  // A request the deadline cut off is the deadline's, not the server's fault,
  // whatever libcurl's code for it (a timeout, or the connection it was in the
  // middle of making); libcurl may also stop a millisecond before the deadline.
  const bool deadline_hit = Clock::now() + std::chrono::milliseconds(5) >= request.deadline;
  if (code != CURLE_OK && (deadline_hit || (code == CURLE_OPERATION_TIMEDOUT && deadline_bound)))
    throw Error(ExitClass::timeout, fmt::format("{}: no answer before the deadline", where));
  if (code == CURLE_OPERATION_TIMEDOUT)
    throw external_error(fmt::format("{}: no answer within {} ms", where, budget.count()));
  if (code == CURLE_WRITE_ERROR && buffer.too_large)
    throw external_error(fmt::format("{}: response larger than {} MiB", where, max_body_bytes >> 20));
  if (code != CURLE_OK) throw no_answer(curl, code, where, error_text);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  const char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type) response.content_type = content_type;
  const char* redirect = nullptr;
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &redirect);
  if (redirect) response.redirect_url = redirect;
  return response;
}

} // namespace intentctl
