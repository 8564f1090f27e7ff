// The seed's three example expectations render to what the seed's Go function
// produced, compared as parsed YAML (tests/fixtures/render/seed/expected is
// written by hand from the seed's output); re-rendering from the ConfigMap's
// canonical expectation gives the same bundle.
#include <doctest/doctest.h>

#include "io/reader.hpp"
#include "io/writer.hpp"
#include "render_support.hpp"

using namespace intentctl;
using namespace render_test;

namespace {

const char* const kSeedCases[] = {"cn-cap-001", "ran-perf-001", "tn-cov-001"};

std::vector<Node> expected_objects(const std::string& id) {
  std::istringstream unused;
  const Source source = read_source(fixture("seed/expected/" + id + ".yaml"), ReadLimits{}, unused, false);
  return parse_yaml(source, ReadLimits{}).documents;
}

// Every member of `want` is in `got` with the same value (our labels and
// annotations may add to the seed's, never differ).
void check_contains(const Node& got, const Node& want, const std::string& what) {
  for (const auto& member : want.members()) {
    const Node* value = got.find(member.key);
    INFO(what << "." << member.key);
    REQUIRE(value != nullptr);
    CHECK(*value == member.value);
  }
}

void check_seed_case(const std::vector<Node>& rendered, const std::string& id) {
  const auto expected = expected_objects(id);
  REQUIRE(expected.size() == 2);
  const Node& want_config_map = expected[0];
  const Node& want_bundle = expected[1];
  const std::string bundle_kind = want_bundle.find("kind")->text();
  const std::string bundle_name = want_bundle.find("metadata")->find("name")->text();

  const Node* config_map = find_object(rendered, "ConfigMap", "expectation-" + id);
  REQUIRE(config_map != nullptr);
  const Node& cm_metadata = *config_map->find("metadata");
  const Node& want_cm_metadata = *want_config_map.find("metadata");
  CHECK(*config_map->find("apiVersion") == *want_config_map.find("apiVersion"));
  CHECK(*cm_metadata.find("namespace") == *want_cm_metadata.find("namespace"));
  check_contains(*cm_metadata.find("labels"), *want_cm_metadata.find("labels"), id + " ConfigMap labels");
  check_contains(*cm_metadata.find("annotations"), *want_cm_metadata.find("annotations"),
                 id + " ConfigMap annotations");

  const Node* bundle = find_object(rendered, bundle_kind, bundle_name);
  REQUIRE(bundle != nullptr);
  CHECK(*bundle->find("apiVersion") == *want_bundle.find("apiVersion"));
  CHECK(*bundle->find("spec") == *want_bundle.find("spec"));
  const Node& metadata = *bundle->find("metadata");
  const Node& want_metadata = *want_bundle.find("metadata");
  CHECK(*metadata.find("namespace") == *want_metadata.find("namespace"));
  check_contains(*metadata.find("labels"), *want_metadata.find("labels"), id + " bundle labels");
}

} // namespace

TEST_CASE("the seed's three expectations render as the seed's function rendered them") {
  for (const char* id : kSeedCases) {
    CAPTURE(id);
    check_seed_case(objects_of({fixture("seed/input/" + std::string(id) + ".json")}), id);
  }
}

TEST_CASE("the seed's expectations in one folder, one list, or YAML give the same objects") {
  const auto from_folder = objects_of({fixture("seed/input")});
  for (const char* id : kSeedCases) check_seed_case(from_folder, id);

  std::string list = "[";
  std::string yaml_stream;
  for (const char* id : kSeedCases) {
    std::istringstream unused;
    const Source source = read_source(fixture("seed/input/" + std::string(id) + ".json"), ReadLimits{}, unused, false);
    list += (list.size() > 1 ? "," : "") + source.text;
    yaml_stream += "---\n" + to_yaml(parse_json(source, ReadLimits{}).documents.front());
  }
  list += "]";
  CHECK(objects_of({"-"}, list) == from_folder);
  CHECK(objects_of({"-"}, yaml_stream) == from_folder);
}

TEST_CASE("re-rendering a ConfigMap's expectation.json gives the identical bundle") {
  const auto first = objects_of({fixture("seed/input")});
  for (const char* id : kSeedCases) {
    CAPTURE(id);
    const Node* config_map = find_object(first, "ConfigMap", "expectation-" + std::string(id));
    REQUIRE(config_map != nullptr);
    const std::string canonical = config_map->find("data")->find("expectation.json")->text();
    const auto again = objects_of({"-"}, canonical);
    REQUIRE(again.size() == first.size() - 2 * 2); // the other two expectations' objects are absent
    for (const auto& object : again) {
      const std::string kind = object.find("kind")->text();
      const Node* before = find_object(first, kind, object.find("metadata")->find("name")->text());
      REQUIRE(before != nullptr);
      CHECK(object == *before);
    }
  }
}
