// The commits intentctl writes and how it finds them again: every message ends
// with trailers (Intent-Id, Intentctl-Site, Tree-Digest; Reverts on rollbacks),
// which git interpret-trailers and git log --format=%(trailers) read as well.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "publish/git.hpp"

namespace intentctl {

inline constexpr const char* kSiteTrailer = "Intentctl-Site";
inline constexpr const char* kIntentTrailer = "Intent-Id";
inline constexpr const char* kDigestTrailer = "Tree-Digest";
inline constexpr const char* kRevertsTrailer = "Reverts";

// "git-tree:<40 hex>": the Git tree id of the site's folder, which anyone can
// check with `git rev-parse <commit>:<path>`.
std::string tree_digest(const git_oid& site_tree);

std::string publish_message(const std::string& subject, const std::vector<std::string>& intent_ids,
                            const std::string& site, const git_oid& site_tree);
std::string rollback_message(const std::string& subject, const std::string& site, const git_oid& reverted,
                             const std::optional<git_oid>& site_tree);

// The trailers of a commit message, key -> values in order.
std::multimap<std::string, std::string> message_trailers(const char* message);

// Walking the branch's first parents from head: the most recent publish of
// site that no later rollback reverted; nullopt when there is none.
std::optional<git_oid> last_publish(git_repository* repo, const git_oid& head, const std::string& site);

} // namespace intentctl
