#include "git/git.hpp"

#include <cstdlib>
#include <mutex>

#include <fmt/format.h>

#include "git/transfer_watch.hpp"

namespace intentctl::git {

namespace {

// A Git server with a private CA is trusted the way git trusts it: the CA
// file (or folder) in GIT_SSL_CAINFO (GIT_SSL_CAPATH) instead of the
// system's. "" when that worked or neither is set, else why not.
std::string use_git_ca_variables() {
  const char* file = std::getenv("GIT_SSL_CAINFO");
  const char* folder = std::getenv("GIT_SSL_CAPATH");
  if (file && !*file) file = nullptr;
  if (folder && !*folder) folder = nullptr;
  if (!file && !folder) return {};
  if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, folder) == 0) return {};
  return fmt::format("cannot use {} {} as the CAs to trust for Git over HTTPS: {}",
                     file ? "GIT_SSL_CAINFO" : "GIT_SSL_CAPATH", file ? file : folder, last_error_message());
}

} // namespace

void ensure_initialised() {
  static std::once_flag once;
  static std::string ca_problem;
  std::call_once(once, [] {
    git_libgit2_init();
    // Object lookups from several threads hit one cache each; keep it modest so
    // twenty sites at once do not hold twenty large caches.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(64) << 20);
    install_watched_sockets();
    ca_problem = use_git_ca_variables();
  });
  if (!ca_problem.empty()) throw usage_error(ca_problem);
}

std::string last_error_message() {
  const git_error* error = git_error_last();
  if (!error || !error->message) return {};
  std::string message = error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == '.')) message.pop_back();
  return message;
}

bool last_error_is_missing_object() {
  const git_error* error = git_error_last();
  return error && error->klass == GIT_ERROR_ODB && error->message &&
         std::string_view(error->message).find("not found") != std::string_view::npos;
}

int check(int code, std::string_view what, ExitClass exit_class) {
  if (code >= 0) return code;
  std::string message = last_error_message();
  if (last_error_is_missing_object()) throw MissingObject(fmt::format("{}: {}", what, message));
  throw Error(exit_class, message.empty() ? std::string(what) : fmt::format("{}: {}", what, message));
}

std::string oid_hex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

std::string short_hex(const git_oid& oid, std::size_t length) { return oid_hex(oid).substr(0, length); }

Tree lookup_tree(git_repository* repo, const git_oid& id) {
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &id), "cannot read tree " + oid_hex(id));
  return Tree(tree);
}

Commit lookup_commit(git_repository* repo, const git_oid& id) {
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo, &id), "cannot read commit " + oid_hex(id));
  return Commit(commit);
}

} // namespace intentctl::git
