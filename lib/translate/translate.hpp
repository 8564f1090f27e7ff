// translate: TMF921 intents (and the seed tools' forms) to 3GPP TS 28.312.
#pragma once

#include <string>
#include <vector>

#include "io/sink.hpp"
#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

// The input forms (docs/model.md), plus 28.312 itself (passed through, normalized).
enum class InputForm { automatic, tmf921_v5, tmf921_v4, tmf921_gateway, seed, short_form, gpp };

struct TranslateOptions {
  std::vector<std::string> inputs; // files, "-" for stdin; none means stdin
  std::string format = "json";     // json | yaml
  InputForm from = InputForm::automatic;
  std::string mapping_file;       // overrides the built-in mapping table
  std::string delta_file;         // where fields without a 28.312 home are listed
  std::vector<std::string> sites; // sites every intent is deployed to (replaces the intent's own)
  std::string output_file;        // instead of stdout
  Layout layout = Layout::flat;
};

// "tmf921-v5" -> InputForm; nullopt when unknown. names() lists them for help.
std::optional<InputForm> parse_input_form(std::string_view name);
std::string_view input_form_name(InputForm form);
const std::vector<std::string>& input_form_names();

// The whole command: read, translate, check, write. Returns the exit class.
ExitClass translate(const TranslateOptions& options, Io& io);

} // namespace intentctl
