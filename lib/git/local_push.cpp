#include "git/local_push.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "git/git.hpp"
#include "git/pack.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIncomingPrefix = "intentctl-incoming-";
constexpr auto kStaleTemporary = std::chrono::hours(1);
// A folder with no owner yet was made by a run killed in the instant between
// mkdtemp and taking the lock; a live run leaves that instant in microseconds.
constexpr auto kOwnerlessFolder = std::chrono::minutes(1);
// git waits 100 ms for a branch's lock (core.filesRefLockTimeout); a publish
// has come a long way by now and waits longer before calling the lock stale.
constexpr auto kBranchLockWait = std::chrono::seconds(3);

Error os_failure(const std::string& what, int error) {
  return file_error(error, fmt::format("{}: {}", what, std::strerror(error)));
}

bool older_than(const fs::path& path, std::chrono::seconds age) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return false;
  const auto modified = std::chrono::system_clock::from_time_t(info.st_mtim.tv_sec);
  return std::chrono::system_clock::now() - modified > age;
}

// A folder of the remote's object store that one run writes its pack into
// before moving the pack in. The run holds a lock (flock) on the folder's
// "owner" file while it lives; the kernel drops it when the run ends however
// it ends, so a later run can tell a folder left by a killed run from a live
// one's. The lock is taken on another name and renamed to "owner", so that an
// "owner" file is never seen unlocked while its run lives.
class IncomingFolder {
 public:
  explicit IncomingFolder(const fs::path& objects) {
    std::string pattern = (objects / (std::string(kIncomingPrefix) + "XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw os_failure("cannot write into " + objects.string(), errno);
    path_ = pattern;
    const fs::path pending = path_ / "owner.new";
    fd_ = ::open(pending.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX | LOCK_NB) != 0 || ::rename(pending.c_str(), (path_ / "owner").c_str()) != 0) {
      const int error = errno;
      remove();
      throw os_failure("cannot write into " + path_.string(), error);
    }
  }
  ~IncomingFolder() { remove(); }
  IncomingFolder(const IncomingFolder&) = delete;
  IncomingFolder& operator=(const IncomingFolder&) = delete;

  const fs::path& path() const { return path_; }

 private:
  void remove() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  fs::path path_;
  int fd_ = -1;
};

// True when no live run owns the incoming folder.
bool abandoned(const fs::path& folder) {
  const int fd = ::open((folder / "owner").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT && older_than(folder, kOwnerlessFolder);
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

bool is_temporary_pack(const std::string& name) {
  return name.starts_with("pack_git2_") || name.starts_with("tmp_pack_") || name.starts_with("tmp_idx_");
}

git::Repository open_remote(const std::string& folder) {
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, folder.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
    throw external_error(fmt::format("cannot open the repository {}: {}", folder, git::last_error_message()));
  git::Repository remote(raw);
  // As libgit2's own local push did: a branch of a work tree is not moved
  // under the feet of whoever works there (git refuses it too).
  if (!git_repository_is_bare(remote.get()))
    throw external_error(fmt::format("{} is not a bare repository; publish pushes only to bare repositories "
                                     "(create one with 'git init --bare')",
                                     folder));
  return remote;
}

fs::path objects_folder(git_repository* remote) { return fs::path(git_repository_commondir(remote)) / "objects"; }

// Moves pack-<name>.{pack,idx} from the incoming folder into objects/pack, in
// git's own order: a reader finds a pack through its index, so the index comes
// last and a pack is never seen half there.
void move_pack_in(const fs::path& incoming, const fs::path& objects, const std::string& name) {
  for (const char* extension : {".pack", ".idx"}) {
    const std::string file = "pack-" + name + extension;
    if (::rename((incoming / file).c_str(), (objects / "pack" / file).c_str()) != 0)
      throw os_failure("cannot move the new objects into " + (objects / "pack").string(), errno);
  }
}

LocalPushResult move_branch(git_repository* remote, const LocalPush& push, const std::string& folder,
                            TransferContext& context) {
  git_oid old{}; // all zeros: the branch must not exist yet
  if (push.expected) old = *push.expected;
  const auto give_up = std::chrono::steady_clock::now() + kBranchLockWait;
  for (;;) {
    int code = 0;
    {
      const CriticalStep step; // git's lock file is taken and given back within
      git_reference* raw = nullptr;
      code = git_reference_create_matching(&raw, remote, push.ref.c_str(), &push.commit, 1, &old, "push");
      git_reference_free(raw);
    }
    if (code == 0) return LocalPushResult::pushed;
    if (code == GIT_EMODIFIED) return LocalPushResult::remote_moved;
    if (code != GIT_ELOCKED) git::check(code, fmt::format("cannot update {} in {}", push.ref, folder));
    if (const StopReason reason = context.stop_reason(); reason != StopReason::none) throw stop_error(reason);
    if (std::chrono::steady_clock::now() > give_up) {
      const std::string lock = (fs::path(folder) / (push.ref + ".lock")).string();
      throw external_error(fmt::format("{} stays locked in {}: {} exists; another push is updating the branch, "
                                       "or one was killed while it did; if no push is running, remove that file",
                                       push.ref, folder, lock));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    git_error_clear();
  }
}

} // namespace

LocalPushResult push_to_local_repository(const LocalPush& push, TransferContext& context) {
  git::Repository remote = open_remote(push.remote);
  const fs::path objects = objects_folder(remote.get());
  {
    IncomingFolder incoming(objects);
    const std::string name =
        write_pack(push.cache, push.commit, push.expected, incoming.path().string(), context, push.remote);
    move_pack_in(incoming.path(), objects, name);
  }
  return move_branch(remote.get(), push, push.remote, context);
}

void remove_stale_remote_temporaries(const std::string& remote_folder) {
  const fs::path objects = fs::path(remote_folder) / "objects";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(objects, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kIncomingPrefix) && abandoned(entry.path())) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
  for (const auto& entry : fs::directory_iterator(objects / "pack", error)) {
    if (is_temporary_pack(entry.path().filename().string()) && older_than(entry.path(), kStaleTemporary)) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

} // namespace intentctl
