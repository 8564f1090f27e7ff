#include "git/pack.hpp"

#include <memory>

#include "git/git.hpp"

namespace intentctl {

std::string write_pack(git_repository* repo, const git_oid& tip, const std::optional<git_oid>& known,
                       const std::string& folder, TransferContext& context, const std::string& what) {
  const std::string failed = "cannot write the new objects to " + what;
  git_packbuilder* raw_builder = nullptr;
  git::check(git_packbuilder_new(&raw_builder, repo), failed);
  std::unique_ptr<git_packbuilder, git::Deleter<git_packbuilder, git_packbuilder_free>> builder(raw_builder);
  git_revwalk* raw_walk = nullptr;
  git::check(git_revwalk_new(&raw_walk, repo), failed);
  git::Revwalk walk(raw_walk);
  git::check(git_revwalk_push(walk.get(), &tip), failed);
  if (known) git::check(git_revwalk_hide(walk.get(), &*known), failed);
  // Packing 20,000 files takes seconds: the callbacks let Ctrl-C and the
  // deadline stop it.
  context.install(builder.get());
  const auto stopped_or = [&](const std::string& message) {
    if (const StopReason reason = context.stop_reason(); reason != StopReason::none) throw stop_error(reason);
    git::check(-1, message);
  };
  if (git_packbuilder_insert_walk(builder.get(), walk.get()) < 0) stopped_or(failed);
  context.objects_counted(git_packbuilder_object_count(builder.get()));
  if (git_packbuilder_write(builder.get(), folder.c_str(), 0, TransferContext::write_progress(), &context) < 0)
    stopped_or(failed);
  return git_packbuilder_name(builder.get());
}

} // namespace intentctl
