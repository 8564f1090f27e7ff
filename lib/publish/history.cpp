#include "publish/history.hpp"

#include <set>

#include <fmt/format.h>

namespace intentctl {

std::string tree_digest(const git_oid& site_tree) { return "git-tree:" + git::oid_hex(site_tree); }

namespace {

std::string trimmed_subject(const std::string& subject) {
  std::string text = subject;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

} // namespace

std::string publish_message(const std::string& subject, const std::vector<std::string>& intent_ids,
                            const std::string& site, const git_oid& site_tree) {
  std::string message = trimmed_subject(subject) + "\n\n";
  for (const auto& id : intent_ids) message += fmt::format("{}: {}\n", kIntentTrailer, id);
  message += fmt::format("{}: {}\n", kSiteTrailer, site);
  message += fmt::format("{}: {}\n", kDigestTrailer, tree_digest(site_tree));
  return message;
}

std::string rollback_message(const std::string& subject, const std::string& site, const git_oid& reverted,
                             const std::optional<git_oid>& site_tree) {
  std::string message = trimmed_subject(subject) + "\n\n";
  message += fmt::format("This reverts commit {}.\n\n", git::oid_hex(reverted));
  message += fmt::format("{}: {}\n", kSiteTrailer, site);
  message += fmt::format("{}: {}\n", kRevertsTrailer, git::oid_hex(reverted));
  if (site_tree) message += fmt::format("{}: {}\n", kDigestTrailer, tree_digest(*site_tree));
  return message;
}

std::multimap<std::string, std::string> message_trailers(const char* message) {
  std::multimap<std::string, std::string> trailers;
  git_message_trailer_array array{};
  if (git_message_trailers(&array, message) < 0) return trailers;
  for (std::size_t i = 0; i < array.count; ++i) trailers.emplace(array.trailers[i].key, array.trailers[i].value);
  git_message_trailer_array_free(&array);
  return trailers;
}

namespace {

bool has_trailer(const std::multimap<std::string, std::string>& trailers, const char* key, const std::string& value) {
  auto [first, last] = trailers.equal_range(key);
  for (auto it = first; it != last; ++it)
    if (it->second == value) return true;
  return false;
}

} // namespace

std::optional<git_oid> last_publish(git_repository* repo, const git_oid& head, const std::string& site) {
  git_revwalk* raw = nullptr;
  git::check(git_revwalk_new(&raw, repo), "cannot walk the history");
  git::Revwalk walk(raw);
  git::check(git_revwalk_simplify_first_parent(walk.get()), "cannot walk the history");
  git::check(git_revwalk_push(walk.get(), &head), "cannot walk the history");
  std::set<std::string> reverted;
  git_oid id;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    git::Commit commit = git::lookup_commit(repo, id);
    const auto trailers = message_trailers(git_commit_message(commit.get()));
    if (!has_trailer(trailers, kSiteTrailer, site)) continue;
    auto [first, last] = trailers.equal_range(kRevertsTrailer);
    if (first != last) {
      for (auto it = first; it != last; ++it) reverted.insert(it->second);
      continue;
    }
    if (!reverted.contains(git::oid_hex(id))) return id;
  }
  return std::nullopt;
}

} // namespace intentctl
