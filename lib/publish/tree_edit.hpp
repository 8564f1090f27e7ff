// Editing trees without a work tree: put a site's tree at its path inside the
// branch's root tree, and describe what changed between two root trees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "publish/git.hpp"

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

struct TreeChange {
  std::string path;
  std::string status; // added | modified | deleted
};

// old_root may be null (empty branch).
std::vector<TreeChange> tree_changes(git_repository* repo, const git_oid* old_root, const git_oid& new_root);
// The same as a unified diff, file by file (git's format, a/ and b/ prefixes).
std::string tree_patch(git_repository* repo, const git_oid* old_root, const git_oid& new_root);

} // namespace intentctl
