// Shared by the TM Forum forms (JSON-LD expressions and the seed tools'
// intentSpecification): the Intent resource fields, expectation ids and
// objectTypes, context names, values with units.
#include "translate/tmf921.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "sites/sites.hpp"

namespace intentctl {

namespace {

// objectType spellings of TS 28.312: Rel-18, then Rel-19.
constexpr std::array<std::string_view, 9> gpp_object_types = {
    "RAN_SubNetwork", "5GC_SubNetwork", "Edge_Service_Support", "Radio_Service", "RAN_SUBNETWORK",
    "5GC_SUBNETWORK", "EDGE_SERVICE_SUPPORT", "RADIO_SERVICE", "SUBNETWORK",
};

struct AttributeAlias {
  std::string_view normalized; // as normalize_name spells it
  std::string_view canonical;
};

// Context names with a meaning downstream: render lists networkSlice,
// networkFunction and transportNetwork contexts in the bundles; 28.312 names
// the object contexts CoverageAreaPolygon, PLMN, RAT, UEGroup.
constexpr AttributeAlias attribute_aliases[] = {
    {"site", kSitesContextAttribute},        {"sites", kSitesContextAttribute},
    {"deploymentsite", kSitesContextAttribute}, {"targetsite", kSitesContextAttribute},
    {"edgesite", kSitesContextAttribute},    {"slice", "networkSlice"},
    {"networkslice", "networkSlice"},        {"slicename", "networkSlice"},
    {"networkfunction", "networkFunction"},  {"transportnetwork", "transportNetwork"},
    {"area", "CoverageAreaPolygon"},         {"coveragearea", "CoverageAreaPolygon"},
    {"coverageareapolygon", "CoverageAreaPolygon"}, {"geoarea", "CoverageAreaPolygon"},
    {"plmn", "PLMN"},                        {"rat", "RAT"},
    {"uegroup", "UEGroup"},
};

// What the TMF921 Intent resource fields are, for the delta report's notes.
constexpr std::string_view tmf921_fields[] = {
    "href",          "description",  "version",   "validFor",         "isBundle",        "statusChangeDate",
    "context",       "intentSpecification", "intentRelationship", "characteristic", "relatedParty",
    "attachment",    "creationDate", "lastUpdate", "lifecycleStatus", "@baseType",       "@schemaLocation",
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

struct StructuredType {
  std::string_view name;
  std::array<std::string_view, 3> members;
};

// The structured values of 28.312's ValueRangeType (GeoArea has its own reader).
constexpr StructuredType structured_types[] = {
    {"PlmnId", {"mcc", "mnc"}},           {"TimeWindow", {"startTime", "endTime"}},
    {"GeoCoordinate", {"latitude", "longitude", "altitude"}}, {"UEGroup", {"fiveQI", "sNssai"}},
    {"Frequency", {"arfcn", "freqband"}},
};

// An object value must be one of them: anything else would be a value no
// 28.312 reader understands.
void check_structured_value(const Source& source, const Node& node, const std::string& path) {
  if (node.find("convexGeoPolygon")) return; // GeoArea's reader says what is wrong with one
  for (const auto& type : structured_types) {
    if (node.members().empty()) break;
    const bool fits = std::all_of(node.members().begin(), node.members().end(), [&](const Node::Member& member) {
      return std::find(type.members.begin(), type.members.end(), member.key) != type.members.end();
    });
    if (fits) return;
  }
  throw input_error("not a value 28.312 knows: expected a number, a string, a boolean, a GeoArea "
                    "({convexGeoPolygon}), a PlmnId ({mcc, mnc}), a TimeWindow ({startTime, endTime}), a "
                    "GeoCoordinate ({latitude, longitude}), a UEGroup ({fiveQI, sNssai}) or a Frequency "
                    "({arfcn, freqband})",
                    location_of(source, node.mark, path));
}

} // namespace

std::optional<std::string> resolve_object_type(std::string_view spelling, const Mapping& mapping) {
  if (std::find(gpp_object_types.begin(), gpp_object_types.end(), spelling) != gpp_object_types.end())
    return std::string(spelling);
  if (const Domain* domain = mapping.for_object_type(spelling)) return domain->object_type;
  return std::nullopt;
}

void add_expectations(Intent& intent, std::vector<ExpectationDraft> drafts, TranslateContext& context) {
  IdAllocator ids(intent);
  for (auto& draft : drafts) {
    if (draft.targets.empty())
      throw input_error(fmt::format("expectation{} has no targets",
                                    draft.given_id.empty() ? "" : " \"" + draft.given_id + "\""),
                        location_of(context.source, draft.mark, draft.path));
    std::optional<std::string> object_type;
    if (!draft.object_type.empty()) {
      object_type = resolve_object_type(draft.object_type, context.mapping);
      if (!object_type)
        context.delta.push_back({draft.object_type_where,
                                 fmt::format("objectType \"{}\" is neither a 28.312 objectType nor in the mapping "
                                             "table ({}); the objectType comes from the target names instead",
                                             draft.object_type, context.mapping.object_type_list())});
    }
    if (object_type) {
      Expectation expectation;
      const bool generated = draft.given_id.empty();
      expectation.id = ids.take(generated ? intent.id + "-" + domain_label(*object_type, context.mapping)
                                          : draft.given_id,
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
                                      names.back()),
                          location_of(source, context.mark));
    }
    add_sites(sites, names);
    return;
  }
  contexts.push_back(std::move(context));
}

Value tmf_value(const Source& source, const Node& node, std::string_view unit, const std::string& path) {
  switch (node.type()) {
    case Node::Type::number: return Quantity{node.text(), std::string(unit)};
    case Node::Type::string: {
      if (node.text().empty()) throw input_error("empty value", location_of(source, node.mark, path));
      auto quantity = parse_quantity(node.text());
      if (quantity) {
        if (quantity->unit.empty()) quantity->unit = std::string(unit);
        else if (!unit.empty() && quantity->unit != unit)
          throw input_error(fmt::format("value \"{}\" has the unit \"{}\" but the unit given beside it is \"{}\"",
                                        node.text(), quantity->unit, unit),
                            location_of(source, node.mark, path));
        return *quantity;
      }
      if (!unit.empty())
        throw input_error(fmt::format("value \"{}\" is not a number, so the unit \"{}\" cannot apply to it",
                                      node.text(), unit),
                          location_of(source, node.mark, path));
      return node.text();
    }
    case Node::Type::boolean: return node.as_bool();
    case Node::Type::object:
      check_structured_value(source, node, path);
      return read_value(source, node, path);
    case Node::Type::array:
    case Node::Type::null: break;
  }
  throw input_error(fmt::format("expected a value (number, string, boolean or GeoArea), got {}",
                                type_name(node.type())),
                    location_of(source, node.mark, path));
}

void check_arity(const ValueRange& range, Condition condition, std::string_view target_name,
                 std::string_view condition_spelling, const Location& where) {
  const std::size_t count = range.values.size();
  if (count == 0) throw input_error(fmt::format("target \"{}\" has no value", target_name), where);
  if (takes_range(condition) && count != 2)
    throw input_error(fmt::format("target \"{}\": {} needs two values, low and high; got {}", target_name,
                                  condition_spelling, count),
                      where);
  if (!takes_range(condition) && !takes_set(condition) && count != 1)
    throw input_error(fmt::format("target \"{}\": {} compares with one value; got {}", target_name,
                                  condition_spelling, count),
                      where);
}

std::string read_intent_resource(Fields& fields, Intent& intent, TranslateContext& context) {
  std::string given_id = fields.string("id").value_or("");
  if (given_id.empty()) given_id = fields.string("intentId").value_or("");
  intent.user_label = fields.string("name").value_or("");
  if (const Node* type = fields.get("@type"); type && !(type->is_string() && type->text() == "Intent"))
    context.delta.push_back({fields.where("@type"),
                             fmt::format("{} is not the TMF921 Intent @type (\"Intent\"); not carried over",
                                         to_json(*type, JsonStyle::compact))});
  if (const Node* priority = fields.get("priority")) {
    const auto number = priority->is_scalar() ? parse_quantity(priority->text()) : std::nullopt;
    const double value = number && number->unit.empty() ? number->value() : 0;
    if (value >= 1 && value <= 100 && value == static_cast<int>(value)) {
      intent.priority = static_cast<int>(value);
    } else {
      context.delta.push_back({fields.where("priority"),
                               fmt::format("TMF921 priority \"{}\" is not a whole number from 1 to 100, which "
                                           "28.312 intentPriority needs; not carried over",
                                           priority->is_scalar() ? priority->text() : type_name(priority->type()))});
    }
  }
  return given_id;
}

void record_unread_tmf921(const Fields& fields, TranslateContext& context) {
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
                         name && name->is_string() ? "\"" + name->text() + "\"" : "without a name",
                         value ? " = " + to_json(*value, JsonStyle::compact) : "")});
      }
      continue;
    }
    context.delta.push_back({location_of(context.source, member->key_mark, path),
                             is_tmf921_field(member->key) ? "TMF921 Intent field without a 28.312 home; not carried over"
                                                          : "field without a 28.312 home; not carried over"});
  }
}

} // namespace intentctl
