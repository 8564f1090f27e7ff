// What publish and rollback may change in a repository: the site's files its
// manifests list (io/manifest.hpp), and nothing else. Everything else in the
// site's folder on the branch (a README, a platform team's file) is kept and
// named; a file of someone else's where intentctl would write is refused
// unless --overwrite says to replace it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "git/git.hpp"
#include "git/tree_edit.hpp"

namespace intentctl {

// The outcome of placing intentctl's files into a branch's tree.
struct OwnedTree {
  git_oid root{};                      // the branch's new root tree
  std::vector<std::string> kept;       // files of others left as they are
  std::vector<std::string> adopted;    // files of others that held exactly intentctl's content
  std::vector<std::string> taken_over; // files of others replaced (--overwrite)
  std::vector<std::string> edited;     // intentctl's files someone changed on the branch since
  // (all of them paths inside the site's folder: "README.md", "platform/thing.yaml")
};

struct SiteFolder {
  std::vector<std::string> path; // the site's folder in the repository ({} for the root)
  std::string site;
  std::string where;      // for messages: "main:clusters/edge1"
  bool overwrite = false; // --overwrite
};

// publish: head_root (null for a new branch) with the site's folder made to
// hold files (the rendered tree, its manifest included) as intentctl's own.
// Files the folder's committed manifest lists and files no longer holds are
// deleted; every other file stays. Throws an input error (exit 2) naming the
// files of others in the way, unless folder.overwrite.
OwnedTree place_site_files(git_repository* repo, const git_tree* head_root, const SiteFolder& folder,
                           const FlatTree& files);

// rollback: head_root with intentctl's files of the site put back as they
// were before commit (its first parent): every path the manifests of the
// commit and of its parent list takes the parent's content, or goes; every
// other file stays as the head has it. Throws like place_site_files when a
// file of others now stands where the parent's intentctl file goes back.
OwnedTree restore_site_files(git_repository* repo, const git_tree* head_root, git_commit* commit,
                             const SiteFolder& folder);

} // namespace intentctl
