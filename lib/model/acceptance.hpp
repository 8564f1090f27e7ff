// The one acceptance rule per document form, shared by translate, render and
// validate: a document is recognised (model/forms.hpp), read in its form, and
// every intent and expectation in it checked as render will need it
// (model/expectation_reader.hpp, ReadRules::renderable). What one command
// accepts, the others accept; what one refuses, the others refuse with the
// same message at the same place. translate and render stop at the first
// problem; validate keeps one per wrong part (io/problems.hpp).
#pragma once

#include <optional>
#include <vector>

#include "model/expectation_reader.hpp"
#include "model/forms.hpp"

namespace intentctl {

// translate's rule for one document (one intent object): its form, forced or
// recognised; a TMF921 form walked for control characters first, read, and
// its intents checked by reader; a 28.312 Intent read as render reads it.
// reader must have ReadRules::renderable. path is where the document sits
// ("[2]" for the third intent of a list), in front of every message's path.
std::vector<Intent> accept_intents(const Node& document, std::optional<Form> form, FormContext& context,
                                   ExpectationReader& reader, const std::string& path = {});

} // namespace intentctl
