#include "validate/sources.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

namespace intentctl {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name.front() == '.' && name != "..";
}

bool has_resource_extension(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

std::vector<fs::path> walk(const fs::path& folder, bool kustomizations_too) {
  std::vector<fs::path> files;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    if (is_hidden(it->path())) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(error)) continue;
    if (has_resource_extension(it->path()) || (kustomizations_too && it->path().filename() == "Kustomization"))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool is_package_root(const fs::path& folder) {
  std::error_code error;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization", "Kptfile"})
    if (fs::is_regular_file(folder / name, error)) return true;
  return false;
}

// The nearest package root from the file's folder up to top (inclusive).
std::string package_of(const fs::path& file, const fs::path& top, std::map<fs::path, std::string>& cache) {
  fs::path folder = file.parent_path();
  std::vector<fs::path> visited;
  std::string package;
  for (;;) {
    if (auto found = cache.find(folder); found != cache.end()) {
      package = found->second;
      break;
    }
    visited.push_back(folder);
    if (is_package_root(folder)) {
      package = folder.string();
      break;
    }
    if (folder == top || !folder.has_parent_path() || folder.parent_path() == folder) break;
    folder = folder.parent_path();
  }
  for (const auto& seen : visited) cache[seen] = package;
  return package;
}

} // namespace

bool is_kustomization_file_name(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::vector<InputFile> list_validation_inputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({path, {}, {}});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      std::map<fs::path, std::string> packages;
      const fs::path top(path);
      const std::vector<fs::path> found = walk(top, true);
      const bool folder_of_trees =
          std::none_of(found.begin(), found.end(), [&](const fs::path& file) { return file.parent_path() == top; });
      for (const fs::path& file : found) {
        std::string package = package_of(file, top, packages);
        if (package.empty() && folder_of_trees) package = (top / file.lexically_relative(top).begin()->string()).string();
        files.push_back({file.string(), std::move(package), {}});
      }
    } else if (fs::exists(status)) {
      files.push_back({path, {}, {}});
    } else {
      files.push_back({path, {}, error ? error.message() : std::strerror(ENOENT)});
    }
  }
  return files;
}

std::vector<std::string> schema_files_in(const std::string& folder) {
  std::vector<std::string> files;
  for (const fs::path& file : walk(folder, false)) files.push_back(file.string());
  return files;
}

} // namespace intentctl
