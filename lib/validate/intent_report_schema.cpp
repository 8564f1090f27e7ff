// The IntentReport schema, written from the Rel-18 information model of TS
// 28.312 (IntentReport, IntentConflictReport, IntentFeasibilityCheckReport,
// IntentFulfilmentReport and their data types). It is stricter than the
// standard's OpenAPI, which leaves every member optional and open: what
// intentctl writes has no unknown members, closed enumerations, the
// conflicting intent, expectation or target that the conflict's type calls
// for (and no other), and a reason for every infeasible intent. The
// standard's own misspellings (expectaitonId, notFullfilledState) are its
// field names. The per-type rules are if/then rather than oneOf, so that one
// wrong member is one finding, and a member a type forbids is the schema
// false. lastUpdatedTime has a pattern besides its format: draft 7 leaves
// checking formats to each checker.
#include "validate/intent_report_schema.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "io/reader.hpp"
#include "model/intent_io.hpp"

namespace intentctl {

namespace {

constexpr std::string_view kIntentReportSchema = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "urn:intentctl:schema:intent-report-28312",
  "title": "3GPP TS 28.312 IntentReport, as intentctl writes it",
  "description": "An IntentReport in the Rel-18 layout (fields beside id), as intentctl check and intentctl verify write them: fulfilment (verify), conflicts and feasibility (check, verify). Stricter than the standard's OpenAPI: no unknown members, closed enumerations, the conflicting reference that the conflict type calls for, and a reason for every infeasible intent. The standard's own misspellings (expectaitonId, notFullfilledState) are its field names.",
  "type": "object",
  "required": ["id", "intentReference"],
  "additionalProperties": false,
  "properties": {
    "id": {"type": "string", "minLength": 1},
    "intentFulfilmentReport": {"$ref": "#/definitions/intentFulfilmentReport"},
    "intentConflictReports": {"type": "array", "items": {"$ref": "#/definitions/intentConflictReport"}},
    "intentFeasibilityCheckReport": {"$ref": "#/definitions/intentFeasibilityCheckReport"},
    "lastUpdatedTime": {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"},
    "intentReference": {"$ref": "#/definitions/dn"}
  },
  "anyOf": [
    {"required": ["intentFulfilmentReport"]},
    {"required": ["intentConflictReports"]},
    {"required": ["intentFeasibilityCheckReport"]}
  ],
  "definitions": {
    "dn": {"type": "string", "minLength": 1, "description": "A distinguished name, like Intent=urllc-robot-cell."},
    "intentFulfilmentReport": {
      "type": "object",
      "required": ["intentFulfilmentInfo", "expectationFulfilmentResult"],
      "additionalProperties": false,
      "properties": {
        "intentFulfilmentInfo": {"$ref": "#/definitions/fulfilmentInfo"},
        "expectationFulfilmentResult": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/expectationFulfilmentResult"}}
      }
    },
    "expectationFulfilmentResult": {
      "type": "object",
      "required": ["expectaitonId", "expectationFulfilmentInfo", "targetFulfilmentResult"],
      "additionalProperties": false,
      "properties": {
        "expectaitonId": {"type": "string", "minLength": 1},
        "expectationFulfilmentInfo": {"$ref": "#/definitions/fulfilmentInfo"},
        "targetFulfilmentResult": {"type": "array", "items": {"$ref": "#/definitions/targetFulfilmentResult"}}
      }
    },
    "targetFulfilmentResult": {
      "type": "object",
      "required": ["targetName", "targetFulfilmentInfo"],
      "additionalProperties": false,
      "properties": {
        "targetName": {"type": "string", "minLength": 1},
        "targetFulfilmentInfo": {"$ref": "#/definitions/fulfilmentInfo"},
        "targetAchievedValue": {"type": "number"}
      }
    },
    "fulfilmentInfo": {
      "type": "object",
      "required": ["fulfilmentStatus"],
      "additionalProperties": false,
      "properties": {
        "fulfilmentStatus": {"enum": ["FULFILLED", "NOT_FULFILLED"]},
        "notFullfilledState": {"enum": ["ACKNOWLEDGED", "COMPLIANT", "DEGRADED", "SUSPENDED", "TERMINATED", "FULFILMENTFAILED"]},
        "notFulfilledReasons": {"type": "array", "items": {"type": "string"}}
      },
      "allOf": [
        {"if": {"properties": {"fulfilmentStatus": {"const": "NOT_FULFILLED"}}}, "then": {"required": ["notFullfilledState", "notFulfilledReasons"]}},
        {
          "if": {"properties": {"fulfilmentStatus": {"const": "FULFILLED"}}},
          "then": {"properties": {"notFullfilledState": false, "notFulfilledReasons": false}}
        }
      ]
    },
    "intentConflictReport": {
      "type": "object",
      "required": ["conflictId", "conflictType"],
      "additionalProperties": false,
      "properties": {
        "conflictId": {"type": "string", "minLength": 1},
        "conflictType": {"enum": ["INTENT_CONFLICT", "EXPECTATION_CONFLICT", "TARGET_CONFLICT"]},
        "conflictingIntent": {"$ref": "#/definitions/dn"},
        "conflictingExpectation": {"type": "string", "minLength": 1},
        "conflictingTarget": {"type": "string", "minLength": 1}
      },
      "allOf": [
        {
          "if": {"properties": {"conflictType": {"const": "INTENT_CONFLICT"}}},
          "then": {"required": ["conflictingIntent"], "properties": {"conflictingExpectation": false, "conflictingTarget": false}}
        },
        {
          "if": {"properties": {"conflictType": {"const": "EXPECTATION_CONFLICT"}}},
          "then": {"required": ["conflictingExpectation"], "properties": {"conflictingIntent": false, "conflictingTarget": false}}
        },
        {
          "if": {"properties": {"conflictType": {"const": "TARGET_CONFLICT"}}},
          "then": {"required": ["conflictingTarget"], "properties": {"conflictingIntent": false, "conflictingExpectation": false}}
        }
      ]
    },
    "intentFeasibilityCheckReport": {
      "type": "object",
      "required": ["feasibilityCheckResult"],
      "additionalProperties": false,
      "properties": {
        "feasibilityCheckResult": {"enum": ["FEASIBLE", "INFEASIBLE"]},
        "infeasibilityReason": {"type": "string", "minLength": 1}
      },
      "allOf": [
        {"if": {"properties": {"feasibilityCheckResult": {"const": "INFEASIBLE"}}}, "then": {"required": ["infeasibilityReason"]}},
        {
          "if": {"properties": {"feasibilityCheckResult": {"const": "FEASIBLE"}}},
          "then": {"properties": {"infeasibilityReason": false}}
        }
      ]
    }
  }
})json";

} // namespace

std::string_view intent_report_schema_json() { return kIntentReportSchema; }

const CompiledSchema& intent_report_schema() {
  static const std::shared_ptr<const CompiledSchema> schema = [] {
    Source source{"<built-in IntentReport schema>", std::string(kIntentReportSchema)};
    ParsedStream stream = parse_json(source, ReadLimits{});
    auto document =
        std::make_shared<const std::pair<Source, Node>>(std::move(source), std::move(stream.documents.at(0)));
    return CompiledSchema::compile(document, document->second, SchemaDialect::json_schema, {}, false);
  }();
  return *schema;
}

bool is_intent_report_document(const Node& document) {
  if (document.is_array())
    return !document.items().empty() &&
           std::all_of(document.items().begin(), document.items().end(), is_3gpp_intent_report);
  return is_3gpp_intent_report(document);
}

std::vector<SchemaViolation> check_intent_reports(const Node& document) {
  if (!document.is_array()) return intent_report_schema().check(document);
  std::vector<SchemaViolation> violations;
  for (std::size_t i = 0; i < document.items().size(); ++i)
    for (SchemaViolation& violation :
         intent_report_schema().check(document.items()[i], 100, "[" + std::to_string(i) + "]"))
      violations.push_back(std::move(violation));
  return violations;
}

} // namespace intentctl
