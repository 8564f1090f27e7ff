// Every row of the built-in mapping table (docs/model.md, "The mapping table"), and how a
// --mapping file changes it.
#include <doctest/doctest.h>

#include "model/mapping.hpp"

using namespace intentctl;

TEST_CASE("every objectType spelling selects its domain") {
  struct Row {
    const char* object_type;
    const char* domain;
  };
  const Row rows[] = {
      {"RANFunction", "ran"},   {"RAN_SubNetwork", "ran"},        {"RAN_SUBNETWORK", "ran"},
      {"Radio_Service", "ran"}, {"RADIO_SERVICE", "ran"},         {"CoreNetwork", "cn"},
      {"5GC_SubNetwork", "cn"}, {"5GC_SUBNETWORK", "cn"},         {"TransportNetwork", "tn"},
      {"TN_SubNetwork", "tn"},  {"Edge_Service_Support", "edge"}, {"EDGE_SERVICE_SUPPORT", "edge"},
  };
  const Mapping& mapping = default_mapping();
  for (const auto& row : rows) {
    CAPTURE(row.object_type);
    const Domain* domain = mapping.for_object_type(row.object_type);
    REQUIRE(domain);
    CHECK(domain->name == row.domain);
  }
  CHECK_FALSE(mapping.for_object_type("service"));
  CHECK_FALSE(mapping.for_object_type("ran_subnetwork")); // objectTypes are spelled exactly
}

TEST_CASE("each domain's bundle, spec block and list context") {
  struct Row {
    const char* name;
    const char* object_type;
    const char* api_version;
    const char* kind;
    const char* prefix;
    const char* spec_block;
    const char* list_context;
    const char* list_field;
    bool provisioning_request;
  };
  const Row rows[] = {
      {"ran", "RAN_SubNetwork", "ran.nephio.org/v1alpha1", "RANBundle", "ran-bundle", "performance", "networkFunction",
       "networkFunctions", false},
      {"cn", "5GC_SubNetwork", "cn.nephio.org/v1alpha1", "CNBundle", "cn-bundle", "capacity", "networkSlice",
       "networkSlices", false},
      {"tn", "TN_SubNetwork", "tn.nephio.org/v1alpha1", "TNBundle", "tn-bundle", "coverage", "transportNetwork",
       "transportNetworks", false},
      {"edge", "Edge_Service_Support", "o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest", "pr",
       "templateParameters", "", "", true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const Domain* domain = default_mapping().by_name(row.name);
    REQUIRE(domain);
    CHECK(domain->object_type == row.object_type);
    CHECK(domain->api_version == row.api_version);
    CHECK(domain->kind == row.kind);
    CHECK(domain->name_prefix == row.prefix);
    CHECK(domain->spec_block == row.spec_block);
    CHECK(domain->list_context == row.list_context);
    CHECK(domain->list_field == row.list_field);
    CHECK(domain->provisioning_request == row.provisioning_request);
  }
}

TEST_CASE("target names pick the domain, however they are spelled") {
  struct Row {
    const char* target;
    const char* domain;
  };
  const Row rows[] = {
      {"latency", "cn"},         {"Latency", "cn"},      {"jitter", "cn"},       {"packet loss", "cn"},
      {"packet_loss", "cn"},     {"packetLoss", "cn"},   {"bandwidth", "cn"},    {"DlLatency", "cn"},
      {"throughput", "ran"},     {"subscribers", "ran"}, {"frequency", "ran"},   {"radio coverage", "ran"},
      {"radio-coverage", "ran"}, {"DlThptPerUE", "ran"}, {"availability", "tn"}, {"reliability", "tn"},
      {"redundancy", "tn"},      {"sites", "tn"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.target);
    const Domain* domain = default_mapping().for_target_name(row.target);
    REQUIRE(domain);
    CHECK(domain->name == row.domain);
  }
  CHECK_FALSE(default_mapping().for_target_name("colour"));
  CHECK(normalize_name("Packet Loss") == "packetloss");
}

TEST_CASE("a --mapping file replaces named domains and adds new ones") {
  const Mapping mapping = load_mapping(Source{"m.yaml", R"(domains:
  - name: cn
    targets: [latency, slices]
  - name: mec
    objectType: MEC_Host
    objectTypes: [MEC_Host, MecHost]
    apiVersion: mec.example.net/v1
    kind: MECBundle
    namePrefix: mec-bundle
    specBlock: compute
    targets: [gpu]
)"});
  CHECK(mapping.for_target_name("slices")->name == "cn");
  CHECK_FALSE(mapping.for_target_name("jitter"));              // cn's targets were replaced
  CHECK(mapping.for_target_name("throughput")->name == "ran"); // other domains stay
  const Domain* mec = mapping.for_object_type("MecHost");
  REQUIRE(mec);
  CHECK(mec->object_type == "MEC_Host");
  CHECK(mec->kind == "MECBundle");
  CHECK(mapping.for_target_name("GPU")->name == "mec");
  CHECK_THROWS_WITH_AS(load_mapping(Source{"m.yaml", "domains:\n  - name: x\n    objectTypes: [A]\n    colour: red\n"}),
                       doctest::Contains("unknown field \"colour\""), Error);
  CHECK_THROWS_WITH_AS(load_mapping(Source{"m.yaml", "domains:\n  - name: x\n"}),
                       doctest::Contains("a domain needs at least one objectType"), Error);
}
