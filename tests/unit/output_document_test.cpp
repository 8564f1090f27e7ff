// The frame of intentctl's JSON documents, and validate's count of a list of
// intents as one resource per intent.
#include <doctest/doctest.h>

#include "io/output_document.hpp"
#include "io/reader.hpp"
#include "model/mapping.hpp"
#include "validate/engine.hpp"
#include "validate/registry.hpp"

using namespace intentctl;

namespace {

const Node& at(const Node& node, std::string_view key) {
  const Node* value = node.find(key);
  REQUIRE(value);
  return *value;
}

} // namespace

TEST_CASE("an error document: the command's frame with status error and the error, placed") {
  const Node document =
      error_document(empty_publish_document(), input_error("no such folder", Location{"dist", 3, 7, "sites.edge1"}));
  CHECK(at(document, "apiVersion").text() == "intentctl/v1alpha1");
  CHECK(at(document, "kind").text() == "PublishReport");
  CHECK(at(document, "status").text() == "error");
  CHECK(at(document, "sites").items().empty());
  REQUIRE(at(document, "errors").items().size() == 1);
  const Node& error = at(document, "errors").items()[0];
  CHECK(at(error, "message").text() == "no such folder");
  CHECK(at(error, "file").text() == "dist");
  CHECK(at(error, "line").as_double() == 3);
  CHECK(at(error, "column").as_double() == 7);
  CHECK(at(error, "path").text() == "sites.edge1");
  // Unknown parts are left out, not written empty.
  const Node bare = error_item(usage_error("--timeout must be longer than 0s"));
  CHECK(bare.members().size() == 1);
}

TEST_CASE("validate: each intent of a list is a resource, with its own findings") {
  const std::string intent = R"({"id": "ID", "intentExpectations": [{"expectationId": "e-ID",
    "expectationVerb": "DELIVER", "expectationObject": {"objectType": "5GC_SubNetwork", "objectInstance": "core"},
    "expectationTargets": [{"targetName": "latency", "targetCondition": "COND", "targetValueRange": "1ms"}]}]})";
  auto with = [&](std::string id, std::string condition) {
    std::string text = intent;
    for (std::size_t at; (at = text.find("ID")) != std::string::npos;) text.replace(at, 2, id);
    return text.replace(text.find("COND"), 4, condition);
  };
  const std::string text =
      "[" + with("a", "IS_LESS_THAN") + ",\n" + with("b", "NEARLY") + ",\n" + with("c", "IS_LESS_THAN") + "]";
  const Source source{"list.json", text};
  const Node document = parse_json(source, ReadLimits{}).documents.at(0);
  SchemaRegistry registry({}, false);
  ValidateOptions options;
  DocumentChecker checker(registry, options, default_mapping());
  IntentChecker intents(default_mapping(), false, false);
  DocumentContext context;
  context.file = "list.json";
  context.source = &source;
  context.intents = &intents;
  const std::vector<CheckedDocument> items = per_item(checker.check(document, context), document);
  REQUIRE(items.size() == 3);
  CHECK(items[0].result.name == "a");
  CHECK(items[1].result.name == "b");
  CHECK(items[2].result.name == "c");
  CHECK(items[0].result.kind == "28.312 Intent");
  CHECK(items[0].result.status == ResourceStatus::valid);
  CHECK(items[1].result.status == ResourceStatus::invalid);
  CHECK(items[2].result.status == ResourceStatus::valid);
  REQUIRE_FALSE(items[1].result.findings.empty());
  CHECK(items[1].result.findings[0].where.path.starts_with("[1]."));
  CHECK(items[1].result.mark.line > items[0].result.mark.line);
}
