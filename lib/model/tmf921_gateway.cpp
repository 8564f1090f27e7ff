// The intent gateway's TMF921 form: the Intent resource with a top-level
// characteristic[] and expectation[] instead of an expression:
//   {"id": "...", "name": "...", "priority": 1,
//    "characteristic": [{"name": "latency", "value": "5", "valueType": "integer", "unit": "ms"}, ...],
//    "expectation": [{"id": "exp-1", "name": "...", "expectationType": "DeliveryExpectation",
//                     "targetCondition": "throughputDL >= 1000 Mbps",
//                     "targetValue": {"value": "1000", "unit": "Mbps"},
//                     "contextCriteria": "coverageArea = downtown"}],
//    "intentSpecification": {"id": "...", "href": "..."}}
// The textual targetCondition names the target and its condition (>=, <=,
// <, >, ==, =, between); its value, the structured targetValue, or both
// (which must agree) give the value. Characteristics that name a context
// intentctl knows (a site, a slice, ...) become intent contexts; the others
// have no 28.312 home and go to the delta report. The gateway's older
// "expectations" with expectedValue {kpiName, kpiValue, kpiUnit, operator}
// are read too.
#include <cctype>

#include <fmt/format.h>

#include "io/control_characters.hpp"
#include "io/limits.hpp"
#include "io/writer.hpp"
#include "model/tmf921.hpp"

namespace intentctl {

namespace {

void record_unread(const Fields& fields, FormContext& context, std::string_view what) {
  intentctl::record_unread(fields, context.delta,
                           fmt::format("{} field without a 28.312 home; not carried over", what));
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// "throughputDL >= 1000 Mbps": the name, the condition, and the value text
// ("" when the condition states none, "1 and 5 ms" after between).
struct TextCondition {
  std::string name;
  Condition condition = Condition::is_equal_to;
  std::string spelling;
  std::string value;
};

constexpr std::string_view kConditionWords = ">=, <=, <, >, ==, = or between";

TextCondition parse_text_condition(std::string_view text, const Location& where) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && is_name_char(text[end])) ++end;
  TextCondition parsed;
  parsed.name = std::string(text.substr(0, end));
  if (parsed.name.empty())
    throw input_error(fmt::format("cannot read the condition \"{}\": expected a target name, a condition ({}) and a "
                                  "value, such as \"latency <= 5 ms\"",
                                  echo(text), kConditionWords),
                      where);
  std::string_view rest = trim(text.substr(end));
  static constexpr std::string_view symbols[] = {">=", "<=", "==", "<", ">", "="};
  for (auto symbol : symbols)
    if (rest.substr(0, symbol.size()) == symbol) {
      parsed.spelling = std::string(symbol);
      parsed.condition = *parse_condition(symbol == "==" ? "=" : symbol);
      parsed.value = std::string(trim(rest.substr(symbol.size())));
      return parsed;
    }
  if (rest.size() >= 7 && rest.substr(0, 7) == "between" && (rest.size() == 7 || rest[7] == ' ')) {
    parsed.spelling = "between";
    parsed.condition = Condition::is_within_range;
    parsed.value = rest.size() == 7 ? "" : "between " + std::string(trim(rest.substr(8)));
    return parsed;
  }
  throw input_error(fmt::format("cannot read the condition \"{}\": after \"{}\" comes a condition ({}), not \"{}\"",
                                echo(text), echo(parsed.name), kConditionWords, echo(rest)),
                    where);
}

// The values a condition text states, as a target's range.
ValueRange text_values(const TextCondition& parsed, const Location& where) {
  ValueRange range;
  if (parsed.value.empty()) return range;
  if (takes_range(parsed.condition)) {
    std::string problem;
    auto ends = parse_range(parsed.value, problem);
    if (!ends)
      throw input_error(problem.empty() ? fmt::format("cannot read \"{}\" as a range such as \"between 1 and 5 ms\"",
                                                      echo(parsed.value))
                                        : problem,
                        where);
    range.values = {std::move(ends->low), std::move(ends->high)};
    range.is_list = true;
    return range;
  }
  auto quantity = parse_quantity(parsed.value);
  range.values.push_back(quantity ? Value(std::move(*quantity)) : Value(parsed.value));
  return range;
}

// targetValue: {value, unit} (value one or two of them), or the value itself.
ValueRange structured_values(const Node& node, const std::string& path, FormContext& context) {
  const Source& source = context.source;
  const Node* value = &node;
  std::string unit;
  if (node.is_object()) {
    Fields fields(source, node, path);
    value = &fields.require("value");
    unit = fields.name("unit").value_or("");
    record_unread(fields, context, "targetValue");
  }
  const std::string value_path = node.is_object() ? join_path(path, "value") : path;
  ValueRange range;
  if (value->is_array()) {
    range.is_list = true;
    for (std::size_t i = 0; i < value->items().size(); ++i)
      range.values.push_back(tmf_value(source, value->items()[i], unit, join_path(value_path, i)));
  } else {
    range.values.push_back(tmf_value(source, *value, unit, value_path));
  }
  return range;
}

// "sliceType = eMBB": an expectation context.
Context read_criteria(const Node& node, const std::string& path, FormContext& context) {
  const Location where = location_of(context.source, node.mark, path);
  if (!node.is_string()) throw input_error(type_mismatch(Node::Type::string, node), where);
  const std::string_view text = node.text();
  const auto equals = text.find('=');
  const std::string_view name = trim(text.substr(0, equals));
  const std::string_view value = equals == std::string_view::npos ? "" : trim(text.substr(equals + 1));
  if (equals == std::string_view::npos || name.empty() || value.empty() || value.front() == '=')
    throw input_error(fmt::format("cannot read the context criteria \"{}\": expected a name, \"=\" and a value, such "
                                  "as \"networkSlice = slice-1\"",
                                  echo(text)),
                      where);
  Context result;
  // A criteria value is text: an area name stays a name (CoverageAreaPolygon holds polygons).
  const auto known = known_context_attribute(name);
  result.attribute = known && *known != "CoverageAreaPolygon" ? *known : std::string(name);
  result.condition = Condition::is_equal_to;
  result.range.values.push_back(std::string(value));
  result.mark = node.mark;
  return result;
}

Target read_target(Fields& fields, FormContext& context) {
  const Node* text = fields.get("targetCondition");
  const Node* structured = fields.get("targetValue");
  Target target;
  target.mark = fields.node().mark;
  if (!text) {
    // The gateway's older form: expectedValue {kpiName, kpiValue, kpiUnit, operator}.
    const Node* expected = fields.object("expectedValue");
    if (!expected)
      fields.fail("targetCondition", "an expectation of the gateway's form needs a targetCondition such as "
                                     "\"latency <= 5 ms\" (or an expectedValue)");
    Fields kpi(context.source, *expected, join_path(fields.path(), "expectedValue"));
    target.name = kpi.require_name("kpiName");
    target.condition = read_condition(context.source, kpi.require("operator"), join_path(kpi.path(), "operator"));
    const Node& value = kpi.require("kpiValue");
    target.range.values.push_back(
        tmf_value(context.source, value, kpi.name("kpiUnit").value_or(""), join_path(kpi.path(), "kpiValue")));
    record_unread(kpi, context, "expectedValue");
    settle_at(target, kpi.node().find("operator")->text(), kpi.where("kpiValue"));
    return target;
  }
  const Location text_where = fields.where("targetCondition");
  if (!text->is_string()) fields.fail("targetCondition", type_mismatch(Node::Type::string, *text));
  refuse_control_characters(text->text(), text_where, "the targetCondition");
  const TextCondition parsed = parse_text_condition(text->text(), text_where);
  target.name = parsed.name;
  target.condition = parsed.condition;
  target.range = text_values(parsed, text_where);
  Location where = text_where;
  if (structured) {
    const std::string path = join_path(fields.path(), "targetValue");
    Target given = target;
    given.range = structured_values(*structured, path, context);
    settle_at(given, parsed.spelling, fields.where("targetValue"));
    if (!target.range.values.empty()) {
      settle_at(target, parsed.spelling, text_where);
      if (range_text(target.range) != range_text(given.range))
        fields.fail("targetValue", fmt::format("targetValue {} does not say what targetCondition \"{}\" says ({})",
                                               range_text(given.range), echo(text->text()), range_text(target.range)));
    }
    target.range = std::move(given.range);
    where = fields.where("targetValue");
  }
  if (target.range.values.empty())
    fields.fail("targetCondition",
                fmt::format("the condition \"{}\" states no value, and there is no targetValue", echo(text->text())));
  settle_at(target, parsed.spelling, where);
  return target;
}

ExpectationDraft read_expectation(const Node& node, const std::string& path, FormContext& context,
                                  std::vector<std::string>& sites) {
  Fields fields(context.source, node, path);
  ExpectationDraft draft;
  draft.mark = node.mark;
  draft.path = path;
  draft.given_id = fields.name("id").value_or("");
  if (draft.given_id.empty()) draft.given_id = fields.name("expectationId").value_or("");
  draft.verb = read_verb(fields);
  draft.targets.push_back(read_target(fields, context));
  if (const Node* criteria = fields.get("contextCriteria")) {
    const std::string base = join_path(path, "contextCriteria");
    if (criteria->is_array()) {
      for (std::size_t i = 0; i < criteria->items().size(); ++i)
        keep_context(read_criteria(criteria->items()[i], join_path(base, i), context), draft.contexts, sites,
                     context.source);
    } else {
      keep_context(read_criteria(*criteria, base, context), draft.contexts, sites, context.source);
    }
  }
  record_unread(fields, context, "gateway expectation");
  return draft;
}

// A characteristic naming a context intentctl knows becomes one; the rest go
// to the delta report.
void read_characteristic(const Node& node, const std::string& path, Intent& intent, FormContext& context) {
  Fields fields(context.source, node, path);
  const std::string name = fields.require_name("name");
  const Node& value = fields.require("value");
  const auto value_type = fields.string("valueType");
  const std::string unit = fields.name("unit").value_or("");
  if (value_type) {
    const std::string_view type = *value_type;
    const auto number = value.is_scalar() ? parse_quantity(value.text()) : std::nullopt;
    const bool fits = type == "string" ? value.is_string()
                      : type == "integer"
                          ? number && number->unit.empty() && number->number.find_first_of(".eE") == std::string::npos
                      : type == "float" || type == "number" || type == "double" ? number && number->unit.empty()
                      : type == "boolean" ? value.is_bool() || value.text() == "true" || value.text() == "false"
                                          : true;
    if (type != "string" && type != "integer" && type != "float" && type != "number" && type != "double" &&
        type != "boolean" && type != "object" && type != "array")
      fields.fail("valueType", fmt::format("unknown valueType \"{}\" (known: string, integer, float, number, double, "
                                           "boolean, object, array)",
                                           echo(type)));
    if (!fits)
      fields.fail_at(value, join_path(path, "value"),
                     fmt::format("characteristic \"{}\": the value {} is not of its valueType {}", echo(name),
                                 echo(to_json(value, JsonStyle::compact)), echo(type)));
  }
  const Value typed = tmf_value(context.source, value, unit, join_path(path, "value"));
  const auto attribute = known_context_attribute(name);
  if (attribute && (*attribute != "CoverageAreaPolygon" || std::holds_alternative<GeoArea>(typed))) {
    Context kept;
    kept.attribute = *attribute;
    kept.condition = Condition::is_equal_to;
    kept.range.values.push_back(typed);
    kept.mark = node.mark;
    keep_context(std::move(kept), intent.contexts, intent.sites, context.source);
    return;
  }
  context.delta.push_back({location_of(context.source, node.mark, path),
                           fmt::format("TMF921 characteristic \"{}\" = {}: no 28.312 home (an intent's targets are its "
                                       "expectations); not carried over",
                                       echo(name), echo(value_text(typed))),
                           node});
}

} // namespace

std::vector<Intent> read_gateway(const Node& document, FormContext& context) {
  const std::size_t since = context.problems.count();
  Fields fields(context.source, document, "");
  Intent intent;
  const std::string given_id = read_intent_resource(fields, intent, context);
  intent.id = stable_intent_id(given_id, intent.user_label, document);
  if (const Node* characteristics = fields.array("characteristic"))
    for (std::size_t i = 0; i < characteristics->items().size(); ++i)
      context.problems.guard(
          [&] { read_characteristic(characteristics->items()[i], join_path("characteristic", i), intent, context); });
  const char* key = fields.has("expectation") ? "expectation" : "expectations";
  const Node* list = fields.array(key);
  if (!list || list->items().empty())
    throw input_error(fmt::format("intent \"{}\" has no expectations: the gateway's form states them in {}[]",
                                  echo(intent.id), key),
                      list ? fields.where(key) : location_of(context.source, document.mark));
  std::vector<ExpectationDraft> drafts;
  for (std::size_t i = 0; i < list->items().size(); ++i)
    context.problems.guard(
        [&] { drafts.push_back(read_expectation(list->items()[i], join_path(key, i), context, intent.sites)); });
  if (context.problems.count() > since) return {}; // a part was wrong: read_intents says so
  add_expectations(intent, std::move(drafts), context);
  record_unread_tmf921(fields, context);
  return {std::move(intent)};
}

} // namespace intentctl
