#include "validate/sources.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace intentctl {

namespace fs = std::filesystem;

namespace {

// File names are looked at as strings: std::filesystem's path objects cost
// more than the rest of the listing when there are thousands of files.
std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_hidden(std::string_view name) { return name.size() > 1 && name.front() == '.' && name != ".."; }

bool has_resource_extension(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json");
}

// Folder by folder, names sorted within each: the order std::filesystem's
// path comparison gives, without sorting thousands of long paths. Symbolic
// links to folders are not followed (no loops), as recursive iteration does.
void walk_into(const std::string& folder, bool kustomizations_too, std::vector<std::string>& files) {
  std::vector<std::pair<std::string, bool>> entries; // name, is a folder
  std::error_code error;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::string name(file_name(it->path().native()));
    if (is_hidden(name)) continue;
    if (it->is_directory(error) && !it->is_symlink(error)) entries.emplace_back(std::move(name), true);
    else if (it->is_regular_file(error) &&
             (has_resource_extension(name) || (kustomizations_too && name == "Kustomization")))
      entries.emplace_back(std::move(name), false);
  }
  std::sort(entries.begin(), entries.end());
  const std::string prefix = folder == "/" ? folder : folder + "/";
  for (const auto& [name, is_folder] : entries) {
    if (is_folder) walk_into(prefix + name, kustomizations_too, files);
    else files.push_back(prefix + name);
  }
}

std::vector<std::string> walk(const std::string& folder, bool kustomizations_too) {
  std::vector<std::string> files;
  std::string top = folder;
  while (top.size() > 1 && top.back() == '/') top.pop_back();
  walk_into(top, kustomizations_too, files);
  return files;
}

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return {};
  return path.substr(0, slash == 0 ? 1 : slash);
}

bool is_package_root(const std::string& folder) {
  std::error_code error;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization", "Kptfile"})
    if (fs::is_regular_file(fs::path(folder) / name, error)) return true;
  return false;
}

// The nearest package root from the file's folder up to top (inclusive);
// every path found under top starts with top and a '/'.
std::string package_of(const std::string& file, const std::string& top,
                       std::unordered_map<std::string, std::string>& cache) {
  std::string folder = parent_of(file);
  std::vector<std::string> visited;
  std::string package;
  for (;;) {
    if (auto found = cache.find(folder); found != cache.end()) {
      package = found->second;
      break;
    }
    visited.push_back(folder);
    if (is_package_root(folder)) {
      package = folder;
      break;
    }
    if (folder.size() <= top.size()) break;
    folder = parent_of(folder);
  }
  for (auto& seen : visited) cache[std::move(seen)] = package;
  return package;
}

} // namespace

bool is_kustomization_file_name(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::vector<InputFile> list_validation_inputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  // A file named twice (a.yaml a.yaml, or dist and dist/edge1) is read once:
  // its objects are not duplicates of themselves. One name cannot repeat a
  // file, and the check costs a tenth of a large tree's run: it is skipped.
  std::unordered_set<std::string> seen;
  const bool may_repeat = paths.size() > 1;
  auto add = [&](InputFile file) {
    if (!may_repeat || file.path == "-" || seen.insert(fs::path(file.path).lexically_normal().string()).second)
      files.push_back(std::move(file));
  };
  for (const std::string& path : paths) {
    if (path == "-") {
      add({path, {}, {}});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      std::unordered_map<std::string, std::string> packages;
      std::string top = path;
      while (top.size() > 1 && top.back() == '/') top.pop_back();
      const std::vector<std::string> found = walk(top, true);
      // Where the first folder's name starts in the paths found (top/<first>/...).
      const std::size_t first = top == "/" ? 1 : top.size() + 1;
      const bool folder_of_trees = std::none_of(found.begin(), found.end(), [&](const std::string& file) {
        return file.find('/', first) == std::string::npos;
      });
      for (const std::string& file : found) {
        std::string package = package_of(file, top, packages);
        if (package.empty() && folder_of_trees) package = file.substr(0, file.find('/', first));
        add({file, std::move(package), {}});
      }
    } else if (fs::exists(status)) {
      add({path, {}, {}});
    } else {
      std::string problem = error ? error.message() : std::strerror(ENOENT);
      // A missing name without a file's extension is most often render's output folder.
      const std::string extension = fs::path(path).extension().string();
      if (extension != ".yaml" && extension != ".yml" && extension != ".json")
        problem += fmt::format("; to check rendered trees, run 'intentctl render INTENT... -o {}' first", path);
      add({path, {}, std::move(problem)});
    }
  }
  return files;
}

std::vector<std::string> schema_files_in(const std::string& folder) {
  std::vector<std::string> files;
  for (std::string& file : walk(folder, false)) files.push_back(std::move(file));
  return files;
}

} // namespace intentctl
