#include "translate/forms.hpp"

#include <cctype>
#include <map>

#include <fmt/format.h>

#include "io/writer.hpp"

namespace intentctl {

namespace {

std::vector<Intent> translate_gpp(const Node& document, TranslateContext& context) {
  if (is_3gpp_intent(document)) return {read_intent(context.source, document, "", context.delta)};
  throw input_error("not a 28.312 Intent: no intentExpectations", location_of(context.source, document.mark));
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

} // namespace

InputForm detect_form(const Node& document, const Source& source) {
  if (!document.is_object())
    throw input_error(fmt::format("expected an intent object, got {}", type_name(document.type())),
                      location_of(source, document.mark));
  if (const Node* expression = document.find("expression")) {
    const Node* type = expression->is_object() ? expression->find("@type") : nullptr;
    const std::string type_text = type && type->is_string() ? type->text() : "";
    if (type_text == "TurtleExpression")
      throw input_error("Turtle expressions are not supported; give the intent as a JsonLdExpression",
                        location_of(source, type->mark, "expression.@type"));
    if (expression->is_object() && expression->find("expressionValue")) {
      const Node& value = *expression->find("expressionValue");
      if (value.is_object()) return InputForm::tmf921_v5;
      if (value.is_string()) return InputForm::tmf921_v4;
    }
    throw input_error("unrecognised TMF921 expression: expected a JsonLdExpression with an expressionValue",
                      location_of(source, expression->mark, "expression"));
  }
  if (document.find("intentSpecification")) return InputForm::seed;
  if (document.find("requirements")) return InputForm::short_form;
  if (is_3gpp_intent(document)) return InputForm::gpp;
  throw input_error("unrecognised intent: expected a TMF921 Intent (expression), the intentSpecification form, "
                    "the short form (intent, requirements) or a 28.312 Intent (intentExpectations)",
                    location_of(source, document.mark));
}

std::vector<Intent> translate_document(const Node& document, InputForm form, TranslateContext& context) {
  switch (form) {
    case InputForm::tmf921_v5: return translate_tmf921_v5(document, context);
    case InputForm::tmf921_v4: return translate_tmf921_v4(document, context);
    case InputForm::seed: return translate_seed(document, context);
    case InputForm::short_form: return translate_short(document, context);
    case InputForm::gpp: return translate_gpp(document, context);
    case InputForm::automatic: break;
  }
  return translate_document(document, detect_form(document, context.source), context);
}

std::string slugify(std::string_view text) {
  std::string slug;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) slug.push_back(static_cast<char>(std::tolower(u)));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 63) slug.resize(63);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string stable_intent_id(std::string_view given_id, std::string_view name, const Node& document) {
  if (!given_id.empty()) return std::string(given_id);
  if (std::string slug = slugify(name); !slug.empty()) return slug;
  return fmt::format("intent-{:08x}", static_cast<std::uint32_t>(fnv1a(to_json(document, JsonStyle::compact))));
}

void group_targets_by_domain(Intent& intent, std::vector<Target> targets, TranslateContext& context) {
  std::map<std::string, std::size_t> expectation_of_domain;
  for (auto& target : targets) {
    const Domain* domain = context.mapping.for_target_name(target.name);
    if (!domain)
      throw input_error(fmt::format("no domain for target \"{}\": name a latency, jitter, packet loss, bandwidth, "
                                    "throughput, subscribers, frequency, radio coverage, availability, "
                                    "reliability, redundancy or sites target, or add it to a --mapping file",
                                    target.name),
                        location_of(context.source, target.mark));
    auto found = expectation_of_domain.find(domain->name);
    if (found == expectation_of_domain.end()) {
      Expectation expectation;
      expectation.id = intent.id + "-" + domain->name;
      expectation.object.type = domain->object_type;
      expectation.mark = target.mark;
      intent.expectations.push_back(std::move(expectation));
      found = expectation_of_domain.emplace(domain->name, intent.expectations.size() - 1).first;
    }
    intent.expectations[found->second].targets.push_back(std::move(target));
  }
}

} // namespace intentctl
