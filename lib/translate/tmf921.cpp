// Replaced by the TMF921 translator (in progress in this working tree).
#include "translate/forms.hpp"
namespace intentctl {
std::vector<Intent> translate_tmf921_v5(const Node& d, TranslateContext& c) { throw input_error("TMF921 v5: WIP", location_of(c.source, d.mark)); }
std::vector<Intent> translate_tmf921_v4(const Node& d, TranslateContext& c) { throw input_error("TMF921 v4: WIP", location_of(c.source, d.mark)); }
std::vector<Intent> translate_seed(const Node& d, TranslateContext& c) { throw input_error("seed: WIP", location_of(c.source, d.mark)); }
}
