// Where a site's files go: a folder under the output directory, replaced as a
// whole, or one YAML stream. Paths are relative ("apps/intent/x.yaml") and are
// checked to stay inside the site's folder.
#pragma once

#include <ostream>
#include <map>
#include <string>
#include <string_view>

namespace intentctl {

class TreeOutput {
 public:
  virtual ~TreeOutput() = default;
  virtual void add(const std::string& path, std::string_view content) = 0;
};

// Writes the tree into a new folder beside <out>/<site> and swaps it into place
// with one rename (RENAME_EXCHANGE), then removes the old tree: a failure at
// any point before commit() leaves the previous tree as it was, and files of
// expectations no longer present are gone after it. Refuses to replace a
// symbolic link or a file at <out>/<site>.
//
// A file whose bytes equal the previous tree's file at the same path is
// hard-linked instead of written: re-rendering keeps unchanged files (and
// their times, for make), and removing the old tree then frees no blocks,
// which matters on file systems mounted with online discard, where freeing
// thousands of small files stalls for seconds.
class FolderTree final : public TreeOutput {
 public:
  FolderTree(const std::string& out_dir, const std::string& site);
  ~FolderTree() override; // removes the new folder unless committed
  FolderTree(const FolderTree&) = delete;
  FolderTree& operator=(const FolderTree&) = delete;

  void add(const std::string& path, std::string_view content) override;
  void commit();
  const std::string& target() const { return target_; }

 private:
  // The open folder that holds path (created with its parents when new).
  int folder_of(const std::string& path);
  // The previous tree's open folder that holds path, or -1.
  int previous_folder_of(const std::string& path);
  // Links the previous tree's file when it holds exactly content.
  bool reuse(const std::string& path, int folder, const std::string& name, std::string_view content);
  void close_folders();

  std::string target_;  // <out>/<site>
  std::string staging_; // the new tree until commit
  std::map<std::string, int> folders_;          // relative to staging_ ("" for itself) -> open descriptor
  std::map<std::string, int> previous_folders_; // the same in the previous tree; -1 when absent
  bool has_previous_ = false;
  std::string compare_buffer_;
  bool committed_ = false;
};

// The files as one multi-document YAML stream, each file's documents after a
// "# <site>/<path>" comment; written to out in large pieces (call flush() at
// the end).
class StreamTree final : public TreeOutput {
 public:
  StreamTree(std::ostream& out, std::string site) : out_(out), site_(std::move(site)) {}
  void add(const std::string& path, std::string_view content) override;
  void flush();

 private:
  std::ostream& out_;
  std::string site_;
  std::string buffer_;
};

// Whether a relative path stays inside its folder: no absolute path, no empty,
// "." or ".." component.
bool is_contained_path(std::string_view path);

} // namespace intentctl
