#include "model/acceptance.hpp"

#include "model/intent_text.hpp"

namespace intentctl {

namespace {

std::vector<Intent> accept_tmf921(const Node& document, Form form, FormContext& context, ExpectationReader& reader) {
  refuse_control_characters_in_intent_document(context.source, document);
  std::vector<Intent> intents = read_intents(document, form, context);
  for (const Intent& intent : intents) {
    refuse_control_characters_in_intent(intent, context.source, document);
    reader.add_intent(context.source, intent, document);
  }
  return intents;
}

} // namespace

std::vector<Intent> accept_intents(const Node& document, std::optional<Form> form, FormContext& context,
                                   ExpectationReader& reader, const std::string& path) {
  if (!form) form = form_of(document);
  if (!form) throw unrecognised_document(context.source, document, path);
  if (*form == Form::gpp_intent) {
    if (!is_3gpp_intent(document))
      throw input_error("not a 28.312 Intent: no intentExpectations", location_of(context.source, document.mark, path));
    return {reader.read_intent_document(context.source, document, path)};
  }
  if (!is_tmf921(*form)) return read_intents(document, *form, context); // refuses what is not translate's
  // The TMF921 readers know paths from the document; a list item's place goes in front.
  const std::size_t since = context.problems.count();
  try {
    std::vector<Intent> intents = accept_tmf921(document, *form, context, reader);
    context.problems.prefix_paths(since, path);
    return intents;
  } catch (const Error& error) {
    throw with_path_prefix(error, path);
  } catch (const Problems::Reported&) {
    context.problems.prefix_paths(since, path);
    throw;
  }
}

} // namespace intentctl
