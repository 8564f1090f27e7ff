#include "model/intent_io.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "io/control_characters.hpp"
#include "io/limits.hpp"
#include "io/writer.hpp"
#include "model/target_kind.hpp"
#include "util/time.hpp"

namespace intentctl {

// ---- writing ---------------------------------------------------------------

namespace {

Node coordinate_node(const GeoCoordinate& point) {
  Node coordinate = Node::object();
  coordinate.add("latitude", Node::number(point.latitude));
  coordinate.add("longitude", Node::number(point.longitude));
  if (point.altitude) coordinate.add("altitude", Node::number(*point.altitude));
  return coordinate;
}

} // namespace

Node to_node(const Value& value) {
  struct Visitor {
    Node operator()(bool b) const { return Node::boolean(b); }
    Node operator()(const Quantity& q) const {
      return q.unit.empty() ? Node::number(q.number) : Node::string(quantity_text(q));
    }
    Node operator()(const std::string& s) const { return Node::string(s); }
    Node operator()(const DateTime& d) const { return Node::string(d.text); }
    Node operator()(const TimeWindow& window) const {
      Node node = Node::object();
      if (window.start) node.add("startTime", Node::string(window.start->text));
      if (window.end) node.add("endTime", Node::string(window.end->text));
      return node;
    }
    Node operator()(const GeoArea& area) const {
      Node polygon = Node::array();
      for (const auto& point : area.polygon) polygon.push(coordinate_node(point));
      Node geo = Node::object();
      geo.add("convexGeoPolygon", std::move(polygon));
      return geo;
    }
    Node operator()(const GeoCoordinate& point) const { return coordinate_node(point); }
    Node operator()(const PlmnId& plmn) const {
      Node node = Node::object();
      node.add("mcc", Node::string(plmn.mcc));
      node.add("mnc", Node::string(plmn.mnc));
      return node;
    }
    Node operator()(const UeGroup& group) const {
      Node node = Node::object();
      if (group.five_qi) node.add("fiveQI", Node::number(std::to_string(*group.five_qi)));
      if (group.snssai) {
        Node snssai = Node::object();
        snssai.add("sst", Node::number(std::to_string(group.snssai->sst)));
        if (group.snssai->sd) snssai.add("sd", Node::string(*group.snssai->sd));
        node.add("sNssai", std::move(snssai));
      }
      return node;
    }
    Node operator()(const Frequency& frequency) const {
      Node node = Node::object();
      if (frequency.arfcn) node.add("arfcn", Node::number(std::to_string(*frequency.arfcn)));
      if (frequency.band) node.add("freqband", Node::string(*frequency.band));
      return node;
    }
  };
  return std::visit(Visitor{}, value);
}

Node to_node(const ValueRange& range) {
  if (!range.is_list && range.values.size() == 1) return to_node(range.values.front());
  Node list = Node::array();
  for (const auto& value : range.values) list.push(to_node(value));
  return list;
}

void add_condition(Node& node, Condition condition, const ValueRange& range) {
  node.add("condition", Node::string(std::string(to_3gpp(condition))));
  std::optional<std::string> unit;
  bool one_unit = true;
  for (const auto& value : range.values) {
    const auto* quantity = std::get_if<Quantity>(&value);
    if (!quantity || (unit && *unit != quantity->unit)) one_unit = false;
    else unit = quantity->unit;
  }
  auto value_node = [&](const Value& value) {
    if (one_unit) return Node::number(std::get<Quantity>(value).number);
    return to_node(value);
  };
  if (range.is_list || range.values.size() != 1) {
    Node list = Node::array();
    for (const auto& value : range.values) list.push(value_node(value));
    node.add("value", std::move(list));
  } else {
    node.add("value", value_node(range.values.front()));
  }
  if (one_unit && unit && !unit->empty()) node.add("unit", Node::string(*unit));
}

namespace {
void add_contexts(Node& object, const char* key, const std::vector<Context>& contexts) {
  if (contexts.empty()) return;
  Node list = Node::array();
  for (const auto& context : contexts) list.push(to_node(context));
  object.add(key, std::move(list));
}
} // namespace

Node to_node(const Context& context) {
  Node node = Node::object();
  node.members().reserve(3); // sized up front: thousands of these are written in a stream
  node.add("contextAttribute", Node::string(context.attribute));
  node.add("contextCondition", Node::string(std::string(to_3gpp(context.condition))));
  node.add("contextValueRange", to_node(context.range));
  return node;
}

Node to_node(const Target& target) {
  Node node = Node::object();
  node.members().reserve(4);
  node.add("targetName", Node::string(target.name));
  node.add("targetCondition", Node::string(std::string(to_3gpp(target.condition))));
  node.add("targetValueRange", to_node(target.range));
  add_contexts(node, "targetContexts", target.contexts);
  return node;
}

Node to_node(const Expectation& expectation) {
  Node node = Node::object();
  node.members().reserve(5);
  node.add("expectationId", Node::string(expectation.id));
  node.add("expectationVerb", Node::string(expectation.verb));
  Node object = Node::object();
  object.members().reserve(3);
  object.add("objectType", Node::string(expectation.object.type));
  if (!expectation.object.instance.empty()) object.add("objectInstance", Node::string(expectation.object.instance));
  add_contexts(object, "objectContexts", expectation.object.contexts);
  node.add("expectationObject", std::move(object));
  Node targets = Node::array();
  targets.items().reserve(expectation.targets.size());
  for (const auto& target : expectation.targets) targets.push(to_node(target));
  node.add("expectationTargets", std::move(targets));
  add_contexts(node, "expectationContexts", expectation.contexts);
  return node;
}

Node to_node(const Intent& intent, Layout layout) {
  Node fields = Node::object();
  if (!intent.user_label.empty()) fields.add("userLabel", Node::string(intent.user_label));
  Node expectations = Node::array();
  for (const auto& expectation : intent.expectations) expectations.push(to_node(expectation));
  fields.add("intentExpectations", std::move(expectations));
  std::vector<Context> contexts = intent.contexts;
  if (!intent.sites.empty()) {
    Context sites{std::string(kSitesContextAttribute), Condition::is_one_of, {}, {}};
    for (const auto& site : intent.sites) sites.range.values.emplace_back(site);
    sites.range.is_list = true;
    contexts.push_back(std::move(sites));
  }
  add_contexts(fields, "intentContexts", contexts);
  if (intent.admin_state) fields.add("intentAdminState", Node::string(*intent.admin_state));
  if (intent.priority) fields.add("intentPriority", Node::number(std::to_string(*intent.priority)));
  if (intent.observation_period)
    fields.add("observationPeriod", Node::number(std::to_string(*intent.observation_period)));

  Node node = Node::object();
  node.add("id", Node::string(intent.id));
  if (layout == Layout::attributes) {
    node.add("attributes", std::move(fields));
  } else {
    for (auto& member : fields.members()) node.add(member.key, std::move(member.value));
  }
  return node;
}

// ---- reading ---------------------------------------------------------------

void record_unread(const Fields& fields, std::vector<DeltaEntry>& delta, std::string_view note) {
  for (const auto* member : fields.unread())
    delta.push_back({location_of(fields.source(), member->key_mark, join_path(fields.path(), member->key)),
                     std::string(note), member->value});
}

namespace {

std::vector<Context> read_contexts(Fields& fields, std::string_view key, std::vector<DeltaEntry>& delta) {
  std::vector<Context> contexts;
  if (const Node* list = fields.array(key)) {
    const std::string base = join_path(fields.path(), key);
    for (std::size_t i = 0; i < list->items().size(); ++i)
      contexts.push_back(read_context(fields.source(), list->items()[i], join_path(base, i), delta));
  }
  return contexts;
}

GeoCoordinate read_coordinate(const Source& source, const Node& node, const std::string& path) {
  Fields point(source, node, path);
  GeoCoordinate coordinate;
  const auto latitude = point.number("latitude");
  const auto longitude = point.number("longitude");
  if (!latitude || *latitude < -90 || *latitude > 90)
    point.fail("latitude", "latitude must be a number from -90 to 90");
  if (!longitude || *longitude < -180 || *longitude > 180)
    point.fail("longitude", "longitude must be a number from -180 to 180");
  coordinate.latitude = *latitude;
  coordinate.longitude = *longitude;
  coordinate.altitude = point.number("altitude");
  point.reject_unknown("latitude, longitude, altitude");
  return coordinate;
}

GeoArea read_geo_area(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  const Node* polygon = fields.array("convexGeoPolygon");
  if (!polygon) fields.fail("convexGeoPolygon", "missing required field \"convexGeoPolygon\"");
  const std::string base = join_path(path, "convexGeoPolygon");
  if (polygon->items().size() < 3) fields.fail_at(*polygon, base, "a convexGeoPolygon needs at least 3 points");
  GeoArea area;
  for (std::size_t i = 0; i < polygon->items().size(); ++i)
    area.polygon.push_back(read_coordinate(source, polygon->items()[i], join_path(base, i)));
  fields.reject_unknown("convexGeoPolygon");
  return area;
}

bool all_digits(std::string_view text, std::size_t low, std::size_t high, bool hex = false) {
  if (text.size() < low || text.size() > high) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

PlmnId read_plmn(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  PlmnId plmn{fields.require_string("mcc"), fields.require_string("mnc")};
  if (!all_digits(plmn.mcc, 3, 3))
    fields.fail("mcc", fmt::format("mcc must be three digits, got \"{}\"", echo(plmn.mcc)));
  if (!all_digits(plmn.mnc, 2, 3))
    fields.fail("mnc", fmt::format("mnc must be two or three digits, got \"{}\"", echo(plmn.mnc)));
  fields.reject_unknown("mcc, mnc");
  return plmn;
}

std::optional<DateTime> read_date_time(Fields& fields, std::string_view key) {
  const auto text = fields.string(key);
  if (!text) return std::nullopt;
  if (!is_rfc3339(*text))
    fields.fail(key, fmt::format("{} must be an RFC 3339 date-time such as 2026-03-01T08:00:00Z, got \"{}\"", key,
                                 echo(*text)));
  return DateTime{*text};
}

TimeWindow read_time_window(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  TimeWindow window{read_date_time(fields, "startTime"), read_date_time(fields, "endTime")};
  fields.reject_unknown("startTime, endTime");
  return window;
}

int read_byte(Fields& fields, std::string_view key) {
  const auto value = fields.integer(key);
  if (!value || *value < 0 || *value > 255)
    fields.fail(key, fmt::format("{} must be a whole number from 0 to 255", key));
  return static_cast<int>(*value);
}

UeGroup read_ue_group(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  UeGroup group;
  if (fields.has("fiveQI")) group.five_qi = read_byte(fields, "fiveQI");
  if (const Node* snssai = fields.object("sNssai")) {
    Fields slice(source, *snssai, join_path(path, "sNssai"));
    Snssai value{read_byte(slice, "sst"), slice.string("sd")};
    if (value.sd && !all_digits(*value.sd, 6, 6, true))
      slice.fail("sd", fmt::format("sd must be six hexadecimal digits, got \"{}\"", echo(*value.sd)));
    slice.reject_unknown("sst, sd");
    group.snssai = value;
  }
  fields.reject_unknown("fiveQI, sNssai");
  return group;
}

Frequency read_frequency(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  Frequency frequency{fields.integer("arfcn"), fields.name("freqband")};
  if (frequency.arfcn && *frequency.arfcn < 0) fields.fail("arfcn", "arfcn must be a whole number of at least 0");
  fields.reject_unknown("arfcn, freqband");
  return frequency;
}

constexpr std::string_view kValueKinds =
    "a number, a string, a boolean, a date-time or one of 28.312's structured values (TimeWindow {startTime, "
    "endTime}, GeoArea {convexGeoPolygon}, GeoCoordinate {latitude, longitude}, PlmnId {mcc, mnc}, UEGroup "
    "{fiveQI, sNssai}, Frequency {arfcn, freqband})";

std::string member_list(const Node& object) {
  std::string list;
  for (const auto& member : object.members()) {
    if (list.size() > limits::echo_chars) return list + ", ...";
    list += (list.empty() ? "" : ", ") + echo(member.key);
  }
  return list;
}

} // namespace

Value read_value(const Source& source, const Node& node, const std::string& path) {
  switch (node.type()) {
    case Node::Type::boolean: return node.as_bool();
    case Node::Type::number: return Quantity{node.text(), ""};
    case Node::Type::string: {
      // Values reach annotations (expectation.nephio.org/target-value).
      refuse_control_characters(node.text(), location_of(source, node.mark, path), "the value");
      // A bare number in quotes stays a string (identifiers such as "001");
      // "1ms" becomes a quantity, a date-time a date-time.
      auto quantity = parse_quantity(node.text());
      if (quantity && !quantity->unit.empty()) return *quantity;
      if (is_rfc3339(node.text())) return DateTime{node.text()};
      return node.text();
    }
    case Node::Type::object: {
      auto has = [&](std::string_view key) { return node.find(key) != nullptr; };
      if (has("convexGeoPolygon")) return read_geo_area(source, node, path);
      if (has("latitude") || has("longitude")) return read_coordinate(source, node, path);
      if (has("mcc") || has("mnc")) return read_plmn(source, node, path);
      if (has("startTime") || has("endTime")) return read_time_window(source, node, path);
      if (has("fiveQI") || has("sNssai")) return read_ue_group(source, node, path);
      if (has("arfcn") || has("freqband")) return read_frequency(source, node, path);
      std::string message = fmt::format("expected {}; got an object{}{}", kValueKinds,
                                        node.members().empty() ? "" : " with ", member_list(node));
      if (has("value") && has("unit")) message += "; write a number with its unit as one string, such as \"5ms\"";
      throw input_error(message, location_of(source, node.mark, path));
    }
    case Node::Type::array:
      throw input_error(fmt::format("expected {}; got a list inside the list of values", kValueKinds),
                        location_of(source, node.mark, path));
    case Node::Type::null: break;
  }
  throw input_error(fmt::format("expected {}; got null", kValueKinds), location_of(source, node.mark, path));
}

ValueRange read_value_range(const Source& source, const Node& node, const std::string& path) {
  ValueRange range;
  if (node.is_array()) {
    range.is_list = true;
    for (std::size_t i = 0; i < node.items().size(); ++i)
      range.values.push_back(read_value(source, node.items()[i], join_path(path, i)));
  } else {
    range.values.push_back(read_value(source, node, path));
  }
  return range;
}

void settle_target_at(Target& target, const Source& source, const Node& values, const std::string& path,
                      std::string_view condition_spelling) {
  const auto problem = settle_target(target, condition_spelling);
  if (!problem) return;
  if (problem->index != ValueProblem::whole && values.is_array() && problem->index < values.items().size())
    throw input_error(problem->message,
                      location_of(source, values.items()[problem->index].mark, join_path(path, problem->index)));
  throw input_error(problem->message, location_of(source, values.mark, path));
}

Condition read_condition(const Source& source, const Node& node, const std::string& path) {
  if (!node.is_string())
    throw input_error(type_mismatch(Node::Type::string, node), location_of(source, node.mark, path));
  const auto condition = parse_condition(node.text());
  if (!condition)
    throw input_error(fmt::format("unknown condition \"{}\" (known: {})", echo(node.text()), known_condition_words()),
                      location_of(source, node.mark, path));
  return *condition;
}

std::string intent_contexts_text(const std::vector<Context>& contexts) {
  Node list = Node::array();
  for (const auto& context : contexts) list.push(to_node(context));
  return to_json(list, JsonStyle::compact);
}

std::vector<Context> read_intent_contexts(const Source& source) {
  const ParsedStream stream = parse_json(source, ReadLimits{});
  if (stream.documents.size() != 1 || !stream.documents.front().is_array())
    throw input_error("expected a JSON list of 28.312 contexts", location_of(source, Mark{1, 1}));
  std::vector<DeltaEntry> ignored;
  std::vector<Context> contexts;
  const Node& list = stream.documents.front();
  for (std::size_t i = 0; i < list.items().size(); ++i)
    contexts.push_back(read_context(source, list.items()[i], join_path("", i), ignored));
  return contexts;
}

Context read_context(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Context context;
  context.mark = node.mark;
  context.attribute = fields.require_name("contextAttribute");
  context.range = read_value_range(source, fields.require("contextValueRange"), join_path(path, "contextValueRange"));
  if (const Node* condition = fields.get("contextCondition"))
    context.condition = read_condition(source, *condition, join_path(path, "contextCondition"));
  else context.condition = context.range.is_list ? Condition::is_one_of : Condition::is_equal_to;
  record_unread(fields, delta);
  return context;
}

Target read_target(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Target target;
  target.mark = node.mark;
  target.name = fields.require_name("targetName");
  target.condition = read_condition(source, fields.require("targetCondition"), join_path(path, "targetCondition"));
  const Node* range = fields.get("targetValueRange");
  if (!range || range->is_null())
    fields.fail("targetValueRange", fmt::format("target \"{}\" has no value (targetValueRange)", echo(target.name)));
  const std::string range_path = join_path(path, "targetValueRange");
  target.range = read_value_range(source, *range, range_path);
  settle_target_at(target, source, *range, range_path);
  target.contexts = read_contexts(fields, "targetContexts", delta);
  fields.get("contextSelectivity");
  record_unread(fields, delta);
  return target;
}

Expectation read_expectation(const Source& source, const Node& node, const std::string& path,
                             std::vector<DeltaEntry>& delta, Problems* problems) {
  const std::size_t since = problems ? problems->count() : 0;
  Fields fields(source, node, path);
  Expectation expectation;
  expectation.mark = node.mark;
  expectation.id = fields.require_name("expectationId");
  if (auto verb = fields.string("expectationVerb")) {
    if (*verb != "DELIVER" && *verb != "ENSURE" && *verb != "MAINTAIN")
      fields.fail("expectationVerb",
                  fmt::format("unknown expectationVerb \"{}\" (known: DELIVER, ENSURE, MAINTAIN)", echo(*verb)));
    expectation.verb = *verb;
  }
  if (const Node* object = fields.object("expectationObject")) {
    Fields object_fields(source, *object, join_path(path, "expectationObject"));
    expectation.object.type = object_fields.require_name("objectType");
    expectation.object.instance = object_fields.name("objectInstance").value_or("");
    expectation.object.contexts = read_contexts(object_fields, "objectContexts", delta);
    object_fields.get("contextSelectivity");
    record_unread(object_fields, delta);
  } else {
    fields.fail("expectationObject", "missing required field \"expectationObject\"");
  }
  if (const Node* targets = fields.array("expectationTargets")) {
    const std::string base = join_path(path, "expectationTargets");
    for (std::size_t i = 0; i < targets->items().size(); ++i)
      read_part(problems, [&] {
        expectation.targets.push_back(read_target(source, targets->items()[i], join_path(base, i), delta));
      });
  }
  expectation.contexts = read_contexts(fields, "expectationContexts", delta);
  fields.get("contextSelectivity");
  record_unread(fields, delta);
  if (problems) problems->settle(since);
  return expectation;
}

bool is_3gpp_intent(const Node& document) {
  if (!document.is_object()) return false;
  if (document.find("intentExpectations")) return true;
  const Node* attributes = document.find("attributes");
  return attributes && attributes->is_object() && attributes->find("intentExpectations");
}

bool is_3gpp_expectation(const Node& document) {
  return document.is_object() && document.find("expectationId") && !document.find("intentExpectationId");
}

bool is_3gpp_intent_report(const Node& document) {
  if (!document.is_object() || is_3gpp_intent(document)) return false;
  for (const char* key : {"intentFulfilmentReport", "intentConflictReports", "intentFeasibilityCheckReport"})
    if (document.find(key)) return true;
  return false;
}

Intent read_intent(const Source& source, const Node& node, const std::string& path, std::vector<DeltaEntry>& delta,
                   Problems* problems) {
  const std::size_t since = problems ? problems->count() : 0;
  Fields top(source, node, path);
  Intent intent;
  if (auto id = top.name("id")) intent.id = *id;
  const Node* attributes = top.object("attributes");
  const std::string body_path = attributes ? join_path(path, "attributes") : path;
  // In the flat layout the fields stand beside "id"; in the MnS one, inside "attributes".
  Fields fields(source, attributes ? *attributes : node, body_path);
  if (!attributes) fields.get("id");
  intent.user_label = fields.free_text("userLabel").value_or("");
  const Node& list = fields.require("intentExpectations");
  if (!list.is_array()) fields.fail("intentExpectations", type_mismatch(Node::Type::array, list));
  const std::string base = join_path(body_path, "intentExpectations");
  for (std::size_t i = 0; i < list.items().size(); ++i)
    read_part(problems, [&] {
      intent.expectations.push_back(read_expectation(source, list.items()[i], join_path(base, i), delta, problems));
    });
  for (auto& context : read_contexts(fields, "intentContexts", delta)) {
    if (context.attribute == kSitesContextAttribute) {
      for (const auto& value : context.range.values) intent.sites.push_back(value_text(value));
    } else {
      intent.contexts.push_back(std::move(context));
    }
  }
  intent.admin_state = fields.string("intentAdminState");
  if (intent.admin_state && *intent.admin_state != "ACTIVATED" && *intent.admin_state != "DEACTIVATED")
    fields.fail("intentAdminState", "intentAdminState must be ACTIVATED or DEACTIVATED");
  if (auto priority = fields.integer("intentPriority")) {
    if (*priority < 1 || *priority > 100) fields.fail("intentPriority", "intentPriority must be from 1 to 100");
    intent.priority = static_cast<int>(*priority);
  }
  intent.observation_period = fields.integer("observationPeriod");
  fields.get("contextSelectivity");
  record_unread(fields, delta);
  if (attributes) record_unread(top, delta);
  if (problems) problems->settle(since);
  return intent;
}

} // namespace intentctl
