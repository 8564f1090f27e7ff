// What the TM Forum input forms share: the TMF921 Intent resource fields
// around an expression, expectations as the input states them before ids and
// objectTypes are settled, the context names that mean something to intentctl
// (sites, slices, areas), and target values with units.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/fields.hpp"
#include "model/forms.hpp"

namespace intentctl {

// The readers of each TMF921 form (model/forms.hpp, read_intents, picks one).
std::vector<Intent> read_tmf921_v5(const Node& document, FormContext& context);
std::vector<Intent> read_tmf921_v4(const Node& document, FormContext& context);
std::vector<Intent> read_gateway(const Node& document, FormContext& context);
std::vector<Intent> read_specification(const Node& document, FormContext& context);
std::vector<Intent> read_short_form(const Node& document, FormContext& context);

// One expectation as an input form states it.
struct ExpectationDraft {
  std::string given_id; // the id the input gave; "" lets one be derived from the intent id
  std::string verb = "DELIVER";
  std::string object_type; // as given; "" when the input names none
  Location object_type_where;
  std::string object_instance;
  std::vector<Context> object_contexts;
  std::vector<Target> targets;
  std::vector<Context> contexts;
  Mark mark;        // where the input states it, for errors
  std::string path; // its JSON path
};

// Turns drafts into the intent's expectations. A draft whose objectType is a
// 28.312 or mapping-table spelling becomes one expectation of that type;
// otherwise its targets are grouped by the domain their names map to (one
// expectation per domain). Ids: the given one, else "<intent id>-<domain>",
// made unique with "-2", "-3"... in input order. intent.id must be set.
void add_expectations(Intent& intent, std::vector<ExpectationDraft> drafts, FormContext& context);

// The objectType to write for a given spelling: 28.312 Rel-18/Rel-19 spellings
// as they are, mapping-table aliases (CoreNetwork, ...) as their domain's
// objectType; nullopt when neither knows it.
std::optional<std::string> resolve_object_type(std::string_view spelling, const Mapping& mapping);

// expectationVerb, else expectationType: "deliver", "ensure", "DeliveryExpectation",
// a 28.312 verb, ... to the 28.312 verb (DELIVER when neither is given).
std::string read_verb(Fields& fields);

// The canonical name of a context attribute intentctl gives a meaning (sites,
// slices, areas, ...), nullopt for others.
std::optional<std::string> known_context_attribute(std::string_view name);

// Context attribute names people use for the same thing, to one spelling:
// "slice" -> networkSlice, "area" -> CoverageAreaPolygon, "site" -> DeploymentSite.
std::string canonical_context_attribute(std::string_view name);

// Keeps a context: a site context adds its values to sites (deduplicated,
// in order; each must be a DNS-1123 label, as sites name folders and
// repositories); any other is appended to contexts.
void keep_context(Context context, std::vector<Context>& contexts, std::vector<std::string>& sites,
                  const Source& source);
void add_sites(std::vector<std::string>& sites, const std::vector<std::string>& more);

// A target or context value as TM Forum forms write it: numbers, numeric
// strings (numbers, since these forms quote them), "20ms", booleans, 28.312's
// structured values; unit (targetUnit, quan:unit) applies to plain numbers
// and to both ends of a range written as text ("1-5" with "ms").
Value tmf_value(const Source& source, const Node& node, std::string_view unit, const std::string& path);

// settle_target (model/target_kind.hpp), its problem an input error at where.
void settle_at(Target& target, std::string_view condition_spelling, const Location& where);

// The TMF921 Intent resource fields every form may carry: id (or intentId),
// name -> userLabel, priority -> intentPriority when a number from 1 to 100,
// @type. Returns the given id ("" when none). Leaves the form's own fields
// (expression, intentSpecification) to the caller.
std::string read_intent_resource(Fields& fields, Intent& intent, FormContext& context);

// The TMF921 resource fields of a resource (href, @type, @baseType,
// @schemaLocation, description, version, lifecycleStatus, isBundle, the
// dates, validFor): the type the standard gives each, or an input error.
// They stay unread, for record_unread_tmf921 to carry to the delta report.
void check_resource_fields(const Fields& fields);

// Lists every member of fields not read so far in the delta report, saying
// which TMF921 field it is when it is one.
void record_unread_tmf921(const Fields& fields, FormContext& context);

// Reads an expressionValue (a JSON-LD document with the TM Forum Intent Common
// Model) into intent: expectations, contexts, sites, observation period. When
// intent.id is still empty it becomes the icm:Intent node's @id, else
// stable_intent_id of the userLabel and the whole document. path is where the
// value sits ("expression.expressionValue").
void read_jsonld_expression(const Node& value, const std::string& path, const Node& document, Intent& intent,
                            FormContext& context);

} // namespace intentctl
