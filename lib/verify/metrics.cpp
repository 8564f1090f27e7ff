#include "verify/metrics.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "model/mapping.hpp"
#include "util/url.hpp"
#include "verify/kube_client.hpp"
#include "verify/slo_expr.hpp"

namespace intentctl {

namespace {

std::string text_member(const Node* node, std::string_view key) {
  const Node* value = node && node->is_object() ? node->find(key) : nullptr;
  return value && value->is_string() ? value->text() : std::string{};
}

std::optional<Node> parse_answer(const std::string& body, const std::string& origin) {
  try {
    ParsedStream stream = parse_json(Source{origin, body}, ReadLimits{.max_bytes = std::size_t{64} << 20});
    if (stream.documents.size() == 1) return std::move(stream.documents.front());
  } catch (const Error&) {}
  return std::nullopt;
}

// Prometheus writes sample values as strings: "2.7", "NaN", "+Inf".
std::optional<double> sample_value(const Node& sample) {
  if (!sample.is_array() || sample.items().size() != 2 || !sample.items()[1].is_string()) return std::nullopt;
  const std::string& text = sample.items()[1].text();
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end) return std::nullopt;
  return value;
}

bool is_metric_name(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  for (unsigned char c : text)
    if (!std::isalnum(c) && c != '_' && c != ':') return false;
  return true;
}

std::string pointer_token(const std::string& name) {
  std::string token;
  for (char c : name) {
    if (c == '~') token += "~0";
    else if (c == '/') token += "~1";
    else token += c;
  }
  return token;
}

} // namespace

MetricsReader::MetricsReader(MetricsSource source) : source_(std::move(source)) {
  while (source_.url.ends_with('/')) source_.url.pop_back();
  // libcurl sends a URL's user and password as basic auth.
  if (const std::string password = url_password(source_.url); !password.empty()) secrets_.push_back(password);
}

std::optional<std::string> MetricsReader::mapped(const std::string& target) const {
  if (auto exact = source_.targets.find(target); exact != source_.targets.end()) return exact->second;
  const std::string wanted = normalize_name(target);
  for (const auto& [name, query] : source_.targets)
    if (normalize_name(name) == wanted) return query;
  return std::nullopt;
}

std::string MetricsReader::unit_for(const std::string& target, const std::string& query) const {
  if (auto unit = source_.units.find(target); unit != source_.units.end()) return unit->second;
  std::string unit = unit_from_name(target);
  if (unit.empty() && is_metric_name(query)) unit = unit_from_name(query);
  return unit;
}

Measurement MetricsReader::read(HttpClient& http, const std::string& target, Clock::time_point deadline) {
  try {
    return source_.kind == "json" ? read_json(http, target, deadline) : read_prometheus(http, target, deadline);
  } catch (const AuthRefused& error) {
    AuthRefused redacted(redact_output(error.message(), secrets_));
    redacted.with_hint(redact_output(error.hint(), secrets_));
    throw redacted;
  } catch (const Error& error) {
    Error redacted(error.exit_class(), redact_output(error.message(), secrets_), error.where());
    throw redacted.with_hint(redact_output(error.hint(), secrets_));
  }
}

namespace {

// What every metrics source's answer must be before its values count: not a
// refusal, not a redirect (never followed: it may lead to a login page or
// another host), not a server error. Faults of the source itself throw, and
// the whole SLO check is unknown; the two kinds of sources agree on them.
void check_answer(const HttpResponse& response, const std::string& where, bool prometheus) {
  if (response.status == 401 || response.status == 403) {
    AuthRefused refused(fmt::format("{}: authentication refused (HTTP {})", where, response.status));
    refused.with_hint(response.status == 401
                          ? "give the metrics source's user and password in its URL (https://USER:PASSWORD@HOST/)"
                          : "the metrics source's user may not read this: ask its owner for access");
    throw refused;
  }
  if (response.status >= 300 && response.status < 400)
    throw external_error(fmt::format("{}: HTTP {}, a redirect{}{}; redirects are not followed: give the metrics URL "
                                     "it leads to",
                                     where, response.status, response.redirect_url.empty() ? "" : " to ",
                                     url_for_messages(response.redirect_url)));
  // Prometheus answers a query it cannot run with its error in the body.
  const bool query_error = prometheus && (response.status == 400 || response.status == 422);
  if ((response.status < 200 || response.status >= 300) && !query_error) {
    const auto answer = parse_answer(response.body, where);
    const std::string message = answer ? text_member(&*answer, "error") : std::string{};
    Error error = external_error(
        fmt::format("{}: HTTP {}{}{}", where, response.status, message.empty() ? "" : ": ", message));
    if (response.status == 404)
      error.with_hint(prometheus ? "no Prometheus query API there: give Prometheus's own address (without "
                                   "/api/v1), or --metrics-kind json for a URL that serves one JSON document"
                                 : "no metrics document there: check the URL, or give --metrics-kind prometheus "
                                   "for a Prometheus server");
    throw error;
  }
}

// What to check when a metrics source gives no answer at all.
Error unreachable_source(const Unreachable& error) {
  Error result = external_error(error.message());
  switch (error.why()) {
  case NoAnswer::refused:
    return result.with_hint("is the metrics source running there? Its address comes from --metrics or the "
                            "site's metrics.url");
  case NoAnswer::unresolved:
    return result.with_hint("check the host of --metrics or of the site's metrics.url");
  case NoAnswer::server_certificate:
    return result.with_hint("the metrics source's certificate is not trusted by this machine's CAs (or the "
                            "URL says https to a plain HTTP server)");
  default: return result;
  }
}

// The source's answer to one request; no answer at all throws with a hint.
HttpResponse ask(HttpClient& http, const HttpRequest& request) {
  try {
    return http.get(request);
  } catch (const Unreachable& error) {
    throw unreachable_source(error);
  }
}

std::string not_json(const HttpResponse& response, const std::string& where, std::string_view expected) {
  const std::string type = response.content_type.substr(0, response.content_type.find(';'));
  return fmt::format("{}: the answer is not JSON (HTTP {}{}{}); is it {}?", where, response.status,
                     type.empty() ? "" : ", ", type, expected);
}

} // namespace

Measurement MetricsReader::read_prometheus(HttpClient& http, const std::string& target, Clock::time_point deadline) {
  const std::string query = mapped(target).value_or(target);
  const std::string origin = fmt::format("query {}", query);
  if (!mapped(target) && !is_metric_name(target))
    return Measurement::missing(origin, fmt::format("no query for target \"{}\": map it in the sites file's "
                                                    "metrics.targets",
                                                    target));
  HttpRequest request{source_.url + "/api/v1/query?query=" + percent_encode(query),
                      {"Accept: application/json"},
                      nullptr,
                      deadline};
  const HttpResponse response = ask(http, request);
  const std::string where = source_.url + "/api/v1/query";
  check_answer(response, where, true);
  const auto answer = parse_answer(response.body, where);
  if (!answer) throw external_error(not_json(response, where, "a Prometheus server"));
  if (text_member(&*answer, "status").empty()) {
    Error error = external_error(fmt::format("{}: the answer is JSON but not a Prometheus query result", where));
    throw error.with_hint("for a URL that serves one JSON document of values, give --metrics-kind json");
  }
  Measurement measurement = prometheus_measurement(response.status, response.body, origin, unit_for(target, query));
  if (measurement.kind == Measurement::Kind::missing && measurement.problem == kNoSeries)
    measurement.problem += scrape_health(http, deadline);
  return measurement;
}

std::string MetricsReader::scrape_health(HttpClient& http, Clock::time_point deadline) {
  if (scrape_health_) return *scrape_health_;
  scrape_health_ = std::string{};
  HttpRequest request{source_.url + "/api/v1/targets?state=active", {"Accept: application/json"}, nullptr, deadline};
  std::optional<Node> answer;
  try {
    const HttpResponse response = http.get(request);
    if (response.status == 200) answer = parse_answer(response.body, source_.url);
  } catch (const Error& error) {
    if (error.exit_class() == ExitClass::timeout) throw;
    return {}; // only a hint: a source without the targets API still answers queries
  }
  const Node* data = answer && answer->is_object() ? answer->find("data") : nullptr;
  const Node* targets = data && data->is_object() ? data->find("activeTargets") : nullptr;
  if (!targets || !targets->is_array()) return {};
  std::vector<std::string> down;
  for (const Node& target : targets->items()) {
    if (text_member(&target, "health") != "down") continue;
    const std::string error = text_member(&target, "lastError");
    down.push_back(fmt::format("{}{}{}", text_member(&target, "scrapeUrl"), error.empty() ? "" : " (", error) +
                   (error.empty() ? "" : ")"));
  }
  const std::size_t count = targets->items().size();
  if (down.empty())
    *scrape_health_ = count == 1 ? "; Prometheus's only scrape target is up"
                                 : fmt::format("; all {} of Prometheus's scrape targets are up", count);
  else
    *scrape_health_ = fmt::format("; Prometheus cannot scrape {} {}", down.size() == 1 ? "its target" : "targets",
                                  fmt::join(down.begin(), down.begin() + std::min<std::size_t>(down.size(), 3), "; "));
  return *scrape_health_;
}

Measurement MetricsReader::read_json(HttpClient& http, const std::string& target, Clock::time_point deadline) {
  const std::string pointer = mapped(target).value_or("/" + pointer_token(target));
  const std::string origin = fmt::format("pointer {}", pointer);
  if (!document_) {
    HttpRequest request{source_.url, {"Accept: application/json"}, nullptr, deadline};
    const HttpResponse response = ask(http, request);
    const std::string where = url_for_messages(source_.url);
    check_answer(response, where, false);
    document_ = parse_answer(response.body, where);
    if (!document_) throw external_error(not_json(response, where, "a JSON metrics document"));
  }
  std::string problem;
  const Node* value = resolve_json_pointer(*document_, pointer, problem);
  if (!value) return Measurement::missing(origin, fmt::format("no value at {}: {}", pointer, problem));
  return json_measurement(*value, origin, unit_for(target, ""));
}

Measurement prometheus_measurement(long status, const std::string& body, const std::string& origin,
                                   const std::string& unit) {
  const auto answer = parse_answer(body, origin);
  if (!answer || !answer->is_object())
    throw external_error(fmt::format("{}: Prometheus answered HTTP {} without a JSON object", origin, status));
  if (text_member(&*answer, "status") != "success") {
    const std::string type = text_member(&*answer, "errorType");
    return Measurement::missing(origin, fmt::format("Prometheus refused the query ({}): {}",
                                                    type.empty() ? "error" : type, text_member(&*answer, "error")));
  }
  const Node* data = answer->find("data");
  const std::string type = text_member(data, "resultType");
  const Node* result = data && data->is_object() ? data->find("result") : nullptr;
  if (!result) return Measurement::missing(origin, "Prometheus answered without data.result");
  std::optional<double> value;
  if (type == "scalar") {
    value = sample_value(*result);
  } else if (type == "vector") {
    if (!result->is_array() || result->items().empty()) return Measurement::missing(origin, kNoSeries);
    if (result->items().size() > 1)
      return Measurement::missing(origin, fmt::format("the query returned {} series; an SLO needs one (aggregate "
                                                      "with sum, max, histogram_quantile, ...)",
                                                      result->items().size()));
    const Node* sample = result->items().front().find("value");
    if (sample) value = sample_value(*sample);
  } else {
    return Measurement::missing(origin, fmt::format("the query returned a {}; an SLO needs an instant vector",
                                                    type.empty() ? "result of unknown type" : type));
  }
  if (!value) return Measurement::missing(origin, "Prometheus answered with a sample that is not a number");
  if (std::isnan(*value))
    return Measurement::missing(origin, "the query's value is NaN (a division by zero, or no samples in its window?)");
  return Measurement::of_number(*value, unit, origin);
}

const Node* resolve_json_pointer(const Node& document, std::string_view pointer, std::string& problem) {
  if (pointer.empty()) return &document;
  if (pointer.front() != '/') {
    problem = "a JSON pointer starts with '/'";
    return nullptr;
  }
  const Node* node = &document;
  std::size_t start = 1;
  while (true) {
    const std::size_t end = std::min(pointer.find('/', start), pointer.size());
    std::string token;
    for (std::size_t i = start; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else if (pointer[i] == '~') {
        problem = "'~' must be followed by 0 or 1";
        return nullptr;
      } else {
        token += pointer[i];
      }
    }
    if (node->is_object()) {
      node = node->find(token);
      if (!node) {
        problem = fmt::format("no member \"{}\"", token);
        return nullptr;
      }
    } else if (node->is_array()) {
      char* rest = nullptr;
      const unsigned long index = std::strtoul(token.c_str(), &rest, 10);
      if (token.empty() || *rest || (token.size() > 1 && token.front() == '0') || index >= node->items().size()) {
        problem = fmt::format("no item \"{}\" in a list of {}", token, node->items().size());
        return nullptr;
      }
      node = &node->items()[index];
    } else {
      problem = fmt::format("\"{}\" goes into a {}", token, type_name(node->type()));
      return nullptr;
    }
    if (end == pointer.size()) return node;
    start = end + 1;
  }
}

Measurement json_measurement(const Node& value, const std::string& origin, const std::string& unit) {
  Measurement measurement;
  measurement.origin = origin;
  switch (value.type()) {
    case Node::Type::number: return Measurement::of_number(value.as_double(), unit, origin);
    case Node::Type::boolean:
      measurement.kind = Measurement::Kind::boolean;
      measurement.boolean = value.as_bool();
      return measurement;
    case Node::Type::string:
      if (const auto quantity = parse_quantity(value.text()))
        return Measurement::of_number(quantity->value(), quantity->unit.empty() ? unit : quantity->unit, origin);
      measurement.kind = Measurement::Kind::text;
      measurement.text = value.text();
      return measurement;
    case Node::Type::array:
      measurement.kind = Measurement::Kind::list;
      for (const Node& item : value.items()) measurement.items.push_back(json_measurement(item, origin, unit));
      return measurement;
    case Node::Type::object: {
      const Node* number = value.find("value");
      if (number) {
        const std::string own_unit = text_member(&value, "unit");
        return json_measurement(*number, origin, own_unit.empty() ? unit : own_unit);
      }
      return Measurement::missing(origin, "the value is an object without \"value\"");
    }
    case Node::Type::null: return Measurement::missing(origin, "the value is null");
  }
  return Measurement::missing(origin, "no value");
}

} // namespace intentctl
