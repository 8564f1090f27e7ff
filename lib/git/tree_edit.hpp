// Editing trees without a work tree: put a site's tree at its path inside the
// branch's root tree, and describe what changed between two root trees.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "git/git.hpp"

namespace intentctl {

// "." -> {}, "sites/edge1/" -> {"sites", "edge1"}.
std::vector<std::string> split_site_path(const std::string& path);

// base (null for an empty branch) with the tree at path replaced by subtree;
// folders left empty disappear. Returns the new root tree id.
git_oid replace_subtree(git_repository* repo, const git_tree* base, const std::vector<std::string>& path,
                        const git_oid& subtree);

// The id of the tree at path inside root, nullopt when there is none.
std::optional<git_oid> subtree_at(git_repository* repo, const git_oid& root, const std::vector<std::string>& path);
// The same, with the empty tree's id when there is none (what Tree-Digest says
// of a commit without the site's folder).
git_oid subtree_or_empty(git_repository* repo, const git_oid& root, const std::vector<std::string>& path);
// "." for the root, else the parts joined by '/'.
std::string path_text(const std::vector<std::string>& path);

// A tree as the files in it: path (from the tree's top) -> id and mode. Git
// keeps no empty folders, so the files say it all.
struct TreeEntry {
  git_oid id{};
  git_filemode_t mode = GIT_FILEMODE_BLOB;
  bool operator==(const TreeEntry& other) const { return git_oid_equal(&id, &other.id) && mode == other.mode; }
};
using FlatTree = std::map<std::string, TreeEntry>;

// Every file (blob, link, submodule) of tree; an empty map for null.
FlatTree flatten(const git_tree* tree);
// The tree holding exactly files (the empty tree for none).
git_oid build_tree(git_repository* repo, const FlatTree& files);

struct TreeChange {
  std::string path;
  std::string status; // added | modified | deleted
};

// old_root may be null (empty branch). Ownership manifests are left out: they
// change with the files they list.
std::vector<TreeChange> tree_changes(git_repository* repo, const git_oid* old_root, const git_oid& new_root);
// The same as a unified diff, file by file (git's format, a/ and b/ prefixes).
std::string tree_patch(git_repository* repo, const git_oid* old_root, const git_oid& new_root);

} // namespace intentctl
