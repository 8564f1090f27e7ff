#include "validate/intent_schema.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "model/intent_io.hpp"
#include "schemas/schemas.hpp"

namespace intentctl {

namespace {

using nlohmann::json;

const char* schema_name(IntentKind kind) { return kind == IntentKind::gpp28312 ? "intent-28312" : "tmf921-intent"; }

const json& schema_document(IntentKind kind) {
  static const json gpp = json::parse(schema_text(schema_name(IntentKind::gpp28312)));
  static const json tmf = json::parse(schema_text(schema_name(IntentKind::tmf921)));
  return kind == IntentKind::gpp28312 ? gpp : tmf;
}

// The schema document with its root alternatives replaced by the one
// definition the document is checked against ("" keeps the whole schema; a
// definition ending in "[]" means a list of them).
json focused_schema(IntentKind kind, const std::string& definition) {
  json schema = schema_document(kind);
  if (definition.empty()) return schema;
  schema.erase("oneOf");
  schema.erase("anyOf");
  const bool list = definition.size() > 2 && definition.compare(definition.size() - 2, 2, "[]") == 0;
  const std::string name = list ? definition.substr(0, definition.size() - 2) : definition;
  const json ref = {{"$ref", "#/definitions/" + name}};
  if (list) {
    schema["type"] = "array";
    schema["minItems"] = 1;
    schema["items"] = ref;
  } else {
    schema["allOf"] = json::array({ref});
  }
  return schema;
}

struct FocusedSchema {
  json document;
  valijson::Schema schema;
};

// Compiled once per run and shared: valijson schemas are read-only while validating.
const FocusedSchema& compiled(IntentKind kind, const std::string& definition) {
  static std::mutex mutex;
  static std::map<std::pair<IntentKind, std::string>, std::unique_ptr<FocusedSchema>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[{kind, definition}];
  if (!slot) {
    slot = std::make_unique<FocusedSchema>();
    slot->document = focused_schema(kind, definition);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(slot->document);
    parser.populateSchema(adapter, slot->schema);
  }
  return *slot;
}

json to_json_value(const Node& node) {
  switch (node.type()) {
    case Node::Type::null: return nullptr;
    case Node::Type::boolean: return node.as_bool();
    case Node::Type::number: {
      const std::string& text = node.text();
      if (text.find_first_of(".eE") == std::string::npos) {
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc{} && end == text.data() + text.size()) return value;
      }
      return node.as_double();
    }
    case Node::Type::string: return node.text();
    case Node::Type::array: {
      json array = json::array();
      for (const Node& item : node.items()) array.push_back(to_json_value(item));
      return array;
    }
    case Node::Type::object: {
      json object = json::object();
      for (const auto& member : node.members()) object[member.key] = to_json_value(member.value);
      return object;
    }
  }
  return nullptr;
}

// Where a valijson context ("<root>", "[intentExpectations]", "[0]", ...) leads in the document.
struct Target {
  const Node* node = nullptr;
  Mark anchor;                   // the key that names the node (or the node itself)
  std::string path;
  std::vector<std::string> keys; // the steps, for finding the schema that applies
};

Target locate(const Node& document, const std::vector<std::string>& context) {
  Target target{&document, document.mark, {}, {}};
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string step = context[i];
    if (step.size() >= 2 && step.front() == '[' && step.back() == ']') step = step.substr(1, step.size() - 2);
    const Node& node = *target.node;
    if (node.is_array() && !step.empty() && step.find_first_not_of("0123456789") == std::string::npos &&
        std::stoul(step) < node.items().size()) {
      target.node = &node.items()[std::stoul(step)];
      target.anchor = target.node->mark;
      target.path = fmt::format("{}[{}]", target.path, step);
    } else if (const Node::Member* member = node.is_object() ? node.find_member(step) : nullptr) {
      target.node = &member->value;
      target.anchor = member->key_mark;
      target.path = member_path(target.path, step);
    } else {
      break;
    }
    target.keys.push_back(step);
  }
  return target;
}

// The subschemas that can apply at a path of keys, following $ref, the
// composition keywords, properties, items and additionalProperties.
void subschemas_at(const json& root, const json& schema, const std::vector<std::string>& keys, std::size_t next,
                   std::vector<const json*>& out, int depth = 0) {
  if (depth > 40 || !schema.is_object()) return;
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    const std::string text = *ref;
    if (text.rfind("#/", 0) == 0) {
      const json::json_pointer pointer(text.substr(1));
      if (root.contains(pointer)) subschemas_at(root, root.at(pointer), keys, next, out, depth + 1);
    }
  }
  for (const char* keyword : {"allOf", "anyOf", "oneOf"})
    if (auto list = schema.find(keyword); list != schema.end() && list->is_array())
      for (const json& branch : *list) subschemas_at(root, branch, keys, next, out, depth + 1);
  for (const char* keyword : {"then", "else"})
    if (auto branch = schema.find(keyword); branch != schema.end()) subschemas_at(root, *branch, keys, next, out, depth + 1);
  if (next == keys.size()) {
    out.push_back(&schema);
    return;
  }
  const std::string& key = keys[next];
  if (auto properties = schema.find("properties"); properties != schema.end() && properties->contains(key))
    subschemas_at(root, (*properties)[key], keys, next + 1, out, depth + 1);
  else if (auto extra = schema.find("additionalProperties"); extra != schema.end() && extra->is_object())
    subschemas_at(root, *extra, keys, next + 1, out, depth + 1);
  if (auto items = schema.find("items"); items != schema.end() && items->is_object() &&
                                         key.find_first_not_of("0123456789") == std::string::npos)
    subschemas_at(root, *items, keys, next + 1, out, depth + 1);
}

std::string literal(const json& value) {
  std::string text = value.dump();
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

std::string type_of(const Node& node) {
  if (node.is_number()) return node.text().find_first_of(".eE") == std::string::npos ? "integer" : "number";
  return std::string(type_name(node.type()));
}

bool type_accepts(const json& type, const Node& node) {
  auto one = [&](const std::string& name) {
    if (name == "number") return node.is_number();
    if (name == "integer") return type_of(node) == "integer";
    return name == type_name(node.type());
  };
  if (type.is_string()) return one(type);
  if (type.is_array())
    return std::any_of(type.begin(), type.end(), [&](const json& t) { return t.is_string() && one(t); });
  return true;
}

std::string type_words(const json& type) {
  if (type.is_string()) return type;
  std::string words;
  for (std::size_t i = 0; i < type.size(); ++i) words += (i ? " or " : "") + type[i].get<std::string>();
  return words;
}

std::string number_words(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} ? fmt::format("{}", value) : text;
}

bool is_wrapper(const std::string& description) {
  static const char* prefixes[] = {"Failed to validate against schema associated with",
                                   "Failed to validate item #",
                                   "Failed to validate against child schema #",
                                   "Failed to validate against any",
                                   "Failed to validate against exactly one",
                                   "Failed to validate against a conditional schema",
                                   "Failed to validate against additional properties schema",
                                   "Failed to validate against dependent schema"};
  return std::any_of(std::begin(prefixes), std::end(prefixes),
                     [&](const char* prefix) { return description.rfind(prefix, 0) == 0; });
}

class Explainer {
 public:
  Explainer(const json& schema, const Node& document) : schema_(schema), document_(document) {}

  SchemaViolation explain(const valijson::ValidationResults::Error& error) const {
    Target target = locate(document_, error.context);
    const Node& node = *target.node;
    const std::string& text = error.description;
    std::smatch match;
    static const std::regex quoted_name("'([^']*)'\\.?$");
    if (text.rfind("Missing required property", 0) == 0 && std::regex_search(text, match, quoted_name))
      return {target.anchor, member_path(target.path, match[1].str()), "required", "missing required field"};
    if (text.rfind("Object contains a property that could not be validated", 0) == 0 &&
        std::regex_search(text, match, quoted_name)) {
      const Node::Member* member = node.is_object() ? node.find_member(match[1].str()) : nullptr;
      return {member ? member->key_mark : node.mark, member_path(target.path, match[1].str()), "unknown-field",
              "unknown field"};
    }
    auto [rule, message] = rewrite(text, target);
    return {node.mark, target.path, rule, message};
  }

 private:
  std::vector<const json*> candidates(const Target& target) const {
    std::vector<const json*> out;
    subschemas_at(schema_, schema_, target.keys, 0, out);
    return out;
  }

  std::pair<std::string, std::string> rewrite(const std::string& text, const Target& target) const {
    const Node& node = *target.node;
    const json value = to_json_value(node);
    std::smatch match;
    static const std::regex bound("^Expected number (less|greater) than (or equal to )?(\\S+)");
    static const std::regex count("^(Array|String|Object) should (?:contain|be|have) no (fewer|more) than (\\d+)");
    if (std::regex_search(text, match, bound)) {
      const bool less = match[1] == "less";
      const bool inclusive = match[2].matched;
      return {"range", fmt::format("must be {} {}, got {}", inclusive ? (less ? "at most" : "at least") : (less ? "less than" : "greater than"),
                                   number_words(match[3].str()), node.text())};
    }
    if (std::regex_search(text, match, count)) {
      const std::string what = match[1] == "Array" ? "items" : match[1] == "String" ? "characters" : "fields";
      const std::size_t have = match[1] == "String" ? node.text().size() : node.size();
      return {match[1] == "String" ? "length" : what == "items" ? "items" : "properties",
              fmt::format("must have at {} {} {}, got {}", match[2] == "fewer" ? "least" : "most", match[3].str(), what, have)};
    }
    if (text.rfind("Failed to match against any enum values", 0) == 0) {
      for (const json* schema : candidates(target))
        if (schema->contains("enum")) {
          std::string allowed;
          for (const json& option : schema->at("enum")) allowed += (allowed.empty() ? "" : ", ") + literal(option);
          return {"enum", fmt::format("unsupported value {} (allowed: {})", literal(value), allowed)};
        }
      return {"enum", fmt::format("unsupported value {}", literal(value))};
    }
    if (text.rfind("Value type not permitted", 0) == 0) {
      std::vector<std::string> wanted;
      for (const json* schema : candidates(target))
        if (schema->contains("type") && !type_accepts(schema->at("type"), node)) {
          const std::string words = type_words(schema->at("type"));
          if (std::find(wanted.begin(), wanted.end(), words) == wanted.end()) wanted.push_back(words);
        }
      if (wanted.size() == 1) return {"type", fmt::format("expected {}, got {}", wanted.front(), type_of(node))};
      return {"type", fmt::format("a value of type {} is not allowed here", type_of(node))};
    }
    if (text.rfind("Failed to match regex specified by 'pattern'", 0) == 0) {
      for (const json* schema : candidates(target))
        if (schema->contains("pattern") && schema->at("pattern").is_string() && node.is_string()) {
          const std::string pattern = schema->at("pattern");
          if (!std::regex_search(node.text(), std::regex(pattern)))
            return {"pattern", fmt::format("{} does not match the pattern \"{}\"", literal(value), pattern)};
        }
      return {"pattern", fmt::format("{} does not match the pattern the schema sets", literal(value))};
    }
    if (text.rfind("Failed to match expected value set by 'const'", 0) == 0) {
      for (const json* schema : candidates(target))
        if (schema->contains("const")) return {"enum", fmt::format("must be {}, got {}", literal(schema->at("const")), literal(value))};
    }
    if (text.rfind("String should be a valid ", 0) == 0)
      return {"format", fmt::format("{} is not a valid {}", literal(value), text.substr(25))};
    if (text.rfind("Target should not validate", 0) == 0) return {"composition", "matches a schema it must not match (not)"};
    if (text.rfind("Failed to validate against any", 0) == 0 || text.rfind("Failed to validate against exactly one", 0) == 0)
      return {"composition", "matches none of the schema's alternatives"};
    std::string message = text;
    if (!message.empty() && message.back() == '.') message.pop_back();
    if (!message.empty()) message.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(message.front())));
    return {"schema", message};
  }

  const json& schema_;
  const Node& document_;
};

bool extends(const std::vector<std::string>& longer, const std::vector<std::string>& prefix) {
  return longer.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), longer.begin());
}

} // namespace

IntentShape intent_shape(const Node& document, IntentKind kind) {
  if (kind == IntentKind::gpp28312) {
    if (document.is_array()) return {kind, "expectation[]", "28.312 expectations"};
    if (document.is_object() && document.find("attributes")) return {kind, "attributesIntent", "28.312 Intent"};
    return {kind, "flatIntent", "28.312 Intent"};
  }
  if (document.is_object()) {
    if (document.find("expression")) return {kind, "tmf921Intent", "TMF921 Intent"};
    if (document.find("intentSpecification")) return {kind, "seedIntent", "TMF921 intent (intentSpecification form)"};
    if (document.find("requirements")) return {kind, "shortIntent", "TMF921 intent (short form)"};
  }
  return {kind, "", "TMF921 intent"};
}

std::vector<SchemaViolation> check_intent(const Node& document, const IntentShape& shape) {
  const FocusedSchema& focused = compiled(shape.kind, shape.definition);
  const json target = to_json_value(document);
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  valijson::Validator validator; // per call: its regex cache is not thread-safe
  valijson::ValidationResults results;
  if (validator.validate(focused.schema, adapter, &results)) return {};

  std::vector<valijson::ValidationResults::Error> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) errors.push_back(error);
  // valijson adds a summary at every level above a failure ("Failed to
  // validate item #0 in array"); the failures themselves say more.
  auto explained_below = [&](const valijson::ValidationResults::Error& wrapper) {
    return std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
      return &other != &wrapper && !is_wrapper(other.description) && extends(other.context, wrapper.context);
    });
  };
  // Among alternatives (anyOf), the ones of the wrong type say least: when the
  // value failed a rule of an alternative of its own type, that one speaks.
  auto other_reason_here = [&](const valijson::ValidationResults::Error& type_error) {
    return std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
      return other.context == type_error.context && !is_wrapper(other.description) &&
             other.description.rfind("Value type not permitted", 0) != 0;
    });
  };
  const Explainer explainer(focused.document, document);
  std::vector<SchemaViolation> violations;
  for (const auto& each : errors) {
    if (is_wrapper(each.description) && explained_below(each)) continue;
    if (each.description.rfind("Value type not permitted", 0) == 0 && other_reason_here(each)) continue;
    SchemaViolation violation = explainer.explain(each);
    const bool seen = std::any_of(violations.begin(), violations.end(), [&](const SchemaViolation& v) {
      return v.path == violation.path && v.message == violation.message;
    });
    if (!seen) violations.push_back(std::move(violation));
  }
  std::stable_sort(violations.begin(), violations.end(), [](const SchemaViolation& a, const SchemaViolation& b) {
    return std::tie(a.mark.line, a.mark.column) < std::tie(b.mark.line, b.mark.column);
  });
  return violations;
}

namespace {

bool is_tmf921_form(const Node& node) {
  return node.is_object() && (node.find("expression") || node.find("intentSpecification") || node.find("requirements"));
}

std::string item_path(std::size_t index, const std::string& path) {
  std::string prefix = "[" + std::to_string(index) + "]";
  if (path.empty()) return prefix;
  return prefix + (path.front() == '[' ? "" : ".") + path;
}

SchemaViolation not_an_intent(const Node& node, std::string path) {
  return {node.mark, std::move(path), "type", fmt::format("expected an intent object, got {}", type_name(node.type()))};
}

} // namespace

bool looks_like_tmf921(const Node& document) {
  if (document.is_array())
    return !document.items().empty() && std::all_of(document.items().begin(), document.items().end(), is_tmf921_form);
  return is_tmf921_form(document);
}

IntentFindings check_intents(const Node& document, IntentKind kind) {
  const std::string form = kind == IntentKind::gpp28312 ? "28.312" : "TMF921";
  const bool expectations = kind == IntentKind::gpp28312 && document.is_array() && !document.items().empty() &&
                            std::all_of(document.items().begin(), document.items().end(),
                                        [](const Node& item) { return is_3gpp_expectation(item); });
  if (kind == IntentKind::tmf921 && document.is_object() && !is_tmf921_form(document))
    return {form + " intent",
            {{document.mark, {}, "kind",
              "not a TMF921 intent in a form translate reads: it has no expression (a TMF921 Intent), "
              "intentSpecification (the seed tools' form) or requirements (the short form)"}}};
  if (document.is_object() || expectations) {
    const IntentShape shape = intent_shape(document, kind);
    return {shape.label, check_intent(document, shape)};
  }
  if (!document.is_array()) return {form + " intent", {not_an_intent(document, {})}};
  IntentFindings found{form + " intents", {}};
  for (std::size_t i = 0; i < document.items().size(); ++i) {
    const Node& item = document.items()[i];
    if (!item.is_object()) {
      found.violations.push_back(not_an_intent(item, item_path(i, {})));
      continue;
    }
    for (SchemaViolation& violation : check_intent(item, intent_shape(item, kind))) {
      violation.path = item_path(i, violation.path);
      found.violations.push_back(std::move(violation));
    }
  }
  return found;
}

} // namespace intentctl
