#include <doctest/doctest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "git/credentials.hpp"
#include "git/git.hpp"
#include "git/local_push.hpp"
#include "git/remote_url.hpp"
#include "git/transfer_watch.hpp"

using namespace intentctl;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "intentctl-transport-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~Scratch() { fs::remove_all(path); }
};

git::Repository init_bare(const fs::path& path) {
  git_repository* raw = nullptr;
  REQUIRE(git_repository_init(&raw, path.c_str(), 1) == 0);
  return git::Repository(raw);
}

// A commit of an empty tree, with the given parent and message.
git_oid make_commit(git_repository* repo, const git_oid* parent, const char* message) {
  git_treebuilder* raw_builder = nullptr;
  REQUIRE(git_treebuilder_new(&raw_builder, repo, nullptr) == 0);
  git::TreeBuilder builder(raw_builder);
  git_oid tree_id;
  REQUIRE(git_treebuilder_write(&tree_id, builder.get()) == 0);
  git::Tree tree = git::lookup_tree(repo, tree_id);
  git_signature* raw_signature = nullptr;
  REQUIRE(git_signature_new(&raw_signature, "t", "t@example.net", 1700000000, 0) == 0);
  git::Signature signature(raw_signature);
  git::Commit parent_commit = parent ? git::lookup_commit(repo, *parent) : git::Commit();
  const git_commit* parents[] = {parent_commit.get()};
  git_oid id;
  REQUIRE(git_commit_create(&id, repo, nullptr, signature.get(), signature.get(), nullptr, message, tree.get(),
                            parent ? 1 : 0, parent ? parents : nullptr) == 0);
  return id;
}

// The remote's main is id.
bool holds(git_repository* repo, const git_oid& id) {
  git_oid found;
  return git_reference_name_to_id(&found, repo, "refs/heads/main") == 0 && git_oid_equal(&found, &id);
}

} // namespace

TEST_CASE("local_folder: the folder of a path or file:// remote, as git reads the URL") {
  CHECK(local_folder(parse_remote_url("/srv/a.git", "/home")) == "/srv/a.git");
  CHECK(local_folder(parse_remote_url("remotes/a.git", "/home")) == "/home/remotes/a.git");
  CHECK(local_folder(parse_remote_url("file:///srv/a%20b.git", "/home")) == "/srv/a b.git");
  CHECK(local_folder(parse_remote_url("file://localhost/srv/a.git", "/home")) == "/srv/a.git");
  CHECK(local_folder(parse_remote_url("https://git.example.net/a.git", "/home")).empty());
  CHECK(local_folder(parse_remote_url("git@git.example.net:a.git", "/home")).empty());
}

TEST_CASE("file_error: the machine's failures exit 3, the user's 2") {
  for (const int cause : {ENOSPC, EDQUOT, EFBIG, EMFILE, ENFILE, ENOMEM, EIO})
    CHECK(file_error(cause, "x").exit_class() == ExitClass::external);
  for (const int cause : {ENOENT, EACCES, ENOTDIR, EISDIR, EROFS, EEXIST})
    CHECK(file_error(cause, "x").exit_class() == ExitClass::usage);
}

TEST_CASE("a transfer watch stops at the deadline and on cancellation, and keeps its first reason") {
  std::atomic<bool> cancelled{false};
  TransferWatch open(Clock::now() + std::chrono::hours(1), &cancelled);
  CHECK(open.check() == StopReason::none);
  cancelled = true;
  CHECK(open.check() == StopReason::interrupted);
  TransferWatch late(Clock::now() - std::chrono::seconds(1), nullptr);
  CHECK(late.check() == StopReason::timed_out);
  CHECK(late.reason() == StopReason::timed_out);
  CHECK(stop_error(StopReason::timed_out).exit_class() == ExitClass::timeout);
  CHECK(stop_error(StopReason::stalled).exit_class() == ExitClass::timeout);
  CHECK(stop_error(StopReason::interrupted).exit_class() == ExitClass::interrupted);
}

TEST_CASE("a server that accepts and never answers is given up on once nothing moves for the stall limit") {
  git::ensure_initialised();
  // The kernel completes the connection on a listening socket nobody accepts
  // from: the client connects, sends its request and never hears back.
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 4) == 0);
  socklen_t size = sizeof address;
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/git/a.git";

  git_remote* raw = nullptr;
  REQUIRE(git_remote_create_detached(&raw, url.c_str()) == 0);
  git::Remote remote(raw);
  const auto started = Clock::now();
  int result = 0;
  StopReason reason = StopReason::none;
  {
    TransferWatch watch(Clock::now() + std::chrono::minutes(5), nullptr, std::chrono::milliseconds(300));
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    result = git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr);
    reason = watch.reason();
  }
  const auto took = Clock::now() - started;
  ::close(listener);
  CHECK(result < 0);
  CHECK(reason == StopReason::stalled);
  CHECK(git::last_error_message().find("sent nothing") != std::string::npos);
  CHECK(took < std::chrono::seconds(20)); // 0.3 s and a tick; the bound only says it did not hang
}

TEST_CASE("a local push moves the branch only from the commit it was built on") {
  git::ensure_initialised();
  Scratch scratch;
  git::Repository cache = init_bare(scratch.path / "cache.git");
  git::Repository remote = init_bare(scratch.path / "remote.git");
  const git_oid first = make_commit(cache.get(), nullptr, "first\n");
  const git_oid second = make_commit(cache.get(), &first, "second\n");
  const git_oid other = make_commit(cache.get(), nullptr, "someone else's\n");
  CredentialSettings credentials;
  TransferContext context(credentials, Clock::now() + std::chrono::minutes(1), nullptr);
  const auto push = [&](const git_oid& commit, std::optional<git_oid> expected) {
    return push_to_local_repository(LocalPush{cache.get(), (scratch.path / "remote.git").string(), "refs/heads/main",
                                              commit, expected},
                                    context);
  };

  // A new branch: only while there is none.
  CHECK(push(first, std::nullopt) == LocalPushResult::pushed);
  CHECK(holds(remote.get(), first));
  CHECK(push(second, std::nullopt) == LocalPushResult::remote_moved);
  // From a commit the branch does not hold: refused, the branch stays.
  CHECK(push(second, other) == LocalPushResult::remote_moved);
  CHECK(holds(remote.get(), first));
  // From the commit it holds.
  CHECK(push(second, first) == LocalPushResult::pushed);
  CHECK(holds(remote.get(), second));
  // The objects arrived, and no incoming folder stays behind.
  git::Commit arrived = git::lookup_commit(remote.get(), second);
  CHECK(git_commit_parentcount(arrived.get()) == 1);
  for (const auto& entry : fs::directory_iterator(scratch.path / "remote.git" / "objects"))
    CHECK(entry.path().filename().string().rfind("intentctl-incoming-", 0) != 0);
}

TEST_CASE("stale temporaries of a local remote go; a live run's stay") {
  Scratch scratch;
  init_bare(scratch.path / "remote.git");
  const fs::path objects = scratch.path / "remote.git" / "objects";
  const auto touch = [](const fs::path& path) { std::ofstream(path) << "x"; };
  fs::create_directories(objects / "intentctl-incoming-dead01");
  touch(objects / "intentctl-incoming-dead01" / "owner");
  touch(objects / "intentctl-incoming-dead01" / "pack_git2_abc");
  fs::create_directories(objects / "intentctl-incoming-live01");
  touch(objects / "intentctl-incoming-live01" / "owner");
  const int held = ::open((objects / "intentctl-incoming-live01" / "owner").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0); // a live run holds its folder (another open file: flock excludes it)
  touch(objects / "pack" / "pack_git2_old");
  fs::last_write_time(objects / "pack" / "pack_git2_old", fs::file_time_type::clock::now() - std::chrono::hours(2));
  touch(objects / "pack" / "pack_git2_new");

  remove_stale_remote_temporaries((scratch.path / "remote.git").string());
  CHECK_FALSE(fs::exists(objects / "intentctl-incoming-dead01"));
  CHECK(fs::exists(objects / "intentctl-incoming-live01" / "owner"));
  CHECK_FALSE(fs::exists(objects / "pack" / "pack_git2_old"));
  CHECK(fs::exists(objects / "pack" / "pack_git2_new"));
  ::close(held);
  remove_stale_remote_temporaries((scratch.path / "remote.git").string());
  CHECK_FALSE(fs::exists(objects / "intentctl-incoming-live01"));
}
