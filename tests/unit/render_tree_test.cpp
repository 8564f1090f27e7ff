// Site trees on disk: written beside the old tree and swapped in whole, so a
// failure leaves the previous tree as it was and the tree is the whole desired
// state; unchanged files are kept; nothing is written through a symbolic link.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "render/tree.hpp"
#include "render_support.hpp"

using namespace intentctl;
using namespace render_test;
namespace fs = std::filesystem;

namespace {

struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "render-tree-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
};

std::string expectation(const std::string& id, const std::string& latency) {
  return R"({"expectationId": ")" + id + R"(", "expectationObject": {"objectType": "CoreNetwork"},
    "expectationTargets": [{"targetName": "latency", "targetCondition": "<", "targetValueRange": ")" +
         latency + R"("}]})";
}

Run render_into(const fs::path& out, const std::string& input, bool overwrite = false) {
  RenderOptions options;
  options.output_dir = out.string();
  options.overwrite = overwrite;
  return run(options, input);
}

// Every file under root with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[fs::relative(entry.path(), root).string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

ino_t inode(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_ino;
}

} // namespace

TEST_CASE("a site tree holds exactly the current expectations") {
  ScratchDir scratch;
  const fs::path out = scratch.path / "dist";
  Run result = render_into(out, "[" + expectation("a", "1ms") + "," + expectation("b", "2ms") + "]");
  REQUIRE(result.code == ExitClass::ok);
  CHECK(result.err == "rendered 2 expectations for 1 site (edge1) into " + (out / "edge1").string() + ": 6 files\n");
  const auto first = snapshot(out / "edge1");
  CHECK(first.count("apps/intent/a.yaml") == 1);
  CHECK(first.count("apps/intent/b.yaml") == 1);
  CHECK(first.count("kustomization.yaml") == 1);
  CHECK(first.count("crds/bundles.yaml") == 1);
  CHECK(first.count("namespaces/intent-to-krm.yaml") == 1);
  CHECK(first.count("namespaces/edge1.yaml") == 1);
  const ino_t unchanged = inode(out / "edge1/apps/intent/a.yaml");

  result = render_into(out, "[" + expectation("a", "1ms") + "," + expectation("c", "3ms") + "]");
  REQUIRE(result.code == ExitClass::ok);
  const auto second = snapshot(out / "edge1");
  CHECK(second.count("apps/intent/b.yaml") == 0); // gone with its expectation
  CHECK(second.count("apps/intent/c.yaml") == 1);
  CHECK(second.at("apps/intent/a.yaml") == first.at("apps/intent/a.yaml"));
  CHECK(inode(out / "edge1/apps/intent/a.yaml") == unchanged); // kept, not rewritten
  CHECK(second.at("kustomization.yaml").find("apps/intent/b.yaml") == std::string::npos);
  // Nothing but the site's folder is left in the output folder.
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1);
}

TEST_CASE("a failed render leaves the previous tree untouched") {
  ScratchDir scratch;
  const fs::path out = scratch.path / "dist";
  REQUIRE(render_into(out, expectation("a", "1ms")).code == ExitClass::ok);
  const auto before = snapshot(out / "edge1");
  const Run result = render_into(out, "[" + expectation("a", "5ms") + "," + expectation("../../etc", "1ms") + "]");
  CHECK(result.code == ExitClass::usage);
  CHECK(snapshot(out / "edge1") == before);
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1);
  CHECK_FALSE(fs::exists(scratch.path / "etc"));
}

TEST_CASE("a symbolic link where a site's tree goes is refused") {
  ScratchDir scratch;
  const fs::path out = scratch.path / "dist";
  const fs::path elsewhere = scratch.path / "elsewhere";
  fs::create_directories(out);
  fs::create_directories(elsewhere);
  std::ofstream(elsewhere / "keep.txt") << "mine";
  fs::create_directory_symlink(elsewhere, out / "edge1");
  const Run result = render_into(out, expectation("a", "1ms"));
  CHECK(result.code == ExitClass::usage);
  CHECK(result.error.find("is a symbolic link to " + elsewhere.string()) != std::string::npos);
  CHECK(fs::is_symlink(out / "edge1"));
  CHECK(snapshot(elsewhere).size() == 1);
}

TEST_CASE("a symbolic link inside the previous tree is never followed") {
  ScratchDir scratch;
  const fs::path out = scratch.path / "dist";
  REQUIRE(render_into(out, expectation("a", "1ms")).code == ExitClass::ok);
  const fs::path outside = scratch.path / "outside";
  fs::create_directories(outside);
  std::ofstream(outside / "a.yaml") << "not ours";
  fs::remove_all(out / "edge1/apps/intent");
  fs::create_directory_symlink(outside, out / "edge1/apps/intent");
  // Not render's (no manifest lists a link), and where it writes a folder.
  const Run refused = render_into(out, expectation("a", "1ms"));
  CHECK(refused.code == ExitClass::usage);
  CHECK(refused.error.find("is where it writes: apps/intent;") != std::string::npos);
  CHECK(fs::is_symlink(out / "edge1/apps/intent"));
  REQUIRE(render_into(out, expectation("a", "1ms"), true).code == ExitClass::ok);
  CHECK_FALSE(fs::is_symlink(out / "edge1/apps/intent"));
  CHECK(snapshot(outside).at("a.yaml") == "not ours");
  CHECK(inode(out / "edge1/apps/intent/a.yaml") != inode(outside / "a.yaml"));
}

TEST_CASE("paths must stay inside the tree") {
  CHECK(is_contained_path("apps/intent/a.yaml"));
  CHECK(is_contained_path("kustomization.yaml"));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../b", "a//b", "./a", "a/.", "a/"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_contained_path(bad));
  }
  ScratchDir scratch;
  FolderTree tree(scratch.path.string(), "edge1");
  CHECK_THROWS_AS(tree.add("../escape.yaml", "x"), Error);
}

TEST_CASE("a tree that is not committed leaves nothing behind") {
  ScratchDir scratch;
  {
    FolderTree tree(scratch.path.string(), "edge1");
    tree.add("apps/intent/a.yaml", "a: 1\n");
  }
  CHECK(fs::is_empty(scratch.path));
}

TEST_CASE("files render did not write stay, and so does one put there while it ran") {
  ScratchDir scratch;
  const fs::path out = scratch.path / "dist";
  {
    FolderTree tree(out.string(), "edge1");
    tree.add("apps/intent/a.yaml", "a: 1\n");
    tree.commit();
  }
  std::ofstream(out / "edge1/Kptfile") << "mine\n";
  fs::create_directories(out / "edge1/apps/intent/notes");
  std::ofstream(out / "edge1/apps/intent/notes/n.txt") << "notes\n";
  const ino_t kptfile = inode(out / "edge1/Kptfile");
  FolderTree tree(out.string(), "edge1");
  tree.add("apps/intent/b.yaml", "b: 1\n");
  tree.prepare();
  // Beside render, someone writes a file into the tree being replaced.
  std::ofstream(out / "edge1/late.txt") << "late\n";
  tree.commit();
  const auto files = snapshot(out / "edge1");
  CHECK(files.at("Kptfile") == "mine\n");
  CHECK(files.at("apps/intent/notes/n.txt") == "notes\n");
  CHECK(files.at("late.txt") == "late\n");
  CHECK(files.contains("apps/intent/b.yaml"));
  CHECK_FALSE(files.contains("apps/intent/a.yaml")); // render's, no longer rendered
  CHECK(inode(out / "edge1/Kptfile") == kptfile);    // the same file, linked, not copied
  REQUIRE(tree.notes().size() == 1);
  CHECK(tree.notes().front() ==
        (out / "edge1").string() + ": kept 2 files that render did not write: Kptfile, apps/intent/notes/n.txt");
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1); // no staging folder left
}
