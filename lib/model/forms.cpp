#include "model/forms.hpp"

#include <cctype>
#include <map>

#include <fmt/format.h>

#include "io/limits.hpp"

#include "io/writer.hpp"
#include "model/tmf921.hpp"

namespace intentctl {

namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

struct FormNames {
  Form form;
  std::string_view name;
  std::string_view label;
};

constexpr FormNames form_names[] = {
    {Form::tmf921_v5, "tmf921-v5", "TMF921 Intent"},
    {Form::tmf921_v4, "tmf921-v4", "TMF921 Intent (v4)"},
    {Form::gateway, "tmf921-gateway", "TMF921 Intent (gateway form)"},
    {Form::specification, "seed", "TMF921 intent (intentSpecification form)"},
    {Form::short_form, "short", "TMF921 intent (short form)"},
    {Form::gpp_intent, "28312", "28.312 Intent"},
    {Form::gpp_expectation, "28312-expectation", "28.312 expectation"},
    {Form::seed_expectation, "seed-expectation", "seed expectation"},
};

const FormNames& names_of(Form form) {
  for (const auto& names : form_names)
    if (names.form == form) return names;
  return form_names[0];
}

bool has_array(const Node& document, std::string_view key) {
  const Node* value = document.find(key);
  return value && value->is_array();
}

} // namespace

std::string_view form_name(Form form) { return names_of(form).name; }
std::string_view form_label(Form form) { return names_of(form).label; }

bool is_tmf921(Form form) {
  return form == Form::tmf921_v5 || form == Form::tmf921_v4 || form == Form::gateway || form == Form::specification ||
         form == Form::short_form;
}

std::optional<Form> form_of(const Node& document) {
  if (!document.is_object()) return std::nullopt;
  if (const Node* expression = document.find("expression")) {
    const Node* value = expression->is_object() ? expression->find("expressionValue") : nullptr;
    return value && value->is_string() ? Form::tmf921_v4 : Form::tmf921_v5;
  }
  const Node* specification = document.find("intentSpecification");
  // The gateway's intentSpecification is a reference ({id, href, name}), not the seed tools' expectations.
  if (specification && specification->is_object() && specification->find("intentExpectations"))
    return Form::specification;
  if (document.find("expectation") || document.find("expectations")) return Form::gateway;
  if (specification) return Form::specification;
  if (document.find("requirements")) return Form::short_form;
  if (is_3gpp_intent(document)) return Form::gpp_intent;
  if (document.find("intentExpectationId")) return Form::seed_expectation;
  if (document.find("expectationId")) return Form::gpp_expectation;
  if (has_array(document, "characteristic")) return Form::gateway;
  return std::nullopt;
}

Error unrecognised_document(const Source& source, const Node& document, const std::string& path) {
  if (!document.is_object())
    return input_error(fmt::format("expected an intent or an expectation (an object), got {}",
                                   type_name(document.type())),
                       location_of(source, document.mark, path));
  return input_error("not an intent or an expectation in a form intentctl reads: expected a TMF921 Intent "
                     "(expression), the intent gateway's form (expectation, characteristic), the intentSpecification "
                     "form, the short form (intent, requirements), a 28.312 Intent (intentExpectations), a 28.312 "
                     "expectation (expectationId) or a seed expectation (intentExpectationId)",
                     location_of(source, document.mark, path));
}

namespace {

std::vector<Intent> read_form(const Node& document, Form form, FormContext& context) {
  switch (form) {
    case Form::tmf921_v5: return read_tmf921_v5(document, context);
    case Form::tmf921_v4: return read_tmf921_v4(document, context);
    case Form::gateway: return read_gateway(document, context);
    case Form::specification: return read_specification(document, context);
    case Form::short_form: return read_short_form(document, context);
    case Form::gpp_intent:
      if (!is_3gpp_intent(document))
        throw input_error("not a 28.312 Intent: no intentExpectations", location_of(context.source, document.mark));
      return {read_intent(context.source, document, "", context.delta, &context.problems)};
    case Form::gpp_expectation:
    case Form::seed_expectation: break;
  }
  throw input_error(fmt::format("a {} is an input of render, not of translate (translate reads intents)",
                                form_label(form)),
                    location_of(context.source, document.mark));
}

} // namespace

std::vector<Intent> read_intents(const Node& document, Form form, FormContext& context) {
  const std::size_t since = context.problems.count();
  std::vector<Intent> intents = read_form(document, form, context);
  context.problems.settle(since); // a part was wrong: the intent is not read further
  return intents;
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

void group_targets_by_domain(Intent& intent, std::vector<Target> targets, FormContext& context) {
  std::map<std::string, std::size_t> expectation_of_domain;
  for (auto& target : targets) {
    const Domain* domain = context.mapping.for_target_name(target.name);
    if (!domain)
      throw input_error(fmt::format("no domain for target \"{}\": name a latency, jitter, packet loss, bandwidth, "
                                    "throughput, subscribers, frequency, radio coverage, availability, "
                                    "reliability, redundancy or sites target, or add it to a --mapping file",
                                    echo(target.name)),
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
