// A rendered site folder (<DIR>/<site>/...) as a Git tree: every file becomes a
// blob written straight into the object database, every folder a tree built
// with a treebuilder. No work tree and no index, so comparing the result with
// what the branch holds is comparing two tree ids.
#pragma once

#include <string>
#include <vector>

#include <git2.h>

#include "git/tree_edit.hpp"
#include "io/progress.hpp"

namespace intentctl {

struct SiteTree {
  git_oid id{};   // the folder's tree as publish commits it: its files and a manifest of them
  FlatTree files; // path -> blob, the manifest included; empty for a folder with no file
  // Files of the folder that its manifest does not list: render did not write
  // them, and publish leaves them out (a folder without a manifest has none).
  std::vector<std::string> left_out;
  // The files where render keeps the expectation ConfigMaps (apps/intent/*),
  // with their blob ids, so their intent ids can be remembered by content.
  std::vector<std::pair<std::string, git_oid>> intent_files;
};

// Writes the folder's files into repo's object database (objects already there
// are not written again) and returns its tree. Ownership (io/manifest.hpp):
// a folder render wrote has a .intentctl-manifest, and only the files it lists
// are read and published (a listed file that is gone is not); the manifest
// committed with them is written anew with their blob ids. A folder without one (made by hand, or by an older
// render) is published whole, with a manifest of all its files. A symbolic
// link (the folder itself or a file to publish) or another special file is an
// input error naming it: never followed, never published. progress hears
// "reading files" for each file read, of the files its manifest lists.
SiteTree write_site_tree(git_repository* repo, const std::string& folder, const std::string& site,
                         const TaskProgress& progress = TaskProgress());

// The tree id write_site_tree would give, computed in memory (nothing written
// to disk).
git_oid site_tree_id(const std::string& folder, const std::string& site);

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
