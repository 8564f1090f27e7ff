// Reading measured values: a Prometheus HTTP API (/api/v1/query, one instant
// sample per target) or a JSON document (one value per target, found by JSON
// pointer). Which query or pointer a target uses comes from the sites file's
// metrics.targets; without an entry, the target's name itself.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "http/http_client.hpp"
#include "io/node.hpp"
#include "sites/sites.hpp"
#include "verify/slo.hpp"

namespace intentctl {

class MetricsReader {
 public:
  using Clock = std::chrono::steady_clock;
  explicit MetricsReader(MetricsSource source);

  const MetricsSource& source() const { return source_; }
  // What must never be printed: the password in the URL, if any.
  const std::vector<std::string>& secrets() const { return secrets_; }

  // The value for a target (a missing Measurement says why there is none).
  // Faults of the source itself throw external errors: unreachable, refused
  // credentials, a redirect, a server error, an answer that is not JSON.
  Measurement read(HttpClient& http, const std::string& target, Clock::time_point deadline);

  // A JSON endpoint is fetched once per pass; this forgets the last copy.
  void new_pass() {
    document_.reset();
    scrape_health_.reset();
  }

 private:
  Measurement read_prometheus(HttpClient& http, const std::string& target, Clock::time_point deadline);
  Measurement read_json(HttpClient& http, const std::string& target, Clock::time_point deadline);
  // The query or pointer for a target: the sites file's entry (exact name, or
  // the same name compared without case, spaces, '-' and '_'), else nullopt.
  std::optional<std::string> mapped(const std::string& target) const;
  std::string unit_for(const std::string& target, const std::string& query) const;
  // Why a query may have found no series: the scrape targets Prometheus
  // reports down, from /api/v1/targets ("" when it cannot tell). Once a pass.
  std::string scrape_health(HttpClient& http, Clock::time_point deadline);

  MetricsSource source_;
  std::vector<std::string> secrets_;
  std::optional<Node> document_;
  std::optional<std::string> scrape_health_;
};

inline constexpr const char* kNoSeries = "the query returned no series";

// A /api/v1/query answer as a measurement (exposed for tests); an answer that
// is not a JSON object throws.
Measurement prometheus_measurement(long status, const std::string& body, const std::string& origin,
                                   const std::string& unit);

// RFC 6901: "" is the whole document, "/a/0/b~1c" walks objects and arrays.
// nullptr with problem set when the pointer leads nowhere.
const Node* resolve_json_pointer(const Node& document, std::string_view pointer, std::string& problem);

// A JSON value as a measurement: numbers, "2.7ms"-style strings, booleans,
// lists, and {"value": 2.7, "unit": "ms"}.
Measurement json_measurement(const Node& value, const std::string& origin, const std::string& unit);

} // namespace intentctl
