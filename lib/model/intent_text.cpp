#include "model/intent_text.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "io/control_characters.hpp"
#include "io/fields.hpp"

namespace intentctl {

namespace {

// Members whose strings (or the strings of their lists) become ids, names,
// labels or annotations in some input form.
constexpr std::array<std::string_view, 18> kNameKeys = {"id",
                                                        "intentId",
                                                        "@id",
                                                        "expectationId",
                                                        "intentExpectationId",
                                                        "intentExpectationType",
                                                        "objectType",
                                                        "objectInstance",
                                                        "targetName",
                                                        "targetAttribute",
                                                        "targetCondition",
                                                        "contextAttribute",
                                                        "contextParameter",
                                                        "targetValueRange",
                                                        "contextValueRange",
                                                        "targetValue",
                                                        "contextValue",
                                                        "targetUnit"};

bool names_things(std::string_view key) {
  return std::find(kNameKeys.begin(), kNameKeys.end(), key) != kNameKeys.end();
}

void refuse_strings(const Source& source, const Node& node, const std::string& path) {
  if (node.is_string()) refuse_control_characters(node.text(), location_of(source, node.mark, path), "the value");
  for (std::size_t i = 0; i < node.items().size(); ++i) refuse_strings(source, node.items()[i], join_path(path, i));
}

void walk(const Source& source, const Node& node, const std::string& path) {
  for (std::size_t i = 0; i < node.items().size(); ++i) walk(source, node.items()[i], join_path(path, i));
  for (const auto& member : node.members()) {
    const std::string member_path = join_path(path, member.key);
    if (names_things(member.key)) refuse_strings(source, member.value, member_path);
    if (member.key == "requirements") // the short form: each key is a target's name
      for (const auto& requirement : member.value.members())
        refuse_control_characters(requirement.key,
                                  location_of(source, requirement.key_mark,
                                              join_path(member_path, escape_control_characters(requirement.key))),
                                  "the target name");
    if (member.key == "userLabel" && member.value.is_string())
      refuse_control_characters(member.value.text(), location_of(source, member.value.mark, member_path), "the value",
                                TextKind::free_text);
    walk(source, member.value, member_path);
  }
}

// The first string or key of node, in document order, that holds text.
std::optional<Mark> find_text(const Node& node, std::string_view text) {
  if (node.is_string() && node.text().find(text) != std::string::npos) return node.mark;
  for (const Node& item : node.items())
    if (auto found = find_text(item, text)) return found;
  for (const auto& member : node.members()) {
    if (member.key.find(text) != std::string::npos) return member.key_mark;
    if (auto found = find_text(member.value, text)) return found;
  }
  return std::nullopt;
}

class IntentChecker {
 public:
  IntentChecker(const Source& source, const Node& document) : source_(source), document_(document) {}

  void check(std::string_view text, Mark fallback, std::string_view what, TextKind kind = TextKind::name) {
    if (find_control_character(text, kind) == std::string_view::npos) return;
    refuse_control_characters(text, location_of(source_, find_text(document_, text).value_or(fallback)), what, kind);
  }

  void check(const ValueRange& range, Mark mark, std::string_view what) {
    for (const Value& value : range.values)
      if (const auto* text = std::get_if<std::string>(&value)) check(*text, mark, what);
  }

  void check(const std::vector<Context>& contexts) {
    for (const Context& context : contexts) {
      check(context.attribute, context.mark, "the context attribute");
      check(context.range, context.mark, "the context value");
    }
  }

 private:
  const Source& source_;
  const Node& document_;
};

} // namespace

void refuse_control_characters_in_intent_document(const Source& source, const Node& document) {
  walk(source, document, "");
}

void refuse_control_characters_in_intent(const Intent& intent, const Source& source, const Node& document) {
  IntentChecker checker(source, document);
  checker.check(intent.id, document.mark, "the intent id");
  checker.check(intent.user_label, document.mark, "the userLabel", TextKind::free_text);
  for (const std::string& site : intent.sites) checker.check(site, document.mark, "the site name");
  checker.check(intent.contexts);
  for (const Expectation& expectation : intent.expectations) {
    checker.check(expectation.id, expectation.mark, "the expectation id");
    checker.check(expectation.object.type, expectation.mark, "the objectType");
    checker.check(expectation.object.instance, expectation.mark, "the objectInstance");
    checker.check(expectation.object.contexts);
    checker.check(expectation.contexts);
    for (const Target& target : expectation.targets) {
      checker.check(target.name, target.mark, "the target name");
      checker.check(target.range, target.mark, "the target value");
      checker.check(target.contexts);
    }
  }
}

} // namespace intentctl
