// A rendered site folder (<DIR>/<site>/...) as verify needs it: the objects
// Config Sync will apply, and the 28.312 expectations the ConfigMaps carry.
#pragma once

#include <string>
#include <vector>

#include "io/node.hpp"
#include "krm/resource.hpp"
#include "model/intent.hpp"

namespace intentctl {

struct RenderedObject {
  ResourceId id;
  Node object;
  std::string file; // relative to the site folder
};

struct RenderedExpectation {
  std::string intent_id;                // render's annotation expectation.nephio.org/intent-id; else the expectation id
  std::vector<Context> intent_contexts; // render's annotation expectation.nephio.org/intent-contexts
  std::string configmap;
  Expectation expectation;
};

struct RenderedSite {
  std::string folder;
  std::vector<RenderedObject> objects;           // sorted by file, then position in the file
  std::vector<RenderedExpectation> expectations; // in object order
  std::size_t files = 0;
};

// Reads every .yaml, .yml and .json file under folder (hidden names and the
// kustomization left out) the way Config Sync's unstructured format would,
// skipping objects marked config.kubernetes.io/local-config. Unreadable YAML
// and broken expectation.json are input errors with FILE:LINE:COL.
RenderedSite read_rendered_site(const std::string& folder);

// Whether an object is one of the bundles render emits (CNBundle, RANBundle,
// TNBundle, or any *Bundle of a *.nephio.org group).
bool is_bundle(const ResourceId& id);
bool is_provisioning_request(const ResourceId& id);

} // namespace intentctl
