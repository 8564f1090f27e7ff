// The Kubernetes objects render writes, built as document trees in a fixed key
// order so the same input always gives the same bytes. Names, labels, spec
// fields and condition words follow the seed's Go function, so its consumers
// read intentctl's output unchanged (docs/render.md).
#pragma once

#include <string>
#include <vector>

#include "io/node.hpp"
#include "krm/labels.hpp"
#include "model/expectation_reader.hpp"
#include "sites/sites.hpp"

namespace intentctl {

// Where an expectation's objects go: the site, and the namespace of the
// ConfigMap and the bundle.
struct Placement {
  const Site& site;
  std::string namespace_;
};

// ConfigMap expectation-<name>: the canonical 28.312 expectation as JSON.
Node expectation_config_map(const InputExpectation& entry, const Placement& placement);
// The CN/RAN/TN bundle, or for edge-service domains the O2IMS ProvisioningRequest.
Node expectation_object(const InputExpectation& entry, const Placement& placement);

Node namespace_object(const std::string& name, const std::string& site);
// The site's RootSync (Config Sync pulling the site's tree from its repository).
Node root_sync(const Site& site);
Node kustomization(const std::vector<std::string>& resources);

// Documents joined by "---" lines, as one file holds them.
void append_documents(std::string& out, std::initializer_list<const Node*> documents);

} // namespace intentctl
