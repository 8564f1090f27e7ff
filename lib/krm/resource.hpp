// Kubernetes Resource Model basics shared by render, validate and verify:
// an object's identity, and kpt's ResourceList (KRM functions).
#pragma once

#include <string>
#include <vector>

#include "io/node.hpp"
#include "io/reader.hpp"
#include "io/sink.hpp"

namespace intentctl {

// apiVersion, kind, metadata.name and metadata.namespace of a KRM object ("" when absent).
struct ResourceId {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string namespace_;

  std::string group() const; // "" for the core group
  std::string version() const;
  // "CNBundle cn-bundle-x" or "CNBundle intent-to-krm/cn-bundle-x", for messages.
  std::string display() const;
  bool operator<(const ResourceId& other) const;
  bool operator==(const ResourceId& other) const = default;
};

ResourceId resource_id(const Node& object);

// kpt annotations that say where an item lives in the package.
inline constexpr const char* kPathAnnotation = "internal.config.kubernetes.io/path";
inline constexpr const char* kIndexAnnotation = "internal.config.kubernetes.io/index";
inline constexpr const char* kLegacyPathAnnotation = "config.kubernetes.io/path";
inline constexpr const char* kLegacyIndexAnnotation = "config.kubernetes.io/index";

// The annotation's value on an object, "" when absent.
std::string annotation(const Node& object, std::string_view key);
std::string label(const Node& object, std::string_view key);

struct ResourceList {
  Node items = Node::array();
  Node function_config; // null when absent
};

// Reads a config.kubernetes.io/v1 ResourceList (v1alpha1 accepted too).
ResourceList read_resource_list(const Source& source);

// One entry of a ResourceList's results.
struct FunctionResult {
  std::string message;
  Severity severity = Severity::error;
  const Node* resource = nullptr; // the item it is about, if any
  std::string field_path;
};

// The ResourceList as YAML, with results when there are any.
std::string write_resource_list(const ResourceList& list, const std::vector<FunctionResult>& results);

} // namespace intentctl
