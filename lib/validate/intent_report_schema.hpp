// The IntentReport schema intentctl carries: a JSON Schema (draft 7) of a
// 3GPP TS 28.312 Rel-18 IntentReport as intentctl check and intentctl verify
// write it, run by the project's own schema checker (validate/schema.hpp).
// validate checks every IntentReport it is given against it, and the tests
// hold check's and verify's reports to it.
#pragma once

#include <string_view>
#include <vector>

#include "io/node.hpp"
#include "validate/schema.hpp"

namespace intentctl {

// The schema as JSON text.
std::string_view intent_report_schema_json();

// The schema, compiled once.
const CompiledSchema& intent_report_schema();

// Whether a document is an IntentReport, or a non-empty list of them.
bool is_intent_report_document(const Node& document);

// Every way a document (one IntentReport or a list of them) breaks the schema,
// in document order; a list's paths start with its index ([0].conflictId).
std::vector<SchemaViolation> check_intent_reports(const Node& document);

} // namespace intentctl
