// The bundle CRDs are structural, have the status subresource and the Ready
// and Age columns, and accept exactly what render writes: every field of every
// rendered bundle has a place in the schema (nothing would be pruned), with
// the right type, and the required fields are there.
#include <doctest/doctest.h>

#include <filesystem>

#include "io/reader.hpp"
#include "krm/resource.hpp"
#include "model/bundle_crds.hpp"
#include "render_support.hpp"

using namespace intentctl;
using namespace render_test;

namespace {

void check_structural(const Node& schema, const std::string& path) {
  INFO(path);
  REQUIRE(schema.is_object());
  const Node* type = schema.find("type");
  REQUIRE(type != nullptr);
  if (const Node* properties = schema.find("properties")) {
    CHECK(type->text() == "object");
    CHECK(schema.find("additionalProperties") == nullptr); // structural: not both
    for (const auto& member : properties->members()) check_structural(member.value, path + "." + member.key);
  }
  if (const Node* additional = schema.find("additionalProperties")) check_structural(*additional, path + ".*");
  if (const Node* items = schema.find("items")) check_structural(*items, path + "[]");
}

// Checks value against schema the way the API server prunes and validates.
void check_accepted(const Node& value, const Node& schema, const std::string& path) {
  INFO(path);
  const std::string type = schema.find("type")->text();
  if (type == "object") {
    REQUIRE(value.is_object());
    if (const Node* required = schema.find("required"))
      for (const auto& name : required->items()) CHECK(value.find(name.text()) != nullptr);
    const Node* properties = schema.find("properties");
    const Node* additional = schema.find("additionalProperties");
    if (!properties && !additional) return; // metadata: the API server's own
    for (const auto& member : value.members()) {
      const Node* field = properties ? properties->find(member.key) : additional;
      INFO("field " << member.key << " would be pruned");
      REQUIRE(field != nullptr);
      check_accepted(member.value, *field, path + "." + member.key);
    }
  } else if (type == "array") {
    REQUIRE(value.is_array());
    for (std::size_t i = 0; i < value.items().size(); ++i)
      check_accepted(value.items()[i], *schema.find("items"), path + "[" + std::to_string(i) + "]");
  } else if (type == "string") {
    REQUIRE(value.is_string());
    if (const Node* choices = schema.find("enum")) {
      bool listed = false;
      for (const auto& choice : choices->items()) listed = listed || choice.text() == value.text();
      CHECK(listed);
    }
  } else if (type == "boolean") {
    CHECK(value.is_bool());
  } else {
    CHECK(value.is_number());
  }
}

const Node& schema_of(const Node& crd) {
  return *crd.find("spec")->find("versions")->items().front().find("schema")->find("openAPIV3Schema");
}

const Node* crd_for(const std::vector<Node>& crds, const ResourceId& id) {
  for (const auto& crd : crds)
    if (crd.find("spec")->find("names")->find("kind")->text() == id.kind &&
        crd.find("spec")->find("group")->text() == id.group())
      return &crd;
  return nullptr;
}

} // namespace

TEST_CASE("the bundle CRDs are structural, with status and printer columns") {
  const auto crds = bundle_crds(default_mapping());
  REQUIRE(crds.size() == 3);
  CHECK(parse_yaml(Source{"crds", bundle_crds_yaml()}, ReadLimits{}).documents == crds);
  for (const auto& crd : crds) {
    CAPTURE(crd.find("metadata")->find("name")->text());
    check_structural(schema_of(crd), "openAPIV3Schema");
    const Node& version = crd.find("spec")->find("versions")->items().front();
    REQUIRE(version.find("subresources") != nullptr);
    CHECK(version.find("subresources")->find("status") != nullptr);
    const Node& columns = *version.find("additionalPrinterColumns");
    REQUIRE(columns.items().size() == 2);
    CHECK(columns.items()[0].find("name")->text() == "Ready");
    CHECK(columns.items()[1].find("name")->text() == "Age");
    CHECK(crd.find("spec")->find("scope")->text() == "Namespaced");
  }
  CHECK(crds[0].find("metadata")->find("name")->text() == "cnbundles.cn.nephio.org");
  CHECK(crds[1].find("metadata")->find("name")->text() == "ranbundles.ran.nephio.org");
  CHECK(crds[2].find("metadata")->find("name")->text() == "tnbundles.tn.nephio.org");
}

TEST_CASE("the CRDs accept every field of every bundle render writes") {
  std::vector<std::string> inputs{fixture("seed/input"), fixture("multi-target.json")};
  const std::string samples = std::string(INTENTCTL_SOURCE_DIR) + "/samples/28312";
  if (std::filesystem::is_directory(samples))
    for (const auto& entry : std::filesystem::directory_iterator(samples)) inputs.push_back(entry.path().string());
  const auto crds = bundle_crds(default_mapping());
  std::size_t bundles = 0;
  for (const auto& input : inputs) {
    CAPTURE(input);
    RenderOptions options;
    options.inputs = {input};
    options.to_stdout = true;
    options.sites_file = fixture("sites.yaml");
    const Run result = run(options);
    INFO(result.error);
    REQUIRE(result.code == ExitClass::ok);
    for (const auto& object : parse_yaml(Source{"out", result.out}, ReadLimits{}).documents) {
      const ResourceId id = resource_id(object);
      if (!id.kind.ends_with("Bundle")) continue;
      CAPTURE(id.display());
      const Node* crd = crd_for(crds, id);
      REQUIRE(crd != nullptr);
      CHECK(crd->find("spec")->find("versions")->items().front().find("name")->text() == id.version());
      check_accepted(object, schema_of(*crd), id.display());
      ++bundles;
    }
  }
  CHECK(bundles >= 9);
}
