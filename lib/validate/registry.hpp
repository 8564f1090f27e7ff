// Where the schema of a kind comes from, in this order: CRDs in the input set,
// CRDs from --crds folders, kubeconform-style --schema-location folders, and
// the built-in schemas (render's bundle CRDs and the core kinds render emits).
// Each schema is compiled once per run and shared by every worker.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "validate/schema.hpp"

namespace intentctl {

enum class Scope { namespaced, cluster, local, unknown };

struct KindSchema {
  std::shared_ptr<const CompiledSchema> schema; // null when the schema is broken (see problem)
  Scope scope = Scope::unknown;
  std::string origin;  // for messages: "built-in", "CRD cnbundles.cn.nephio.org (crds/bundles.yaml)", a file
  std::string problem; // why the schema cannot be used
};

enum class SchemaTier { input = 0, crds_folder = 1, schema_location = 2, builtin = 3 };

class SchemaRegistry {
 public:
  SchemaRegistry(std::vector<std::string> schema_locations, bool strict);

  // Registers the schema of every version of a CRD; returns the problems of
  // the CRD itself (a broken openAPIV3Schema, a name that is not
  // <plural>.<group>), positioned in the CRD's file. A kind already known from
  // an earlier CRD of the same tier keeps its first schema.
  std::vector<SchemaViolation> add_crd(const std::string& file, const Node& crd, SchemaTier tier);

  // Reads every CRD in the .yaml/.yml/.json files of a folder (recursively).
  void add_crd_folder(const std::string& folder);

  // The schema for apiVersion + kind, or nullptr when none is known.
  // Thread-safe; lookups in schema locations happen once per kind.
  const KindSchema* find(const std::string& api_version, const std::string& kind);

  // The ObjectMeta schema (compiled once).
  static const CompiledSchema& object_meta();

 private:
  const KindSchema* find_in_locations(const std::string& api_version, const std::string& kind);
  void add_builtins();

  std::vector<std::string> schema_locations_;
  bool strict_;
  std::mutex mutex_;
  std::map<std::string, KindSchema> tiers_[4]; // by "apiVersion\nkind"
  std::map<std::string, std::unique_ptr<KindSchema>> located_;
};

// The candidate files for a kind in one --schema-location (kubeconform's
// naming), most specific first. A location ending in "json" is a template
// with kubeconform's {{ .ResourceKind }}, {{ .ResourceAPIVersion }},
// {{ .Group }}, {{ .KindSuffix }}, {{ .StrictSuffix }} and
// {{ .NormalizedKubernetesVersion }}.
std::vector<std::string> schema_location_candidates(const std::string& location, const std::string& api_version,
                                                    const std::string& kind, bool strict);

} // namespace intentctl
