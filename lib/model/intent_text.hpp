// Control characters in intents (io/control_characters.hpp has the rule):
// the values of an intent that reach file names, labels, annotations, commit
// messages or trailers are refused when they hold one, at their line and
// column, whatever form the intent came in.
#pragma once

#include "io/reader.hpp"
#include "model/intent.hpp"

namespace intentctl {

// Walks an intent document in any form (TMF921, 28.312, the seed's and the
// short form) and refuses a control character in the members that name
// things (id, expectationId, objectType, targetName, contextAttribute, the
// values of targets and contexts, ...); userLabel is free text.
void refuse_control_characters_in_intent_document(const Source& source, const Node& document);

// The same for an intent already read (translated), for values whose origin
// the walk above does not know by name (a JSON-LD property, a TMF921 v4
// expressionValue): the position is the first string or key of document that
// holds the value, else the expectation's or target's own.
void refuse_control_characters_in_intent(const Intent& intent, const Source& source, const Node& document);

} // namespace intentctl
