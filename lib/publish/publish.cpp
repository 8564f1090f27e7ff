#include "publish/publish.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "core/interrupt.hpp"
#include "git/cache.hpp"
#include "git/git.hpp"
#include "git/site_publisher.hpp"
#include "git/transfer_watch.hpp"
#include "io/control_characters.hpp"
#include "io/output_document.hpp"
#include "io/progress.hpp"
#include "sites/sites.hpp"
#include "util/sha1.hpp"
#include "util/url.hpp"
#include "util/worker_pool.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Everything the workers touch, shared so that a worker stuck in a system call
// past --timeout can be left behind safely.
struct Run {
  PublishOptions options;
  Sites sites;
  std::vector<SiteRequest> requests;
  std::vector<std::optional<SiteOutcome>> outcomes;
  Clock::time_point deadline; // --timeout, from the start
  std::atomic<bool> cancelled{false};
  std::size_t finished = 0; // outcomes set, under mutex
  std::mutex mutex;
  std::condition_variable done;
};

// One site's publish, on a worker of the pool.
void publish_one(const std::shared_ptr<Run>& run, std::size_t index) {
  SiteOutcome outcome = publish_site(run->requests[index]);
  run->requests[index].progress.end();
  std::lock_guard lock(run->mutex);
  run->outcomes[index] = std::move(outcome);
  ++run->finished;
  run->done.notify_all();
}

// --- output ---------------------------------------------------------------

struct Columns {
  std::size_t site = 0;
  std::size_t repo = 0;
};

std::string text_line(const SiteOutcome& outcome, const Columns& columns, const Palette& palette) {
  if (!outcome.error.empty())
    return fmt::format("{:<{}}  {:<{}}  {} {}{}{}", outcome.site, columns.site, outcome.repo, columns.repo,
                       palette.paint("error:", Tone::error), outcome.error,
                       outcome.hint.empty() ? "" : "\n    " + palette.paint("hint:", Tone::note) + " ", outcome.hint);
  return fmt::format("{:<{}}  {:<{}}  {}  {}  {}", outcome.site, columns.site, outcome.repo, columns.repo,
                     outcome.branch, outcome.commit.empty() ? "-" : short_commit(outcome.commit), outcome.status);
}

// A site's outcome in one word: pushed, rolled-back, up-to-date,
// would-change (a dry run found a difference) or failed.
std::string_view state_word(const SiteOutcome& outcome) {
  if (!outcome.error.empty()) return "failed";
  if (outcome.pushed) return outcome.reverted.empty() ? "pushed" : "rolled-back";
  if (outcome.exit == ExitClass::failed) return "would-change";
  return "up-to-date";
}

Node json_record(const SiteOutcome& outcome, bool dry_run) {
  Node record = Node::object();
  record.add("site", Node::string(outcome.site));
  record.add("status", Node::string(std::string(state_word(outcome))));
  record.add("repo", Node::string(outcome.repo));
  record.add("branch", Node::string(outcome.branch));
  record.add("commit", outcome.commit.empty() ? Node() : Node::string(outcome.commit));
  Node changed = Node::array();
  for (const auto& change : outcome.changed) {
    Node entry = Node::object();
    entry.add("path", Node::string(change.path));
    entry.add("status", Node::string(change.status));
    changed.push(std::move(entry));
  }
  record.add("changed", std::move(changed));
  record.add("pushed", Node::boolean(outcome.pushed));
  if (!outcome.reverted.empty()) record.add("reverted", Node::string(outcome.reverted));
  if (dry_run) record.add("diff", Node::string(outcome.diff));
  if (!outcome.error.empty()) record.add("error", Node::string(outcome.error));
  if (!outcome.hint.empty()) record.add("hint", Node::string(outcome.hint));
  return record;
}

// The document's status, by the exit code: pass (0), fail (a dry run found a
// difference: 1), error (a site failed); each failed site in its errors.
void settle_document(JsonSink& sink, ExitClass result, const std::vector<SiteOutcome>& failed) {
  Node& document = sink.document();
  document.set("status", Node::string(result == ExitClass::ok       ? "pass"
                                      : result == ExitClass::failed ? "fail"
                                                                    : "error"));
  Node& errors = *document.find("errors");
  for (const auto& outcome : failed) {
    Error error(outcome.exit, outcome.error);
    Node item = error_item(error.with_hint(outcome.hint));
    item.add("site", Node::string(outcome.site));
    errors.push(std::move(item));
  }
}

void report(const SiteOutcome& outcome, const PublishOptions& options, const Columns& columns, Sink& sink, Io& io) {
  for (const auto& note : outcome.notes) io.diagnostics.note(note);
  if (options.format == "text" && !outcome.diff.empty()) io.out << outcome.diff;
  sink.record(json_record(outcome, options.dry_run), text_line(outcome, columns, io.out_palette));
  io.out.flush();
}

ExitClass worst(ExitClass a, ExitClass b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

// --- setting up -------------------------------------------------------------

std::shared_ptr<Run> prepare(const PublishOptions& options, Io& io) {
  git::ensure_initialised(); // here, not on a worker: a GIT_SSL_CAINFO it cannot use is the command's error
  // What reaches a commit message, its author line or a ref: one line each.
  refuse_control_characters_in_flag(options.message, "--message");
  refuse_control_characters_in_flag(options.author_name, "--author");
  refuse_control_characters_in_flag(options.author_email, "--email");
  refuse_control_characters_in_flag(options.branch, "--branch");
  auto run = std::make_shared<Run>();
  run->options = options;
  run->sites = load_sites(options.sites_file, io.in, io.stdin_is_terminal);
  const std::vector<const Site*> chosen =
      run->sites.select_rendered(options.sites, options.all, options.dir, "publish");
  const std::string root = cache_root(options.cache_dir);
  // The embedded default publishes to the .intentctl/ found from the rendered
  // folder, and creates one beside it only when there is none.
  std::optional<DefaultRemote> default_remote;
  if (run->sites.embedded_default()) {
    default_remote = find_default_remote(options.dir);
    for (Site& site : run->sites.sites) site.repo = default_remote->repo;
  }
  run->deadline = Clock::now() + options.timeout;
  for (const Site* site : chosen) {
    SiteRequest request;
    request.site = site;
    request.change = SiteChange{options.dry_run,     options.rollback,     options.overwrite, options.message,
                                options.author_name, options.author_email, options.ssh_key};
    request.folder = (fs::path(options.dir) / site->name).string();
    request.branch = options.branch.empty() ? site->branch : options.branch;
    request.cache_root = root;
    request.base_dir = run->sites.folder;
    request.sites_file = run->sites.file;
    request.create_remote = default_remote && !options.dry_run && !options.rollback;
    if (default_remote && !default_remote->found) request.searched = default_remote->searched;
    request.deadline = run->deadline;
    request.cancelled = &run->cancelled;
    run->requests.push_back(request);
  }
  run->outcomes.resize(run->requests.size());
  return run;
}

// How long past Ctrl-C or the deadline a worker may take to stop by itself.
// Waits on the network end at once (transfer_watch.hpp); libgit2's packing
// looks for cancellation only every half second, and not at all in some of
// its steps, so a worker still computing is left behind (the process ends
// with it; its next run removes what it left) once the critical steps that
// must not be cut are done.
constexpr auto kLeftBehind = std::chrono::milliseconds(400);

SiteOutcome left_behind(const SiteRequest& request) {
  SiteOutcome outcome;
  outcome.site = request.site->name;
  outcome.repo = redact(request.site->repo);
  outcome.branch = request.branch;
  outcome.exit = interrupted() ? ExitClass::interrupted : ExitClass::timeout;
  outcome.error = interrupted() ? "interrupted" : "timed out (--timeout)";
  return outcome;
}

} // namespace

ExitClass publish(const PublishOptions& options, Io& io) {
  const std::shared_ptr<Run> run = prepare(options, io);
  const std::size_t count = run->requests.size();
  // Shared with the workers, which may outlive this call (left behind past
  // the deadline); closed before it returns.
  const auto progress = std::make_shared<Progress>(io, options.dry_run ? "publish --dry-run" : "publish", count,
                                                   "sites", options.format != "json");
  for (std::size_t index = 0; index < count; ++index)
    run->requests[index].progress = TaskProgress(progress, index, run->requests[index].site->name);

  Columns columns;
  for (const auto& request : run->requests) {
    columns.site = std::max(columns.site, request.site->name.size());
    columns.repo = std::max(columns.repo, redact(request.site->repo).size());
  }

  // Each worker holds run through the task, so one left behind past the
  // deadline finds it still there.
  WorkerPool workers(count, worker_count(options.jobs, count, Workload::waiting),
                     [run](std::size_t index, unsigned) { publish_one(run, index); });

  std::unique_ptr<Sink> sink = options.format == "json" ? std::unique_ptr<Sink>(new JsonSink(io.out, kPublishKind))
                                                        : std::unique_ptr<Sink>(new TextSink(io.out));
  ExitClass result = ExitClass::ok;
  std::vector<SiteOutcome> failed;
  bool abandoned = false;
  // Results are printed in site order, each as soon as it and those before it
  // are done. A worker that cannot see the deadline or Ctrl-C in time gets a
  // moment, then it is left behind.
  std::optional<Clock::time_point> give_up = run->deadline + kLeftBehind;
  for (std::size_t index = 0; index < count; ++index) {
    std::unique_lock lock(run->mutex);
    progress->set(run->finished);
    while (!run->outcomes[index]) {
      progress->set(run->finished);
      if (interrupted() && !run->cancelled.exchange(true)) {
        const auto soon = Clock::now() + kLeftBehind;
        give_up = give_up ? std::min(*give_up, soon) : soon;
      }
      if (give_up && Clock::now() > *give_up) {
        run->cancelled = true;
        run->outcomes[index] = left_behind(run->requests[index]);
        abandoned = true;
        break;
      }
      run->done.wait_for(lock, std::chrono::milliseconds(20));
    }
    const SiteOutcome outcome = *run->outcomes[index];
    lock.unlock();
    progress->without_line([&] { report(outcome, options, columns, *sink, io); });
    result = worst(result, outcome.exit);
    if (!outcome.error.empty()) failed.push_back(outcome);
  }
  progress->close();

  run->cancelled = true;
  if (abandoned) finish_critical_steps();
  if (abandoned) workers.leave_behind();
  else workers.wait();
  // Ctrl-C that came too late to stop anything still ends the command as
  // interrupted, so that a script or make stops too.
  if (interrupted()) result = worst(result, ExitClass::interrupted);
  if (auto* json = dynamic_cast<JsonSink*>(sink.get())) settle_document(*json, result, failed);
  sink->finish();
  if (!failed.empty()) {
    std::string names;
    for (const auto& outcome : failed) names += (names.empty() ? "" : ", ") + outcome.site;
    io.diagnostics.report(
        {Severity::error,
         fmt::format("publish failed for {} of {} site{}: {}", failed.size(), count, count == 1 ? "" : "s", names),
         {}});
  }
  return result;
}

} // namespace intentctl
