// The mapping from what an expectation is about to what represents it on a site:
// a data table compiled into the library, overridable with --mapping FILE.
// translate uses it to pick an objectType for a target name; render uses it to
// pick the bundle (or O2IMS ProvisioningRequest) for an objectType.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/reader.hpp"

namespace intentctl {

struct Domain {
  std::string name;                      // cn, ran, tn, edge
  std::string object_type;               // the objectType translate writes
  std::vector<std::string> object_types; // every objectType spelling that selects this domain
  std::string api_version;               // bundle apiVersion; empty for edge
  std::string kind;                      // CNBundle, ...; ProvisioningRequest for edge
  std::string name_prefix;               // cn-bundle -> cn-bundle-<id>
  std::string spec_block;                // capacity | performance | coverage | templateParameters
  std::string expectation_type;          // ServiceCapacity, ... (the seed's expectationType)
  std::string list_context;              // networkSlice -> networkSlices
  std::string list_field;
  std::vector<std::string> target_names; // target names that pick this domain (normalized)
  bool provisioning_request = false;     // edge service: an O2IMS ProvisioningRequest
};

struct Mapping {
  std::vector<Domain> domains;

  const Domain* for_object_type(std::string_view object_type) const;
  // By target name ("latency", "Packet Loss", "packet_loss"): compared without
  // case, spaces, '-' and '_'.
  const Domain* for_target_name(std::string_view target_name) const;
  const Domain* by_name(std::string_view name) const;
  // "CoreNetwork, 5GC_SubNetwork, ..." for error messages.
  std::string object_type_list() const;
};

// The built-in table (docs/model.md, "The mapping table").
const Mapping& default_mapping();

// A --mapping FILE (YAML or JSON): {domains: [{name, objectType, objectTypes,
// apiVersion, kind, namePrefix, specBlock, expectationType, listContext,
// listField, targets, provisioningRequest}]}. Domains it names replace the
// built-in ones of the same name; new names are added.
Mapping load_mapping(const Source& source);

// "Packet Loss" -> "packetloss"
std::string normalize_name(std::string_view name);

} // namespace intentctl
