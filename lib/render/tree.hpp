// Where a site's files go: a folder under the output directory, whose files
// render wrote are replaced as a whole, or one YAML stream. Paths are relative ("apps/intent/x.yaml") and are
// checked to stay inside the site's folder.
#pragma once

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/manifest.hpp"

namespace intentctl {

class TreeOutput {
 public:
  virtual ~TreeOutput() = default;
  virtual void add(const std::string& path, std::string_view content) = 0;
};

// Writes the tree into a new folder beside <out>/<site> and swaps it into place
// with one rename (RENAME_EXCHANGE), then removes the old tree: a failure at
// any point before commit() leaves the previous tree as it was. Refuses to
// replace a symbolic link or a file at <out>/<site>.
//
// Ownership (io/manifest.hpp): the tree gets a .intentctl-manifest listing
// every file render wrote. Files of the previous tree that its manifest
// lists are render's: replaced, or gone when no longer rendered. Every other
// file there (a Kptfile, a README, a data file) is someone else's: prepare()
// hard-links it into the new tree, so the swap stays one atomic rename and
// an interruption at any point loses nothing. A foreign file where render
// writes is refused (exit 2), unless it already holds exactly render's bytes
// or the tree was opened with overwrite (--overwrite).
//
// A file whose bytes equal the previous tree's file at the same path is
// hard-linked instead of written: re-rendering keeps unchanged files (and
// their times, for make), and removing the old tree then frees no blocks,
// which matters on file systems mounted with online discard, where freeing
// thousands of small files stalls for seconds.
class FolderTree final : public TreeOutput {
 public:
  FolderTree(const std::string& out_dir, const std::string& site, bool overwrite = false);
  ~FolderTree() override; // removes the new folder unless committed
  FolderTree(const FolderTree&) = delete;
  FolderTree& operator=(const FolderTree&) = delete;

  void add(const std::string& path, std::string_view content) override;
  // Writes the manifest and brings the previous tree's foreign files over;
  // throws when one is in the way. Nothing at the target changes. render
  // prepares every site before it commits the first.
  void prepare();
  void commit();
  const std::string& target() const { return target_; }
  // For people: files kept, taken over, or changed by hand since render wrote them.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  // The open folder that holds path (created with its parents when new).
  int folder_of(const std::string& path);
  // The previous tree's open folder that holds path, or -1.
  int previous_folder_of(const std::string& path);
  // Links the previous tree's file when it holds exactly content.
  bool reuse(const std::string& path, int folder, const std::string& name, std::string_view content);
  void write(const std::string& path, std::string_view content);
  // The previous tree's entries below folder (an open descriptor), at rel.
  void carry_folder(int folder, const std::string& rel);
  void carry_entry(int folder, const std::string& name, const std::string& path);
  void keep(int folder, const std::string& name, const std::string& path);
  // After the swap: what appeared in the old tree while rendering moves over.
  bool rescue(int old_folder, int new_folder, const std::string& rel);
  void close_folders();

  std::string target_; // <out>/<site>
  std::string site_;
  std::string staging_; // the new tree until commit
  bool overwrite_ = false;
  std::map<std::string, int> folders_;          // relative to staging_ ("" for itself) -> open descriptor
  std::map<std::string, int> previous_folders_; // the same in the previous tree; -1 when absent
  bool has_previous_ = false;
  Manifest previous_;                     // what the previous tree's manifest lists (nothing without one)
  std::string previous_site_;             // the site that manifest names, "" without one
  Manifest manifest_;                     // what this tree's lists
  std::set<std::string> written_folders_; // every folder holding a file render writes
  std::set<std::string> reused_;          // files linked from the previous tree unchanged
  std::vector<std::string> kept_, taken_over_, in_the_way_, edited_, adopted_;
  std::vector<std::string> notes_;
  std::string compare_buffer_;
  bool prepared_ = false;
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

} // namespace intentctl
