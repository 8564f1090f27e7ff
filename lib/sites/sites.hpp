// The sites file (--sites FILE or INTENTCTL_SITES): where each edge site's Git
// repository is, and how to reach its cluster and metrics. Without one, the
// embedded default is a single site edge1 whose remote is a local bare
// repository under .intentctl/, so the whole chain runs with nothing installed.
#pragma once

#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/reader.hpp"
#include "krm/names.hpp" // site names are DNS-1123 labels

namespace intentctl {

struct SiteAuth {
  std::string username_env; // names of environment variables, never secrets
  std::string token_env;
  std::string ssh_key;      // a path
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
  std::string kind = "prometheus"; // prometheus | json
  std::map<std::string, std::string> targets; // target name -> PromQL query or JSON pointer
  // target name -> the unit the query's value is in ("s", "ms", "Mbps", "ratio", "%"),
  // from the long form {query|pointer: ..., unit: ...}; absent = the target's own unit
  std::map<std::string, std::string> units;
};

struct Site {
  std::string name;
  std::string repo;                // a Git URL or a local path
  std::string branch = "main";
  std::string path = ".";          // folder of the repo that holds this site's tree
  std::string namespace_ = "intent-to-krm";
  std::string cluster;             // O2IMS templateParameters.clusterName; default: the site name
  O2imsTemplate o2ims;
  SiteAuth auth;
  std::string kubeconfig;          // "~/" expanded
  std::string context;
  RootSyncSettings rootsync;
  std::optional<MetricsSource> metrics;
};

struct Sites {
  std::vector<Site> sites;          // sorted by name
  std::string file;                 // where they came from; empty for the embedded default
  bool embedded_default() const { return file.empty(); }

  const Site* find(std::string_view name) const;
  // The named sites, or all of them when names is empty; unknown names are a
  // usage error that lists the known ones.
  std::vector<const Site*> select(const std::vector<std::string>& names) const;
  // The sites publish and verify work on: the named ones (--site), every one
  // (--all), or else those render wrote a folder for in dir. No folder dir,
  // or none in it for a site, is an input error that says to run render first.
  std::vector<const Site*> select_rendered(const std::vector<std::string>& names, bool all,
                                           const std::string& dir) const;
};

// The repository the embedded default site edge1 publishes to.
inline constexpr const char* kDefaultRemote = ".intentctl/remotes/edge1-config.git";

Sites default_sites();
Sites parse_sites(const Source& source);
// --sites FILE if given, else $INTENTCTL_SITES if set, else the embedded default.
Sites load_sites(const std::string& flag_value, std::istream& in, bool stdin_is_terminal);

} // namespace intentctl
