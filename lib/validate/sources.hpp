// What validate reads: the files named on the command line, the
// .yaml/.yml/.json files (and kustomize's "Kustomization") under the folders
// named, in sorted order, or standard input.
#pragma once

#include <string>
#include <vector>

namespace intentctl {

struct InputFile {
  std::string path; // as given or found; "-" for standard input
  // The folder of the package the file belongs to: the nearest folder (inside
  // the folder named on the command line) that holds a kustomization or a
  // Kptfile; else, when the folder named holds only folders (render's
  // <out>/<site>/ layout), the folder of the first level. Objects are only
  // duplicates of each other within one package, so that a folder of site
  // trees is one run. Empty for the common package (files named, stdin).
  std::string package;
  std::string problem; // why the path cannot be read (missing, not a file or folder)
};

// Expands the command line's paths, in order; each folder's files sorted by path.
std::vector<InputFile> list_validation_inputs(const std::vector<std::string>& paths);

// The .yaml/.yml/.json files under folder, recursively, sorted; hidden files
// and folders (.git) are left out.
std::vector<std::string> schema_files_in(const std::string& folder);

// kustomization.yaml, kustomization.yml or Kustomization.
bool is_kustomization_file_name(const std::string& path);

} // namespace intentctl
