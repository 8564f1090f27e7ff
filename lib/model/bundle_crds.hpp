// The project's own CustomResourceDefinitions for the bundles render writes
// (CNBundle, RANBundle, TNBundle with the built-in mapping). They are generated
// from the same mapping table that render uses, so every field render writes is
// in the schema and nothing is pruned; validate loads the same text as its
// built-in schemas for these kinds.
#pragma once

#include <string>
#include <vector>

#include "io/node.hpp"
#include "model/mapping.hpp"

namespace intentctl {

// crds/bundles.yaml for the built-in mapping (computed once).
const std::string& bundle_crds_yaml();

// The CRDs for every bundle domain of a mapping (ProvisioningRequests are
// O2IMS's own kind and get none), sorted by name.
std::vector<Node> bundle_crds(const Mapping& mapping);
std::string bundle_crds_yaml(const Mapping& mapping);

} // namespace intentctl
