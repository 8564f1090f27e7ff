#include "model/intent_io.hpp"

#include <fmt/format.h>

#include "io/control_characters.hpp"

namespace intentctl {

// ---- writing ---------------------------------------------------------------

Node to_node(const Value& value) {
  struct Visitor {
    Node operator()(bool b) const { return Node::boolean(b); }
    Node operator()(const Quantity& q) const {
      return q.unit.empty() ? Node::number(q.number) : Node::string(quantity_text(q));
    }
    Node operator()(const std::string& s) const { return Node::string(s); }
    Node operator()(const GeoArea& area) const {
      Node polygon = Node::array();
      for (const auto& point : area.polygon) {
        Node coordinate = Node::object();
        coordinate.add("latitude", Node::number(point.latitude));
        coordinate.add("longitude", Node::number(point.longitude));
        if (point.altitude) coordinate.add("altitude", Node::number(*point.altitude));
        polygon.push(std::move(coordinate));
      }
      Node geo = Node::object();
      geo.add("convexGeoPolygon", std::move(polygon));
      return geo;
    }
    Node operator()(const Node& node) const { return node; }
  };
  return std::visit(Visitor{}, value);
}

Node to_node(const ValueRange& range) {
  if (!range.is_list && range.values.size() == 1) return to_node(range.values.front());
  Node list = Node::array();
  for (const auto& value : range.values) list.push(to_node(value));
  return list;
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
  if (!expectation.object.instance.empty())
    object.add("objectInstance", Node::string(expectation.object.instance));
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

namespace {

void record_unread(const Fields& fields, std::vector<DeltaEntry>& delta) {
  for (const auto* member : fields.unread())
    delta.push_back({location_of(fields.source(), member->key_mark, join_path(fields.path(), member->key)),
                     "no 28.312 field of this name; not carried over"});
}

std::vector<Context> read_contexts(Fields& fields, std::string_view key, std::vector<DeltaEntry>& delta) {
  std::vector<Context> contexts;
  if (const Node* list = fields.array(key)) {
    const std::string base = join_path(fields.path(), key);
    for (std::size_t i = 0; i < list->items().size(); ++i)
      contexts.push_back(read_context(fields.source(), list->items()[i], join_path(base, i), delta));
  }
  return contexts;
}

GeoArea read_geo_area(const Source& source, const Node& node, const std::string& path) {
  Fields fields(source, node, path);
  const Node* polygon = fields.array("convexGeoPolygon");
  if (!polygon) fields.fail("convexGeoPolygon", "missing required field \"convexGeoPolygon\"");
  const std::string base = join_path(path, "convexGeoPolygon");
  if (polygon->items().size() < 3)
    fields.fail_at(*polygon, base, "a convexGeoPolygon needs at least 3 points");
  GeoArea area;
  for (std::size_t i = 0; i < polygon->items().size(); ++i) {
    Fields point(source, polygon->items()[i], join_path(base, i));
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
    area.polygon.push_back(coordinate);
  }
  fields.reject_unknown("convexGeoPolygon");
  return area;
}

} // namespace

Value read_value(const Source& source, const Node& node, const std::string& path) {
  switch (node.type()) {
    case Node::Type::boolean: return node.as_bool();
    case Node::Type::number: return Quantity{node.text(), ""};
    case Node::Type::string: {
      // Values reach annotations (expectation.nephio.org/target-value).
      refuse_control_characters(node.text(), location_of(source, node.mark, path), "the value");
      // A bare number in quotes stays a string; "1ms" becomes a quantity.
      auto quantity = parse_quantity(node.text());
      if (quantity && !quantity->unit.empty()) return *quantity;
      return node.text();
    }
    case Node::Type::object:
      if (node.find("convexGeoPolygon")) return read_geo_area(source, node, path);
      return node;
    case Node::Type::array: return node;
    case Node::Type::null: break;
  }
  throw input_error("a value range cannot be null", location_of(source, node.mark, path));
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

Condition read_condition(const Source& source, const Node& node, const std::string& path) {
  if (!node.is_string())
    throw input_error(type_mismatch(Node::Type::string, node), location_of(source, node.mark, path));
  const auto condition = parse_condition(node.text());
  if (!condition)
    throw input_error(fmt::format("unknown condition \"{}\" (known: {})", node.text(), known_condition_words()),
                      location_of(source, node.mark, path));
  return *condition;
}

Context read_context(const Source& source, const Node& node, const std::string& path,
                     std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Context context;
  context.mark = node.mark;
  context.attribute = fields.require_name("contextAttribute");
  context.range = read_value_range(source, fields.require("contextValueRange"), join_path(path, "contextValueRange"));
  if (const Node* condition = fields.get("contextCondition"))
    context.condition = read_condition(source, *condition, join_path(path, "contextCondition"));
  else
    context.condition = context.range.is_list ? Condition::is_one_of : Condition::is_equal_to;
  record_unread(fields, delta);
  return context;
}

Target read_target(const Source& source, const Node& node, const std::string& path,
                   std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Target target;
  target.mark = node.mark;
  target.name = fields.require_name("targetName");
  target.condition = read_condition(source, fields.require("targetCondition"), join_path(path, "targetCondition"));
  const Node* range = fields.get("targetValueRange");
  if (!range || range->is_null())
    fields.fail("targetValueRange", fmt::format("target \"{}\" has no value (targetValueRange)", target.name));
  target.range = read_value_range(source, *range, join_path(path, "targetValueRange"));
  target.contexts = read_contexts(fields, "targetContexts", delta);
  fields.get("contextSelectivity");
  record_unread(fields, delta);
  return target;
}

Expectation read_expectation(const Source& source, const Node& node, const std::string& path,
                             std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Expectation expectation;
  expectation.mark = node.mark;
  expectation.id = fields.require_name("expectationId");
  if (auto verb = fields.string("expectationVerb")) {
    if (*verb != "DELIVER" && *verb != "ENSURE" && *verb != "MAINTAIN")
      fields.fail("expectationVerb", fmt::format("unknown expectationVerb \"{}\" (known: DELIVER, ENSURE, MAINTAIN)", *verb));
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
      expectation.targets.push_back(read_target(source, targets->items()[i], join_path(base, i), delta));
  }
  expectation.contexts = read_contexts(fields, "expectationContexts", delta);
  fields.get("contextSelectivity");
  record_unread(fields, delta);
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

Intent read_intent(const Source& source, const Node& node, const std::string& path,
                   std::vector<DeltaEntry>& delta) {
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
    intent.expectations.push_back(read_expectation(source, list.items()[i], join_path(base, i), delta));
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
  return intent;
}

} // namespace intentctl
