#include "verify/git_check.hpp"

#include <fmt/format.h>

#include "git/site_publisher.hpp"
#include "util/sha1.hpp"
#include "util/url.hpp"

namespace intentctl {

namespace {

SiteRequest site_request(const GitCheckRequest& request) {
  SiteRequest site_request;
  site_request.site = request.site;
  site_request.change.ssh_key = request.ssh_key;
  site_request.folder = request.folder;
  site_request.branch = request.site->branch;
  site_request.cache_root = request.cache_root;
  site_request.base_dir = request.base_dir;
  site_request.sites_file = request.sites_file;
  site_request.deadline = request.deadline;
  return site_request;
}

std::vector<std::string> diff_lines(const std::string& diff) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < diff.size()) {
    const std::size_t end = std::min(diff.find('\n', start), diff.size());
    lines.push_back(diff.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The dry run's changes take the branch to the rendered tree; people read them
// the other way round, from the rendered folder they have in front of them.
std::string change_word(const std::string& status) {
  if (status == "added") return "only in the rendered tree";
  if (status == "deleted") return "only on the branch";
  return "differs";
}

std::string change_list(const std::vector<FileChange>& changes) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(changes.size(), 3);
  for (std::size_t i = 0; i < shown; ++i)
    text += fmt::format("{}{} {}", i ? ", " : "", changes[i].path, change_word(changes[i].status));
  if (changes.size() > shown) text += fmt::format(", and {} more", changes.size() - shown);
  return text;
}

} // namespace

GitCheckOutcome check_git(const GitCheckRequest& request) {
  GitCheckOutcome outcome;
  const Site& site = *request.site;
  const PublishedCommit found = find_published_commit(site_request(request), request.commit);
  const SiteOutcome& dry_run = found.dry_run;
  auto finish = [&](CheckState state, std::string summary, std::vector<std::string> details = {}) {
    outcome.result = make_result("git", state, std::move(summary), std::move(details));
    return outcome;
  };
  if (!dry_run.error.empty()) {
    const bool deadline = dry_run.exit == ExitClass::timeout;
    std::vector<std::string> details;
    if (!dry_run.hint.empty()) details.push_back("hint: " + dry_run.hint);
    outcome.result = make_result("git", deadline ? CheckState::pending : CheckState::unknown,
                                 fmt::format("{}: {}", dry_run.repo, dry_run.error), std::move(details));
    outcome.result.at_deadline = deadline;
    return outcome;
  }
  if (dry_run.commit.empty())
    return finish(CheckState::fail,
                  fmt::format("{} has no branch {}: nothing is published; run 'intentctl publish' first", dry_run.repo,
                              site.branch));
  outcome.head = dry_run.commit;
  if (!request.commit.empty() && !found.on_branch)
    return finish(CheckState::fail,
                  fmt::format("{} is not on {} (head {})", request.commit, site.branch, short_commit(dry_run.commit)));
  if (found.published.empty())
    return finish(CheckState::fail,
                  fmt::format("no intentctl commit for {} on {} (head {}); run 'intentctl publish' first", site.name,
                              site.branch, short_commit(dry_run.commit)));
  outcome.published = found.published;

  const std::string where = outcome.published == outcome.head
                                ? fmt::format("{} is the head of {}", short_commit(outcome.published), site.branch)
                                : fmt::format("{} is in {} (head {})", short_commit(outcome.published), site.branch,
                                              short_commit(outcome.head));
  if (dry_run.exit == ExitClass::failed) // the dry run found a difference
    return finish(CheckState::fail,
                  fmt::format("{}; but {} differs from {}: {}", where, site.path == "." ? "the tree" : site.path,
                              request.folder, change_list(dry_run.changed)),
                  diff_lines(redact(dry_run.diff)));
  return finish(CheckState::pass, fmt::format("{}; tree matches {}", where, request.folder));
}

RollbackOutcome roll_back(const GitCheckRequest& request) {
  SiteRequest rollback = site_request(request);
  rollback.change.rollback = true;
  const SiteOutcome outcome = publish_site(rollback);
  RollbackOutcome result;
  if (!outcome.error.empty()) {
    result.summary = "rollback failed: " + outcome.error;
    result.exit = outcome.exit;
    return result;
  }
  result.done = outcome.pushed;
  result.summary = outcome.pushed ? fmt::format("reverted {}; {} is now {}", short_commit(outcome.reverted),
                                                outcome.branch, short_commit(outcome.commit))
                                  : fmt::format("nothing to roll back ({})", outcome.status);
  return result;
}

} // namespace intentctl
