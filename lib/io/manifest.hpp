// The ownership manifest: which files of a site's folder intentctl wrote, in
// the spirit of kpt's inventory and kubectl's ApplySet, but for files. render
// writes it with the tree and publish commits it with the tree, as
// .intentctl-manifest at the top of the site's folder. Both create, change
// and delete only the files it lists; everything else there is someone
// else's and is kept. A dot-file without a .yaml, .yml or .json extension:
// Config Sync, kubectl apply -f, kpt and kustomize (which reads only what a
// kustomization names) never take it for a resource.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "io/reader.hpp"

namespace intentctl {

inline constexpr std::string_view kManifestFile = ".intentctl-manifest";

struct Manifest {
  std::string site;
  // Path inside the site's folder ("apps/intent/x.yaml") -> the Git blob id of
  // the content intentctl wrote (what `git hash-object FILE` prints).
  std::map<std::string, std::string> files;

  bool owns(const std::string& path) const { return files.contains(path); }
};

// The manifest as written: JSON, paths sorted, one file per line, so that
// the same tree always gives the same bytes.
std::string manifest_text(const Manifest& manifest);

// Reads one; anything but the exact shape is an input error (exit 2) at its
// line and column.
Manifest read_manifest(const Source& source);

// Whether a relative path stays inside its folder: no absolute path, no empty,
// "." or ".." component.
bool is_contained_path(std::string_view path);

} // namespace intentctl
