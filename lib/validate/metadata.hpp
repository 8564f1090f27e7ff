// Checks every KRM object gets whatever its schema says: apiVersion and kind,
// and metadata as the API server validates it (names as DNS-1123 subdomains or
// labels, label and annotation keys as qualified names, label values).
#pragma once

#include <vector>

#include "krm/resource.hpp"
#include "validate/registry.hpp"

namespace intentctl {

struct MetadataFindings {
  std::vector<SchemaViolation> errors;
  std::vector<SchemaViolation> warnings;
};

void check_metadata(const Node& object, const ResourceId& id, Scope scope, MetadataFindings& out);

// Kubernetes qualified name ([prefix/]name), the form of label and annotation keys.
bool is_qualified_name(std::string_view key);

} // namespace intentctl
