// Running a compiled schema over a positioned Node tree. The happy path
// allocates nothing: the JSON path is a chain of stack frames that becomes a
// string only when there is something to report.
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "io/writer.hpp"
#include "util/base64.hpp"
#include "util/time.hpp"
#include "validate/schema.hpp"

namespace intentctl {

namespace {

struct PathLink {
  const PathLink* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;

  std::string text() const {
    if (!parent) return std::string(key); // the base path
    std::string path = parent->text();
    if (is_index) return fmt::format("{}[{}]", path, index);
    return member_path(path, key);
  }
};

bool is_integral(const Node& value) {
  if (value.text().find_first_of(".eE") == std::string::npos) return true;
  const double number = value.as_double();
  return std::isfinite(number) && std::floor(number) == number;
}

std::uint8_t type_bits_of(const Node& value) {
  switch (value.type()) {
    case Node::Type::null: return SchemaNode::null_bit;
    case Node::Type::boolean: return SchemaNode::boolean_bit;
    case Node::Type::number: return is_integral(value) ? SchemaNode::integer_bit : SchemaNode::number_bit;
    case Node::Type::string: return SchemaNode::string_bit;
    case Node::Type::array: return SchemaNode::array_bit;
    case Node::Type::object: return SchemaNode::object_bit;
  }
  return 0;
}

std::string wanted_types(std::uint8_t bits) {
  static constexpr std::pair<std::uint8_t, const char*> names[] = {
      {SchemaNode::object_bit, "object"}, {SchemaNode::array_bit, "array"},     {SchemaNode::string_bit, "string"},
      {SchemaNode::number_bit, "number"}, {SchemaNode::integer_bit, "integer"}, {SchemaNode::boolean_bit, "boolean"},
      {SchemaNode::null_bit, "null"}};
  if (bits & SchemaNode::number_bit)
    bits &= static_cast<std::uint8_t>(~SchemaNode::integer_bit); // "number" covers integers
  std::vector<std::string> parts;
  for (const auto& [bit, name] : names)
    if (bits & bit) parts.emplace_back(name);
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i)
    text += (i == 0 ? "" : i + 1 == parts.size() ? " or " : ", ") + parts[i];
  return text;
}

std::string got_type(const Node& value) {
  if (value.is_number()) return is_integral(value) ? "integer" : "number";
  return std::string(type_name(value.type()));
}

std::string literal(const Node& value) {
  std::string text = to_json(value, JsonStyle::compact);
  if (text.size() > 80) {
    text.resize(77);
    text += "...";
  }
  return text;
}

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

std::string number_text(double value) { return fmt::format("{}", value); }

bool matches_pattern(const std::string& text, const SchemaNode& schema) {
  if (const auto& table = schema.pattern_class) {
    if (text.empty()) return schema.pattern_class_empty_ok;
    for (char c : text)
      if (!(*table)[static_cast<unsigned char>(c)]) return false;
    return true;
  }
  return std::regex_search(text, *schema.pattern);
}

class Checker {
 public:
  Checker(std::vector<SchemaViolation>& out, std::size_t max, int depth = 0) : out_(out), max_(max), depth_(depth) {}

  bool full() const { return out_.size() >= max_; }

  void check(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor) {
    if (full() || runaway_) return;
    // A schema can refer to itself without going deeper into the value
    // (allOf: [{$ref: "#"}]); the value's own depth is bounded by the reader.
    if (depth_ > kMaxSchemaDepth) {
      if (!runaway_) report(value.mark, path, "composition", "the schema refers to itself without end here");
      runaway_ = true;
      return;
    }
    ++depth_;
    check_here(value, schema, path, anchor);
    --depth_;
  }

 private:
  // Values nest at most 64 deep (the reader's limit); four schema steps a level
  // (anyOf, allOf, $ref, ...) is far more than real schemas take, and the stack
  // stays small even in a sanitizer build.
  static constexpr int kMaxSchemaDepth = 256;

  void check_here(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor) {
    if (schema.reject_all) {
      report(value.mark, path, "type", "no value is allowed here");
      return;
    }
    if (!check_type(value, schema, path)) return;
    if (schema.enum_values) check_enum(value, schema, path);
    if (schema.const_value && !(value == *schema.const_value))
      report(value.mark, path, "enum", fmt::format("must be {}, got {}", literal(*schema.const_value), literal(value)));
    switch (value.type()) {
      case Node::Type::string: check_string(value, schema, path); break;
      case Node::Type::number: check_number(value, schema, path); break;
      case Node::Type::array: check_array(value, schema, path); break;
      case Node::Type::object: check_object(value, schema, path, anchor); break;
      default: break;
    }
    check_compositions(value, schema, path, anchor);
  }

  void report(Mark mark, const PathLink& path, const char* rule, std::string message) {
    if (full()) return;
    out_.push_back(SchemaViolation{mark, path.text(), rule, std::move(message)});
  }

  // Whether value passes the schema, without reporting anything.
  bool passes(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor,
              std::vector<SchemaViolation>* keep = nullptr) {
    if (runaway_) return true;
    std::vector<SchemaViolation> found;
    Checker trial(found, keep ? 20 : 1, depth_);
    trial.check(value, schema, path, anchor);
    if (trial.runaway_) { // no answer: say so once, and let the caller add nothing
      if (!runaway_) report(value.mark, path, "composition", "the schema refers to itself without end here");
      runaway_ = true;
      return true;
    }
    if (keep) *keep = std::move(found);
    return keep ? keep->empty() : found.empty();
  }

  bool check_type(const Node& value, const SchemaNode& schema, const PathLink& path) {
    if (value.is_null() && schema.nullable) return false; // allowed, and nothing more to check
    const std::uint8_t got = type_bits_of(value);
    if (schema.int_or_string) {
      if (got & (SchemaNode::integer_bit | SchemaNode::string_bit)) return true;
      report(value.mark, path, "type", fmt::format("expected integer or string, got {}", got_type(value)));
      return false;
    }
    if (schema.types == 0) return true;
    if (schema.types & got) return true;
    report(value.mark, path, "type", fmt::format("expected {}, got {}", wanted_types(schema.types), got_type(value)));
    return false;
  }

  void check_enum(const Node& value, const SchemaNode& schema, const PathLink& path) {
    for (const Node& allowed : *schema.enum_values)
      if (value == allowed) return;
    std::string list;
    const auto& values = *schema.enum_values;
    for (std::size_t i = 0; i < values.size() && i < 12; ++i) list += (i ? ", " : "") + literal(values[i]);
    if (values.size() > 12) list += fmt::format(", ... ({} in all)", values.size());
    report(value.mark, path, "enum", fmt::format("unsupported value {} (allowed: {})", literal(value), list));
  }

  void check_string(const Node& value, const SchemaNode& schema, const PathLink& path) {
    const std::string& text = value.text();
    if (schema.min_length || schema.max_length) {
      const std::size_t length = characters(text);
      if (schema.min_length && length < *schema.min_length)
        report(value.mark, path, "length",
               fmt::format("must be at least {} characters long, got {}", *schema.min_length, length));
      if (schema.max_length && length > *schema.max_length)
        report(value.mark, path, "length",
               fmt::format("must be at most {} characters long, got {}", *schema.max_length, length));
    }
    if (schema.pattern && !matches_pattern(text, schema))
      report(value.mark, path, "pattern",
             fmt::format("{} does not match the pattern \"{}\"", literal(value), schema.pattern_text));
    if (!schema.format.empty()) check_string_format(value, schema.format, path);
  }

  void check_string_format(const Node& value, const std::string& format, const PathLink& path) {
    const std::string& text = value.text();
    if (format == "date-time" && !is_rfc3339(text))
      report(value.mark, path, "format",
             fmt::format("{} is not a date-time (RFC 3339, like 2024-05-01T12:00:00Z)", literal(value)));
    else if (format == "date" && !is_rfc3339_date(text))
      report(value.mark, path, "format", fmt::format("{} is not a date (like 2024-05-01)", literal(value)));
    else if (format == "byte" && !is_base64(text))
      report(value.mark, path, "format", fmt::format("{} is not base64", literal(value)));
  }

  void check_number(const Node& value, const SchemaNode& schema, const PathLink& path) {
    const double number = value.as_double();
    if (schema.minimum) {
      const bool below = schema.exclusive_minimum ? number <= *schema.minimum : number < *schema.minimum;
      if (below)
        report(value.mark, path, "range",
               fmt::format("must be {} {}, got {}", schema.exclusive_minimum ? "greater than" : "at least",
                           number_text(*schema.minimum), value.text()));
    }
    if (schema.maximum) {
      const bool above = schema.exclusive_maximum ? number >= *schema.maximum : number > *schema.maximum;
      if (above)
        report(value.mark, path, "range",
               fmt::format("must be {} {}, got {}", schema.exclusive_maximum ? "less than" : "at most",
                           number_text(*schema.maximum), value.text()));
    }
    if (schema.multiple_of) {
      const double ratio = number / *schema.multiple_of;
      if (std::fabs(ratio - std::round(ratio)) > 1e-9)
        report(value.mark, path, "range",
               fmt::format("must be a multiple of {}, got {}", number_text(*schema.multiple_of), value.text()));
    }
    if (schema.format == "int32" && (number < -2147483648.0 || number > 2147483647.0))
      report(value.mark, path, "range", fmt::format("{} does not fit in 32 bits (format int32)", value.text()));
  }

  void check_array(const Node& value, const SchemaNode& schema, const PathLink& path) {
    const auto& items = value.items();
    if (schema.min_items && items.size() < *schema.min_items)
      report(value.mark, path, "items",
             fmt::format("must have at least {} item{}, got {}", *schema.min_items, *schema.min_items == 1 ? "" : "s",
                         items.size()));
    if (schema.max_items && items.size() > *schema.max_items)
      report(value.mark, path, "items",
             fmt::format("must have at most {} item{}, got {}", *schema.max_items, *schema.max_items == 1 ? "" : "s",
                         items.size()));
    if (schema.items)
      for (std::size_t i = 0; i < items.size() && !full(); ++i) {
        const PathLink item{&path, {}, i, true};
        check(items[i], *schema.items, item, items[i].mark);
      }
    if (schema.tuple) check_tuple(value, schema, path);
    if (schema.contains) check_contains(value, *schema.contains, path);
    if (schema.unique_items || schema.list_type == SchemaNode::ListType::set) check_unique(value, path);
    if (schema.list_type == SchemaNode::ListType::map) check_map_keys(value, schema, path);
  }

  // items as a list: each item against the schema at its place, the rest
  // against additionalItems.
  void check_tuple(const Node& value, const SchemaNode& schema, const PathLink& path) {
    const auto& items = value.items();
    const std::size_t places = schema.tuple_items.size();
    for (std::size_t i = 0; i < items.size() && !full(); ++i) {
      const PathLink item{&path, {}, i, true};
      if (i < places) check(items[i], *schema.tuple_items[i], item, items[i].mark);
      else if (schema.extra_items == SchemaNode::Extra::schema)
        check(items[i], *schema.additional_items, item, items[i].mark);
    }
    if (schema.extra_items == SchemaNode::Extra::forbidden && items.size() > places) {
      const PathLink first_extra{&path, {}, places, true};
      report(items[places].mark, first_extra, "items",
             fmt::format("must have at most {} item{} (additionalItems: false), got {}", places, places == 1 ? "" : "s",
                         items.size()));
    }
  }

  void check_contains(const Node& value, const SchemaNode& contains, const PathLink& path) {
    const auto& items = value.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const PathLink item{&path, {}, i, true};
      if (passes(items[i], contains, item, items[i].mark)) return;
    }
    report(value.mark, path, "items",
           items.empty() ? std::string("must contain an item that matches the contains schema, got an empty list")
                         : fmt::format("none of the {} item{} matches the contains schema", items.size(),
                                       items.size() == 1 ? "" : "s"));
  }

  void check_unique(const Node& value, const PathLink& path) {
    std::unordered_map<std::string, std::size_t> seen;
    const auto& items = value.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto [at, fresh] = seen.emplace(to_json(items[i], JsonStyle::compact), i);
      if (fresh) continue;
      const PathLink item{&path, {}, i, true};
      report(items[i].mark, item, "unique",
             fmt::format("duplicate item {} (the same as [{}])", literal(items[i]), at->second));
    }
  }

  // x-kubernetes-list-type: map — the key fields identify an entry.
  void check_map_keys(const Node& value, const SchemaNode& schema, const PathLink& path) {
    std::unordered_map<std::string, std::size_t> seen;
    const auto& items = value.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_object()) continue;
      std::string key, shown;
      for (const std::string& field : schema.list_map_keys) {
        const Node* part = items[i].find(field);
        key += (part ? to_json(*part, JsonStyle::compact) : "null") + '\0';
        shown += fmt::format("{}{}={}", shown.empty() ? "" : ", ", field, part ? literal(*part) : "null");
      }
      auto [at, fresh] = seen.emplace(key, i);
      if (fresh) continue;
      const PathLink item{&path, {}, i, true};
      report(items[i].mark, item, "unique",
             fmt::format("duplicate entry with {} (the same as [{}])", shown, at->second));
    }
  }

  static bool implicit_member(const SchemaNode& schema, std::string_view key) {
    return (schema.root || schema.embedded_resource) && (key == "apiVersion" || key == "kind" || key == "metadata");
  }

  void check_object(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor) {
    const auto& members = value.members();
    if (schema.min_properties && members.size() < *schema.min_properties)
      report(value.mark, path, "properties",
             fmt::format("must have at least {} field{}, got {}", *schema.min_properties,
                         *schema.min_properties == 1 ? "" : "s", members.size()));
    if (schema.max_properties && members.size() > *schema.max_properties)
      report(value.mark, path, "properties",
             fmt::format("must have at most {} field{}, got {}", *schema.max_properties,
                         *schema.max_properties == 1 ? "" : "s", members.size()));
    for (const std::string& name : schema.required)
      if (!value.find(name) && !(schema.root && (name == "metadata" || name == "apiVersion" || name == "kind"))) {
        const PathLink missing{&path, name};
        report(anchor, missing, "required", "missing required field");
      }
    check_dependencies(value, schema, path, anchor);
    for (const auto& member : members) {
      if (full()) return;
      const PathLink child{&path, member.key};
      if (schema.root && implicit_member(schema, member.key)) continue; // the caller checks these
      if (schema.property_names) check_key(member, *schema.property_names, child);
      const SchemaNode* property = schema.property(member.key);
      bool named = property != nullptr;
      if (property) check(member.value, *property, child, member.key_mark);
      for (const auto& [pattern, pattern_schema] : schema.pattern_properties)
        if (std::regex_search(member.key, *pattern)) {
          named = true;
          check(member.value, *pattern_schema, child, member.key_mark);
        }
      if (named) continue;
      if (schema.extra == SchemaNode::Extra::schema) check(member.value, *schema.additional, child, member.key_mark);
      else if (schema.reports_unknown && !implicit_member(schema, member.key))
        report(member.key_mark, child, "unknown-field", "unknown field");
    }
  }

  // dependencies: a member that is there brings its dependencies with it.
  void check_dependencies(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor) {
    for (const auto& [key, needed] : schema.dependent_required) {
      if (!value.find(key)) continue;
      for (const std::string& name : needed)
        if (!value.find(name)) {
          const PathLink missing{&path, name};
          report(anchor, missing, "required", fmt::format("missing field, required when {} is set", key));
        }
    }
    for (const auto& [key, dependent] : schema.dependent_schemas)
      if (value.find(key)) check(value, *dependent, path, anchor);
  }

  void check_key(const Node::Member& member, const SchemaNode& names, const PathLink& child) {
    std::vector<SchemaViolation> found;
    if (passes(Node::string(member.key, member.key_mark), names, child, member.key_mark, &found)) return;
    report(member.key_mark, child, found.front().rule.c_str(), "field name: " + found.front().message);
  }

  void check_compositions(const Node& value, const SchemaNode& schema, const PathLink& path, Mark anchor) {
    for (const SchemaNode* branch : schema.all_of) check(value, *branch, path, anchor);
    if (!schema.any_of.empty()) check_alternatives(value, schema.any_of, path, anchor, "anyOf");
    if (!schema.one_of.empty()) check_alternatives(value, schema.one_of, path, anchor, "oneOf");
    if (schema.not_ && passes(value, *schema.not_, path, anchor))
      report(value.mark, path, "composition", "matches a schema it must not match (not)");
    if (schema.if_) {
      const SchemaNode* next = passes(value, *schema.if_, path, anchor) ? schema.then_ : schema.else_;
      if (next) check(value, *next, path, anchor);
    }
  }

  // anyOf / oneOf: when nothing matches, the alternative that came closest
  // (fewest problems) explains why.
  void check_alternatives(const Node& value, const std::vector<const SchemaNode*>& alternatives, const PathLink& path,
                          Mark anchor, const char* keyword) {
    std::size_t matches = 0;
    std::vector<SchemaViolation> closest;
    std::size_t closest_score = 0;
    bool have_closest = false;
    for (const SchemaNode* alternative : alternatives) {
      std::vector<SchemaViolation> found;
      if (passes(value, *alternative, path, anchor, &found)) {
        ++matches;
        continue;
      }
      // Fewest problems wins; on a tie, an alternative of the value's own type.
      const bool wrong_type = !found.empty() && found.front().rule == "type" &&
                              found.front().mark.line == value.mark.line &&
                              found.front().mark.column == value.mark.column;
      const std::size_t score = found.size() * 2 + (wrong_type ? 1 : 0);
      if (!have_closest || score < closest_score) {
        closest = std::move(found);
        closest_score = score;
        have_closest = true;
      }
    }
    const bool one_of = std::string_view(keyword) == "oneOf";
    if (matches == 0) {
      std::string why;
      if (have_closest && !closest.empty()) {
        const std::string here = path.text();
        const std::string& there = closest.front().path;
        why =
            fmt::format("; closest: {}{}", there.empty() || there == here ? "" : there + ": ", closest.front().message);
      }
      report(value.mark, path, "composition",
             fmt::format("matches none of the {} alternatives of {}{}", alternatives.size(), keyword, why));
    } else if (one_of && matches > 1) {
      report(value.mark, path, "composition",
             fmt::format("matches {} of the oneOf alternatives; exactly one must match", matches));
    }
  }

  std::vector<SchemaViolation>& out_;
  std::size_t max_;
  int depth_ = 0;
  bool runaway_ = false;
};

} // namespace

std::vector<SchemaViolation> CompiledSchema::check(const Node& value, std::size_t max_violations,
                                                   std::string_view base_path) const {
  std::vector<SchemaViolation> violations;
  Checker checker(violations, max_violations);
  const PathLink root{nullptr, base_path};
  checker.check(value, *root_, root, value.mark);
  return violations;
}

} // namespace intentctl
