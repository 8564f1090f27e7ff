#include "git/ownership.hpp"

#include <set>

#include <fmt/format.h>

#include "io/manifest.hpp"
#include "util/words.hpp"

namespace intentctl {

namespace {

const std::string kManifest(kManifestFile);

// The site's folder inside root as a tree (null when root has none there).
git::Tree folder_tree(git_repository* repo, const git_tree* root, const std::vector<std::string>& path) {
  if (!root) return git::Tree();
  if (path.empty()) return git::lookup_tree(repo, *git_tree_id(root));
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, root, path_text(path).c_str()) < 0) return git::Tree();
  git::Tree tree;
  if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) tree = git::lookup_tree(repo, *git_tree_entry_id(entry));
  git_tree_entry_free(entry);
  return tree;
}

// The manifest a folder of the branch holds, when it is this site's.
std::optional<Manifest> site_manifest(git_repository* repo, const FlatTree& files, const SiteFolder& folder,
                                      const std::string& where) {
  const auto found = files.find(kManifest);
  if (found == files.end() || found->second.mode != GIT_FILEMODE_BLOB) return std::nullopt;
  git_blob* raw = nullptr;
  git::check(git_blob_lookup(&raw, repo, &found->second.id), "cannot read " + kManifest);
  const std::string text(static_cast<const char*>(git_blob_rawcontent(raw)), git_blob_rawsize(raw));
  git_blob_free(raw);
  Manifest manifest = read_manifest(Source{where + "/" + kManifest, text});
  if (manifest.site != folder.site) return std::nullopt;
  return manifest;
}

std::string repository_path(const SiteFolder& folder) {
  return folder.path.empty() ? std::string() : path_text(folder.path) + "/";
}

bool under_a_file(const std::string& path, const FlatTree& files) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
    if (files.contains(path.substr(0, slash))) return true;
  return false;
}

// The head's files of the site's folder, with intentctl's (owned) replaced by
// wanted; every other file stays unless it is in wanted's way.
class Merge {
 public:
  Merge(const SiteFolder& folder, const FlatTree& wanted) : folder_(folder), wanted_(wanted) {
    for (const auto& [path, entry] : wanted)
      for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        wanted_folders_.insert(path.substr(0, slash));
  }

  // owned: the paths intentctl's files hold on the branch; manifest: what it
  // says they held when intentctl wrote them (to tell a hand edit).
  FlatTree run(const FlatTree& head, const std::set<std::string>& owned, const Manifest* manifest) {
    FlatTree result;
    for (const auto& [path, entry] : head) {
      const auto wanted = wanted_.find(path);
      if (owned.contains(path)) {
        if (manifest && manifest->owns(path) && manifest->files.at(path) != git::oid_hex(entry.id) &&
            !(wanted != wanted_.end() && wanted->second == entry))
          out.edited.push_back(path);
        continue;
      }
      if (wanted != wanted_.end()) {
        if (wanted->second == entry) out.adopted.push_back(path);
        else in_the_way(path);
      } else if (wanted_folders_.contains(path) || under_a_file(path, wanted_)) {
        in_the_way(path);
      } else {
        out.kept.push_back(path);
        result.emplace(path, entry);
      }
    }
    if (!in_the_way_.empty())
      throw input_error(fmt::format("{} on {} that intentctl did not write {} where it writes: {}; move {} away in "
                                    "the repository, or give --overwrite to replace {}",
                                    in_the_way_.size() == 1 ? "a file" : fmt::format("{} files", in_the_way_.size()),
                                    folder_.where, in_the_way_.size() == 1 ? "is" : "are", some_of(in_the_way_),
                                    in_the_way_.size() == 1 ? "it" : "them", in_the_way_.size() == 1 ? "it" : "them"));
    result.insert(wanted_.begin(), wanted_.end());
    return result;
  }

  // A file of someone else's where the site's folder goes.
  void folder_in_the_way(const std::string& path) { in_the_way(path); }

  OwnedTree out;

 private:
  void in_the_way(const std::string& path) {
    if (folder_.overwrite) out.taken_over.push_back(path);
    else in_the_way_.push_back(repository_path(folder_) + path);
  }

  const SiteFolder& folder_;
  const FlatTree& wanted_;
  std::set<std::string> wanted_folders_;
  std::vector<std::string> in_the_way_;
};

std::set<std::string> paths_of(const Manifest& manifest) {
  std::set<std::string> paths{kManifest};
  for (const auto& [path, blob] : manifest.files) paths.insert(path);
  return paths;
}

// The root with the site's folder replaced by files, through a file of
// someone else's where a parent folder goes only with --overwrite.
OwnedTree place(git_repository* repo, const git_tree* head_root, const SiteFolder& folder, Merge& merge,
                const FlatTree& files) {
  for (std::size_t depth = 1; depth <= folder.path.size() && head_root; ++depth) {
    const std::vector<std::string> prefix(folder.path.begin(), folder.path.begin() + static_cast<long>(depth));
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, head_root, path_text(prefix).c_str()) < 0) break;
    const bool blocked = git_tree_entry_type(entry) != GIT_OBJECT_TREE;
    git_tree_entry_free(entry);
    if (blocked) {
      if (!folder.overwrite)
        throw input_error(fmt::format("{} is a file on {} that intentctl did not write, where the site's folder "
                                      "goes; move it away in the repository, or give --overwrite to replace it",
                                      path_text(prefix), folder.where));
      merge.out.taken_over.push_back(path_text(prefix));
      break;
    }
  }
  merge.out.root = replace_subtree(repo, head_root, folder.path, build_tree(repo, files));
  return merge.out;
}

} // namespace

OwnedTree place_site_files(git_repository* repo, const git_tree* head_root, const SiteFolder& folder,
                           const FlatTree& files) {
  git::Tree current = folder_tree(repo, head_root, folder.path);
  const FlatTree head = flatten(current.get());
  const std::optional<Manifest> manifest = site_manifest(repo, head, folder, folder.where);
  Merge merge(folder, files);
  const FlatTree result =
      merge.run(head, manifest ? paths_of(*manifest) : std::set<std::string>{}, manifest ? &*manifest : nullptr);
  return place(repo, head_root, folder, merge, result);
}

OwnedTree restore_site_files(git_repository* repo, const git_tree* head_root, git_commit* commit,
                             const SiteFolder& folder) {
  git::Tree commit_root = git::lookup_tree(repo, *git_commit_tree_id(commit));
  git::Commit parent;
  if (git_commit_parentcount(commit) > 0) parent = git::lookup_commit(repo, *git_commit_parent_id(commit, 0));
  git::Tree before_root = parent ? git::lookup_tree(repo, *git_commit_tree_id(parent.get())) : git::Tree();
  git::Tree at_commit = folder_tree(repo, commit_root.get(), folder.path);
  git::Tree before = folder_tree(repo, before_root.get(), folder.path);
  const FlatTree commit_files = flatten(at_commit.get()), before_files = flatten(before.get());
  const std::string short_id = git::short_hex(*git_commit_id(commit));
  const std::optional<Manifest> written =
      site_manifest(repo, commit_files, folder, short_id + ":" + path_text(folder.path));
  const std::optional<Manifest> previous =
      site_manifest(repo, before_files, folder, short_id + "^:" + path_text(folder.path));
  // A commit of an intentctl without manifests replaced the whole folder: all of it was intentctl's.
  std::set<std::string> owned;
  if (written) owned = paths_of(*written);
  else
    for (const auto& [path, entry] : commit_files) owned.insert(path);
  std::set<std::string> restored = owned;
  if (previous) restored.merge(paths_of(*previous));
  else if (!written)
    for (const auto& [path, entry] : before_files) restored.insert(path);
  FlatTree wanted;
  for (const auto& path : restored)
    if (const auto found = before_files.find(path); found != before_files.end()) wanted.emplace(path, found->second);
  // What the head's own manifest lists is intentctl's too (the same as the
  // commit's, unless a later publish was rolled back before).
  git::Tree current = folder_tree(repo, head_root, folder.path);
  const FlatTree head = flatten(current.get());
  const std::optional<Manifest> in_head = site_manifest(repo, head, folder, folder.where);
  if (in_head) owned.merge(paths_of(*in_head));
  Merge merge(folder, wanted);
  const FlatTree result = merge.run(head, owned, in_head ? &*in_head : nullptr);
  return place(repo, head_root, folder, merge, result);
}

} // namespace intentctl
