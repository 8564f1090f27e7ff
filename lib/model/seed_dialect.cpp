#include "model/seed_dialect.hpp"

#include <fmt/format.h>

#include "io/limits.hpp"

namespace intentctl {

namespace {

// The dialect's one-or-many members: an object, or a list of objects.
template <typename ReadOne>
void for_one_or_many(Fields& fields, std::string_view key, ReadOne read_one) {
  const Node* value = fields.get(key);
  if (!value || value->is_null()) return;
  const std::string path = join_path(fields.path(), key);
  if (value->is_object()) {
    read_one(*value, path);
    return;
  }
  if (!value->is_array()) fields.fail(key, fmt::format("expected object or array, got {}", type_name(value->type())));
  for (std::size_t i = 0; i < value->items().size(); ++i) read_one(value->items()[i], join_path(path, i));
}

Target read_seed_target(const Source& source, const Node& node, const std::string& path,
                        std::vector<DeltaEntry>& delta) {
  Fields fields(source, node, path);
  Target target;
  target.mark = node.mark;
  target.name = fields.require_name("targetAttribute");
  target.condition = read_condition(source, fields.require("targetCondition"), join_path(path, "targetCondition"));
  const Node& value = fields.require("targetValue");
  if (value.is_null())
    fields.fail("targetValue", fmt::format("target \"{}\" has no value (targetValue)", echo(target.name)));
  target.range = read_value_range(source, value, join_path(path, "targetValue"));
  if (const Node* contexts = fields.array("targetContexts"))
    for (std::size_t i = 0; i < contexts->items().size(); ++i)
      target.contexts.push_back(
          read_context(source, contexts->items()[i], join_path(join_path(path, "targetContexts"), i), delta));
  record_unread(fields, delta);
  return target;
}

ExpectationObject read_seed_object(Fields& fields, std::vector<DeltaEntry>& delta) {
  const Node* node = fields.object("intentExpectationObject");
  if (!node) fields.fail("intentExpectationObject", "missing required field \"intentExpectationObject\"");
  Fields object_fields(fields.source(), *node, join_path(fields.path(), "intentExpectationObject"));
  ExpectationObject object;
  object.type = object_fields.require_name("objectType");
  object.instance = object_fields.name("objectInstance").value_or("");
  if (const Node* contexts = object_fields.array("objectContexts"))
    for (std::size_t i = 0; i < contexts->items().size(); ++i)
      object.contexts.push_back(read_context(fields.source(), contexts->items()[i],
                                             join_path(join_path(object_fields.path(), "objectContexts"), i), delta));
  record_unread(object_fields, delta);
  return object;
}

} // namespace

bool is_seed_expectation(const Node& document) {
  return document.is_object() && document.find("intentExpectationId") != nullptr;
}

Expectation read_seed_expectation(const Source& source, const Node& node, const std::string& path,
                                  std::vector<DeltaEntry>& delta, std::vector<DeltaEntry>* lax_warnings) {
  Fields fields(source, node, path);
  Expectation expectation;
  expectation.mark = node.mark;
  expectation.id = fields.require_name("intentExpectationId");
  // The seed's function refused an expectation without a type or a context.
  for (const char* key : {"intentExpectationType", "intentExpectationContext"}) {
    const Node* value = fields.node().find(key);
    if (value && !value->is_null() && !(value->is_array() && value->items().empty())) continue;
    const std::string what =
        fmt::format("seed expectation \"{}\" has no {}, which the seed's function required", echo(expectation.id), key);
    if (!lax_warnings) throw input_error(what + " (--lax-seed takes it without)", location_of(source, node.mark, path));
    lax_warnings->push_back({location_of(source, node.mark, path), what});
  }
  if (auto type = fields.name("intentExpectationType")) {
    if (type->empty()) fields.fail("intentExpectationType", "intentExpectationType is empty");
    Context carried;
    carried.attribute = std::string(kExpectationTypeContext);
    carried.condition = Condition::is_equal_to;
    carried.range.values.emplace_back(*type);
    carried.mark = fields.node().find("intentExpectationType")->mark;
    expectation.contexts.push_back(std::move(carried));
  }
  for_one_or_many(fields, "intentExpectationContext", [&](const Node& item, const std::string& item_path) {
    expectation.contexts.push_back(read_context(source, item, item_path, delta));
  });
  for_one_or_many(fields, "intentExpectationTarget", [&](const Node& item, const std::string& item_path) {
    expectation.targets.push_back(read_seed_target(source, item, item_path, delta));
  });
  expectation.object = read_seed_object(fields, delta);
  record_unread(fields, delta);
  return expectation;
}

std::string carried_expectation_type(const Expectation& expectation) {
  for (const auto& context : expectation.contexts)
    if (context.attribute == kExpectationTypeContext && context.range.values.size() == 1)
      return value_text(context.range.values.front());
  return {};
}

} // namespace intentctl
