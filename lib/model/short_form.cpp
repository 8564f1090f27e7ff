// The seed document's short form:
//   {"intent": "5G network", "requirements": {"latency": "<1ms", "throughput": ">1Gbps"}}
// plus optional "id" and "site"/"sites". Each requirement is a target; the
// target's name picks its domain through the mapping table.
#include <fmt/format.h>

#include "io/limits.hpp"
#include "model/tmf921.hpp"

namespace intentctl {

namespace {

// "<1ms" -> (IS_LESS_THAN, 1ms); "1-5ms", "1..5 ms", "between 1 and 5 ms" ->
// within range; "5" -> equal. Values are checked against the target's name.
Target read_requirement(const Node::Member& member, FormContext& context, const std::string& path) {
  Target target;
  target.name = member.key;
  target.mark = member.value.mark;
  const Node& value = member.value;
  const Location where = location_of(context.source, value.mark, path);
  if (value.is_number() || value.is_bool()) {
    target.condition = Condition::is_equal_to;
    target.range.values.push_back(tmf_value(context.source, value, "", path));
    settle_at(target, "=", where);
    return target;
  }
  if (!value.is_string() || value.text().empty())
    throw input_error(fmt::format("requirement \"{}\" needs a value such as \"<1ms\"", echo(member.key)), where);
  std::string_view text = value.text();
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  static constexpr std::string_view operators[] = {"<=", ">=", "==", "<", ">", "="};
  std::string_view op;
  for (auto candidate : operators)
    if (text.substr(0, candidate.size()) == candidate) {
      op = candidate;
      break;
    }
  text.remove_prefix(op.size());
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (op.empty()) {
    std::string problem;
    if (auto range = parse_range(text, problem)) {
      target.condition = Condition::is_within_range;
      target.range.is_list = true;
      target.range.values = {std::move(range->low), std::move(range->high)};
      settle_at(target, "between", where);
      return target;
    }
    if (!problem.empty()) throw input_error(problem, where);
  }
  target.condition = op.empty() ? Condition::is_equal_to : *parse_condition(op == "==" ? "=" : op);
  if (text.empty())
    throw input_error(fmt::format("requirement \"{}\" has no value after \"{}\"", echo(member.key), op), where);
  auto quantity = parse_quantity(text);
  if (!quantity)
    throw input_error(fmt::format("cannot read \"{}\" as a number with an optional unit", echo(text)), where);
  target.range.values.push_back(std::move(*quantity));
  settle_at(target, op.empty() ? "=" : op, where);
  return target;
}

} // namespace

std::vector<Intent> read_short_form(const Node& document, FormContext& context) {
  Fields fields(context.source, document, "");
  Intent intent;
  const std::string name = fields.string("intent").value_or("");
  intent.user_label = name;
  intent.id = stable_intent_id(fields.string("id").value_or(""), name, document);
  if (auto site = fields.string("site")) intent.sites.push_back(*site);
  if (const Node* sites = fields.array("sites"))
    for (std::size_t i = 0; i < sites->items().size(); ++i) {
      const Node& site = sites->items()[i];
      if (!site.is_string()) fields.fail_at(site, join_path("sites", i), type_mismatch(Node::Type::string, site));
      intent.sites.push_back(site.text());
    }
  const Node* requirements = fields.object("requirements");
  if (!requirements || requirements->members().empty())
    throw input_error(fmt::format("intent \"{}\" has no expectations: \"requirements\" is empty", echo(intent.id)),
                      fields.where("requirements"));
  std::vector<Target> targets;
  const std::size_t since = context.problems.count();
  for (const auto& member : requirements->members())
    context.problems.guard(
        [&] { targets.push_back(read_requirement(member, context, join_path("requirements", member.key))); });
  if (context.problems.count() > since) return {}; // a wrong requirement: read_intents says so
  group_targets_by_domain(intent, std::move(targets), context);
  record_unread(fields, context.delta);
  return {std::move(intent)};
}

} // namespace intentctl
