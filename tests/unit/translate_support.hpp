// Helpers for the translate unit tests: translate a document given as text,
// or catch the error it gives.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/reader.hpp"
#include "io/writer.hpp"
#include "model/acceptance.hpp"

namespace intentctl::test {

struct Translated {
  std::vector<Intent> intents;
  std::vector<DeltaEntry> delta;

  const Intent& only() const {
    REQUIRE(intents.size() == 1);
    return intents.front();
  }
  std::string json() const { return to_json(to_node(only()), JsonStyle::compact); }
  bool has_delta(std::string_view path_part, std::string_view note_part = {}) const {
    for (const auto& entry : delta)
      if (entry.where.path.find(path_part) != std::string::npos && entry.note.find(note_part) != std::string::npos)
        return true;
    return false;
  }
};

// Through the acceptance rule translate, render and validate share.
inline Translated translate_text(const std::string& text, std::optional<Form> form = std::nullopt,
                                 const Mapping& mapping = default_mapping(), const std::string& name = "t.json") {
  const Source source{name, text};
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  REQUIRE(stream.documents.size() == 1);
  Translated result;
  Problems problems;
  ExpectationReader reader(mapping, result.delta, ReadRules{.renderable = true});
  FormContext context{source, mapping, result.delta, problems};
  result.intents = accept_intents(stream.documents.front(), form, context, reader);
  return result;
}

// The "FILE:LINE:COL: error: ..." text of the input error a translation gives.
inline std::string translate_error(const std::string& text, std::optional<Form> form = std::nullopt,
                                   const std::string& name = "t.json") {
  try {
    translate_text(text, form, default_mapping(), name);
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
    return error.describe();
  }
  FAIL("expected an input error");
  return {};
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string source_path(const std::string& relative) {
  return std::string(INTENTCTL_SOURCE_DIR) + "/" + relative;
}

// The JSON-LD namespaces of the TM Forum Intent Common Model.
inline const std::string tio = "http://tio.models.tmforum.org/tio/v3.6.0/";

// A TMF921 v5 intent around an expressionValue.
inline std::string v5(const std::string& expression_value, const std::string& extra_fields = "") {
  return R"({"@type": "Intent", "id": "i1", "name": "Test intent", )" + extra_fields +
         R"("expression": {"@type": "JsonLdExpression", "expressionValue": )" + expression_value + "}}";
}

// The usual @context, plus more bindings.
inline std::string context(const std::string& more = "") {
  return R"("@context": {"icm": ")" + tio + R"(IntentCommonModel/", "log": ")" + tio +
         R"(LogicalOperators/", "set": ")" + tio + R"(SetOperators/", "quan": ")" + tio +
         R"(QuantityOntology/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "xsd": "http://www.w3.org/2001/XMLSchema#", "ex": "https://example.net/x/")" +
         (more.empty() ? "" : ", " + more) + "}";
}

// An icm:Intent holding the given log:allOf items.
inline std::string intent_with(const std::string& items, const std::string& more_context = "") {
  return "{" + context(more_context) + R"(, "@id": "ex:i1", "@type": "icm:Intent", "log:allOf": [)" + items + "]}";
}

// A delivery expectation with the given conditions (and optional icm:target).
inline std::string expectation(const std::string& conditions, const std::string& target = "",
                               const std::string& id = "ex:e1") {
  return R"({"@id": ")" + id + R"(", "@type": "icm:DeliveryExpectation", )" +
         (target.empty() ? "" : R"("icm:target": )" + target + ", ") + R"("log:allOf": [)" + conditions + "]}";
}

// A condition in the compact form: one property, one operator.
inline std::string condition(const std::string& property, const std::string& op, const std::string& operand) {
  return R"({"@type": "icm:Condition", "icm:valuesOfTargetProperty": {"@id": ")" + property + R"("}, ")" + op +
         R"(": )" + operand + "}";
}

} // namespace intentctl::test
