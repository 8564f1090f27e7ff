// The translators of each input form, and what they share: stable ids and the
// grouping of targets into expectations by the mapping table.
#pragma once

#include <string>
#include <vector>

#include "translate/translate.hpp"

namespace intentctl {

std::vector<Intent> translate_tmf921_v5(const Node& document, TranslateContext& context);
std::vector<Intent> translate_tmf921_v4(const Node& document, TranslateContext& context);
std::vector<Intent> translate_seed(const Node& document, TranslateContext& context);
std::vector<Intent> translate_short(const Node& document, TranslateContext& context);

// "5G Network (URLLC)" -> "5g-network-urllc": lower case, [a-z0-9-], at most 63.
std::string slugify(std::string_view text);

// The intent's id: the given one when there is one, else a slug of its name, else
// "intent-" and a hash of the document's bytes. Never random.
std::string stable_intent_id(std::string_view given_id, std::string_view name, const Node& document);

// Puts each target into an expectation of the domain its name maps to, one
// expectation per domain in order of first appearance, with the id
// "<intent id>-<domain>". A target name that maps to no domain is an input
// error at the target.
void group_targets_by_domain(Intent& intent, std::vector<Target> targets, TranslateContext& context);

} // namespace intentctl
