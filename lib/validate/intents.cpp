#include "validate/intents.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "io/fields.hpp"

namespace intentctl {

namespace {

std::string string_member(const Node& object, std::string_view key) {
  const Node* value = object.is_object() ? object.find(key) : nullptr;
  return value && value->is_string() ? value->text() : std::string{};
}

bool in_scope(Form form, IntentScope scope) {
  return scope == IntentScope::any || (scope == IntentScope::tmf921) == is_tmf921(form);
}

Finding finding_of(const Error& error) {
  // A control character is refused as a reader refuses it: like unreadable input (exit 2).
  const bool control = error.message().find("holds a control character") != std::string::npos;
  return Finding{Severity::error, control ? "control-character" : "intent", error.where(), error.message()};
}

} // namespace

IntentChecker::IntentChecker(const Mapping& mapping, bool lax_seed, bool strict)
    : mapping_(mapping),
      strict_(strict),
      reader_(mapping, delta_, ReadRules{.renderable = true, .lax_seed = lax_seed}, &problems_) {}

bool IntentChecker::is_intent_document(const Node& document) {
  if (!document.is_array()) return form_of(document).has_value();
  return !document.items().empty() && std::all_of(document.items().begin(), document.items().end(),
                                                  [](const Node& item) { return form_of(item).has_value(); });
}

void IntentChecker::check_item(const Source& source, const Node& item, IntentScope scope) {
  const auto form = form_of(item);
  if (form && !in_scope(*form, scope))
    throw input_error(fmt::format("a {} is not {} (--kind {})", form_label(*form),
                                  scope == IntentScope::tmf921 ? "a TMF921 intent" : "a 28.312 document",
                                  scope == IntentScope::tmf921 ? "tmf921" : "28312"),
                      location_of(source, item.mark));
  if (form == Form::gpp_expectation || form == Form::seed_expectation) return reader_.read_document(source, item, "");
  FormContext context{source, mapping_, delta_, problems_};
  accept_intents(item, form, context, reader_);
}

IntentVerdict IntentChecker::check(const Source& source, const Node& document, IntentScope scope) {
  IntentVerdict verdict;
  const Node& first = document.is_array() && !document.items().empty() ? document.items().front() : document;
  const auto form = form_of(first);
  verdict.kind = form ? std::string(form_label(*form)) + (document.is_array() ? "s" : "") : "intent";
  verdict.name = string_member(first, "id");
  if (verdict.name.empty()) verdict.name = string_member(first, "expectationId");
  if (verdict.name.empty()) verdict.name = string_member(first, "intentExpectationId");

  const std::size_t since = problems_.count();
  const std::size_t accepted = reader_.expectations().size();
  const std::size_t noted = delta_.size();
  const std::size_t warned = reader_.warnings().size();
  const bool translates = form && is_tmf921(*form);
  std::vector<std::string> intent_ids;
  if (document.is_array() && form && is_tmf921(*form)) {
    // translate reads each item of a list as an intent of its own
    for (std::size_t i = 0; i < document.items().size(); ++i) {
      const std::size_t item_since = problems_.count();
      problems_.guard([&] { check_item(source, document.items()[i], scope); });
      problems_.prefix_paths(item_since, join_path("", i));
    }
  } else if (document.is_array()) {
    problems_.guard([&] {
      for (const Node& item : document.items())
        if (const auto item_form = form_of(item); item_form && !in_scope(*item_form, scope))
          check_item(source, item, scope);
      reader_.read_document(source, document, "");
    });
  } else {
    problems_.guard([&] { check_item(source, document, scope); });
  }
  for (std::size_t i = since; i < problems_.count(); ++i) verdict.findings.push_back(finding_of(problems_.errors()[i]));
  for (std::size_t i = warned; i < reader_.warnings().size(); ++i)
    verdict.findings.push_back(
        {Severity::warning, "lax-seed", reader_.warnings()[i].where, reader_.warnings()[i].note});
  if (strict_)
    for (std::size_t i = noted; i < delta_.size(); ++i)
      verdict.findings.push_back({Severity::error, "no-28312-home", delta_[i].where, delta_[i].note});
  const bool accepted_all = since == problems_.count();
  if (accepted_all) {
    auto& read = reader_.expectations();
    for (std::size_t i = accepted; i < read.size(); ++i) {
      const InputExpectation& entry = read[i];
      verdict.taken.push_back(
          {TakenName::Kind::expectation, translates, entry.name, entry.expectation.id, entry.where});
      if (!entry.intent_id.empty() &&
          std::find(intent_ids.begin(), intent_ids.end(), entry.intent_id) == intent_ids.end()) {
        intent_ids.push_back(entry.intent_id);
        // The intent's own place: in a list, its item, not the list's start.
        const Location* where = reader_.intent_where(entry.intent_id);
        verdict.taken.push_back({TakenName::Kind::intent, translates, entry.intent_id, entry.intent_id,
                                 where ? *where : location_of(source, document.mark)});
      }
    }
  }
  return verdict;
}

std::string unknown_document_message(const Node& document) {
  if (!document.is_object())
    return fmt::format("expected a KRM object (apiVersion, kind), an intent or an expectation, got {}",
                       type_name(document.type()));
  return "neither a KRM object (apiVersion, kind) nor an intent or an expectation in a form intentctl reads (a "
         "TMF921 Intent, the intent gateway's form, the intentSpecification form, the short form, a 28.312 "
         "Intent, a 28.312 expectation or a seed expectation); say which with --kind";
}

void report_taken_names(std::vector<ResourceResult>& resources, const std::vector<std::vector<TakenName>>& taken) {
  using Key = std::tuple<bool, TakenName::Kind, std::string>;
  std::map<Key, const TakenName*> first;
  for (std::size_t i = 0; i < resources.size() && i < taken.size(); ++i) {
    // A file's own duplicates were found while reading it; these are across files.
    std::map<Key, const TakenName*> here;
    for (const TakenName& name : taken[i]) {
      const Key key{name.translates, name.kind, name.key};
      const auto found = first.find(key);
      if (found == first.end() || found->second->where.file == name.where.file) {
        here.emplace(key, &name);
        continue;
      }
      const TakenName& original = *found->second;
      std::string message;
      if (name.kind == TakenName::Kind::intent)
        message = fmt::format("duplicate intent id \"{}\" (first at {})", name.id, location_text(original.where));
      else if (original.id == name.id)
        message = fmt::format("duplicate expectation id \"{}\" (first at {})", name.id, location_text(original.where));
      else
        message = fmt::format("expectation ids \"{}\" and \"{}\" (at {}) both become the name \"{}\"", name.id,
                              original.id, location_text(original.where), name.key);
      resources[i].findings.push_back({Severity::error, "duplicate-id", name.where, std::move(message)});
      if (resources[i].status == ResourceStatus::valid) resources[i].status = ResourceStatus::invalid;
    }
    first.insert(here.begin(), here.end());
  }
}

} // namespace intentctl
