// The --slo parser, units in metric names, every 28.312 condition with units,
// Prometheus answers, JSON pointers.
#include <doctest/doctest.h>

#include "io/reader.hpp"
#include "sites/sites.hpp"
#include "verify/metrics.hpp"
#include "verify/slo.hpp"
#include "verify/slo_expr.hpp"

using namespace intentctl;

namespace {

Quantity q(const std::string& number, const std::string& unit = "") { return Quantity{number, unit}; }
ValueRange one(Value value) { return ValueRange{{std::move(value)}, false}; }
ValueRange list(std::vector<Value> values) { return ValueRange{std::move(values), true}; }

bool met(Condition condition, const ValueRange& range, const Measurement& measured) {
  return evaluate(condition, range, measured).met();
}

std::string parse_error(const std::string& text) {
  try {
    parse_slo(text);
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

} // namespace

TEST_CASE("--slo: comparisons, ranges, sets, units from names and from values") {
  const auto conditions = parse_slo("latency_p95_ms<=15, success_rate>=0.995,thr > 1.5 Gbps,jitter in [1ms, 5ms],"
                                    "loss not in [1%, 100%], mode in {auto, \"fixed rate\"}, up = true, x==-2.5e-3");
  REQUIRE(conditions.size() == 8);
  CHECK(conditions[0].name == "latency_p95_ms");
  CHECK(conditions[0].condition == Condition::is_equal_to_or_less_than);
  CHECK(std::get<Quantity>(conditions[0].range.values[0]) == q("15", "ms"));
  CHECK(conditions[1].condition == Condition::is_equal_to_or_greater_than);
  CHECK(std::get<Quantity>(conditions[1].range.values[0]) == q("0.995"));
  CHECK(conditions[1].column == 21);
  CHECK(std::get<Quantity>(conditions[2].range.values[0]) == q("1.5", "Gbps"));
  CHECK(conditions[3].condition == Condition::is_within_range);
  CHECK(conditions[3].range.values.size() == 2);
  CHECK(conditions[4].condition == Condition::is_outside_range);
  CHECK(conditions[5].condition == Condition::is_one_of);
  CHECK(std::get<std::string>(conditions[5].range.values[1]) == "fixed rate");
  CHECK(std::get<bool>(conditions[6].range.values[0]));
  CHECK(conditions[7].condition == Condition::is_equal_to);
  CHECK(std::get<Quantity>(conditions[7].range.values[0]) == q("-2.5e-3"));
}

TEST_CASE("--slo: a range's bare number takes the unit of its other end") {
  const auto conditions = parse_slo(
      "jitter in [0, 0.5ms], rtt not in [2s, 3], latency_ms in [0, 1s], loss in [0, 1], up_seconds in [1, 2]");
  REQUIRE(conditions.size() == 5);
  CHECK(conditions[0].range.values[0] == Value(q("0", "ms")));
  CHECK(conditions[0].range.values[1] == Value(q("0.5", "ms")));
  CHECK(conditions[1].range.values[1] == Value(q("3", "s")));
  CHECK(conditions[2].range.values[0] == Value(q("0", "s"))); // the unit written wins over the name's
  CHECK(conditions[3].range.values[0] == Value(q("0")));
  CHECK(conditions[4].range.values[1] == Value(q("2", "s")));
  CHECK(parse_error("jitter in [5, 0.5ms]") == "--slo:1:11: error: the range's low end is above its high end");
}

TEST_CASE("--slo errors say the column") {
  CHECK(parse_error("") ==
        "--slo:1:1: error: empty expression; write conditions like latency_p95_ms<=15,success_rate>=0.995");
  CHECK(parse_error("latency<<5") == "--slo:1:9: error: expected a value, found '<'");
  CHECK(parse_error("latency 5") ==
        "--slo:1:9: error: expected a comparison after \"latency\" (<, <=, >, >=, =, in, not in)");
  CHECK(parse_error("a<1,") == "--slo:1:5: error: expected a condition after ','");
  CHECK(parse_error("a<1 b<2") == "--slo:1:5: error: expected ',' before the next condition, found 'b'");
  CHECK(parse_error("a<5parsecs") ==
        "--slo:1:4: error: unknown unit \"parsecs\" (known: ms, s, us, Mbps, Gbps, %, ratio, ...)");
  CHECK(parse_error("a in [1, 2, 3]") == "--slo:1:6: error: a range [low, high] has exactly two values");
  CHECK(parse_error("a in [5ms, 1ms]") == "--slo:1:6: error: the range's low end is above its high end");
  CHECK(parse_error("a in [1ms, 1Mbps]") == "--slo:1:6: error: the range mixes ms and Mbps");
  CHECK(parse_error("a in [1, 2") == "--slo:1:11: error: '[' is never closed");
  CHECK(parse_error("a = \"open") == "--slo:1:5: error: string is never closed");
  CHECK(parse_error("a not 5") == "--slo:1:7: error: expected \"in\" after \"not\"");
  CHECK(parse_error("9lives<1") == "--slo:1:1: error: expected a metric name (letters, digits, '_', ':', '.', '-')");
  try {
    parse_slo("a<");
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
  }
}

TEST_CASE("units in metric names") {
  CHECK(unit_from_name("latency_p95_ms") == "ms");
  CHECK(unit_from_name("upf_rtt_seconds") == "s");
  CHECK(unit_from_name("success_ratio") == "ratio");
  CHECK(unit_from_name("cpu_percent") == "%");
  CHECK(unit_from_name("uplink_mbps") == "Mbps");
  CHECK(unit_from_name("tx_bytes") == "B");
  CHECK(unit_from_name("latency") == "");
  CHECK(unit_from_name("ms") == "");      // a name, not a suffix
  CHECK(unit_from_name("speed_h") == ""); // too easily a word
}

TEST_CASE("the ten conditions, with units converted") {
  const Measurement ms27 = Measurement::of_number(2.7, "ms");
  CHECK_FALSE(met(Condition::is_less_than, one(q("1", "ms")), ms27));
  CHECK(met(Condition::is_less_than, one(q("3", "ms")), ms27));
  CHECK(met(Condition::is_less_than, one(q("0.003", "s")), ms27));
  CHECK(met(Condition::is_equal_to_or_less_than, one(q("2.7", "ms")), ms27));
  CHECK_FALSE(met(Condition::is_less_than, one(q("2.7", "ms")), ms27));
  CHECK(met(Condition::is_equal_to_or_less_than, one(q("0.0027", "s")), ms27)); // equal after conversion
  CHECK(met(Condition::is_greater_than, one(q("1", "Gbps")), Measurement::of_number(1200, "Mbps")));
  CHECK_FALSE(met(Condition::is_greater_than, one(q("1", "Gbps")), Measurement::of_number(1000, "Mbps")));
  CHECK(met(Condition::is_equal_to_or_greater_than, one(q("1", "Gbps")), Measurement::of_number(1000, "Mbps")));
  CHECK(met(Condition::is_equal_to_or_greater_than, one(q("99.5", "%")), Measurement::of_number(0.996, "ratio")));
  CHECK_FALSE(met(Condition::is_equal_to_or_greater_than, one(q("99.5", "%")), Measurement::of_number(0.994, "ratio")));
  CHECK(met(Condition::is_equal_to, one(q("5")), Measurement::of_number(5, "")));
  // A measurement without a unit is read in the target's unit.
  CHECK(met(Condition::is_less_than, one(q("10", "ms")), Measurement::of_number(7, "")));
  CHECK(met(Condition::is_within_range, list({q("1", "ms"), q("5", "ms")}), ms27));
  CHECK(met(Condition::is_within_range, list({q("1", "ms"), q("2.7", "ms")}), ms27)); // bounds included
  CHECK_FALSE(met(Condition::is_within_range, list({q("3", "ms"), q("5", "ms")}), ms27));
  CHECK(met(Condition::is_outside_range, list({q("3", "ms"), q("5", "ms")}), ms27));
  CHECK_FALSE(met(Condition::is_outside_range, list({q("1", "ms"), q("5", "ms")}), ms27));
  CHECK(met(Condition::is_one_of, list({q("1", "ms"), q("2.7", "ms")}), ms27));
  CHECK_FALSE(met(Condition::is_not_one_of, list({q("1", "ms"), q("0.0027", "s")}), ms27));
  CHECK(met(Condition::is_not_one_of, list({q("1", "ms")}), ms27));

  Measurement word;
  word.kind = Measurement::Kind::text;
  word.text = "auto";
  CHECK(met(Condition::is_equal_to, one(std::string("auto")), word));
  CHECK(met(Condition::is_one_of, list({std::string("manual"), std::string("auto")}), word));
  CHECK(met(Condition::is_not_one_of, list({std::string("manual")}), word));

  Measurement set;
  set.kind = Measurement::Kind::list;
  for (const char* band : {"n78", "n41", "n1"}) {
    Measurement item;
    item.kind = Measurement::Kind::text;
    item.text = band;
    set.items.push_back(item);
  }
  CHECK(met(Condition::is_all_of, list({std::string("n78"), std::string("n1")}), set));
  CHECK_FALSE(met(Condition::is_all_of, list({std::string("n78"), std::string("n77")}), set));
}

TEST_CASE("verdicts say what was measured and what was wanted") {
  const TargetVerdict verdict =
      evaluate(Condition::is_less_than, one(q("1", "ms")), Measurement::of_number(0.0027, "s"));
  CHECK(verdict.measured);
  CHECK(verdict.state == CheckState::fail);
  CHECK(verdict.achieved == doctest::Approx(2.7));
  CHECK(verdict.achieved_unit == "ms");
  CHECK(verdict.reason == "2.7 ms, wanted IS_LESS_THAN 1 ms");

  const TargetVerdict incomparable =
      evaluate(Condition::is_less_than, one(q("1", "ms")), Measurement::of_number(5, "Mbps"));
  CHECK(incomparable.state == CheckState::unknown); // not a violation: nothing comparable was measured
  CHECK(incomparable.reason == "cannot compare 5 Mbps with 1 ms");

  const TargetVerdict missing =
      evaluate(Condition::is_less_than, one(q("1", "ms")), Measurement::missing("query x", "no series"));
  CHECK_FALSE(missing.measured);
  CHECK(missing.state == CheckState::unknown);
  CHECK(missing.reason == "no series");

  // Several values where one is wanted say nothing, as several Prometheus series do.
  Measurement two;
  two.kind = Measurement::Kind::list;
  two.items = {Measurement::of_number(0.5, "ms"), Measurement::of_number(5, "ms")};
  const TargetVerdict ambiguous = evaluate(Condition::is_less_than, one(q("1", "ms")), two);
  CHECK(ambiguous.state == CheckState::unknown);
  CHECK(ambiguous.reason == "the value is a list of 2; an SLO needs one value (only IS_ALL_OF takes a list)");
  two.items.pop_back();
  CHECK(evaluate(Condition::is_less_than, one(q("1", "ms")), two).state == CheckState::pass);
}

TEST_CASE("Prometheus answers") {
  const auto vector = prometheus_measurement(
      200, R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1.7e9,"0.0123"]}]}})",
      "query q", "s");
  CHECK(vector.kind == Measurement::Kind::number);
  CHECK(vector.number == doctest::Approx(0.0123));
  CHECK(vector.unit == "s");
  CHECK(prometheus_measurement(200, R"({"status":"success","data":{"resultType":"scalar","result":[1,"4"]}})", "q", "")
            .number == 4);
  CHECK(prometheus_measurement(200, R"({"status":"success","data":{"resultType":"vector","result":[]}})", "q", "")
            .problem == "the query returned no series");
  CHECK(prometheus_measurement(
            200,
            R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]},{"value":[1,"2"]}]}})",
            "q", "")
            .problem.starts_with("the query returned 2 series"));
  CHECK(prometheus_measurement(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})", "q", "")
            .problem == "the query returned a matrix; an SLO needs an instant vector");
  CHECK(prometheus_measurement(200,
                               R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"NaN"]}]}})",
                               "q", "")
            .kind == Measurement::Kind::missing);
  CHECK(prometheus_measurement(400, R"({"status":"error","errorType":"bad_data","error":"parse error"})", "q", "")
            .problem == "Prometheus refused the query (bad_data): parse error");
  // Not Prometheus at all: the source's fault, for the whole check.
  CHECK_THROWS_WITH_AS(prometheus_measurement(200, "<html>", "q", ""),
                       doctest::Contains("q: Prometheus answered HTTP 200 without a JSON object"), Error);
}

TEST_CASE("JSON pointers and JSON values") {
  const Node document =
      parse_json(Source{"m.json", R"({"a":{"b/c":[10,{"d~e":"2.5ms"}]},"flag":true,"v":{"value":3,"unit":"Gbps"}})"},
                 ReadLimits{})
          .documents.at(0);
  std::string problem;
  CHECK(resolve_json_pointer(document, "", problem) == &document);
  CHECK(resolve_json_pointer(document, "/a/b~1c/0", problem)->text() == "10");
  CHECK(resolve_json_pointer(document, "/a/b~1c/1/d~0e", problem)->text() == "2.5ms");
  CHECK_FALSE(resolve_json_pointer(document, "/a/b~1c/2", problem));
  CHECK(problem == "no item \"2\" in a list of 2");
  CHECK_FALSE(resolve_json_pointer(document, "/a/x", problem));
  CHECK(problem == "no member \"x\"");
  CHECK_FALSE(resolve_json_pointer(document, "/flag/x", problem));
  CHECK_FALSE(resolve_json_pointer(document, "a", problem));
  CHECK_FALSE(resolve_json_pointer(document, "/a/b~2c", problem));

  const Measurement quantity = json_measurement(*resolve_json_pointer(document, "/a/b~1c/1/d~0e", problem), "p", "");
  CHECK(quantity.number == 2.5);
  CHECK(quantity.unit == "ms");
  const Measurement object = json_measurement(*resolve_json_pointer(document, "/v", problem), "p", "");
  CHECK(object.number == 3);
  CHECK(object.unit == "Gbps");
  CHECK(json_measurement(*resolve_json_pointer(document, "/flag", problem), "p", "").kind ==
        Measurement::Kind::boolean);
  CHECK(json_measurement(*resolve_json_pointer(document, "/a/b~1c", problem), "p", "").items.size() == 2);
  // A plain number takes the unit it was configured with.
  CHECK(json_measurement(*resolve_json_pointer(document, "/a/b~1c/0", problem), "p", "Mbps").unit == "Mbps");
}

TEST_CASE("numbers as people read them") {
  CHECK(number_text(2.7, "ms") == "2.7 ms");
  CHECK(number_text(99.5, "%") == "99.5%");
  CHECK(number_text(0.1 + 0.2, "") == "0.3");
  CHECK(number_text(1e9, "bps") == "1e+09 bps");
}

TEST_CASE("sites file: metrics targets as a query, or as {query|pointer, unit}") {
  const Sites sites = parse_sites(Source{"s.yaml", "sites:\n  edge1:\n    repo: r\n    metrics:\n      url: http://p\n"
                                                   "      targets:\n        latency: {query: 'q{a=\"b\"}', unit: s}\n"
                                                   "        loss: upf_loss_ratio\n"});
  const MetricsSource& metrics = *sites.sites.at(0).metrics;
  CHECK(metrics.targets.at("latency") == "q{a=\"b\"}");
  CHECK(metrics.units.at("latency") == "s");
  CHECK(metrics.targets.at("loss") == "upf_loss_ratio");
  CHECK_FALSE(metrics.units.contains("loss"));
  const Sites json =
      parse_sites(Source{"s.yaml", "sites:\n  edge1:\n    repo: r\n    metrics:\n      url: http://j\n"
                                   "      kind: json\n      targets: {tx: {pointer: /tx, unit: Mbps}}\n"});
  CHECK(json.sites.at(0).metrics->targets.at("tx") == "/tx");
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge1:\n    repo: r\n    metrics:\n      url: u\n"
                                                    "      targets: {x: {query: q, unit: parsecs}}\n"}),
                       "s.yaml:6:37: error: sites.edge1.metrics.targets.x.unit: unknown unit \"parsecs\"", Error);
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge1:\n    repo: r\n    metrics:\n      url: u\n"
                                                    "      targets: {x: {pointer: /x}}\n"}),
                       doctest::Contains("missing required field \"query\""), Error);
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge1:\n    repo: r\n    metrics:\n      url: u\n"
                                                    "      targets: {x: [q]}\n"}),
                       doctest::Contains("expected string, got array"), Error);
}
