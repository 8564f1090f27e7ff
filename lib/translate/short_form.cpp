// The seed document's short form:
//   {"intent": "5G network", "requirements": {"latency": "<1ms", "throughput": ">1Gbps"}}
// plus optional "id" and "site"/"sites". Each requirement is a target; the
// target's name picks its domain through the mapping table.
#include <fmt/format.h>

#include "translate/forms.hpp"

namespace intentctl {

namespace {

// "<1ms" -> (IS_LESS_THAN, 1ms); "1ms..5ms" -> within range; "5" -> equal.
Target read_requirement(const Node::Member& member, TranslateContext& context, const std::string& path) {
  Target target;
  target.name = member.key;
  target.mark = member.value.mark;
  const Node& value = member.value;
  if (value.is_number() || value.is_bool()) {
    target.condition = Condition::is_equal_to;
    target.range.values.push_back(read_value(context.source, value, path));
    return target;
  }
  if (!value.is_string() || value.text().empty())
    throw input_error(fmt::format("requirement \"{}\" needs a value such as \"<1ms\"", member.key),
                      location_of(context.source, value.mark, path));
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
  auto parse_one = [&](std::string_view part) -> Value {
    auto quantity = parse_quantity(part);
    if (!quantity)
      throw input_error(fmt::format("cannot read \"{}\" as a number with an optional unit", part),
                        location_of(context.source, value.mark, path));
    return *quantity;
  };
  if (const auto dots = text.find(".."); op.empty() && dots != std::string_view::npos) {
    target.condition = Condition::is_within_range;
    target.range.is_list = true;
    target.range.values.push_back(parse_one(text.substr(0, dots)));
    target.range.values.push_back(parse_one(text.substr(dots + 2)));
    return target;
  }
  target.condition = op.empty() ? Condition::is_equal_to : *parse_condition(op == "==" ? "=" : op);
  if (text.empty())
    throw input_error(fmt::format("requirement \"{}\" has no value after \"{}\"", member.key, op),
                      location_of(context.source, value.mark, path));
  target.range.values.push_back(parse_one(text));
  return target;
}

} // namespace

std::vector<Intent> translate_short(const Node& document, TranslateContext& context) {
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
    throw input_error(fmt::format("intent \"{}\" has no expectations: \"requirements\" is empty", intent.id),
                      fields.where("requirements"));
  std::vector<Target> targets;
  for (const auto& member : requirements->members())
    targets.push_back(read_requirement(member, context, join_path("requirements", member.key)));
  group_targets_by_domain(intent, std::move(targets), context);
  for (const auto* member : fields.unread())
    context.delta.push_back({location_of(context.source, member->key_mark, member->key),
                             "no 28.312 field of this name; not carried over"});
  return {std::move(intent)};
}

} // namespace intentctl
