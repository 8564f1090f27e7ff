// The seed tools' form of a TMF921 intent:
//   {"id": "...", "name": "...", "intentType": "ServiceIntent",
//    "intentSpecification": {"intentExpectations": [
//      {"expectationId": "...", "expectationType": "deliver",
//       "expectationObject": {"objectType": "Edge_Service_Support", "objectInstance": "..."},
//       "expectationTargets": [{"targetName": "latency", "targetCondition": "lessThan",
//                               "targetValue": "10", "targetUnit": "ms"}],
//       "expectationContext": [{"contextParameter": "site", "contextValue": ["edge1", "edge2"]}]}]}}
// Every target and every context is kept (the seed's own translator kept the
// first of each).
#include <fmt/format.h>

#include "io/limits.hpp"
#include "model/tmf921.hpp"

namespace intentctl {

namespace {

void record_unread(const Fields& fields, FormContext& context) {
  intentctl::record_unread(fields, context.delta, "field without a 28.312 home; not carried over");
}

// targetValue with targetUnit: "10" + "ms" is 10ms; a list is a range or a set.
ValueRange read_target_values(Fields& fields, const Target& target, std::string_view unit) {
  const Node* value = fields.get("targetValue");
  if (!value || value->is_null() || (value->is_string() && value->text().empty()))
    throw input_error(fmt::format("target \"{}\" has no value (targetValue)", echo(target.name)),
                      value ? fields.where("targetValue")
                            : location_of(fields.source(), fields.node().mark, fields.path()));
  const std::string path = join_path(fields.path(), "targetValue");
  ValueRange range;
  if (value->is_array()) {
    range.is_list = true;
    for (std::size_t i = 0; i < value->items().size(); ++i)
      range.values.push_back(tmf_value(fields.source(), value->items()[i], unit, join_path(path, i)));
  } else {
    range.values.push_back(tmf_value(fields.source(), *value, unit, path));
  }
  return range;
}

Target read_target(const Node& node, const std::string& path, FormContext& context) {
  Fields fields(context.source, node, path);
  Target target;
  target.mark = node.mark;
  target.name = fields.require_string("targetName");
  if (target.name.empty()) fields.fail("targetName", "targetName is empty");
  const Node* condition = fields.get("targetCondition");
  if (!condition)
    fields.fail("targetCondition", fmt::format("target \"{}\" has no targetCondition (known: {})", echo(target.name),
                                               known_condition_words()));
  target.condition = read_condition(context.source, *condition, join_path(path, "targetCondition"));
  const std::string unit = fields.string("targetUnit").value_or("");
  target.range = read_target_values(fields, target, unit);
  settle_target_at(target, context.source, *fields.get("targetValue"), join_path(path, "targetValue"),
                   condition->text());
  if (takes_set(target.condition)) target.range.is_list = true;
  record_unread(fields, context);
  return target;
}

Context read_context(const Node& node, const std::string& path, FormContext& context) {
  Fields fields(context.source, node, path);
  Context result;
  result.mark = node.mark;
  const char* name_key = fields.has("contextAttribute") ? "contextAttribute" : "contextParameter";
  const char* value_key = fields.has("contextValueRange") ? "contextValueRange" : "contextValue";
  result.attribute = canonical_context_attribute(fields.require_string(name_key));
  const Node& value = fields.require(value_key);
  const std::string value_path = join_path(path, value_key);
  if (value.is_null()) fields.fail(value_key, fmt::format("context \"{}\" has no value", echo(result.attribute)));
  if (value.is_array()) {
    result.range.is_list = true;
    for (std::size_t i = 0; i < value.items().size(); ++i)
      result.range.values.push_back(tmf_value(context.source, value.items()[i], "", join_path(value_path, i)));
    if (result.range.values.empty())
      fields.fail(value_key, fmt::format("context \"{}\" has no value", echo(result.attribute)));
  } else {
    result.range.values.push_back(tmf_value(context.source, value, "", value_path));
  }
  if (const Node* condition = fields.get("contextCondition")) {
    result.condition = read_condition(context.source, *condition, join_path(path, "contextCondition"));
  } else if (std::holds_alternative<GeoArea>(result.range.values.front())) {
    result.condition = Condition::is_all_of; // as 28.312's CoverageAreaPolygon context
  } else {
    result.condition = result.range.is_list ? Condition::is_one_of : Condition::is_equal_to;
  }
  record_unread(fields, context);
  return result;
}

void read_object(Fields& fields, ExpectationDraft& draft, FormContext& context) {
  if (const Node* object = fields.object("expectationObject")) {
    Fields object_fields(context.source, *object, join_path(fields.path(), "expectationObject"));
    if (auto type = object_fields.string("objectType")) {
      draft.object_type = *type;
      draft.object_type_where = object_fields.where("objectType");
    }
    draft.object_instance = object_fields.string("objectInstance").value_or("");
    record_unread(object_fields, context);
  }
  if (auto type = fields.string("objectType"); type && draft.object_type.empty()) {
    draft.object_type = *type;
    draft.object_type_where = fields.where("objectType");
  }
  if (auto instance = fields.string("objectInstance"); instance && draft.object_instance.empty())
    draft.object_instance = *instance;
}

ExpectationDraft read_expectation(const Node& node, const std::string& path, Intent& intent, FormContext& context) {
  Fields fields(context.source, node, path);
  ExpectationDraft draft;
  draft.mark = node.mark;
  draft.path = path;
  draft.given_id = fields.string("expectationId").value_or("");
  draft.verb = read_verb(fields);
  read_object(fields, draft, context);
  if (const Node* targets = fields.array("expectationTargets")) {
    const std::string base = join_path(path, "expectationTargets");
    for (std::size_t i = 0; i < targets->items().size(); ++i)
      context.problems.guard(
          [&] { draft.targets.push_back(read_target(targets->items()[i], join_path(base, i), context)); });
  }
  for (const char* key : {"expectationContext", "expectationContexts"}) {
    const Node* contexts = fields.array(key);
    if (!contexts) continue;
    const std::string base = join_path(path, key);
    for (std::size_t i = 0; i < contexts->items().size(); ++i)
      keep_context(read_context(contexts->items()[i], join_path(base, i), context), draft.contexts, intent.sites,
                   context.source);
  }
  record_unread(fields, context);
  return draft;
}

} // namespace

std::vector<Intent> read_specification(const Node& document, FormContext& context) {
  const std::size_t since = context.problems.count();
  Fields fields(context.source, document, "");
  Intent intent;
  const std::string given_id = read_intent_resource(fields, intent, context);
  intent.id = stable_intent_id(given_id, intent.user_label, document);
  const Node* specification = fields.object("intentSpecification");
  if (!specification) fields.fail("intentSpecification", "missing required field \"intentSpecification\"");
  Fields spec(context.source, *specification, "intentSpecification");
  const Node* list = spec.array("intentExpectations");
  if (!list || list->items().empty())
    throw input_error(fmt::format("intent \"{}\" has no expectations: intentSpecification.intentExpectations is {}",
                                  echo(intent.id), list ? "empty" : "missing"),
                      list ? spec.where("intentExpectations")
                           : location_of(context.source, specification->mark, "intentSpecification"));
  std::vector<ExpectationDraft> drafts;
  const std::string base = "intentSpecification.intentExpectations";
  for (std::size_t i = 0; i < list->items().size(); ++i)
    context.problems.guard(
        [&] { drafts.push_back(read_expectation(list->items()[i], join_path(base, i), intent, context)); });
  if (context.problems.count() > since) return {}; // a part was wrong: read_intents says so
  add_expectations(intent, std::move(drafts), context);
  record_unread_tmf921(spec, context);
  record_unread_tmf921(fields, context);
  return {std::move(intent)};
}

} // namespace intentctl
