// translate: TMF921 intents (and the seed tools' forms) to 3GPP TS 28.312.
#pragma once

#include <string>
#include <vector>

#include "io/sink.hpp"
#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

// The input forms of DESIGN.md, plus 28.312 itself (passed through, normalized).
enum class InputForm { automatic, tmf921_v5, tmf921_v4, seed, short_form, gpp };

struct TranslateOptions {
  std::vector<std::string> inputs;     // files, "-" for stdin; none means stdin
  std::string format = "json";         // json | yaml
  InputForm from = InputForm::automatic;
  std::string mapping_file;            // overrides the built-in mapping table
  std::string delta_file;              // where fields without a 28.312 home are listed
  std::vector<std::string> sites;      // sites every intent is deployed to (replaces the intent's own)
  std::string output_file;             // instead of stdout
  Layout layout = Layout::flat;
};

// "tmf921-v5" -> InputForm; nullopt when unknown. names() lists them for help.
std::optional<InputForm> parse_input_form(std::string_view name);
std::string_view input_form_name(InputForm form);
const std::vector<std::string>& input_form_names();

// What every form's translator shares while working on one document.
struct TranslateContext {
  const Source& source;
  const Mapping& mapping;
  std::vector<DeltaEntry>& delta;
};

// Which form a document is in; an input error for Turtle expressions and for
// anything it does not recognise (never a guess).
InputForm detect_form(const Node& document, const Source& source);

// One document in a known form to intents (a form may hold several).
std::vector<Intent> translate_document(const Node& document, InputForm form, TranslateContext& context);

// The whole command: read, translate, check, write. Returns the exit class.
ExitClass translate(const TranslateOptions& options, Io& io);

} // namespace intentctl
