// translate's form detection and every form's translator on any document.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/reader.hpp"
#include "translate/translate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    const ParsedStream stream = parse_documents(source, ReadLimits{});
    std::vector<DeltaEntry> delta;
    TranslateContext context{source, default_mapping(), delta};
    for (const Node& document : stream.documents) {
      for (InputForm form : {InputForm::automatic, InputForm::tmf921_v5, InputForm::tmf921_v4, InputForm::seed,
                             InputForm::short_form, InputForm::gpp}) {
        try {
          for (const Intent& intent : translate_document(document, form, context)) (void)to_node(intent);
        } catch (const Error&) {
        }
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
