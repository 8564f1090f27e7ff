#include "git/tree_edit.hpp"

#include <fmt/format.h>

#include "io/manifest.hpp"

namespace intentctl {

std::vector<std::string> split_site_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    start = slash + 1;
  }
  return parts;
}

namespace {

// nullopt when the result holds nothing (only the root keeps an empty tree).
std::optional<git_oid> replace_at(git_repository* repo, const git_tree* base, const std::vector<std::string>& path,
                                  std::size_t depth, const std::optional<git_oid>& subtree) {
  if (depth == path.size()) return subtree;
  git_treebuilder* raw = nullptr;
  git::check(git_treebuilder_new(&raw, repo, base), "cannot build a tree");
  git::TreeBuilder builder(raw);
  const std::string& name = path[depth];
  git::Tree child_base;
  if (const git_tree_entry* entry = git_treebuilder_get(builder.get(), name.c_str());
      entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE)
    child_base = git::lookup_tree(repo, *git_tree_entry_id(entry));
  const auto child = replace_at(repo, child_base.get(), path, depth + 1, subtree);
  if (child)
    git::check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &*child, GIT_FILEMODE_TREE),
               "cannot build a tree");
  else if (git_treebuilder_get(builder.get(), name.c_str()))
    git::check(git_treebuilder_remove(builder.get(), name.c_str()), "cannot build a tree");
  if (git_treebuilder_entrycount(builder.get()) == 0 && depth > 0) return std::nullopt;
  git_oid id;
  git::check(git_treebuilder_write(&id, builder.get()), "cannot write a tree");
  return id;
}

bool is_empty_tree(git_repository* repo, const git_oid& id) {
  return git_tree_entrycount(git::lookup_tree(repo, id).get()) == 0;
}

git::Diff diff_trees(git_repository* repo, const git_oid* old_root, const git_oid& new_root) {
  git::Tree old_tree = old_root ? git::lookup_tree(repo, *old_root) : git::Tree();
  git::Tree new_tree = git::lookup_tree(repo, new_root);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  git_diff* raw = nullptr;
  git::check(git_diff_tree_to_tree(&raw, repo, old_tree.get(), new_tree.get(), &options), "cannot compare trees");
  return git::Diff(raw);
}

} // namespace

git_oid replace_subtree(git_repository* repo, const git_tree* base, const std::vector<std::string>& path,
                        const git_oid& subtree) {
  // An empty site folder removes the site's path rather than storing an empty tree in it.
  const std::optional<git_oid> content =
      !path.empty() && is_empty_tree(repo, subtree) ? std::nullopt : std::optional<git_oid>(subtree);
  if (auto root = replace_at(repo, base, path, 0, content)) return *root;
  git_treebuilder* raw = nullptr;
  git::check(git_treebuilder_new(&raw, repo, nullptr), "cannot build a tree");
  git::TreeBuilder empty(raw);
  git_oid id;
  git::check(git_treebuilder_write(&id, empty.get()), "cannot write a tree");
  return id;
}

std::optional<git_oid> subtree_at(git_repository* repo, const git_oid& root, const std::vector<std::string>& path) {
  if (path.empty()) return root;
  git::Tree tree = git::lookup_tree(repo, root);
  std::string joined;
  for (const auto& part : path) joined += (joined.empty() ? "" : "/") + part;
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, tree.get(), joined.c_str()) < 0) return std::nullopt;
  std::optional<git_oid> id;
  if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) id = *git_tree_entry_id(entry);
  git_tree_entry_free(entry);
  return id;
}

git_oid subtree_or_empty(git_repository* repo, const git_oid& root, const std::vector<std::string>& path) {
  if (auto id = subtree_at(repo, root, path)) return *id;
  git_oid empty;
  git::check(git_oid_fromstr(&empty, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"), "cannot name the empty tree");
  return empty;
}

std::string path_text(const std::vector<std::string>& path) {
  std::string joined;
  for (const auto& part : path) joined += (joined.empty() ? "" : "/") + part;
  return joined.empty() ? "." : joined;
}

FlatTree flatten(const git_tree* tree) {
  FlatTree files;
  if (!tree) return files;
  struct Walk {
    static int visit(const char* root, const git_tree_entry* entry, void* payload) {
      if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) return 0;
      auto& out = *static_cast<FlatTree*>(payload);
      out.emplace(std::string(root) + git_tree_entry_name(entry),
                  TreeEntry{*git_tree_entry_id(entry), git_tree_entry_filemode(entry)});
      return 0;
    }
  };
  git::check(git_tree_walk(tree, GIT_TREEWALK_PRE, &Walk::visit, &files), "cannot read a tree");
  return files;
}

namespace {

// The files of [begin, end) that lie under prefix, as one tree.
git_oid build_folder(git_repository* repo, FlatTree::const_iterator begin, FlatTree::const_iterator end,
                     std::size_t prefix) {
  git_treebuilder* raw = nullptr;
  git::check(git_treebuilder_new(&raw, repo, nullptr), "cannot build a tree");
  git::TreeBuilder builder(raw);
  for (auto it = begin; it != end;) {
    const std::string& path = it->first;
    const std::size_t slash = path.find('/', prefix);
    const std::string name = path.substr(prefix, slash == std::string::npos ? std::string::npos : slash - prefix);
    if (slash == std::string::npos) {
      git::check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &it->second.id, it->second.mode),
                 "cannot build a tree at " + path);
      ++it;
      continue;
    }
    // The paths under one folder are neighbours in a sorted map.
    const std::string folder = path.substr(0, slash + 1);
    auto last = it;
    while (last != end && last->first.compare(0, folder.size(), folder) == 0) ++last;
    const git_oid child = build_folder(repo, it, last, slash + 1);
    git::check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &child, GIT_FILEMODE_TREE),
               "cannot build a tree at " + folder);
    it = last;
  }
  git_oid id;
  git::check(git_treebuilder_write(&id, builder.get()), "cannot write a tree");
  return id;
}

} // namespace

git_oid build_tree(git_repository* repo, const FlatTree& files) {
  return build_folder(repo, files.begin(), files.end(), 0);
}

std::vector<TreeChange> tree_changes(git_repository* repo, const git_oid* old_root, const git_oid& new_root) {
  git::Diff diff = diff_trees(repo, old_root, new_root);
  std::vector<TreeChange> changes;
  const std::size_t count = git_diff_num_deltas(diff.get());
  changes.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    // The ownership manifest follows the files; it is bookkeeping, not a change.
    const std::string_view path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
    if (path == kManifestFile || path.ends_with("/" + std::string(kManifestFile))) continue;
    switch (delta->status) {
      case GIT_DELTA_ADDED: changes.push_back({delta->new_file.path, "added"}); break;
      case GIT_DELTA_DELETED: changes.push_back({delta->old_file.path, "deleted"}); break;
      default: changes.push_back({delta->new_file.path, "modified"}); break;
    }
  }
  return changes;
}

std::string tree_patch(git_repository* repo, const git_oid* old_root, const git_oid& new_root) {
  git::Diff diff = diff_trees(repo, old_root, new_root);
  git::Buffer text;
  git::check(git_diff_to_buf(&text.buf, diff.get(), GIT_DIFF_FORMAT_PATCH), "cannot print the diff");
  return std::string(text.view());
}

} // namespace intentctl
