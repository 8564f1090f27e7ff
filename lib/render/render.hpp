// render: 28.312 expectations to a GitOps-ready KRM tree per site
// (docs/render.md), or, with --fn, a kpt KRM function that
// re-renders the expectation ConfigMaps of a package.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "io/sink.hpp"

namespace intentctl {

enum class KustomizeMode { automatic, always, never };

struct RenderOptions {
  std::vector<std::string> inputs; // files, folders, "-"; none means standard input
  std::string output_dir;          // -o DIR
  bool to_stdout = false;          // -o -: one multi-document YAML stream on standard output
  std::vector<std::string> sites;  // --site: render only these sites
  std::string sites_file;          // --sites FILE (else INTENTCTL_SITES, else the embedded edge1)
  std::string namespace_;          // --namespace; "" = the site's (intent-to-krm by default)
  std::string mapping_file;        // --mapping FILE
  bool rootsync = false;           // --rootsync: add the site's RootSync under bootstrap/
  bool overwrite = false;          // --overwrite: replace files render did not write that are in its way
  KustomizeMode kustomize = KustomizeMode::automatic;
  bool function = false;        // --fn: a KRM function on stdin/stdout
  unsigned jobs = 0;            // -j: threads for a large site; 0 = one per core, at most 4
  bool lax_seed = false;        // --lax-seed: seed expectations without a type or a context are warned about
  bool allow_conflicts = false; // --allow-conflicts: render conflicting or infeasible intents, with warnings
};

// A site with fewer expectations than this is built on one thread: starting
// threads would cost more than they save.
inline constexpr std::size_t kThreadedRender = 512;
// A large site's builders without -j: one per core, at most this many.
inline constexpr unsigned kMostBuilders = 4;

// kubectl kustomize is quadratic in the files it reads (1,000 files 3.7 s,
// 2,000 13.5 s on the reference machines): above this many files --kustomize
// auto leaves kustomization.yaml out, and Config Sync applies the plain tree.
inline constexpr std::size_t kKustomizeAutoLimit = 500;

// Before anything is written, the intents of the selected sites are checked
// as intentctl check does: conflicting or infeasible ones are refused (exit
// class failed) unless options.allow_conflicts.
ExitClass render(const RenderOptions& options, Io& io);

// render --fn: reads a config.kubernetes.io/v1 ResourceList from io.in and
// writes it back with every expectation ConfigMap's bundle or
// ProvisioningRequest regenerated; problems are results, and any error result
// makes the exit class usage (non-zero).
ExitClass render_function(const RenderOptions& options, Io& io);

} // namespace intentctl
