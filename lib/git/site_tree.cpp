#include "git/site_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <git2/sys/mempack.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "git/git.hpp"
#include "git/remote_url.hpp"
#include "git/tree_edit.hpp"
#include "io/control_characters.hpp"
#include "io/files.hpp"
#include "io/manifest.hpp"
#include "io/reader.hpp"
#include "krm/labels.hpp"
#include "krm/resource.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

std::string read_whole_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    throw file_error(error, fmt::format("cannot read: {}", std::strerror(error)), file_location(path.string()));
  }
  std::string content;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_size > 0) content.reserve(static_cast<std::size_t>(info.st_size));
  char chunk[65536];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int saved = errno;
      ::close(fd);
      throw file_error(saved, fmt::format("cannot read: {}", std::strerror(saved)), file_location(path.string()));
    }
    if (got == 0) break;
    content.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return content;
}

// render writes no links, and a link in a GitOps repository can make the
// syncing side read what lies outside it (Argo CD refuses such links for the
// same reason): a link is refused, neither followed nor published.
[[noreturn]] void refuse_link(const fs::path& path) {
  std::error_code error;
  const fs::path target = fs::read_symlink(path, error);
  throw input_error(fmt::format("is a symbolic link{}; a rendered tree holds only files and folders, and publish "
                                "neither follows nor publishes links",
                                error ? "" : " to " + target.string()),
                    file_location(path.string()));
}

bool is_yaml(const fs::path& path) {
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

// Reads a site's folder into the object database: the files its manifest
// lists (every file, without a manifest) become blobs; the others are only
// named, never read.
class FolderWriter {
 public:
  FolderWriter(git_repository* repo, const fs::path& root, const Manifest* listed, const TaskProgress& progress)
      : repo_(repo), root_(root), intents_(root / "apps" / "intent"), listed_(listed), progress_(progress) {
    git_odb* odb = nullptr;
    git::check(git_repository_odb(&odb, repo), "cannot open the object database");
    odb_.reset(odb);
  }

  void write_folder(const fs::path& folder, const std::string& rel) {
    std::error_code error;
    fs::directory_iterator entries(folder, error);
    if (error)
      throw file_error(error.value(), fmt::format("cannot list: {}", error.message()), file_location(folder.string()));
    std::vector<fs::path> paths;
    for (const auto& entry : entries) paths.push_back(entry.path());
    for (const auto& path : paths) {
      const std::string name = path.filename().string();
      if (rel.empty() && name == kManifestFile) continue;
      add_entry(path, rel.empty() ? name : rel + "/" + name);
    }
  }

  FlatTree& files() { return files_; }
  std::vector<std::string>& left_out() { return left_out_; }
  std::vector<std::pair<std::string, git_oid>>& intent_files() { return intent_files_; }

 private:
  void add_entry(const fs::path& path, const std::string& rel) {
    throw_if_interrupted(); // reading 20,000 files takes seconds
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0)
      throw file_error(errno, fmt::format("cannot read: {}", std::strerror(errno)), file_location(path.string()));
    if (S_ISDIR(info.st_mode)) {
      write_folder(path, rel);
      return;
    }
    if (listed_ && !listed_->owns(rel) && !holds_listed(rel)) {
      left_out_.push_back(rel);
      return;
    }
    refuse_control_characters(rel, file_location(path.string()), "the file name");
    if (S_ISLNK(info.st_mode)) refuse_link(path);
    if (!S_ISREG(info.st_mode))
      throw input_error("not a file or a folder; a rendered tree holds only those", file_location(path.string()));
    const std::string content = read_whole_file(path);
    git_oid id;
    git::check(git_odb_write(&id, odb_.get(), content.data(), content.size(), GIT_OBJECT_BLOB),
               "cannot store " + path.string());
    files_[rel] = TreeEntry{id, (info.st_mode & 0111) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB};
    progress_.report({"reading files", files_.size(), listed_ ? listed_->files.size() : 0, 0});
    if (path.parent_path() == intents_ && is_yaml(path)) intent_files_.emplace_back(path.string(), id);
  }

  // Whether the manifest lists files under rel: then rel must be a folder
  // (a link there is refused, not passed over).
  bool holds_listed(const std::string& rel) const {
    const std::string folder = rel + "/";
    const auto next = listed_->files.lower_bound(folder);
    return next != listed_->files.end() && next->first.starts_with(folder);
  }

  git_repository* repo_;
  fs::path root_;
  fs::path intents_;
  const Manifest* listed_;
  const TaskProgress& progress_;
  git::Odb odb_;
  FlatTree files_;
  std::vector<std::string> left_out_;
  std::vector<std::pair<std::string, git_oid>> intent_files_;
};

// The manifest render wrote into the folder, if any.
std::optional<Manifest> folder_manifest(const fs::path& folder, const std::string& site) {
  const fs::path path = folder / std::string(kManifestFile);
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return std::nullopt;
  if (S_ISLNK(info.st_mode)) refuse_link(path);
  Manifest manifest = read_manifest(Source{path.string(), read_whole_file(path)});
  if (manifest.site != site)
    throw input_error(fmt::format("is site {}'s manifest, not site {}'s: this folder was rendered for {}",
                                  manifest.site, site, manifest.site),
                      file_location(path.string()));
  return manifest;
}

} // namespace

SiteTree write_site_tree(git_repository* repo, const std::string& folder, const std::string& site,
                         const TaskProgress& progress) {
  struct stat info {};
  if (::lstat(folder.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) refuse_link(folder);
  if (::stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
    throw input_error("no rendered tree here (run 'intentctl render' first, or give the folder that holds one "
                      "folder per site)",
                      file_location(folder));
  const std::optional<Manifest> listed = folder_manifest(folder, site);
  FolderWriter writer(repo, folder, listed ? &*listed : nullptr, progress);
  writer.write_folder(folder, "");
  SiteTree tree;
  tree.files = std::move(writer.files());
  // The manifest publish commits says what the files hold now (a kpt function
  // may have changed them since render; a file removed by hand is no longer
  // there to publish). A folder with no file gets none.
  if (!tree.files.empty()) {
    Manifest manifest{site, {}};
    for (const auto& [path, entry] : tree.files) manifest.files.emplace(path, git::oid_hex(entry.id));
    const std::string text = manifest_text(manifest);
    git_oid blob;
    git::check(git_blob_create_from_buffer(&blob, repo, text.data(), text.size()), "cannot store the manifest");
    tree.files[std::string(kManifestFile)] = TreeEntry{blob, GIT_FILEMODE_BLOB};
  }
  tree.id = build_tree(repo, tree.files);
  tree.left_out = std::move(writer.left_out());
  tree.intent_files = std::move(writer.intent_files());
  return tree;
}

git_oid site_tree_id(const std::string& folder, const std::string& site) {
  git::ensure_initialised();
  // An object database held in memory: hashes what it is given and forgets it.
  git_odb_backend* mempack = nullptr;
  git::check(git_mempack_new(&mempack), "cannot create an in-memory object database");
  git_odb* raw_odb = nullptr;
  git::check(git_odb_new(&raw_odb), "cannot create an object database");
  git::Odb odb(raw_odb);
  git::check(git_odb_add_backend(odb.get(), mempack, 1), "cannot create an object database");
  git_repository* raw_repo = nullptr;
  git::check(git_repository_wrap_odb(&raw_repo, odb.get()), "cannot create an in-memory repository");
  git::Repository repo(raw_repo);
  return write_site_tree(repo.get(), folder, site).id;
}

namespace {

// A label other tools put on ConfigMaps for their intent's id (render writes
// kIntentAnnotation instead).
constexpr const char* kOtherIntentLabel = "intent.nephio.org/id";

// Where a ConfigMap's intent id is written (its annotation, else its labels).
Mark id_mark(const Node& document) {
  const Node* metadata = document.find("metadata");
  for (const char* map : {"annotations", "labels"}) {
    const Node* entries = metadata && metadata->is_object() ? metadata->find(map) : nullptr;
    if (!entries || !entries->is_object()) continue;
    for (const char* key : {kIntentAnnotation, kOtherIntentLabel, kIdLabel})
      if (const Node* value = entries->find(key)) return value->mark;
  }
  return document.mark;
}

// The ids the ConfigMaps of one file give (see collect_intent_ids).
std::vector<std::string> intent_ids_in(const std::string& file) {
  std::istringstream no_stdin;
  const Source source = read_source(file, ReadLimits{}, no_stdin, false);
  std::vector<std::string> ids;
  for (const Node& document : parse_documents(source, ReadLimits{}).documents) {
    if (!document.is_object() || resource_id(document).kind != "ConfigMap") continue;
    const std::string expectation = label(document, kIdLabel);
    if (expectation.empty()) continue;
    std::string intent = annotation(document, kIntentAnnotation); // what render writes
    if (intent.empty()) intent = label(document, kOtherIntentLabel);
    // The id becomes an Intent-Id trailer: a line break in it would forge more.
    refuse_control_characters(intent.empty() ? expectation : intent, location_of(source, id_mark(document)),
                              "the intent id");
    ids.push_back(intent.empty() ? expectation : intent);
  }
  return ids;
}

// memo_file: one line per blob, "<40 hex>\tid\tid...".
std::unordered_map<std::string, std::vector<std::string>> read_memo(const std::string& memo_file) {
  std::unordered_map<std::string, std::vector<std::string>> memo;
  std::ifstream in(memo_file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string blob, id;
    if (!std::getline(fields, blob, '\t') || blob.size() != GIT_OID_HEXSZ) continue;
    auto& ids = memo[blob];
    while (std::getline(fields, id, '\t'))
      if (!id.empty()) ids.push_back(id);
  }
  return memo;
}

bool fits_memo_line(const std::vector<std::string>& ids) {
  return std::none_of(ids.begin(), ids.end(),
                      [](const std::string& id) { return id.find_first_of("\t\n") != std::string::npos; });
}

} // namespace

std::vector<std::string> collect_intent_ids(const std::string& folder) {
  const fs::path intents = fs::path(folder) / "apps" / "intent";
  std::error_code error;
  if (!fs::is_directory(intents, error)) return {};
  std::set<std::string> ids;
  for (const auto& entry : fs::directory_iterator(intents, error))
    if (is_yaml(entry.path()) && entry.is_regular_file())
      for (auto& id : intent_ids_in(entry.path().string())) ids.insert(std::move(id));
  return {ids.begin(), ids.end()};
}

std::vector<std::string> collect_intent_ids(const SiteTree& tree, const std::string& memo_file) {
  auto memo = read_memo(memo_file);
  std::set<std::string> ids;
  std::string kept;
  for (const auto& [file, blob] : tree.intent_files) {
    throw_if_interrupted();
    const std::string key = git::oid_hex(blob);
    auto found = memo.find(key);
    if (found == memo.end()) found = memo.emplace(key, intent_ids_in(file)).first;
    ids.insert(found->second.begin(), found->second.end());
    if (!fits_memo_line(found->second)) continue;
    kept += key;
    for (const auto& id : found->second) kept += '\t' + id;
    kept += '\n';
  }
  // Only a cache: when it cannot be written, the next publish reads the files again.
  try {
    write_file_atomically(memo_file, kept);
  } catch (const Error&) {}
  return {ids.begin(), ids.end()};
}

} // namespace intentctl
