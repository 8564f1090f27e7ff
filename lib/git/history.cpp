#include "git/history.hpp"

#include <set>

#include <fmt/format.h>

#include "io/control_characters.hpp"

namespace intentctl {

std::string tree_digest(const git_oid& site_tree) { return "git-tree:" + git::oid_hex(site_tree); }

namespace {

constexpr std::string_view kDigestPrefix = "git-tree:";

// A value on a trailer line: something, with no control character and no
// space at either end (git would trim it, and then it would read differently).
bool is_trailer_value(std::string_view value) {
  return !value.empty() && value.front() != ' ' && value.back() != ' ' &&
         find_control_character(value) == std::string_view::npos;
}

void append_trailer(std::string& message, std::string_view key, std::string_view value) {
  if (!is_trailer_value(value))
    throw usage_error(fmt::format("cannot write the commit trailer {}: \"{}\" is empty, has spaces at an end or "
                                  "holds a control character",
                                  key, escape_control_characters(value)));
  message += fmt::format("{}: {}\n", key, value);
}

std::optional<git_oid> parse_oid(std::string_view hex) {
  if (hex.size() != GIT_OID_HEXSZ || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos)
    return std::nullopt;
  git_oid id;
  if (git_oid_fromstrn(&id, hex.data(), hex.size()) < 0) return std::nullopt;
  return id;
}

// One "Key: value" line of a block; nullopt unless it is exactly that.
std::optional<std::string_view> trailer_value(std::string_view line, std::string_view key) {
  if (line.size() <= key.size() + 2 || line.substr(0, key.size()) != key || line.substr(key.size(), 2) != ": ")
    return std::nullopt;
  const std::string_view value = line.substr(key.size() + 2);
  if (!is_trailer_value(value)) return std::nullopt;
  return value;
}

std::vector<std::string_view> lines_of(std::string_view block) {
  std::vector<std::string_view> lines;
  while (!block.empty()) {
    const std::size_t end = block.find('\n');
    lines.push_back(block.substr(0, end));
    block.remove_prefix(end + 1);
  }
  return lines;
}

} // namespace

std::string commit_message(std::string_view subject, std::string_view body, const Trailers& trailers) {
  if (subject.empty() || find_control_character(subject) != std::string_view::npos)
    throw usage_error(fmt::format("the commit subject \"{}\" must be one line without control characters",
                                  escape_control_characters(subject)));
  if (find_control_character(body, TextKind::free_text) != std::string_view::npos ||
      body.find('\r') != std::string_view::npos || body.find("\n\n") != std::string_view::npos)
    throw usage_error("internal error: a commit body must be one paragraph of plain lines");
  std::string message(subject);
  message += "\n\n";
  if (!body.empty()) {
    message += body;
    if (body.back() != '\n') message += '\n';
    message += '\n';
  }
  for (const auto& id : trailers.intent_ids) append_trailer(message, kIntentTrailer, id);
  append_trailer(message, kSiteTrailer, trailers.site);
  if (trailers.reverts) append_trailer(message, kRevertsTrailer, git::oid_hex(*trailers.reverts));
  append_trailer(message, kDigestTrailer, tree_digest(trailers.digest));
  return message;
}

std::string publish_message(std::string_view subject, const std::vector<std::string>& intent_ids,
                            const std::string& site, const git_oid& site_tree) {
  return commit_message(subject, "", Trailers{intent_ids, site, std::nullopt, site_tree});
}

std::string rollback_message(std::string_view subject, const std::string& site, const git_oid& reverted,
                             const git_oid& site_tree) {
  return commit_message(subject, fmt::format("This reverts commit {}.", git::oid_hex(reverted)),
                        Trailers{{}, site, reverted, site_tree});
}

std::optional<Trailers> read_trailers(std::string_view message) {
  // The block is the last paragraph; the message ends with its last line's "\n".
  if (message.size() < 2 || message.back() != '\n') return std::nullopt;
  const std::size_t gap = message.rfind("\n\n", message.size() - 2);
  if (gap == std::string_view::npos || gap == 0) return std::nullopt;
  const std::vector<std::string_view> lines = lines_of(message.substr(gap + 2));
  Trailers trailers;
  std::size_t i = 0;
  for (; i < lines.size(); ++i) {
    const auto id = trailer_value(lines[i], kIntentTrailer);
    if (!id) break;
    trailers.intent_ids.emplace_back(*id);
  }
  if (i == lines.size()) return std::nullopt;
  const auto site = trailer_value(lines[i++], kSiteTrailer);
  if (!site) return std::nullopt;
  trailers.site = std::string(*site);
  if (i < lines.size() && trailers.intent_ids.empty())
    if (const auto reverts = trailer_value(lines[i], kRevertsTrailer)) {
      trailers.reverts = parse_oid(*reverts);
      if (!trailers.reverts) return std::nullopt;
      ++i;
    }
  if (i + 1 != lines.size()) return std::nullopt;
  const auto digest = trailer_value(lines[i], kDigestTrailer);
  if (!digest || !digest->starts_with(kDigestPrefix)) return std::nullopt;
  const auto tree = parse_oid(digest->substr(kDigestPrefix.size()));
  if (!tree) return std::nullopt;
  trailers.digest = *tree;
  return trailers;
}

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
    const auto trailers = read_trailers(git_commit_message(commit.get()));
    if (!trailers || trailers->site != site) continue;
    if (trailers->reverts) {
      reverted.insert(git::oid_hex(*trailers->reverts));
      continue;
    }
    if (!reverted.contains(git::oid_hex(id))) return id;
  }
  return std::nullopt;
}

} // namespace intentctl
