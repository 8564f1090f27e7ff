// TMF921 Intent resources whose expression is JSON-LD: v5, where the
// expressionValue is a JSON object, and v4, where it is the same JSON-LD
// written as a string. The resource's own fields map where 28.312 has a home
// and go to the delta report otherwise.
#include <fmt/format.h>

#include "io/writer.hpp"
#include "model/tmf921.hpp"
#include "util/utf8.hpp"

namespace intentctl {

namespace {

constexpr std::string_view value_path = "expression.expressionValue";

[[noreturn]] void turtle_unsupported(const Source& source, const Node& at, std::string path) {
  throw input_error("Turtle expressions are not supported; give the intent as a JsonLdExpression",
                    location_of(source, at.mark, std::move(path)));
}

bool is_json_ld_language(std::string_view language) {
  return language == "JSON-LD" || language == "JSON_LD" || language == "JsonLd" || language == "json-ld" ||
         language == "application/ld+json";
}

// The expression's own fields; returns its expressionValue, which must be of
// the type the form expects (an object for v5, a string for v4).
const Node& expression_value(Fields& fields, FormContext& context, Node::Type wanted) {
  const Node& expression = fields.require("expression");
  Fields own(context.source, expression, "expression");
  if (const Node* type = own.get("@type")) {
    if (type->is_string() && type->text() == "TurtleExpression")
      turtle_unsupported(context.source, *type, "expression.@type");
    if (!type->is_string() || (type->text() != "JsonLdExpression" && type->text() != "Expression"))
      own.fail("@type", fmt::format("expression @type {} is not supported (known: JsonLdExpression)",
                                    type->is_string() ? "\"" + type->text() + "\"" : type_name(type->type())));
  }
  if (const Node* language = own.get("expressionLanguage")) {
    if (language->is_string() && language->text() == "Turtle")
      turtle_unsupported(context.source, *language, "expression.expressionLanguage");
    if (!language->is_string() || !is_json_ld_language(language->text()))
      own.fail("expressionLanguage", fmt::format("expressionLanguage {} is not supported (known: JSON-LD)",
                                                 to_json(*language, JsonStyle::compact)));
  }
  // The expression's IRI (TMF921 v5) names it; 28.312 has no place for it (delta report).
  if (const Node* iri = own.node().find("iri"); iri && !iri->is_string())
    own.fail_at(*iri, "expression.iri", type_mismatch(Node::Type::string, *iri));
  const Node& value = own.require("expressionValue");
  if (value.type() != wanted)
    own.fail("expressionValue",
             fmt::format("expected {} as the expressionValue of a TMF921 {} intent, got {}", type_name(wanted),
                         wanted == Node::Type::object ? "v5" : "v4", type_name(value.type())));
  record_unread_tmf921(own, context);
  return value;
}

// Start of each line of a text, kept for the last text asked about: v4
// documents in one stream share their file, and walking the file from the top
// for each of them would be quadratic.
const std::vector<std::size_t>& line_starts(const std::string& text) {
  thread_local const char* cached_data = nullptr;
  thread_local std::size_t cached_size = 0;
  thread_local std::vector<std::size_t> starts;
  if (cached_data != text.data() || cached_size != text.size()) {
    starts.assign(1, 0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
    cached_data = text.data();
    cached_size = text.size();
  }
  return starts;
}

std::size_t sequence_length(std::string_view text, std::size_t at) {
  const std::size_t length = utf8_sequence_length(text, at);
  return length ? length : 1;
}

// Where each character of a JSON string literal's decoded text stands in the
// file, so that positions inside an embedded document point into the file.
// When the literal cannot be found as written (a YAML scalar), every position
// maps to the literal itself.
class EmbeddedPositions {
 public:
  EmbeddedPositions(const Source& outer, const Node& literal) : fallback_(literal.mark) {
    const auto start = byte_offset(outer, literal.mark);
    if (detect_format(outer) != Format::json || !start || outer.text[*start] != '"') return;
    scan(outer.text, *start, literal.mark);
  }

  Mark map(Mark inner) const {
    if (inner.line == 0 || inner.line > lines_.size()) return fallback_;
    const auto& line = lines_[inner.line - 1];
    if (inner.column == 0 || inner.column > line.size()) return line.empty() ? fallback_ : line.back();
    return line[inner.column - 1];
  }

  void remap(Node& node) const {
    node.mark = map(node.mark);
    for (auto& item : node.items()) remap(item);
    for (auto& member : node.members()) {
      member.key_mark = map(member.key_mark);
      remap(member.value);
    }
  }

 private:
  static std::optional<std::size_t> byte_offset(const Source& source, Mark mark) {
    const auto& starts = line_starts(source.text);
    if (mark.line == 0 || mark.line > starts.size()) return std::nullopt;
    std::size_t at = starts[mark.line - 1];
    for (std::uint32_t column = 1; column < mark.column && at < source.text.size(); ++column)
      at += sequence_length(source.text, at);
    return at < source.text.size() ? std::optional(at) : std::nullopt;
  }

  // Escapes are ASCII, so a column advances by their length in bytes.
  static std::size_t escape_length(std::string_view text, std::size_t at) {
    if (at + 1 >= text.size() || text[at + 1] != 'u') return 2;
    const bool pair = at + 12 <= text.size() && (text[at + 2] == 'd' || text[at + 2] == 'D') &&
                      std::string_view("89abAB").find(text[at + 3]) != std::string_view::npos &&
                      text.substr(at + 6, 2) == "\\u";
    return pair ? 12 : 6;
  }

  void scan(std::string_view text, std::size_t start, Mark mark) {
    lines_.emplace_back();
    std::uint32_t column = mark.column + 1;
    for (std::size_t at = start + 1; at < text.size() && text[at] != '"';) {
      lines_.back().push_back(Mark{mark.line, column});
      if (text[at] == '\\') {
        const std::size_t length = escape_length(text, at);
        if (at + 1 < text.size() && text[at + 1] == 'n') lines_.emplace_back();
        at += length;
        column += static_cast<std::uint32_t>(length);
      } else {
        at += sequence_length(text, at);
        ++column;
      }
    }
  }

  std::vector<std::vector<Mark>> lines_;
  Mark fallback_;
};

// Parses the JSON-LD inside a v4 expressionValue string; positions (of values
// and of errors) are mapped back into the file.
Node parse_embedded_json(const Node& literal, FormContext& context) {
  const EmbeddedPositions positions(context.source, literal);
  const Source embedded{context.source.name, literal.text()};
  ParsedStream stream;
  try {
    stream = parse_json(embedded, ReadLimits{});
  } catch (const Error& error) {
    const Mark at = positions.map(Mark{error.where().line, error.where().column});
    throw input_error(fmt::format("in the JSON-LD of the expressionValue string: {}", error.message()),
                      location_of(context.source, at, std::string(value_path)));
  }
  if (stream.documents.size() != 1 || !stream.documents.front().is_object())
    throw input_error("the expressionValue string must hold one JSON-LD object",
                      location_of(context.source, literal.mark, std::string(value_path)));
  Node document = std::move(stream.documents.front());
  positions.remap(document);
  return document;
}

std::vector<Intent> translate_resource(const Node& document, FormContext& context, Node::Type value_type) {
  Fields fields(context.source, document, "");
  Intent intent;
  intent.id = read_intent_resource(fields, intent, context);
  const Node& value = expression_value(fields, context, value_type);
  if (value_type == Node::Type::object) {
    read_jsonld_expression(value, std::string(value_path), document, intent, context);
  } else {
    const Node embedded = parse_embedded_json(value, context);
    read_jsonld_expression(embedded, std::string(value_path), document, intent, context);
  }
  record_unread_tmf921(fields, context);
  return {std::move(intent)};
}

} // namespace

std::vector<Intent> read_tmf921_v5(const Node& document, FormContext& context) {
  return translate_resource(document, context, Node::Type::object);
}

std::vector<Intent> read_tmf921_v4(const Node& document, FormContext& context) {
  return translate_resource(document, context, Node::Type::string);
}

} // namespace intentctl
