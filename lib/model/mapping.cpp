#include "model/mapping.hpp"

#include <cctype>

#include "io/control_characters.hpp"
#include "io/fields.hpp"

namespace intentctl {

namespace {

Mapping built_in() {
  Mapping mapping;
  mapping.domains = {
      {"ran",
       "RAN_SubNetwork",
       {"RANFunction", "RAN_SubNetwork", "RAN_SUBNETWORK", "Radio_Service", "RADIO_SERVICE"},
       "ran.nephio.org/v1alpha1",
       "RANBundle",
       "ran-bundle",
       "performance",
       "ServicePerformance",
       "networkFunction",
       "networkFunctions",
       {"throughput", "throughputdl", "throughputul", "dlthroughput", "ulthroughput", "subscribers", "frequency",
        "radiocoverage", "coverage", "dlthptperue", "ulthptperue", "avedlranuethpt", "aveulranuethpt", "weakrsrpratio",
        "lowsinrratio", "users", "connections"},
       false},
      {"cn",
       "5GC_SubNetwork",
       {"CoreNetwork", "5GC_SubNetwork", "5GC_SUBNETWORK"},
       "cn.nephio.org/v1alpha1",
       "CNBundle",
       "cn-bundle",
       "capacity",
       "ServiceCapacity",
       "networkSlice",
       "networkSlices",
       {"latency", "jitter", "packetloss", "bandwidth", "dllatency", "ullatency", "maxnumberofpdusessions",
        "maxnumberofregisteredsubscribers", "delay"},
       false},
      {"tn",
       "TN_SubNetwork",
       {"TransportNetwork", "TN_SubNetwork", "TN_SUBNETWORK"},
       "tn.nephio.org/v1alpha1",
       "TNBundle",
       "tn-bundle",
       "coverage",
       "ServiceCoverage",
       "transportNetwork",
       "transportNetworks",
       {"availability", "reliability", "redundancy", "sites", "uptime"},
       false},
      {"edge",
       "Edge_Service_Support",
       {"Edge_Service_Support", "EDGE_SERVICE_SUPPORT"},
       "o2ims.provisioning.oran.org/v1alpha1",
       "ProvisioningRequest",
       "pr",
       "templateParameters",
       "EdgeServiceSupport",
       "",
       "",
       {},
       true},
  };
  return mapping;
}

std::vector<std::string> read_string_list(Fields& fields, std::string_view key) {
  std::vector<std::string> values;
  if (const Node* list = fields.array(key)) {
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      const Node& item = list->items()[i];
      if (!item.is_string())
        fields.fail_at(item, join_path(join_path(fields.path(), key), i), type_mismatch(Node::Type::string, item));
      values.push_back(item.text());
    }
  }
  return values;
}

} // namespace

std::string normalize_name(std::string_view name) {
  std::string normalized;
  for (char c : name)
    if (c != ' ' && c != '-' && c != '_')
      normalized.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return normalized;
}

const Domain* Mapping::for_object_type(std::string_view object_type) const {
  for (const auto& domain : domains)
    for (const auto& type : domain.object_types)
      if (type == object_type) return &domain;
  return nullptr;
}

const Domain* Mapping::for_target_name(std::string_view target_name) const {
  const std::string wanted = normalize_name(target_name);
  for (const auto& domain : domains)
    for (const auto& name : domain.target_names)
      if (normalize_name(name) == wanted) return &domain;
  return nullptr;
}

const Domain* Mapping::by_name(std::string_view name) const {
  for (const auto& domain : domains)
    if (domain.name == name) return &domain;
  return nullptr;
}

std::string Mapping::object_type_list() const {
  std::string list;
  for (const auto& domain : domains)
    for (const auto& type : domain.object_types) list += (list.empty() ? "" : ", ") + type;
  return list;
}

const Mapping& default_mapping() {
  static const Mapping mapping = built_in();
  return mapping;
}

Mapping load_mapping(const Source& source) {
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  if (stream.documents.size() != 1)
    throw input_error("a mapping file holds exactly one document", location_of(source, Mark{1, 1}));
  // Every value of the table names something: kinds, labels, spec fields.
  refuse_control_characters_in_document(source, stream.documents.front());
  Mapping mapping = default_mapping();
  Fields top(source, stream.documents.front(), "");
  const Node* list = top.array("domains");
  if (!list) top.fail("domains", "missing required field \"domains\"");
  top.reject_unknown("domains");
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    Fields fields(source, list->items()[i], join_path("domains", i));
    const std::string name = fields.require_string("name");
    const Domain* base = mapping.by_name(name);
    Domain domain = base ? *base : Domain{};
    domain.name = name;
    if (auto v = fields.string("objectType")) domain.object_type = *v;
    if (fields.has("objectTypes")) domain.object_types = read_string_list(fields, "objectTypes");
    if (auto v = fields.string("apiVersion")) domain.api_version = *v;
    if (auto v = fields.string("kind")) domain.kind = *v;
    if (auto v = fields.string("namePrefix")) domain.name_prefix = *v;
    if (auto v = fields.string("specBlock")) domain.spec_block = *v;
    if (auto v = fields.string("expectationType")) domain.expectation_type = *v;
    if (auto v = fields.string("listContext")) domain.list_context = *v;
    if (auto v = fields.string("listField")) domain.list_field = *v;
    if (fields.has("targets")) domain.target_names = read_string_list(fields, "targets");
    if (auto v = fields.boolean("provisioningRequest")) domain.provisioning_request = *v;
    fields.reject_unknown("name, objectType, objectTypes, apiVersion, kind, namePrefix, specBlock, "
                          "expectationType, listContext, listField, targets, provisioningRequest");
    if (domain.object_type.empty() && !domain.object_types.empty()) domain.object_type = domain.object_types.front();
    if (domain.object_types.empty()) fields.fail("objectTypes", "a domain needs at least one objectType");
    if (base) {
      for (auto& existing : mapping.domains)
        if (existing.name == name) existing = domain;
    } else {
      mapping.domains.push_back(domain);
    }
  }
  return mapping;
}

} // namespace intentctl
