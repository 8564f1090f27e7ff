// A rendered site folder (<DIR>/<site>/...) as a Git tree: every file becomes a
// blob written straight into the object database, every folder a tree built
// with a treebuilder. No work tree and no index, so comparing the result with
// what the branch holds is comparing two tree ids.
#pragma once

#include <string>
#include <vector>

#include <git2.h>

namespace intentctl {

struct SiteTree {
  git_oid id{};           // the folder's tree
  std::size_t files = 0;  // blobs in it
  // The files where render keeps the expectation ConfigMaps (apps/intent/*),
  // with their blob ids, so their intent ids can be remembered by content.
  std::vector<std::pair<std::string, git_oid>> intent_files;
};

// Writes the folder's files into repo's object database (objects already there
// are not written again) and returns its tree. Folders without files are left
// out, as Git does. A symbolic link (the folder itself or anything in it) or
// another special file is an input error naming it: never followed, never
// published.
SiteTree write_site_tree(git_repository* repo, const std::string& folder);

// The tree id write_site_tree would give, computed in memory (nothing written
// to disk): what verify compares a branch's tree with.
git_oid site_tree_id(const std::string& folder);

// The ids for the commit's Intent-Id trailers: from the ConfigMaps render
// writes in <folder>/apps/intent/*.yaml (label expectation.nephio.org/id), the
// intent's id (annotation expectation.nephio.org/intent-id, or the label
// intent.nephio.org/id) or, when none is recorded, the expectation's id.
// Sorted, no duplicates.
std::vector<std::string> collect_intent_ids(const std::string& folder);

// The same for a tree written by write_site_tree, reading only the files whose
// content memo_file (a cache of blob id -> ids) does not know yet, and then
// rewriting memo_file with the files of this tree. Publishing a change to one
// of 10,000 files then parses one file, not 10,000.
std::vector<std::string> collect_intent_ids(const SiteTree& tree, const std::string& memo_file);

} // namespace intentctl
