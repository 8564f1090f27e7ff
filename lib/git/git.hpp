// Thin C++ ownership for the libgit2 handles publish and verify use, and the one place
// where a libgit2 return code becomes an intentctl Error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <git2.h>

#include "core/error.hpp"

namespace intentctl::git {

// git_libgit2_init, once per process; every entry point of lib/git calls it.
// GIT_SSL_CAINFO and GIT_SSL_CAPATH, when set, replace the system's CAs for
// HTTPS remotes, as in git; when they cannot be used, every call throws a
// usage error, so commands call it first on their own thread.
void ensure_initialised();

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* handle) const { Free(handle); }
};

using Repository = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using Remote = std::unique_ptr<git_remote, Deleter<git_remote, git_remote_free>>;
using Reference = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using TreeBuilder = std::unique_ptr<git_treebuilder, Deleter<git_treebuilder, git_treebuilder_free>>;
using Signature = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;
using Diff = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;
using Patch = std::unique_ptr<git_patch, Deleter<git_patch, git_patch_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using Revwalk = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using Odb = std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>>;
using Config = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;

struct Buffer {
  git_buf buf = GIT_BUF_INIT;
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { git_buf_dispose(&buf); }
  std::string_view view() const { return {buf.ptr ? buf.ptr : "", buf.size}; }
};

// libgit2's last error message for this thread ("" when none).
std::string last_error_message();

// An object a repository should hold is not there (libgit2 said "object not
// found"): a damaged cache, which publish then makes again, or a damaged remote.
class MissingObject : public Error {
 public:
  explicit MissingObject(std::string message) : Error(ExitClass::external, std::move(message)) {}
};

// True when libgit2's last error on this thread is a missing object.
bool last_error_is_missing_object();

// Throws an Error of the given class saying "<what>: <libgit2's message>" when
// code is negative (a MissingObject when an object was not found); returns
// code otherwise.
int check(int code, std::string_view what, ExitClass exit_class = ExitClass::external);

std::string oid_hex(const git_oid& oid);
std::string short_hex(const git_oid& oid, std::size_t length = 7);

Tree lookup_tree(git_repository* repo, const git_oid& id);
Commit lookup_commit(git_repository* repo, const git_oid& id);

} // namespace intentctl::git
