// Where a site's files go: a folder under the output directory, replaced as a
// whole, or one YAML stream. Paths are relative ("apps/intent/x.yaml") and are
// checked to stay inside the site's folder.
#pragma once

#include <ostream>
#include <set>
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
  void make_parents(const std::string& path);

  std::string target_;  // <out>/<site>
  std::string staging_; // the new tree until commit
  std::set<std::string> folders_;
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
