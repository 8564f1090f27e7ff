// The sites file (--sites FILE or INTENTCTL_SITES): where each edge site's Git
// repository is, and how to reach its cluster and metrics. Paths in it are
// taken from the file's folder, as kubectl takes those of a kubeconfig.
// Without one, the embedded default is a single site edge1 whose remote is a
// local bare repository under .intentctl/, found as git finds .git, so the
// whole chain runs with nothing installed.
#pragma once

#include <istream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/reader.hpp"
#include "krm/names.hpp" // site names are DNS-1123 labels
#include "model/units.hpp"

namespace intentctl {

struct SiteAuth {
  std::string username_env; // names of environment variables, never secrets
  std::string token_env;
  std::string ssh_key; // a path, from the sites file's folder
};

struct O2imsTemplate {
  std::string name = "nephio-workload-cluster";
  std::string version = "v3.0.0";
};

struct RootSyncSettings {
  std::string name = "root-sync";
  std::string namespace_ = "config-management-system";
  std::string period = "30s";
  std::string secret_ref; // Secret with the Git credentials; empty = auth none
};

struct MetricsSource {
  std::string url;
  std::string kind = "prometheus";            // prometheus | json
  std::map<std::string, std::string> targets; // target name -> PromQL query or JSON pointer
  // target name -> the unit the query's value is in ("s", "ms", "Mbps", "ratio", "%"),
  // from the long form {query|pointer: ..., unit: ...}; absent = the target's own unit
  std::map<std::string, std::string> units;
};

// What a site can deliver, as its sites file declares it under capacity:.
// intentctl check and render hold the intents that land on the site to it.
enum class CapacityKind {
  max_throughput,
  max_bandwidth,
  max_subscribers,
  min_latency,
  max_availability,
  max_reliability
};

struct CapacityField {
  CapacityKind kind;
  std::string_view key;               // as the sites file spells it: maxThroughput
  std::optional<Dimension> dimension; // nullopt: a count, a plain number
  std::string_view example;           // for messages: 10Gbps
};

// Every field of capacity:, in the order the documentation lists them.
std::span<const CapacityField> capacity_fields();
const CapacityField& capacity_field(CapacityKind kind);

struct CapacityLimit {
  CapacityKind kind;
  double value;     // in the base unit of its dimension: bit/s, s, a fraction (0.9999), a count
  std::string text; // as the sites file wrote it: 10Gbps
};

struct Site {
  std::string name;
  std::string repo; // a Git URL or a local path, as written (Sites::folder resolves it)
  std::string branch = "main";
  std::string path = "."; // folder of the repo that holds this site's tree
  std::string namespace_ = "intent-to-krm";
  std::string cluster; // O2IMS templateParameters.clusterName; default: the site name
  O2imsTemplate o2ims;
  SiteAuth auth;
  std::string kubeconfig; // "~/" expanded; a relative path from the sites file's folder
  std::string context;
  RootSyncSettings rootsync;
  std::optional<MetricsSource> metrics;
  // The declared limits; nullopt when the site declares no capacity at all, so
  // whether an intent fits there is unknown (not infeasible).
  std::optional<std::vector<CapacityLimit>> capacity;

  const CapacityLimit* limit(CapacityKind kind) const;
};

struct Sites {
  std::vector<Site> sites; // sorted by name
  std::string file;        // where they came from; empty for the embedded default
  // The folder a local repo path is taken from (absolute): the sites file's,
  // or the working folder for the embedded default and standard input.
  std::string folder;
  bool embedded_default() const { return file.empty(); }

  const Site* find(std::string_view name) const;
  // The site an intent names; an unknown name is an input error at where that
  // lists the known sites.
  const Site& named(std::string_view name, std::string_view intent_id, const Location& where) const;
  // The named sites, or all of them when names is empty; unknown names are a
  // usage error that lists the known ones.
  std::vector<const Site*> select(const std::vector<std::string>& names) const;
  // The sites publish and verify work on: the named ones (--site), every one
  // (--all), or else those render wrote a folder for in rendered_dir. No such
  // folder, or one that holds no site's folder, is an input error that says
  // what to run, in command's words when it is a site's own folder
  // (publish dist/edge1: 'intentctl publish dist --site edge1').
  std::vector<const Site*> select_rendered(const std::vector<std::string>& names, bool all,
                                           const std::string& rendered_dir, std::string_view command) const;
};

// The repository the embedded default site edge1 publishes to, in the folder
// find_default_remote finds.
inline constexpr const char* kDefaultRemote = ".intentctl/remotes/edge1-config.git";

// The embedded default's remote for the tree rendered into rendered_dir: in
// the nearest folder that holds a .intentctl/ folder, looking from
// rendered_dir's parent upward, as git finds .git; when there is none, in
// rendered_dir's parent, where publish creates it.
struct DefaultRemote {
  std::string repo;     // kDefaultRemote there, as a path from the working folder
  std::string searched; // rendered_dir's parent, as the user would name it
  bool found = false;
};
DefaultRemote find_default_remote(const std::string& rendered_dir);

Sites default_sites();
Sites parse_sites(const Source& source);
// --sites FILE if given, else $INTENTCTL_SITES if set, else the embedded default.
Sites load_sites(const std::string& flag_value, std::istream& in, bool stdin_is_terminal);

} // namespace intentctl
