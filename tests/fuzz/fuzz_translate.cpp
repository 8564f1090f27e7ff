// translate's form detection and every form's translator on any document
// (TMF921 v5 JSON-LD, v4 string expression, the intentSpecification form, the
// short form, 28.312 itself), then the whole command: what it writes must read
// back as 28.312 and translate to the same text again.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "io/reader.hpp"
#include "model/acceptance.hpp"
#include "translate/translate.hpp"

namespace {

// translate on standard input; "" when it refused the input.
std::string run_translate(const std::string& input, const std::string& format) {
  using namespace intentctl;
  std::istringstream in(input);
  std::ostringstream out, err;
  Reporter reporter(err);
  Io io{in, out, reporter, false, false};
  TranslateOptions options;
  options.format = format;
  try {
    if (translate(options, io) != ExitClass::ok) return {};
  } catch (const Error&) {
    return {};
  }
  return out.str();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    const ParsedStream stream = parse_documents(source, ReadLimits{});
    std::vector<DeltaEntry> delta;
    for (const Node& document : stream.documents) {
      for (std::optional<Form> form :
           {std::optional<Form>{}, std::optional(Form::tmf921_v5), std::optional(Form::tmf921_v4),
            std::optional(Form::gateway), std::optional(Form::specification), std::optional(Form::short_form),
            std::optional(Form::gpp_intent)}) {
        // Stopping at the first problem, and keeping them all as validate does:
        // the first kept is the one thrown.
        std::string thrown;
        Problems stop;
        ExpectationReader stop_reader(default_mapping(), delta, ReadRules{.renderable = true});
        FormContext stop_context{source, default_mapping(), delta, stop};
        try {
          for (const Intent& intent : accept_intents(document, form, stop_context, stop_reader)) (void)to_node(intent);
        } catch (const Error& error) {
          thrown = error.describe();
        }
        Problems kept(Problems::Mode::keep_going);
        ExpectationReader kept_reader(default_mapping(), delta, ReadRules{.renderable = true}, &kept);
        FormContext kept_context{source, default_mapping(), delta, kept};
        kept.guard([&] { accept_intents(document, form, kept_context, kept_reader); });
        const std::string first = kept.errors().empty() ? "" : kept.errors().front().describe();
        if (first != thrown) __builtin_trap();
      }
    }
  } catch (const Error&) {}

  const std::string format = size % 2 ? "yaml" : "json";
  const std::string first = run_translate(source.text, format);
  if (first.empty()) return 0;
  // 28.312 in, 28.312 out: translating the output changes nothing.
  if (run_translate(first, format) != first) __builtin_trap();
  return 0;
}
