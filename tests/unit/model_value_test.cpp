// The typed value model: the one units table, quantities, range notations,
// 28.312's structured values, and the check of a target's values against its
// name and condition.
#include <doctest/doctest.h>

#include "io/limits.hpp"
#include "model/intent_io.hpp"
#include "model/target_kind.hpp"

using namespace intentctl;

namespace {

Quantity q(std::string number, std::string unit = "") { return Quantity{std::move(number), std::move(unit)}; }

std::string range_of(std::string_view text) {
  std::string problem;
  const auto range = parse_range(text, problem);
  if (!problem.empty()) return "problem: " + problem;
  if (!range) return "not a range";
  return quantity_text(range->low) + " .. " + quantity_text(range->high);
}

Target target(std::string name, Condition condition, std::vector<Value> values, bool list = false) {
  Target t;
  t.name = std::move(name);
  t.condition = condition;
  t.range.values = std::move(values);
  t.range.is_list = list || t.range.values.size() > 1;
  return t;
}

// "" when the target is fine, else the problem's message.
std::string problem_of(Target t) {
  const auto problem = settle_target(t);
  return problem ? problem->message : "";
}

Value read(const std::string& json) {
  const Source source{"v.json", json};
  return read_value(source, parse_json(source, ReadLimits{}).documents.at(0), "v");
}

std::string read_error(const std::string& json) {
  try {
    read(json);
  } catch (const Error& error) {
    return error.describe();
  }
  return "accepted";
}

} // namespace

TEST_CASE("units: every spelling to one canonical symbol") {
  const std::pair<const char*, const char*> spellings[] = {
      {"%", "%"},         {"percent", "%"},       {"percentage", "%"}, {"Percent", "%"}, {"pct", "%"},
      {"us", "us"},       {"\u00b5s", "us"},      {"\u03bcs", "us"},   {"usec", "us"},   {"ms", "ms"},
      {"msec", "ms"},     {"milliseconds", "ms"}, {"s", "s"},          {"sec", "s"},     {"seconds", "s"},
      {"min", "min"},     {"hours", "h"},         {"bps", "bps"},      {"bit/s", "bps"}, {"kbps", "kbps"},
      {"Kbps", "kbps"},   {"kbit/s", "kbps"},     {"Mbps", "Mbps"},    {"MBPS", "Mbps"}, {"mbps", "Mbps"},
      {"Mbit/s", "Mbps"}, {"Mb/s", "Mbps"},       {"Gbps", "Gbps"},    {"gbps", "Gbps"}, {"Gbit/s", "Gbps"},
      {"Tbps", "Tbps"},   {"MHz", "MHz"},         {"mhz", "MHz"},      {"GHz", "GHz"},   {"dBm", "dBm"},
      {"MB", "MB"},       {"KiB", "KiB"},         {"ppm", "ppm"},
  };
  for (const auto& [spelling, symbol] : spellings) {
    CAPTURE(spelling);
    REQUIRE(find_unit(spelling));
    CHECK(find_unit(spelling)->symbol == symbol);
    CHECK(canonical_unit(spelling) == symbol);
  }
  CHECK_FALSE(find_unit("Mb")); // megabits are no rate
  CHECK_FALSE(find_unit("mb")); // nor millibytes: bytes keep their case
  CHECK_FALSE(find_unit("users"));
  CHECK_FALSE(find_unit("MS")); // times keep their case
  CHECK_FALSE(find_unit(""));   // a plain number has no unit
  CHECK(canonical_unit("users") == "users");
}

TEST_CASE("units: conversions within a dimension, none across") {
  CHECK(*convert(1, "s", "ms") == doctest::Approx(1000));
  CHECK(*convert(500, "us", "ms") == doctest::Approx(0.5));
  CHECK(*convert(1, "Gbps", "Mbps") == doctest::Approx(1000));
  CHECK(*convert(99.9, "%", "ratio") == doctest::Approx(0.999));
  CHECK(*convert(1, "percent", "%") == doctest::Approx(1));
  CHECK(*convert(3.5, "GHz", "MHz") == doctest::Approx(3500));
  CHECK_FALSE(convert(1, "ms", "Mbps"));
  CHECK_FALSE(convert(1, "", "ms"));
  CHECK(base_value(q("1", "ms")) == doctest::Approx(0.001));
  CHECK(base_value(q("99.9", "%")) == doctest::Approx(0.999));
  CHECK(base_value(q("0.999")) == doctest::Approx(0.999));
  CHECK(base_value(q("800", "Mbps")) < base_value(q("1", "Gbps")));
  CHECK(dimension_of(q("1", "Gbps")) == Dimension::bitrate);
  CHECK_FALSE(dimension_of(q("200", "users")));
}

TEST_CASE("quantities: numbers with units, canonical on the way in") {
  CHECK(parse_quantity("1ms") == q("1", "ms"));
  CHECK(parse_quantity("1 ms") == q("1", "ms"));
  CHECK(parse_quantity("  99.9 percent ") == q("99.9", "%"));
  CHECK(parse_quantity("99.9 %") == q("99.9", "%"));
  CHECK(parse_quantity("500\u00b5s") == q("500", "us"));
  CHECK(parse_quantity("1 Gbit/s") == q("1", "Gbps"));
  CHECK(parse_quantity("-3.5dBm") == q("-3.5", "dBm"));
  CHECK(parse_quantity("+2") == q("2"));
  CHECK(parse_quantity(".5ms") == q("0.5", "ms"));
  CHECK(parse_quantity("007") == q("7"));
  CHECK(parse_quantity("200 subscribers") == q("200", "subscribers"));
  CHECK_FALSE(parse_quantity("200subscribers"));
  CHECK_FALSE(parse_quantity("roughly 1ms"));
  CHECK_FALSE(parse_quantity("1-5ms"));
  CHECK_FALSE(parse_quantity(""));
  CHECK(quantity_text(q("1", "ms")) == "1ms");
  CHECK(quantity_text(q("200", "subscribers")) == "200 subscribers");
}

TEST_CASE("ranges: every notation, units on either or both ends, negatives") {
  CHECK(range_of("1-5ms") == "1ms .. 5ms");
  CHECK(range_of("1ms-5ms") == "1ms .. 5ms");
  CHECK(range_of("1ms-5") == "1ms .. 5ms");
  CHECK(range_of("1 - 5 ms") == "1ms .. 5ms");
  CHECK(range_of("1..5ms") == "1ms .. 5ms");
  CHECK(range_of("1 .. 5 ms") == "1ms .. 5ms");
  CHECK(range_of("1ms..5ms") == "1ms .. 5ms");
  CHECK(range_of("1000-40000") == "1000 .. 40000");
  CHECK(range_of("1000..40000") == "1000 .. 40000");
  CHECK(range_of("1 to 5 Mbps") == "1Mbps .. 5Mbps");
  CHECK(range_of("from 1 to 5") == "1 .. 5");
  CHECK(range_of("between 1 and 5 ms") == "1ms .. 5ms");
  CHECK(range_of("Between 1ms and 5ms") == "1ms .. 5ms");
  CHECK(range_of("1\u20135 ms") == "1ms .. 5ms");
  CHECK(range_of("-10..-5 dBm") == "-10dBm .. -5dBm");
  CHECK(range_of("-10--5") == "-10 .. -5");
  CHECK(range_of("-5 to 5") == "-5 .. 5");
  CHECK(range_of("1e-3-5e-3") == "1e-3 .. 5e-3");
  CHECK(range_of("3700-3800 MHz") == "3700MHz .. 3800MHz");
  CHECK(range_of("10 - 20 users") == "10 users .. 20 users");
  // Two units of one dimension come to the finer one.
  CHECK(range_of("1s-1500ms") == "1000ms .. 1500ms");
  CHECK(range_of("500 Mbps to 1 Gbps") == "500Mbps .. 1000Mbps");
  CHECK(range_of("90 percent - 99.9%") == "90% .. 99.9%");
  // Not ranges, or ranges whose ends do not fit together.
  CHECK(range_of("5ms") == "not a range");
  CHECK(range_of("-5") == "not a range");
  CHECK(range_of("2026-01-01T00:00:00Z") == "not a range");
  CHECK(range_of("n1-n3") == "not a range");
  CHECK(range_of("1-") == "not a range");
  CHECK(range_of("1ms-5Mbps").find("problem: the ends of the range \"1ms-5Mbps\" are in units that do not compare") ==
        0);
}

TEST_CASE("values: every ValueRangeType alternative of 28.312 is read as such") {
  CHECK(std::get<bool>(read("true")));
  CHECK(std::get<Quantity>(read("5")) == q("5"));
  CHECK(std::get<Quantity>(read("\"5 ms\"")) == q("5", "ms"));
  CHECK(std::get<std::string>(read("\"001\"")) == "001"); // an identifier, not a number
  CHECK(std::get<std::string>(read("\"edge1\"")) == "edge1");
  CHECK(std::get<DateTime>(read("\"2026-03-01T08:00:00Z\"")).text == "2026-03-01T08:00:00Z");
  const auto window = std::get<TimeWindow>(read(R"({"startTime": "2026-03-01T08:00:00Z"})"));
  CHECK(window.start->text == "2026-03-01T08:00:00Z");
  CHECK_FALSE(window.end);
  CHECK(std::get<PlmnId>(read(R"({"mcc": "001", "mnc": "01"})")) == PlmnId{"001", "01"});
  CHECK(std::get<GeoCoordinate>(read(R"({"latitude": 48.1, "longitude": 11.5})")).latitude == doctest::Approx(48.1));
  CHECK(std::get<GeoArea>(
            read(R"({"convexGeoPolygon": [{"latitude": 1, "longitude": 2}, {"latitude": 1.5, "longitude": 2},
                                                          {"latitude": 1, "longitude": 2.5}]})"))
            .polygon.size() == 3);
  const auto group = std::get<UeGroup>(read(R"({"fiveQI": 9, "sNssai": {"sst": 1, "sd": "00ABCD"}})"));
  CHECK(*group.five_qi == 9);
  CHECK(group.snssai->sd == "00ABCD");
  CHECK(std::get<Frequency>(read(R"({"arfcn": 632628, "freqband": "n78"})")).band == "n78");
  // Written back as they came.
  CHECK(value_text(read(R"({"mcc": "001", "mnc": "01"})")) == R"({"mcc":"001","mnc":"01"})");
  CHECK(value_text(read(R"({"fiveQI": 9, "sNssai": {"sst": 1}})")) == R"({"fiveQI":9,"sNssai":{"sst":1}})");
}

TEST_CASE("values: what is no 28.312 value is refused with what was expected") {
  CHECK(read_error(R"({"value": 5, "unit": "ms"})") ==
        "v.json:1:1: error: v: expected a number, a string, a boolean, a date-time or one of 28.312's structured "
        "values (TimeWindow {startTime, endTime}, GeoArea {convexGeoPolygon}, GeoCoordinate {latitude, longitude}, "
        "PlmnId {mcc, mnc}, UEGroup {fiveQI, sNssai}, Frequency {arfcn, freqband}); got an object with value, unit; "
        "write a number with its unit as one string, such as \"5ms\"");
  CHECK(read_error("[1, 2]").find("got a list inside the list of values") != std::string::npos);
  CHECK(read_error("null").find("got null") != std::string::npos);
  CHECK(read_error(R"({"mcc": "1", "mnc": "01"})") == "v.json:1:9: error: v.mcc: mcc must be three digits, got \"1\"");
  CHECK(read_error(R"({"startTime": "yesterday"})").find("startTime must be an RFC 3339 date-time") !=
        std::string::npos);
  CHECK(read_error(R"({"fiveQI": 300})").find("fiveQI must be a whole number from 0 to 255") != std::string::npos);
  CHECK(read_error(R"({"sNssai": {"sst": 1, "sd": "xyz"}})").find("sd must be six hexadecimal digits") !=
        std::string::npos);
  CHECK(read_error(R"({"latitude": 91, "longitude": 0})").find("latitude must be a number from -90 to 90") !=
        std::string::npos);
  CHECK(read_error(R"({"mcc": "001", "mnc": "01", "extra": 1})").find("unknown field \"extra\"") != std::string::npos);
}

TEST_CASE("target kinds by name") {
  CHECK(target_kind("latency").type == ValueType::quantity);
  CHECK(target_kind("DlLatency").dimension == Dimension::time);
  CHECK(target_kind("Packet Loss").dimension == Dimension::ratio);
  CHECK(target_kind("packet_loss").dimension == Dimension::ratio);
  CHECK(target_kind("throughputDL").dimension == Dimension::bitrate);
  CHECK(target_kind("maxNumberofUEs").type == ValueType::count);
  CHECK(target_kind("beamforming").type == ValueType::boolean);
  CHECK(target_kind("rsrp").below_zero);
  CHECK(target_kind("features").type == ValueType::any);
}

TEST_CASE("targets: values against the name and the condition, one message saying what was expected") {
  using C = Condition;
  CHECK(problem_of(target("latency", C::is_less_than, {q("1", "ms")})).empty());
  CHECK(problem_of(target("latency", C::is_less_than, {true})) ==
        "target \"latency\": expected a duration such as 5ms (ns, us, ms, s, min, h), got true");
  CHECK(problem_of(target("latency", C::is_less_than, {q("5")})) ==
        "target \"latency\": expected a duration such as 5ms (ns, us, ms, s, min, h), got 5 (a number without a unit)");
  CHECK(problem_of(target("latency", C::is_less_than, {q("5", "Mbps")})) ==
        "target \"latency\": expected a duration such as 5ms (ns, us, ms, s, min, h), got 5Mbps (a bit rate)");
  CHECK(problem_of(target("latency", C::is_less_than, {q("-1", "ms")})) ==
        "target \"latency\": expected a duration such as 5ms (ns, us, ms, s, min, h) of at least 0, got -1ms");
  CHECK(problem_of(target("throughput", C::is_greater_than, {std::string("fast")})) ==
        "target \"throughput\": expected a bit rate such as 100Mbps (bps, kbps, Mbps, Gbps, Tbps), got \"fast\"");
  CHECK(problem_of(target("availability", C::is_equal_to_or_greater_than, {q("99.99", "%")})).empty());
  CHECK(problem_of(target("availability", C::is_equal_to_or_greater_than, {q("0.9999")})).empty());
  CHECK(
      problem_of(target("availability", C::is_equal_to_or_greater_than, {q("99.99")})) ==
      "target \"availability\": expected a ratio such as 99.9% or a fraction from 0 to 1, got 99.99, which is above 1");
  CHECK(problem_of(target("availability", C::is_equal_to_or_greater_than, {q("120", "%")})) ==
        "target \"availability\": expected a ratio such as 99.9% or a fraction from 0 to 1, got 120%, which is above "
        "100%");
  CHECK(problem_of(target("subscribers", C::is_less_than, {q("200")})).empty());
  CHECK(problem_of(target("subscribers", C::is_less_than, {q("200", "users")})).empty());
  CHECK(problem_of(target("subscribers", C::is_less_than, {q("1.5")})) ==
        "target \"subscribers\": expected a whole number such as 200, got 1.5");
  CHECK(problem_of(target("subscribers", C::is_less_than, {q("2", "ms")})) ==
        "target \"subscribers\": expected a whole number such as 200, got 2ms");
  CHECK(problem_of(target("beamforming", C::is_equal_to, {true})).empty());
  CHECK(problem_of(target("beamforming", C::is_equal_to, {std::string("yes")})) ==
        "target \"beamforming\": expected true or false, got \"yes\"");
  CHECK(problem_of(target("beamforming", C::is_less_than, {true})).find("a boolean target has none") !=
        std::string::npos);
  CHECK(problem_of(target("mobilityLevel", C::is_equal_to, {std::string("nomadic")})).empty());
  CHECK(problem_of(target("mobilityLevel", C::is_equal_to, {std::string("running")})) ==
        "target \"mobilityLevel\": expected one of \"STATIONARY\", \"NOMADIC\", \"RESTRICTED MOBILITY\", \"FULLY "
        "MOBILITY\", got \"running\"");
  CHECK(problem_of(target("rsrp", C::is_greater_than, {q("-110", "dBm")})).empty());
  // Names the table does not know: any value, but orders and ranges need numbers.
  CHECK(problem_of(target("features", C::is_all_of, {std::string("bfd"), std::string("frr")})).empty());
  CHECK(problem_of(target("colour", C::is_equal_to, {true})).empty());
  CHECK(problem_of(target("colour", C::is_less_than, {true})) ==
        "target \"colour\": IS_LESS_THAN compares numbers: expected a number, with or without a unit, got true");
}

TEST_CASE("targets: ranges settle to two values in one unit") {
  using C = Condition;
  Target text = target("latency", C::is_within_range, {std::string("1..5ms")});
  CHECK_FALSE(settle_target(text));
  CHECK(range_text(text.range) == "[1ms, 5ms]");
  CHECK(text.range.is_list);
  Target mixed = target("latency", C::is_within_range, {q("1", "s"), q("1500", "ms")});
  CHECK_FALSE(settle_target(mixed));
  CHECK(range_text(mixed.range) == "[1000ms, 1500ms]");
  Target one_unit = target("latency", C::is_within_range, {q("1"), q("5", "ms")});
  CHECK_FALSE(settle_target(one_unit));
  CHECK(range_text(one_unit.range) == "[1ms, 5ms]");
  Target counts = target("subscribers", C::is_within_range, {std::string("1000-40000")});
  CHECK_FALSE(settle_target(counts));
  CHECK(range_text(counts.range) == "[1000, 40000]");
  CHECK(problem_of(target("latency", C::is_within_range, {q("8", "ms"), q("2", "ms")})) ==
        "target \"latency\": the range's low end 8ms is above its high end 2ms");
  CHECK(problem_of(target("latency", C::is_within_range, {q("5", "ms")})) ==
        "target \"latency\": IS_WITHIN_RANGE needs two values, low and high (such as [1ms, 5ms] or \"1-5ms\"); got 1");
  CHECK(problem_of(target("latency", C::is_less_than, {q("1", "ms"), q("2", "ms")})) ==
        "target \"latency\": IS_LESS_THAN compares with one value; got 2");
  CHECK(problem_of(target("x", C::is_within_range, {q("1", "ms"), q("2", "Mbps")})) ==
        "target \"x\": the ends of the range are in units that do not compare (ms and Mbps)");
  Target spelled = target("latency", C::is_within_range, {q("5", "ms")});
  CHECK(settle_target(spelled, "between")->message.find("between needs two values") != std::string::npos);
  Target boolean_words = target("beamforming", C::is_equal_to, {std::string("true")});
  CHECK_FALSE(settle_target(boolean_words));
  CHECK(std::get<bool>(boolean_words.range.values[0]));
}

TEST_CASE("targets: the interval of numbers a target allows, in base units") {
  using C = Condition;
  const auto below = allowed_interval(target("latency", C::is_less_than, {q("1", "ms")}));
  REQUIRE(below);
  CHECK_FALSE(below->low);
  CHECK(below->high->value == doctest::Approx(0.001));
  CHECK_FALSE(below->high->inclusive);
  const auto within = allowed_interval(target("latency", C::is_within_range, {q("500", "us"), q("2", "ms")}));
  CHECK(within->low->value == doctest::Approx(0.0005));
  CHECK(within->high->value == doctest::Approx(0.002));
  CHECK(within->high->inclusive);
  CHECK_FALSE(allowed_interval(target("band", C::is_one_of, {std::string("n78")})));
}

TEST_CASE("messages quote at most the echo length of an input value") {
  const std::string long_name(10000, 'x');
  const std::string message = problem_of(target(long_name, Condition::is_less_than, {true}));
  CHECK(message.size() < 400);
  CHECK(message.find(std::string(limits::echo_chars, 'x') + "...") != std::string::npos);
  CHECK(echo("short") == "short");
  CHECK(echo(std::string(200, '\xc3')).size() == limits::echo_chars + 3); // stray bytes count one each
  CHECK(echo(std::string(150, 'a') + "\u00e9").size() == limits::echo_chars + 3);
}
