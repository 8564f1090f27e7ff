#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "git/credentials.hpp"
#include "git/git.hpp"
#include "git/history.hpp"
#include "git/ownership.hpp"
#include "git/remote_url.hpp"
#include "git/site_tree.hpp"
#include "git/tree_edit.hpp"
#include "io/manifest.hpp"
#include "util/sha1.hpp"

using namespace intentctl;
namespace fs = std::filesystem;

namespace {

bool same_id(const std::optional<git_oid>& a, const git_oid& b) { return a && git_oid_equal(&*a, &b); }

// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "intentctl-publish-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~Scratch() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << content;
  }
};

// A bare repository in a scratch folder.
struct ScratchRepo {
  Scratch scratch;
  git::Repository repo;
  ScratchRepo() {
    git::ensure_initialised();
    git_repository* raw = nullptr;
    REQUIRE(git_repository_init(&raw, (scratch.path / "repo.git").c_str(), 1) == 0);
    repo.reset(raw);
  }
};

std::vector<std::string> entry_names(git_repository* repo, const git_oid& tree_id) {
  git::Tree tree = git::lookup_tree(repo, tree_id);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < git_tree_entrycount(tree.get()); ++i)
    names.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tree.get(), i)));
  return names;
}

git_oid commit_with(git_repository* repo, const git_oid& tree_id, const git_commit* parent,
                    const std::string& message) {
  git_signature* raw = nullptr;
  REQUIRE(git_signature_new(&raw, "t", "t@example.net", 1700000000, 0) == 0);
  git::Signature signature(raw);
  git::Tree tree = git::lookup_tree(repo, tree_id);
  const git_commit* parents[] = {parent};
  git_oid id;
  REQUIRE(git_commit_create(&id, repo, nullptr, signature.get(), signature.get(), nullptr, message.c_str(), tree.get(),
                            parent ? 1 : 0, parent ? parents : nullptr) == 0);
  return id;
}

// A tree of the given files (path -> content), written into repo.
git_oid tree_of(git_repository* repo, const std::map<std::string, std::string>& files) {
  FlatTree flat;
  for (const auto& [path, content] : files) {
    git_oid blob;
    REQUIRE(git_blob_create_from_buffer(&blob, repo, content.data(), content.size()) == 0);
    flat[path] = TreeEntry{blob, GIT_FILEMODE_BLOB};
  }
  return build_tree(repo, flat);
}

} // namespace

TEST_CASE("remote URLs: credentials leave the URL, messages show ***") {
  const RemoteUrl https = parse_remote_url("https://alice:p%40ss@git.example.net/admin1/edge1-config.git", "/work");
  CHECK(https.kind == RemoteKind::http);
  CHECK(https.url == "https://git.example.net/admin1/edge1-config.git");
  CHECK(https.display == "https://***@git.example.net/admin1/edge1-config.git");
  CHECK(https.username == "alice");
  CHECK(https.password == "p@ss");

  const RemoteUrl token_only = parse_remote_url("https://ghp_token123@git.example.net/r.git", "/work");
  CHECK(token_only.url == "https://git.example.net/r.git");
  CHECK(token_only.display == "https://***@git.example.net/r.git");

  const RemoteUrl plain = parse_remote_url("http://127.0.0.1:8080/git/r.git", "/work");
  CHECK(plain.url == "http://127.0.0.1:8080/git/r.git");
  CHECK(plain.display == plain.url);

  const RemoteUrl scp = parse_remote_url("git@git.example.net:admin1/edge1.git", "/work");
  CHECK(scp.kind == RemoteKind::ssh);
  CHECK(scp.url == "git@git.example.net:admin1/edge1.git");
  CHECK(scp.username == "git");

  const RemoteUrl ssh = parse_remote_url("ssh://git@git.example.net:2222/edge1.git", "/work");
  CHECK(ssh.kind == RemoteKind::ssh);
  CHECK(ssh.url == "ssh://git@git.example.net:2222/edge1.git");

  const RemoteUrl local = parse_remote_url(".intentctl/remotes/edge1-config.git", "/work/project");
  CHECK(local.kind == RemoteKind::local);
  CHECK(local.url == "/work/project/.intentctl/remotes/edge1-config.git");
  CHECK(local.display == ".intentctl/remotes/edge1-config.git");

  CHECK(parse_remote_url("file:///srv/git/edge1.git", "/w").kind == RemoteKind::file);
  CHECK(parse_remote_url("/srv/git/edge1.git", "/w").url == "/srv/git/edge1.git");
}

TEST_CASE("redact hides userinfo in URLs and listed secrets, keeps ssh user names") {
  CHECK(redact("fetch https://bob:hunter22@h/x.git failed") == "fetch https://***@h/x.git failed");
  CHECK(redact("'http://tok3n@h:80/x' and https://h/y") == "'http://***@h:80/x' and https://h/y");
  CHECK(redact("ssh://git@h/x.git") == "ssh://git@h/x.git");
  CHECK(redact("ssh://git:pw@h/x.git") == "ssh://git:***@h/x.git");
  CHECK(redact("token s3cret in a message; s3cret again", {"s3cret"}) == "token *** in a message; *** again");
  CHECK(redact("short ab stays", {"ab"}) == "short ab stays");
  CHECK(redact("no url here") == "no url here");
  // An unencoded '@' in a password, a diff line, a YAML value.
  CHECK(redact("https://u:p@ss@h/x.git") == "https://***@h/x.git");
  CHECK(
      redact("-    repo: http://bob:url-Pa55%40w0rd@127.0.0.1:8080/e.git\n+    repo: http://127.0.0.1:8080/e.git\n") ==
      "-    repo: http://***@127.0.0.1:8080/e.git\n+    repo: http://127.0.0.1:8080/e.git\n");
  CHECK(redact("repo: \"https://t0k@h\"") == "repo: \"https://***@h\"");
}

TEST_CASE("without_credentials: what a RootSync's repo may hold") {
  CHECK(without_credentials("https://alice:p%40ss@git.example.net/a/e.git") == "https://git.example.net/a/e.git");
  CHECK(without_credentials("https://tok3n@git.example.net/a/e.git") == "https://git.example.net/a/e.git");
  CHECK(without_credentials("https://u:p@ss@h/x.git") == "https://h/x.git");
  CHECK(without_credentials("ssh://git:pw@h/x.git") == "ssh://git@h/x.git");
  CHECK(without_credentials("ssh://git@h/x.git") == "ssh://git@h/x.git");
  CHECK(without_credentials("git@h:x.git") == "git@h:x.git");
  CHECK(without_credentials("https://h/x@y.git") == "https://h/x@y.git");
  CHECK(without_credentials(".intentctl/remotes/e.git") == ".intentctl/remotes/e.git");
  CHECK(is_ssh_url("git@h:x.git"));
  CHECK(is_ssh_url("git+ssh://h/x.git"));
  CHECK_FALSE(is_ssh_url("https://h/x.git"));
  CHECK_FALSE(is_ssh_url("./a:b"));
}

TEST_CASE("credentials: the site's variables, then the URL, then INTENTCTL_GIT_*") {
  Site site;
  site.name = "edge1";
  site.auth.username_env = "PUBLISH_TEST_USER";
  site.auth.token_env = "PUBLISH_TEST_TOKEN";
  const RemoteUrl remote = parse_remote_url("https://carol:url-secret@h/r.git", "/");
  ::setenv("INTENTCTL_GIT_TOKEN", "global-secret", 1);
  ::setenv("INTENTCTL_GIT_USERNAME", "dave", 1);
  ::unsetenv("PUBLISH_TEST_TOKEN");
  ::unsetenv("PUBLISH_TEST_USER");
  CredentialSettings settings = resolve_credentials(site, remote, "");
  CHECK(settings.secret == "url-secret");
  CHECK(settings.username == "carol");
  CHECK(settings.hint == "set PUBLISH_TEST_TOKEN (the site's tokenEnv) or INTENTCTL_GIT_TOKEN");

  ::setenv("PUBLISH_TEST_TOKEN", "site-secret", 1);
  ::setenv("PUBLISH_TEST_USER", "erin", 1);
  settings = resolve_credentials(site, remote, "");
  CHECK(settings.secret == "site-secret");
  CHECK(settings.secret_origin == "PUBLISH_TEST_TOKEN");
  CHECK(settings.username == "erin");
  // Every candidate is redacted, not only the one used.
  CHECK(redact("site-secret url-secret global-secret", settings.secrets) == "*** *** ***");

  Site plain;
  plain.name = "edge2";
  settings = resolve_credentials(plain, parse_remote_url("https://h/r.git", "/"), "");
  CHECK(settings.secret == "global-secret");
  CHECK(settings.username == "dave");
  CHECK(settings.hint == "set INTENTCTL_GIT_TOKEN or the site's tokenEnv");
  ::unsetenv("INTENTCTL_GIT_TOKEN");
  ::unsetenv("INTENTCTL_GIT_USERNAME");
  ::unsetenv("PUBLISH_TEST_TOKEN");
  ::unsetenv("PUBLISH_TEST_USER");
  settings = resolve_credentials(plain, parse_remote_url("https://h/r.git", "/"), "");
  CHECK(settings.secret.empty());
  CHECK(settings.username == "git");
}

TEST_CASE("a site folder hashes to the tree id git gives it, with its manifest") {
  Scratch folder;
  folder.write("a", "hello\n");
  folder.write("sub/b.yaml", "x: 1\n");
  fs::permissions(folder.path / "sub/b.yaml", fs::perms::owner_exec, fs::perm_options::add);
  fs::create_directories(folder.path / "empty/inside"); // Git keeps no empty folders

  // Without a manifest (a folder made by hand): every file, and a manifest of them.
  ScratchRepo scratch;
  const SiteTree whole = write_site_tree(scratch.repo.get(), folder.path.string(), "edge1");
  CHECK(whole.files.size() == 3);
  CHECK(whole.files.contains(".intentctl-manifest"));
  CHECK(whole.files.at("sub/b.yaml").mode == GIT_FILEMODE_BLOB_EXECUTABLE);
  CHECK(whole.left_out.empty());

  // The manifest render would have written: the same tree, and the one git
  // gives the folder (`git add . && git write-tree`).
  Manifest manifest{"edge1", {{"a", git_blob_id("hello\n")}, {"sub/b.yaml", git_blob_id("x: 1\n")}}};
  folder.write(".intentctl-manifest", manifest_text(manifest));
  CHECK(git::oid_hex(site_tree_id(folder.path.string(), "edge1")) == "45fed5e0a41a5f47a13840e2501393b7b2271446");
  const SiteTree listed = write_site_tree(scratch.repo.get(), folder.path.string(), "edge1");
  CHECK(git_oid_equal(&listed.id, &whole.id));

  // A file the manifest does not list is left out (and not even read); a
  // listed file that is gone is not published; another site's manifest is refused.
  folder.write("Kptfile", "mine\n");
  fs::permissions(folder.path / "Kptfile", fs::perms::none);
  const SiteTree with_foreign = write_site_tree(scratch.repo.get(), folder.path.string(), "edge1");
  CHECK(git_oid_equal(&with_foreign.id, &whole.id));
  CHECK(with_foreign.left_out == std::vector<std::string>{"Kptfile"});
  CHECK_THROWS_AS(write_site_tree(scratch.repo.get(), folder.path.string(), "edge2"), Error);
  fs::remove(folder.path / "a");
  const SiteTree fewer = write_site_tree(scratch.repo.get(), folder.path.string(), "edge1");
  CHECK_FALSE(fewer.files.contains("a"));
  CHECK(fewer.files.size() == 2);

  CHECK_THROWS_AS(write_site_tree(scratch.repo.get(), (folder.path / "missing").string(), "edge1"), Error);
}

TEST_CASE("a symbolic link in a site folder, or as it, is refused by name, never followed or stored") {
  Scratch outside;
  outside.write("secret.yaml", "token: not-for-git\n");
  Scratch folder;
  folder.write("apps/intent/a.yaml", "x: 1\n");
  fs::create_symlink(outside.path / "secret.yaml", folder.path / "apps/intent/b.yaml");
  ScratchRepo scratch;
  const auto refusal = [&](const fs::path& site) {
    try {
      write_site_tree(scratch.repo.get(), site.string(), "edge1");
    } catch (const Error& error) {
      CHECK(error.exit_class() == ExitClass::usage);
      return error.describe();
    }
    FAIL("expected the link to be refused");
    return std::string();
  };
  CHECK(refusal(folder.path) == (folder.path / "apps/intent/b.yaml").string() + ": error: is a symbolic link to " +
                                    (outside.path / "secret.yaml").string() +
                                    "; a rendered tree holds only files and folders, and publish neither follows "
                                    "nor publishes links");
  fs::remove(folder.path / "apps/intent/b.yaml");
  fs::create_directory_symlink(outside.path, folder.path / "apps/extra");
  CHECK(refusal(folder.path).find("apps/extra: error: is a symbolic link to ") != std::string::npos);
  fs::remove(folder.path / "apps/extra");
  Scratch links;
  fs::create_directory_symlink(folder.path, links.path / "edge1");
  CHECK(refusal(links.path / "edge1").find("edge1: error: is a symbolic link to ") != std::string::npos);
  CHECK(write_site_tree(scratch.repo.get(), folder.path.string(), "edge1").files.size() == 2);
}

TEST_CASE("intent ids come from the expectation ConfigMaps") {
  Scratch folder;
  folder.write("apps/intent/a.yaml",
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-a\n  labels:\n"
               "    expectation.nephio.org/id: a\n  annotations:\n    expectation.nephio.org/intent-id: robot-cell\n"
               "---\napiVersion: cn.nephio.org/v1alpha1\nkind: CNBundle\nmetadata:\n  name: cn-bundle-a\n  labels:\n"
               "    expectation.nephio.org/id: bundle-not-counted\n");
  folder.write("apps/intent/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-b\n  labels:\n"
                                     "    expectation.nephio.org/id: b\n    intent.nephio.org/id: robot-cell\n");
  folder.write("apps/intent/c.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-c\n  labels:\n"
                                    "    expectation.nephio.org/id: c-alone\n");
  folder.write("apps/intent/notes.txt", "kind: ConfigMap\n");
  CHECK(collect_intent_ids(folder.path.string()) == std::vector<std::string>{"c-alone", "robot-cell"});

  // Remembered by content: a blob already in the memo is not read again.
  ScratchRepo scratch;
  const SiteTree tree = write_site_tree(scratch.repo.get(), folder.path.string(), "edge1");
  CHECK(tree.intent_files.size() == 3); // notes.txt is not YAML
  const std::string memo = (folder.path / "memo").string();
  CHECK(collect_intent_ids(tree, memo) == std::vector<std::string>{"c-alone", "robot-cell"});
  std::string c_blob;
  for (const auto& [file, blob] : tree.intent_files)
    if (file.ends_with("c.yml")) c_blob = git::oid_hex(blob);
  std::ofstream(memo) << c_blob << "\tfrom-the-memo\n";
  CHECK(collect_intent_ids(tree, memo) == std::vector<std::string>{"from-the-memo", "robot-cell"});
  std::ifstream rewritten(memo);
  const std::string text((std::istreambuf_iterator<char>(rewritten)), std::istreambuf_iterator<char>());
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);

  Scratch bare;
  CHECK(collect_intent_ids(bare.path.string()).empty());

  Scratch broken;
  broken.write("apps/intent/x.yaml", "a: [unclosed\n");
  CHECK_THROWS_AS(collect_intent_ids(broken.path.string()), Error);
}

TEST_CASE("a site tree replaces exactly its path inside the branch's tree") {
  CHECK(split_site_path(".") == std::vector<std::string>{});
  CHECK(split_site_path("") == std::vector<std::string>{});
  CHECK(split_site_path("./sites//edge1/") == std::vector<std::string>{"sites", "edge1"});

  ScratchRepo scratch;
  git_repository* repo = scratch.repo.get();
  const git_oid first_tree = tree_of(repo, {{"x.yaml", "x: 1\n"}});
  const git_oid second_tree = tree_of(repo, {{"y.yaml", "y: 1\n"}});
  const git_oid other_tree = tree_of(repo, {{"README", "other team\n"}});
  const git_oid empty = tree_of(repo, {});

  // Into an empty branch, at a nested path.
  const git_oid root1 = replace_subtree(repo, nullptr, {"sites", "edge1"}, first_tree);
  CHECK(entry_names(repo, root1) == std::vector<std::string>{"sites"});
  CHECK(subtree_at(repo, root1, {"sites", "edge1"}).has_value());
  CHECK(same_id(subtree_at(repo, root1, {"sites", "edge1"}), first_tree));

  // Beside another folder of the repository, which stays as it is.
  git::Tree base1 = git::lookup_tree(repo, root1);
  const git_oid root2 = replace_subtree(repo, base1.get(), {"ops"}, other_tree);
  git::Tree base2 = git::lookup_tree(repo, root2);
  const git_oid root3 = replace_subtree(repo, base2.get(), {"sites", "edge1"}, second_tree);
  CHECK(entry_names(repo, root3) == std::vector<std::string>{"ops", "sites"});
  CHECK(same_id(subtree_at(repo, root3, {"sites", "edge1"}), second_tree));
  CHECK(same_id(subtree_at(repo, root3, {"ops"}), other_tree));

  // The same tree again changes nothing: the ids are equal.
  git::Tree base3 = git::lookup_tree(repo, root3);
  const git_oid again = replace_subtree(repo, base3.get(), {"sites", "edge1"}, second_tree);
  CHECK(git_oid_equal(&again, &root3));

  const auto changes = tree_changes(repo, &root2, root3);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].path == "sites/edge1/x.yaml");
  CHECK(changes[0].status == "deleted");
  CHECK(changes[1].path == "sites/edge1/y.yaml");
  CHECK(changes[1].status == "added");
  const std::string patch = tree_patch(repo, &root2, root3);
  CHECK(patch.find("--- a/sites/edge1/x.yaml") != std::string::npos);
  CHECK(patch.find("+++ b/sites/edge1/y.yaml") != std::string::npos);
  CHECK(patch.find("+y: 1") != std::string::npos);

  // An empty site folder removes the site's path, and folders left empty go too.
  const git_oid removed = replace_subtree(repo, base3.get(), {"sites", "edge1"}, empty);
  CHECK(entry_names(repo, removed) == std::vector<std::string>{"ops"});
  // At the root, the site's tree is the whole tree.
  const git_oid whole = replace_subtree(repo, base3.get(), {}, first_tree);
  CHECK(git_oid_equal(&whole, &first_tree));
}

TEST_CASE("commit messages carry trailers, and rollback finds the last publish") {
  git_oid tree{};
  REQUIRE(git_oid_fromstr(&tree, "d4b87210232084c7cdccdf73176a5b70a6530fdd") == 0);
  const std::string message = publish_message("Publish edge1: 2 files changed", {"i1", "i2"}, "edge1", tree);
  CHECK(message == "Publish edge1: 2 files changed\n\nIntent-Id: i1\nIntent-Id: i2\nIntentctl-Site: edge1\n"
                   "Tree-Digest: git-tree:d4b87210232084c7cdccdf73176a5b70a6530fdd\n");
  const auto trailers = read_trailers(message);
  REQUIRE(trailers);
  CHECK(trailers->intent_ids == std::vector<std::string>{"i1", "i2"});
  CHECK(trailers->site == "edge1");
  CHECK_FALSE(trailers->reverts);
  CHECK(git_oid_equal(&trailers->digest, &tree));

  ScratchRepo scratch;
  git_repository* repo = scratch.repo.get();
  Scratch folder;
  folder.write("a", "1\n");
  const git_oid t = write_site_tree(repo, folder.path.string(), "edge1").id;
  const git_oid c1 = commit_with(repo, t, nullptr, publish_message("one", {}, "edge1", t));
  git::Commit p1 = git::lookup_commit(repo, c1);
  const git_oid c2 = commit_with(repo, t, p1.get(), "a person's commit\n");
  git::Commit p2 = git::lookup_commit(repo, c2);
  const git_oid c3 = commit_with(repo, t, p2.get(), publish_message("two", {}, "edge1", t));
  git::Commit p3 = git::lookup_commit(repo, c3);
  const git_oid c4 = commit_with(repo, t, p3.get(), publish_message("other site", {}, "edge2", t));

  CHECK(same_id(last_publish(repo, c4, "edge1"), c3));
  CHECK(same_id(last_publish(repo, c4, "edge2"), c4));
  CHECK_FALSE(last_publish(repo, c4, "edge3"));

  // After a rollback of c3, the next rollback goes further back, to c1.
  git::Commit p4 = git::lookup_commit(repo, c4);
  const git_oid c5 = commit_with(repo, t, p4.get(), rollback_message("Roll back", "edge1", c3, t));
  CHECK(same_id(last_publish(repo, c5, "edge1"), c1));
  const auto rollback = read_trailers(rollback_message("Roll back", "edge1", c3, t));
  REQUIRE(rollback);
  CHECK(same_id(rollback->reverts, c3));

  // Commits by hand whose messages only look like intentctl's are never
  // taken for a publish of edge2.
  git::Commit p5 = git::lookup_commit(repo, c5);
  const std::string digest = "Tree-Digest: " + tree_digest(t) + "\n";
  git_oid forged = c5;
  git::Commit parent = git::lookup_commit(repo, c5);
  for (const std::string& message : std::vector<std::string>{
           // an intent id with a line break, as the old writer let through
           "Publish edge1\n\nIntent-Id: x\nIntentctl-Site: edge2\nIntentctl-Site: edge1\n" + digest,
           // the trailers in the body, not in the last paragraph
           "Fix\n\nIntentctl-Site: edge2\n" + digest + "\nSigned-off-by: a <a@b>\n",
           // another spelling than intentctl's
           "Fix\n\nintentctl-site: edge2\n" + digest, "Fix\n\nIntentctl-Site:edge2\n" + digest,
           "Fix\n\nIntentctl-Site: edge2 \n" + digest, "Fix\n\nIntentctl-Site:  edge2\n" + digest,
           // no digest, a digest that is no tree id, a line more
           "Fix\n\nIntentctl-Site: edge2\n", "Fix\n\nIntentctl-Site: edge2\nTree-Digest: git-tree:xyz\n",
           "Fix\n\nIntentctl-Site: edge2\n" + digest + "Signed-off-by: a <a@b>\n",
           // a subject only, no blank line before the block
           "Intentctl-Site: edge2\n" + digest, "Fix\nIntentctl-Site: edge2\n" + digest,
           // no final line break, a carriage return
           "Fix\n\nIntentctl-Site: edge2\n" + digest.substr(0, digest.size() - 1),
           "Fix\n\nIntentctl-Site: edge2\r\n" + digest}) {
    CAPTURE(message);
    CHECK_FALSE(read_trailers(message));
    forged = commit_with(repo, t, parent.get(), message);
    parent = git::lookup_commit(repo, forged);
  }
  CHECK(same_id(last_publish(repo, forged, "edge1"), c1));
  CHECK(same_id(last_publish(repo, forged, "edge2"), c4));
}

TEST_CASE("the commit message writer cannot emit a line from a value") {
  git_oid tree{};
  REQUIRE(git_oid_fromstr(&tree, "d4b87210232084c7cdccdf73176a5b70a6530fdd") == 0);
  CHECK_THROWS_AS(publish_message("one\nIntentctl-Site: edge2", {}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("ok", {"x\nIntentctl-Site: edge2"}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("ok", {"x\u0085y"}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("ok", {"x\x7fy"}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("ok", {"x"}, "edge1\r", tree), Error);
  CHECK_THROWS_AS(publish_message("ok", {" x"}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("", {}, "edge1", tree), Error);
  CHECK_THROWS_AS(publish_message("tab\there", {}, "edge1", tree), Error);
  // What it writes, it reads back.
  const auto read = read_trailers(publish_message("ok: fine", {"a", "b-c"}, "edge1", tree));
  REQUIRE(read);
  CHECK(read->intent_ids == std::vector<std::string>{"a", "b-c"});
}

namespace {

// A site's files as publish commits them: content by path, and a manifest of them.
FlatTree site_files(git_repository* repo, const std::string& site, const std::map<std::string, std::string>& files) {
  FlatTree flat;
  Manifest manifest{site, {}};
  std::map<std::string, std::string> all = files;
  for (const auto& [path, content] : files) manifest.files[path] = git_blob_id(content);
  all[".intentctl-manifest"] = manifest_text(manifest);
  for (const auto& [path, content] : all) {
    git_oid blob;
    REQUIRE(git_blob_create_from_buffer(&blob, repo, content.data(), content.size()) == 0);
    flat[path] = TreeEntry{blob, GIT_FILEMODE_BLOB};
  }
  return flat;
}

std::vector<std::string> paths_in(git_repository* repo, const git_oid& root) {
  git::Tree tree = git::lookup_tree(repo, root);
  std::vector<std::string> paths;
  for (const auto& [path, entry] : flatten(tree.get())) paths.push_back(path);
  return paths;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
    return error.message();
  }
  FAIL("expected an error");
  return {};
}

} // namespace

TEST_CASE("publish places intentctl's files beside the files of others, and only replaces its own") {
  ScratchRepo scratch;
  git_repository* repo = scratch.repo.get();
  const git_oid theirs = tree_of(repo, {{"README.md", "ops\n"}, {"platform/thing.yaml", "kind: Thing\n"}});
  git::Tree head = git::lookup_tree(repo, theirs);
  const SiteFolder root{{}, "edge1", "main:.", false};

  // A first publish keeps what is there and names it.
  const FlatTree v1 = site_files(repo, "edge1", {{"a.yaml", "a: 1\n"}, {"apps/b.yaml", "b: 1\n"}});
  const OwnedTree first = place_site_files(repo, head.get(), root, v1);
  CHECK(first.kept == std::vector<std::string>{"README.md", "platform/thing.yaml"});
  CHECK(paths_in(repo, first.root) ==
        std::vector<std::string>{".intentctl-manifest", "README.md", "a.yaml", "apps/b.yaml", "platform/thing.yaml"});

  // The next one deletes intentctl's file it no longer has, nothing else.
  git::Tree after_first = git::lookup_tree(repo, first.root);
  const FlatTree v2 = site_files(repo, "edge1", {{"a.yaml", "a: 2\n"}});
  const OwnedTree second = place_site_files(repo, after_first.get(), root, v2);
  CHECK(paths_in(repo, second.root) ==
        std::vector<std::string>{".intentctl-manifest", "README.md", "a.yaml", "platform/thing.yaml"});

  // Files of others in the way: the same path, a file where a folder goes, a
  // folder where a file goes; --overwrite replaces them. Equal bytes are taken over.
  const FlatTree v3 = site_files(repo, "edge1", {{"README.md", "ops\n"}, {"platform", "x\n"}, {"new/c.yaml", "c\n"}});
  CHECK(error_of([&] { place_site_files(repo, head.get(), root, v3); }) ==
        "a file on main:. that intentctl did not write is where it writes: platform/thing.yaml; move it away in the "
        "repository, or give --overwrite to replace it");
  const OwnedTree forced = place_site_files(repo, head.get(), SiteFolder{{}, "edge1", "main:.", true}, v3);
  CHECK(forced.adopted == std::vector<std::string>{"README.md"});
  CHECK(forced.taken_over == std::vector<std::string>{"platform/thing.yaml"});
  const git_oid blocker = tree_of(repo, {{"new", "a file\n"}});
  git::Tree blocked = git::lookup_tree(repo, blocker);
  CHECK(error_of([&] { place_site_files(repo, blocked.get(), root, v3); }).find("new;") != std::string::npos);

  // Another site's manifest is in the way; a file where the site's folder goes too.
  const FlatTree other = site_files(repo, "edge2", {{"z.yaml", "z\n"}});
  const git_oid other_root = build_tree(repo, other);
  git::Tree other_head = git::lookup_tree(repo, other_root);
  CHECK(error_of([&] { place_site_files(repo, other_head.get(), root, v1); }).find(".intentctl-manifest") !=
        std::string::npos);
  const SiteFolder nested{{"clusters", "edge1"}, "edge1", "main:clusters/edge1", false};
  const git_oid file_root = tree_of(repo, {{"clusters", "not a folder\n"}});
  git::Tree file_head = git::lookup_tree(repo, file_root);
  CHECK(error_of([&] { place_site_files(repo, file_head.get(), nested, v1); }).starts_with("clusters is a file on "));
}

TEST_CASE("rollback puts intentctl's previous files back and leaves the rest as the head has it") {
  ScratchRepo scratch;
  git_repository* repo = scratch.repo.get();
  const SiteFolder root{{}, "edge1", "main:.", false};
  const git_oid theirs = tree_of(repo, {{"README.md", "ops\n"}});
  const git_oid c0 = commit_with(repo, theirs, nullptr, "theirs\n");
  git::Commit p0 = git::lookup_commit(repo, c0);
  git::Tree t0 = git::lookup_tree(repo, theirs);
  const OwnedTree first = place_site_files(repo, t0.get(), root, site_files(repo, "edge1", {{"a.yaml", "a: 1\n"}}));
  const git_oid c1 = commit_with(repo, first.root, p0.get(), publish_message("one", {}, "edge1", first.root));
  git::Commit p1 = git::lookup_commit(repo, c1);
  git::Tree t1 = git::lookup_tree(repo, first.root);
  const OwnedTree second =
      place_site_files(repo, t1.get(), root, site_files(repo, "edge1", {{"a.yaml", "a: 2\n"}, {"b.yaml", "b\n"}}));
  const git_oid c2 = commit_with(repo, second.root, p1.get(), publish_message("two", {}, "edge1", second.root));
  git::Commit p2 = git::lookup_commit(repo, c2);

  // Someone edits the README after both.
  git::Tree t2 = git::lookup_tree(repo, second.root);
  FlatTree edited = flatten(t2.get());
  git_oid readme;
  REQUIRE(git_blob_create_from_buffer(&readme, repo, "ops v2\n", 7) == 0);
  edited["README.md"] = TreeEntry{readme, GIT_FILEMODE_BLOB};
  const git_oid head_root = build_tree(repo, edited);
  git::Tree head = git::lookup_tree(repo, head_root);

  // Rolling back c2: a.yaml back to 1, b.yaml gone, README as the head has it.
  const OwnedTree back = restore_site_files(repo, head.get(), p2.get(), root);
  git::Tree back_tree = git::lookup_tree(repo, back.root);
  const FlatTree files = flatten(back_tree.get());
  CHECK(paths_in(repo, back.root) == std::vector<std::string>{".intentctl-manifest", "README.md", "a.yaml"});
  CHECK(files.at("README.md") == edited.at("README.md"));
  CHECK(files.at("a.yaml") == flatten(t1.get()).at("a.yaml"));
  // Rolling back c1, the first: only the README is left.
  const OwnedTree none = restore_site_files(repo, head.get(), p1.get(), root);
  CHECK(paths_in(repo, none.root) == std::vector<std::string>{"README.md"});
}
