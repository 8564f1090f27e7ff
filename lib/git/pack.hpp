// Writing the objects a commit adds to what a repository already has as one
// pack file: into the cache once a commit is made, and into a local remote
// before its branch moves.
#pragma once

#include <optional>
#include <string>

#include <git2.h>

#include "git/credentials.hpp"

namespace intentctl {

// Packs what tip reaches and known does not (everything when known is
// nullopt), from repo's objects, into folder. Returns the pack's name (the
// hex id in pack-<id>.pack). Ctrl-C and the deadline stop it (libgit2 then
// removes the unfinished file); what names the destination in errors.
std::string write_pack(git_repository* repo, const git_oid& tip, const std::optional<git_oid>& known,
                       const std::string& folder, TransferContext& context, const std::string& what);

} // namespace intentctl
