// Shared by the TM Forum forms (JSON-LD expressions and the seed tools'
// intentSpecification): the Intent resource fields, expectation ids and
// objectTypes, context names, values with units.
#include "model/tmf921.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "io/limits.hpp"
#include "io/writer.hpp"
#include "krm/names.hpp"
#include "model/target_kind.hpp"
#include "util/time.hpp"

namespace intentctl {

namespace {

// objectType spellings of TS 28.312: Rel-18, then Rel-19.
constexpr std::array<std::string_view, 9> gpp_object_types = {
    "RAN_SubNetwork", "5GC_SubNetwork",       "Edge_Service_Support", "Radio_Service", "RAN_SUBNETWORK",
    "5GC_SUBNETWORK", "EDGE_SERVICE_SUPPORT", "RADIO_SERVICE",        "SUBNETWORK",
};

struct AttributeAlias {
  std::string_view normalized; // as normalize_name spells it
  std::string_view canonical;
};

// Context names with a meaning downstream: render lists networkSlice,
// networkFunction and transportNetwork contexts in the bundles; 28.312 names
// the object contexts CoverageAreaPolygon, PLMN, RAT, UEGroup.
constexpr AttributeAlias attribute_aliases[] = {
    {"site", kSitesContextAttribute},
    {"sites", kSitesContextAttribute},
    {"deploymentsite", kSitesContextAttribute},
    {"targetsite", kSitesContextAttribute},
    {"edgesite", kSitesContextAttribute},
    {"slice", "networkSlice"},
    {"networkslice", "networkSlice"},
    {"slicename", "networkSlice"},
    {"networkfunction", "networkFunction"},
    {"transportnetwork", "transportNetwork"},
    {"area", "CoverageAreaPolygon"},
    {"coveragearea", "CoverageAreaPolygon"},
    {"coverageareapolygon", "CoverageAreaPolygon"},
    {"geoarea", "CoverageAreaPolygon"},
    {"plmn", "PLMN"},
    {"rat", "RAT"},
    {"uegroup", "UEGroup"},
};

// What the TMF921 Intent resource fields are, for the delta report's notes.
constexpr std::string_view tmf921_fields[] = {
    "href",
    "description",
    "version",
    "validFor",
    "isBundle",
    "statusChangeDate",
    "context",
    "intentSpecification",
    "intentRelationship",
    "characteristic",
    "relatedParty",
    "attachment",
    "creationDate",
    "lastUpdate",
    "lifecycleStatus",
    "@baseType",
    "@schemaLocation",
    "@type",
    "iri",
};

struct VerbWord {
  std::string_view word;
  std::string_view verb;
};

// TM Forum expectation types to 28.312 verbs. "maintain" is ENSURE, which
// Rel-18 (whose OpenAPI has no MAINTAIN) understands; a 28.312 verb given as
// such is kept. The Intent Common Model's classes say the same.
constexpr VerbWord verb_words[] = {
    {"deliver", "DELIVER"},
    {"ensure", "ENSURE"},
    {"maintain", "ENSURE"},
    {"assure", "ENSURE"},
    {"DELIVER", "DELIVER"},
    {"ENSURE", "ENSURE"},
    {"MAINTAIN", "MAINTAIN"},
    {"DeliveryExpectation", "DELIVER"},
    {"PropertyExpectation", "ENSURE"},
};

bool is_tmf921_field(std::string_view key) {
  return std::find(std::begin(tmf921_fields), std::end(tmf921_fields), key) != std::end(tmf921_fields);
}

std::string domain_label(std::string_view object_type, const Mapping& mapping) {
  if (const Domain* domain = mapping.for_object_type(object_type)) return domain->name;
  return slugify(object_type);
}

// Generated ids get "-2", "-3"... when taken; given ids stay as written so a
// repeated one is reported as a duplicate rather than renamed behind the user's back.
class IdAllocator {
 public:
  explicit IdAllocator(const Intent& intent) {
    for (const auto& expectation : intent.expectations) used_.insert(expectation.id);
  }
  std::string take(std::string id, bool generated) {
    if (generated && used_.count(id)) {
      int n = 2;
      while (used_.count(fmt::format("{}-{}", id, n))) ++n;
      id = fmt::format("{}-{}", id, n);
    }
    used_.insert(id);
    return id;
  }

 private:
  std::set<std::string> used_;
};

void fill_from_draft(Expectation& expectation, const ExpectationDraft& draft) {
  expectation.verb = draft.verb;
  expectation.object.instance = draft.object_instance;
  expectation.object.contexts = draft.object_contexts;
  expectation.contexts = draft.contexts;
}

} // namespace

std::optional<std::string> resolve_object_type(std::string_view spelling, const Mapping& mapping) {
  const Domain* domain = mapping.for_object_type(spelling);
  if (!domain) return std::nullopt;
  // 28.312 spellings stay as written; the table's own aliases become its objectType.
  const bool gpp = std::find(gpp_object_types.begin(), gpp_object_types.end(), spelling) != gpp_object_types.end();
  return gpp ? std::string(spelling) : domain->object_type;
}

void add_expectations(Intent& intent, std::vector<ExpectationDraft> drafts, FormContext& context) {
  IdAllocator ids(intent);
  for (auto& draft : drafts) {
    if (draft.targets.empty())
      throw input_error(fmt::format("expectation{} has no targets",
                                    draft.given_id.empty() ? "" : " \"" + echo(draft.given_id) + "\""),
                        location_of(context.source, draft.mark, draft.path));
    std::optional<std::string> object_type;
    if (!draft.object_type.empty()) {
      object_type = resolve_object_type(draft.object_type, context.mapping);
      if (!object_type)
        context.delta.push_back(
            {draft.object_type_where, fmt::format("objectType \"{}\" is neither a 28.312 objectType nor in the mapping "
                                                  "table ({}); the objectType comes from the target names instead",
                                                  echo(draft.object_type), context.mapping.object_type_list())});
    }
    if (object_type) {
      Expectation expectation;
      const bool generated = draft.given_id.empty();
      expectation.id =
          ids.take(generated ? intent.id + "-" + domain_label(*object_type, context.mapping) : draft.given_id,
                   generated);
      expectation.object.type = *object_type;
      expectation.mark = draft.mark;
      fill_from_draft(expectation, draft);
      expectation.targets = std::move(draft.targets);
      intent.expectations.push_back(std::move(expectation));
      continue;
    }
    // No usable objectType: the target names pick the domains.
    Intent grouped;
    grouped.id = draft.given_id.empty() ? intent.id : draft.given_id;
    group_targets_by_domain(grouped, std::move(draft.targets), context);
    const bool keep_given = !draft.given_id.empty() && grouped.expectations.size() == 1;
    for (auto& expectation : grouped.expectations) {
      expectation.id = ids.take(keep_given ? draft.given_id : expectation.id, !keep_given);
      if (draft.mark.line) expectation.mark = draft.mark;
      fill_from_draft(expectation, draft);
      intent.expectations.push_back(std::move(expectation));
    }
  }
}

std::string read_verb(Fields& fields) {
  const char* key = fields.has("expectationVerb") ? "expectationVerb" : "expectationType";
  const auto word = fields.string(key);
  if (!word) return "DELIVER";
  for (const auto& entry : verb_words)
    if (entry.word == *word) return std::string(entry.verb);
  fields.fail(key, fmt::format("{} \"{}\" has no 28.312 expectationVerb (known: deliver, ensure, maintain, "
                               "DELIVER, ENSURE, MAINTAIN, DeliveryExpectation, PropertyExpectation)",
                               key, echo(*word)));
}

std::optional<std::string> known_context_attribute(std::string_view name) {
  const std::string normalized = normalize_name(name);
  for (const auto& alias : attribute_aliases)
    if (alias.normalized == normalized) return std::string(alias.canonical);
  return std::nullopt;
}

std::string canonical_context_attribute(std::string_view name) {
  const std::string normalized = normalize_name(name);
  for (const auto& alias : attribute_aliases)
    if (alias.normalized == normalized) return std::string(alias.canonical);
  return std::string(name);
}

void add_sites(std::vector<std::string>& sites, const std::vector<std::string>& more) {
  for (const auto& site : more)
    if (std::find(sites.begin(), sites.end(), site) == sites.end()) sites.push_back(site);
}

void keep_context(Context context, std::vector<Context>& contexts, std::vector<std::string>& sites,
                  const Source& source) {
  const bool names_sites = context.condition == Condition::is_equal_to || context.condition == Condition::is_one_of ||
                           context.condition == Condition::is_all_of;
  if (context.attribute == kSitesContextAttribute && names_sites) {
    std::vector<std::string> names;
    for (const auto& value : context.range.values) {
      names.push_back(value_text(value));
      if (!std::holds_alternative<std::string>(value) || !is_dns1123_label(names.back()))
        throw input_error(fmt::format("site \"{}\" is not a DNS-1123 label (lower-case letters, digits and '-', "
                                      "at most 63 characters), which site names must be",
                                      echo(names.back())),
                          location_of(source, context.mark));
    }
    add_sites(sites, names);
    return;
  }
  contexts.push_back(std::move(context));
}

namespace {

// "1-5" with the unit "ms" given beside it: the range as one text, the unit on both ends.
std::optional<std::string> range_with_unit(const Source& source, const Node& node, std::string_view unit,
                                           const std::string& path) {
  std::string problem;
  auto range = parse_range(node.text(), problem);
  if (!problem.empty()) throw input_error(problem, location_of(source, node.mark, path));
  if (!range) return std::nullopt;
  const std::string wanted = canonical_unit(unit);
  for (Quantity* end : {&range->low, &range->high}) {
    if (end->unit.empty()) end->unit = wanted;
    else if (end->unit != wanted)
      throw input_error(fmt::format("value \"{}\" has the unit \"{}\" but the unit given beside it is \"{}\"",
                                    echo(node.text()), end->unit, echo(unit)),
                        location_of(source, node.mark, path));
  }
  return quantity_text(range->low) + ".." + quantity_text(range->high);
}

} // namespace

Value tmf_value(const Source& source, const Node& node, std::string_view unit, const std::string& path) {
  const std::string canonical = canonical_unit(unit);
  switch (node.type()) {
    case Node::Type::number: return Quantity{node.text(), canonical};
    case Node::Type::string: {
      if (node.text().empty()) throw input_error("empty value", location_of(source, node.mark, path));
      auto quantity = parse_quantity(node.text());
      if (quantity) {
        if (quantity->unit.empty()) quantity->unit = canonical;
        else if (!unit.empty() && quantity->unit != canonical)
          throw input_error(fmt::format("value \"{}\" has the unit \"{}\" but the unit given beside it is \"{}\"",
                                        echo(node.text()), quantity->unit, echo(unit)),
                            location_of(source, node.mark, path));
        return *quantity;
      }
      if (!unit.empty()) {
        if (auto range = range_with_unit(source, node, unit, path)) return *range;
        throw input_error(fmt::format("value \"{}\" is not a number, so the unit \"{}\" cannot apply to it",
                                      echo(node.text()), echo(unit)),
                          location_of(source, node.mark, path));
      }
      return read_value(source, node, path); // a word, a date-time, a range written as text
    }
    case Node::Type::boolean:
      if (!unit.empty())
        throw input_error(fmt::format("the unit \"{}\" needs a number, got {}", echo(unit), node.text()),
                          location_of(source, node.mark, path));
      return node.as_bool();
    case Node::Type::object:
    case Node::Type::array:
    case Node::Type::null: break;
  }
  return read_value(source, node, path); // 28.312's structured values, or its message for what is none
}

void settle_at(Target& target, std::string_view condition_spelling, const Location& where) {
  if (const auto problem = settle_target(target, condition_spelling)) throw input_error(problem->message, where);
}

namespace {

enum class FieldType { text, date_time, boolean, period };

struct ResourceField {
  std::string_view key;
  FieldType type;
};

// The TMF921 Intent resource's own fields and what they hold: accepted as the
// standard has them (and carried to the delta report), refused otherwise.
constexpr ResourceField resource_fields[] = {
    {"href", FieldType::text},
    {"description", FieldType::text},
    {"version", FieldType::text},
    {"lifecycleStatus", FieldType::text},
    {"@baseType", FieldType::text},
    {"@schemaLocation", FieldType::text},
    {"@type", FieldType::text},
    {"isBundle", FieldType::boolean},
    {"creationDate", FieldType::date_time},
    {"lastUpdate", FieldType::date_time},
    {"statusChangeDate", FieldType::date_time},
    {"validFor", FieldType::period},
};

void check_date_time(const Fields& fields, const Node& value, const std::string& path) {
  if (!value.is_string()) fields.fail_at(value, path, type_mismatch(Node::Type::string, value));
  if (!is_rfc3339(value.text()))
    fields.fail_at(value, path,
                   fmt::format("expected an RFC 3339 date-time such as 2026-03-01T08:00:00Z, got \"{}\"",
                               echo(value.text())));
}

void check_resource_field(const Fields& fields, const ResourceField& field, const Node& value) {
  const std::string path = join_path(fields.path(), field.key);
  switch (field.type) {
    case FieldType::text:
      if (!value.is_string()) fields.fail_at(value, path, type_mismatch(Node::Type::string, value));
      return;
    case FieldType::boolean:
      if (!value.is_bool()) fields.fail_at(value, path, type_mismatch(Node::Type::boolean, value));
      return;
    case FieldType::date_time: return check_date_time(fields, value, path);
    case FieldType::period: {
      if (!value.is_object()) fields.fail_at(value, path, type_mismatch(Node::Type::object, value));
      for (const auto& member : value.members()) {
        if (member.key != "startDateTime" && member.key != "endDateTime")
          fields.fail_at(member.value, join_path(path, member.key),
                         fmt::format("unknown field \"{}\" (known: startDateTime, endDateTime)", echo(member.key)));
        check_date_time(fields, member.value, join_path(path, member.key));
      }
      return;
    }
  }
}

} // namespace

void check_resource_fields(const Fields& fields) {
  for (const auto& field : resource_fields)
    if (const Node* value = fields.node().find(field.key)) check_resource_field(fields, field, *value);
}

std::string read_intent_resource(Fields& fields, Intent& intent, FormContext& context) {
  check_resource_fields(fields);
  std::string given_id = fields.string("id").value_or("");
  if (given_id.empty()) given_id = fields.string("intentId").value_or("");
  intent.user_label = fields.string("name").value_or("");
  // "Intent" goes to the delta report with the other resource fields; another @type is named.
  if (const Node* type = fields.node().find("@type"); type && type->text() != "Intent" && fields.get("@type"))
    context.delta.push_back(
        {fields.where("@type"),
         fmt::format("\"{}\" is not the TMF921 Intent @type (\"Intent\"); not carried over", echo(type->text())),
         *type});
  if (const Node* priority = fields.get("priority")) {
    const auto number = priority->is_scalar() ? parse_quantity(priority->text()) : std::nullopt;
    const double value = number && number->unit.empty() ? number->value() : 0;
    if (value >= 1 && value <= 100 && value == static_cast<int>(value)) {
      intent.priority = static_cast<int>(value);
    } else {
      context.delta.push_back(
          {fields.where("priority"),
           fmt::format("TMF921 priority \"{}\" is not a whole number from 1 to 100, which "
                       "28.312 intentPriority needs; not carried over",
                       echo(priority->is_scalar() ? priority->text() : type_name(priority->type()))),
           *priority});
    }
  }
  return given_id;
}

void record_unread_tmf921(const Fields& fields, FormContext& context) {
  for (const auto* member : fields.unread()) {
    const std::string path = join_path(fields.path(), member->key);
    if (member->key == "characteristic" && member->value.is_array()) {
      const auto& items = member->value.items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Node* name = items[i].is_object() ? items[i].find("name") : nullptr;
        const Node* value = items[i].is_object() ? items[i].find("value") : nullptr;
        context.delta.push_back(
            {location_of(context.source, items[i].mark, join_path(path, i)),
             fmt::format("TMF921 characteristic {}{}: no 28.312 home; not carried over",
                         name && name->is_string() ? "\"" + echo(name->text()) + "\"" : "without a name",
                         value ? " = " + echo(to_json(*value, JsonStyle::compact)) : ""),
             items[i]});
      }
      continue;
    }
    context.delta.push_back({location_of(context.source, member->key_mark, path),
                             is_tmf921_field(member->key)
                                 ? "TMF921 Intent field without a 28.312 home; not carried over"
                                 : "field without a 28.312 home; not carried over",
                             member->value});
  }
}

} // namespace intentctl
