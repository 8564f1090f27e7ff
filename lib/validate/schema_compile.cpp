// Compiling openAPIV3Schema / JSON Schema documents into SchemaNode trees.
#include <cctype>
#include <filesystem>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "util/url.hpp"
#include "validate/schema.hpp"

namespace intentctl {

namespace {

using Document = std::shared_ptr<const std::pair<Source, Node>>;

std::uint8_t type_bit(std::string_view name) {
  if (name == "object") return SchemaNode::object_bit;
  if (name == "array") return SchemaNode::array_bit;
  if (name == "string") return SchemaNode::string_bit;
  if (name == "integer") return SchemaNode::integer_bit;
  if (name == "number") return SchemaNode::number_bit | SchemaNode::integer_bit;
  if (name == "boolean") return SchemaNode::boolean_bit;
  if (name == "null") return SchemaNode::null_bit;
  return 0;
}

// A segment of a JSON Pointer in a URI fragment: "%25" -> "%" first (the
// fragment's encoding), then "a~1b" -> "a/b" and "a~0b" -> "a~b" (RFC 6901).
std::string unescape_pointer(std::string_view segment) {
  const std::string decoded = percent_decode(segment);
  std::string out;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    if (decoded[i] == '~' && i + 1 < decoded.size() && (decoded[i + 1] == '0' || decoded[i + 1] == '1'))
      out.push_back(decoded[++i] == '0' ? '~' : '/');
    else out.push_back(decoded[i]);
  }
  return out;
}

// "^[-._a-zA-Z0-9]+$" -> the table of allowed characters and whether the
// empty string matches; nullptr for anything else (the regex does it).
std::shared_ptr<const std::array<bool, 256>> character_class(std::string_view pattern, bool& empty_ok) {
  if (pattern.size() < 6 || pattern.substr(0, 2) != "^[" || pattern.back() != '$') return nullptr;
  const char repeat = pattern[pattern.size() - 2];
  if ((repeat != '+' && repeat != '*') || pattern[pattern.size() - 3] != ']') return nullptr;
  const std::string_view body = pattern.substr(2, pattern.size() - 5);
  if (body.empty() || body.front() == '^') return nullptr;
  auto table = std::make_shared<std::array<bool, 256>>();
  table->fill(false);
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '[' || c == ']') return nullptr;
    if (c == '\\') { // only escaped punctuation
      if (i + 1 >= body.size() || std::isalnum(static_cast<unsigned char>(body[i + 1]))) return nullptr;
      c = body[++i];
    } else if (i + 2 < body.size() && body[i + 1] == '-') { // a range like a-z
      const char last = body[i + 2];
      if (last == '\\' || static_cast<unsigned char>(last) < static_cast<unsigned char>(c)) return nullptr;
      for (int x = static_cast<unsigned char>(c); x <= static_cast<unsigned char>(last); ++x)
        (*table)[static_cast<std::size_t>(x)] = true;
      i += 2;
      continue;
    }
    (*table)[static_cast<unsigned char>(c)] = true;
  }
  empty_ok = repeat == '*';
  return table;
}

} // namespace

const SchemaNode* SchemaNode::property(std::string_view key) const {
  for (const auto& [name, schema] : properties)
    if (name == key) return schema;
  return nullptr;
}

std::string member_path(std::string_view parent, std::string_view key) {
  const bool plain = !key.empty() && key.find_first_of(".[]\" ") == std::string_view::npos;
  std::string path(parent);
  if (plain) {
    if (!path.empty()) path += '.';
    path += key;
  } else {
    path += "[\"";
    path += key;
    path += "\"]";
  }
  return path;
}

class SchemaCompiler {
 public:
  SchemaCompiler(CompiledSchema& out, SchemaDialect dialect, SchemaDocumentLoader loader, const Node& entry)
      : out_(out), dialect_(dialect), loader_(std::move(loader)), entry_(&entry) {}

  const SchemaNode* compile(const Document& document, const Node& schema, bool root, bool in_branch) {
    const auto key = std::make_pair(&schema, (in_branch ? 1 : 0) | (root ? 2 : 0));
    if (auto found = memo_.find(key); found != memo_.end()) return found->second;
    if (++depth_ > 200) fail(document, schema, "schema nested or referenced more than 200 levels deep");
    SchemaNode& node = out_.nodes_.emplace_back();
    memo_[key] = &node;
    if (const Node* ref = schema.is_object() ? schema.find("$ref") : nullptr) {
      // Draft 4-7: a $ref replaces its siblings. The target gets its own node
      // so that cycles resolve to the same pointer.
      auto [target_document, target] = resolve(document, *ref);
      const SchemaNode* resolved = compile(target_document, *target, root, in_branch);
      --depth_;
      node = *resolved;
      memo_[key] = resolved;
      return resolved;
    }
    fill(node, document, schema, root, in_branch);
    --depth_;
    return &node;
  }

 private:
  [[noreturn]] void fail(const Document& document, const Node& at, const std::string& message) const {
    throw input_error("invalid schema: " + message, location_of(document->first, at.mark));
  }

  const Node& expect(const Document& document, const Node& value, Node::Type type, std::string_view keyword) const {
    if (value.type() != type)
      fail(document, value, fmt::format("{} must be {}, not {}", keyword, type_name(type), type_name(value.type())));
    return value;
  }

  std::size_t count(const Document& document, const Node& value, std::string_view keyword) const {
    if (!value.is_number() || value.as_double() < 0 || value.text().find_first_of(".eE") != std::string::npos)
      fail(document, value, fmt::format("{} must be a non-negative integer", keyword));
    // Past what size_t holds, the count is larger than anything a document can have.
    const double number = value.as_double();
    return number < 0x1p64 ? static_cast<std::size_t>(number) : std::numeric_limits<std::size_t>::max();
  }

  std::shared_ptr<const std::regex> regex(const Document& document, const Node& value) const {
    expect(document, value, Node::Type::string, "pattern");
    try {
      return std::make_shared<const std::regex>(value.text(), std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& error) {
      fail(document, value, fmt::format("pattern \"{}\" is not a regular expression: {}", value.text(), error.what()));
    }
  }

  std::pair<Document, const Node*> resolve(const Document& document, const Node& ref) {
    expect(document, ref, Node::Type::string, "$ref");
    const std::string& text = ref.text();
    const auto hash = text.find('#');
    const std::string file = text.substr(0, hash);
    const std::string pointer = hash == std::string::npos ? "" : text.substr(hash + 1);
    Document target = document;
    if (!file.empty()) target = load(document, ref, file);
    const Node* node = &target->second;
    if (!pointer.empty()) {
      if (pointer.front() != '/')
        fail(document, ref, fmt::format("$ref \"{}\": only JSON Pointers (#/...) are supported", text));
      for (std::size_t start = 1;;) {
        const auto slash = pointer.find('/', start);
        node = step(*node, unescape_pointer(std::string_view(pointer).substr(start, slash - start)));
        if (!node) fail(document, ref, fmt::format("$ref \"{}\" leads nowhere", text));
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
    }
    return {target, node};
  }

  static const Node* step(const Node& node, const std::string& segment) {
    if (node.is_object()) return node.find(segment);
    if (!node.is_array() || segment.empty() || segment.size() > 9 ||
        segment.find_first_not_of("0123456789") != std::string::npos)
      return nullptr;
    const std::size_t index = std::stoul(segment);
    return index < node.items().size() ? &node.items()[index] : nullptr;
  }

  Document load(const Document& document, const Node& ref, const std::string& file) {
    if (file.find("://") != std::string::npos)
      fail(document, ref,
           fmt::format("$ref \"{}\": remote schemas are not fetched; keep the files in the schema folder", file));
    const std::filesystem::path base = std::filesystem::path(document->first.name).parent_path();
    const std::string path = (base / file).lexically_normal().string();
    if (auto found = loaded_.find(path); found != loaded_.end()) return found->second;
    Document loaded = loader_ ? loader_(path) : nullptr;
    if (!loaded) fail(document, ref, fmt::format("$ref \"{}\": cannot read {}", ref.text(), path));
    out_.documents_.push_back(loaded);
    loaded_[path] = loaded;
    return loaded;
  }

  std::vector<const SchemaNode*> list(const Document& document, const Node& value, std::string_view keyword) {
    expect(document, value, Node::Type::array, keyword);
    std::vector<const SchemaNode*> schemas;
    for (const Node& item : value.items()) schemas.push_back(compile(document, item, false, true));
    return schemas;
  }

  std::vector<std::string> strings(const Document& document, const Node& value, std::string_view keyword) const {
    expect(document, value, Node::Type::array, keyword);
    std::vector<std::string> names;
    for (const Node& item : value.items()) names.push_back(expect(document, item, Node::Type::string, keyword).text());
    return names;
  }

  bool flag(const Document& document, const Node& value, std::string_view keyword) const {
    return expect(document, value, Node::Type::boolean, keyword).as_bool();
  }

  void types(SchemaNode& node, const Document& document, const Node& value) const {
    std::vector<const Node*> names;
    if (value.is_array())
      for (const Node& item : value.items()) names.push_back(&item);
    else names.push_back(&value);
    for (const Node* name : names) {
      const std::uint8_t bit = name->is_string() ? type_bit(name->text()) : 0;
      if (bit == 0)
        fail(document, *name,
             fmt::format("unknown type {}",
                         name->is_string() ? "\"" + name->text() + "\"" : std::string(type_name(name->type()))));
      node.types |= bit;
    }
  }

  void bound(std::optional<double>& limit, bool& exclusive, const Document& document, const Node& value) const {
    if (value.is_bool()) {
      exclusive = value.as_bool(); // OpenAPI 3.0 / draft 4: a flag beside minimum or maximum
      return;
    }
    limit = expect(document, value, Node::Type::number, "exclusiveMinimum").as_double(); // draft 6+: the bound itself
    exclusive = true;
  }

  void fill(SchemaNode& node, const Document& document, const Node& schema, bool root, bool in_branch) {
    node.root = root;
    if (schema.is_bool()) { // draft 6+: true accepts everything, false nothing
      node.reject_all = !schema.as_bool();
      return;
    }
    if (!schema.is_object())
      fail(document, schema, fmt::format("a schema must be an object, not {}", type_name(schema.type())));
    Bounds bounds;
    for (const auto& member : schema.members()) {
      if (value_keyword(node, document, member, bounds) || object_keyword(node, document, member) ||
          array_keyword(node, document, member) || composition_keyword(node, document, member) ||
          kubernetes_keyword(node, document, member))
        continue;
      other_keyword(document, schema, member);
    }
    if (bounds.exclusive_minimum) node.minimum = bounds.exclusive_minimum;
    if (bounds.exclusive_maximum) node.maximum = bounds.exclusive_maximum;
    if (node.list_type == SchemaNode::ListType::map && node.list_map_keys.empty())
      fail(document, schema, "x-kubernetes-list-type: map needs x-kubernetes-list-map-keys");
    node.reports_unknown = reports_unknown(node, in_branch);
  }

  // Draft 6+ exclusiveMinimum / exclusiveMaximum are bounds of their own,
  // applied once every keyword is read.
  struct Bounds {
    std::optional<double> exclusive_minimum, exclusive_maximum;
  };

  // Keywords for any value, strings and numbers.
  bool value_keyword(SchemaNode& node, const Document& document, const Node::Member& member, Bounds& bounds) const {
    const std::string& k = member.key;
    const Node& v = member.value;
    if (k == "type") types(node, document, v);
    else if (k == "nullable") node.nullable = flag(document, v, k);
    else if (k == "enum") node.enum_values = expect(document, v, Node::Type::array, k).items();
    else if (k == "const") node.const_value = v;
    else if (k == "format") {
      node.format = expect(document, v, Node::Type::string, k).text();
      if (node.format == "int-or-string") node.int_or_string = true;
    } else if (k == "pattern") {
      node.pattern = regex(document, v);
      node.pattern_text = v.text();
      node.pattern_class = character_class(v.text(), node.pattern_class_empty_ok);
    } else if (k == "minLength") node.min_length = count(document, v, k);
    else if (k == "maxLength") node.max_length = count(document, v, k);
    else if (k == "minimum") node.minimum = expect(document, v, Node::Type::number, k).as_double();
    else if (k == "maximum") node.maximum = expect(document, v, Node::Type::number, k).as_double();
    else if (k == "exclusiveMinimum") bound(bounds.exclusive_minimum, node.exclusive_minimum, document, v);
    else if (k == "exclusiveMaximum") bound(bounds.exclusive_maximum, node.exclusive_maximum, document, v);
    else if (k == "multipleOf") {
      node.multiple_of = expect(document, v, Node::Type::number, k).as_double();
      if (*node.multiple_of <= 0) fail(document, v, "multipleOf must be greater than 0");
    } else return false;
    return true;
  }

  bool object_keyword(SchemaNode& node, const Document& document, const Node::Member& member) {
    const std::string& k = member.key;
    const Node& v = member.value;
    if (k == "properties") {
      expect(document, v, Node::Type::object, k);
      for (const auto& property : v.members())
        node.properties.emplace_back(property.key, compile(document, property.value, false, false));
    } else if (k == "patternProperties") {
      expect(document, v, Node::Type::object, k);
      for (const auto& property : v.members()) {
        Node pattern = Node::string(property.key, property.key_mark);
        node.pattern_properties.emplace_back(regex(document, pattern), compile(document, property.value, false, false));
      }
    } else if (k == "additionalProperties") {
      node.additional = extra(node.extra, document, v);
    } else if (k == "propertyNames") node.property_names = compile(document, v, false, true);
    else if (k == "required") node.required = strings(document, v, k);
    else if (k == "dependencies") dependencies(node, document, v);
    else if (k == "minProperties") node.min_properties = count(document, v, k);
    else if (k == "maxProperties") node.max_properties = count(document, v, k);
    else return false;
    return true;
  }

  bool array_keyword(SchemaNode& node, const Document& document, const Node::Member& member) {
    const std::string& k = member.key;
    const Node& v = member.value;
    if (k == "items") {
      node.tuple = v.is_array();
      if (!node.tuple) node.items = compile(document, v, false, false);
      else
        for (const Node& item : v.items()) node.tuple_items.push_back(compile(document, item, false, false));
    } else if (k == "additionalItems") node.additional_items = extra(node.extra_items, document, v);
    else if (k == "contains") node.contains = compile(document, v, false, true);
    else if (k == "minItems") node.min_items = count(document, v, k);
    else if (k == "maxItems") node.max_items = count(document, v, k);
    else if (k == "uniqueItems") node.unique_items = flag(document, v, k);
    else return false;
    return true;
  }

  bool composition_keyword(SchemaNode& node, const Document& document, const Node::Member& member) {
    const std::string& k = member.key;
    const Node& v = member.value;
    if (k == "allOf") node.all_of = list(document, v, k);
    else if (k == "anyOf") node.any_of = list(document, v, k);
    else if (k == "oneOf") node.one_of = list(document, v, k);
    else if (k == "not") node.not_ = compile(document, v, false, true);
    else if (k == "if") node.if_ = compile(document, v, false, true);
    else if (k == "then") node.then_ = compile(document, v, false, true);
    else if (k == "else") node.else_ = compile(document, v, false, true);
    else return false;
    return true;
  }

  bool kubernetes_keyword(SchemaNode& node, const Document& document, const Node::Member& member) const {
    const std::string& k = member.key;
    const Node& v = member.value;
    if (k == "x-kubernetes-preserve-unknown-fields") node.preserve_unknown = flag(document, v, k);
    else if (k == "x-kubernetes-int-or-string") node.int_or_string = flag(document, v, k);
    else if (k == "x-kubernetes-embedded-resource") node.embedded_resource = flag(document, v, k);
    else if (k == "x-kubernetes-list-type") {
      const std::string& type = expect(document, v, Node::Type::string, k).text();
      if (type == "set") node.list_type = SchemaNode::ListType::set;
      else if (type == "map") node.list_type = SchemaNode::ListType::map;
      else if (type != "atomic")
        fail(document, v, fmt::format("unknown x-kubernetes-list-type \"{}\" (known: atomic, set, map)", type));
    } else if (k == "x-kubernetes-list-map-keys") node.list_map_keys = strings(document, v, k);
    else return false;
    return true;
  }

  // What is left constrains nothing in the drafts checked here (description,
  // default, examples, definitions, x-kubernetes-validations, ...), unless it
  // belongs to another draft: that refuses the schema.
  void other_keyword(const Document& document, const Node& schema, const Node::Member& member) const {
    if (member.key == "$schema") dialect_uri(document, member.value);
    else if ((member.key == "$id" || member.key == "id") && member.value.is_string())
      base_uri(document, schema, member);
    else if (const char* draft = unsupported_draft(member.key))
      throw input_error(fmt::format("unsupported schema keyword \"{}\" (JSON Schema {}); intentctl checks JSON Schema "
                                    "draft 4, 6 and 7 and Kubernetes structural schemas",
                                    member.key, draft),
                        location_of(document->first, member.key_mark));
  }

  // additionalProperties / additionalItems: true, false or a schema.
  const SchemaNode* extra(SchemaNode::Extra& kind, const Document& document, const Node& value) {
    if (value.is_bool()) {
      kind = value.as_bool() ? SchemaNode::Extra::allowed : SchemaNode::Extra::forbidden;
      return nullptr;
    }
    kind = SchemaNode::Extra::schema;
    return compile(document, value, false, false);
  }

  // dependencies: {key: [members the key needs]} or {key: schema the object must then match}.
  void dependencies(SchemaNode& node, const Document& document, const Node& value) {
    expect(document, value, Node::Type::object, "dependencies");
    for (const auto& member : value.members()) {
      if (member.value.is_array())
        node.dependent_required.emplace_back(member.key, strings(document, member.value, "dependencies"));
      else node.dependent_schemas.emplace_back(member.key, compile(document, member.value, false, true));
    }
  }

  // Drafts 4 to 7 are checked; a schema that declares another draft means
  // keywords that behave differently ($ref beside other keywords, items), so
  // it is refused rather than read with the wrong rules.
  void dialect_uri(const Document& document, const Node& value) const {
    const std::string& uri = expect(document, value, Node::Type::string, "$schema").text();
    for (const char* later : {"draft-03", "2019-09", "2020-12"})
      if (uri.find(later) != std::string::npos)
        throw input_error(
            fmt::format("unsupported schema dialect \"{}\"; intentctl checks JSON Schema draft 4, 6 and 7 "
                        "and Kubernetes structural schemas",
                        uri),
            location_of(document->first, value.mark));
  }

  // An $id below a document's top would move the base that the $ref inside it
  // resolve against; references here resolve against the file, so such an $id
  // is refused instead of being followed wrongly. "#name" only names a place.
  void base_uri(const Document& document, const Node& schema, const Node::Member& member) const {
    const bool top = &schema == &document->second || &schema == entry_;
    if (!top && member.value.text().rfind('#', 0) != 0)
      throw input_error(fmt::format("unsupported schema keyword \"{}\" below the top of the schema: references "
                                    "resolve against the file that holds them, not against \"{}\"",
                                    member.key, member.value.text()),
                        location_of(document->first, member.key_mark));
  }

  // Keywords that constrain values in drafts other than 4 to 7.
  static const char* unsupported_draft(std::string_view keyword) {
    static constexpr std::pair<std::string_view, const char*> kOther[] = {
        {"divisibleBy", "draft 3"},       {"extends", "draft 3"},          {"disallow", "draft 3"},
        {"dependentRequired", "2019-09"}, {"dependentSchemas", "2019-09"}, {"unevaluatedProperties", "2019-09"},
        {"unevaluatedItems", "2019-09"},  {"minContains", "2019-09"},      {"maxContains", "2019-09"},
        {"$anchor", "2019-09"},           {"$recursiveRef", "2019-09"},    {"$recursiveAnchor", "2019-09"},
        {"$vocabulary", "2019-09"},       {"prefixItems", "2020-12"},      {"$dynamicRef", "2020-12"},
        {"$dynamicAnchor", "2020-12"},
    };
    for (const auto& [name, draft] : kOther)
      if (keyword == name) return draft;
    return nullptr;
  }

  bool reports_unknown(const SchemaNode& node, bool in_branch) const {
    if (node.extra == SchemaNode::Extra::forbidden) return true;
    if (dialect_ == SchemaDialect::json_schema) return false;
    // Structural: value validations inside allOf/anyOf/oneOf/not cannot name
    // fields of their own, so only the schema proper prunes.
    const bool is_object = (node.types & SchemaNode::object_bit) != 0 || !node.properties.empty();
    return is_object && !in_branch && !node.preserve_unknown && node.extra == SchemaNode::Extra::unspecified;
  }

  CompiledSchema& out_;
  SchemaDialect dialect_;
  SchemaDocumentLoader loader_;
  const Node* entry_; // the schema compilation started from: a top, like a document's root
  std::map<std::pair<const Node*, int>, const SchemaNode*> memo_;
  std::map<std::string, Document> loaded_;
  int depth_ = 0;
};

std::shared_ptr<const CompiledSchema> CompiledSchema::compile(std::shared_ptr<const std::pair<Source, Node>> document,
                                                              const Node& schema, SchemaDialect dialect,
                                                              SchemaDocumentLoader loader, bool object_root) {
  auto compiled = std::make_shared<CompiledSchema>();
  compiled->dialect_ = dialect;
  compiled->documents_.push_back(document);
  SchemaCompiler compiler(*compiled, dialect, std::move(loader), schema);
  compiled->root_ = compiler.compile(document, schema, object_root, false);
  return compiled;
}

} // namespace intentctl
