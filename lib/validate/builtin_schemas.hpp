// The schemas validate knows without being told: the core kinds render emits
// (built-in structural schemas) and ObjectMeta. The bundle CRDs are the ones
// render writes (model/bundle_crds.hpp), so the two can never disagree.
#pragma once

#include <string_view>

namespace intentctl {

// A YAML stream, one document per schema: {kinds: [{apiVersion, kind}],
// scope: Namespaced|Cluster|Local, schema: <openAPIV3Schema>}.
std::string_view builtin_kind_schemas_yaml();

// The openAPIV3Schema of metadata (ObjectMeta).
std::string_view object_meta_schema_yaml();

} // namespace intentctl
