// The commits intentctl writes and how it finds them again: every message ends
// with a block of trailers (Intent-Id, Intentctl-Site, Tree-Digest; Reverts on
// rollbacks), which git interpret-trailers and git log --format=%(trailers)
// read as well. One function writes every message, and it cannot put a line
// break into it from a value; rollback believes only a block in exactly the
// form that function writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/git.hpp"

namespace intentctl {

inline constexpr const char* kSiteTrailer = "Intentctl-Site";
inline constexpr const char* kIntentTrailer = "Intent-Id";
inline constexpr const char* kDigestTrailer = "Tree-Digest";
inline constexpr const char* kRevertsTrailer = "Reverts";

// "git-tree:<40 hex>": the Git tree id of the site's folder, which anyone can
// check with `git rev-parse <commit>:<path>` (the empty tree's id when the
// commit has no such folder).
std::string tree_digest(const git_oid& site_tree);

// The trailer block of one intentctl commit, in the order it is written:
// publish: Intent-Id (any number), Intentctl-Site, Tree-Digest;
// rollback: Intentctl-Site, Reverts, Tree-Digest.
struct Trailers {
  std::vector<std::string> intent_ids;
  std::string site;
  std::optional<git_oid> reverts;
  git_oid digest{};
};

// The one writer of commit messages: the subject line, then body (intentctl's
// own words, "" for none), then the trailers, paragraphs separated by a blank
// line. A subject, body or value that would put a control character (a line
// break above all) where it does not belong is refused with a usage error:
// nothing a user or an input supplies can add a line, and so a trailer.
std::string commit_message(std::string_view subject, std::string_view body, const Trailers& trailers);

std::string publish_message(std::string_view subject, const std::vector<std::string>& intent_ids,
                            const std::string& site, const git_oid& site_tree);
std::string rollback_message(std::string_view subject, const std::string& site, const git_oid& reverted,
                             const git_oid& site_tree);

// The trailers of message when its last paragraph is exactly a block that
// commit_message writes (known keys, in its order, each as often as it may
// be, values without control characters or surrounding spaces, nothing
// else); nullopt for any other message, however much it looks like one.
std::optional<Trailers> read_trailers(std::string_view message);

// Walking the branch's first parents from head: the most recent publish of
// site (read_trailers says so) that no later rollback of site reverted;
// nullopt when there is none.
std::optional<git_oid> last_publish(git_repository* repo, const git_oid& head, const std::string& site);

} // namespace intentctl
