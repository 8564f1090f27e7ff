#include "git/site_publisher.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "core/interrupt.hpp"
#include "git/cache.hpp"
#include "git/credentials.hpp"
#include "git/git.hpp"
#include "git/history.hpp"
#include "git/local_push.hpp"
#include "git/ownership.hpp"
#include "git/pack.hpp"
#include "git/remote_url.hpp"
#include "git/site_tree.hpp"
#include "git/tree_edit.hpp"
#include "util/words.hpp"

namespace intentctl {

namespace {

// What the branch should become, built on one head of the remote branch.
struct Plan {
  git_oid tree{};      // the new root tree
  std::string message; // the commit message
  std::string reverted;
};

using Planner = std::function<std::optional<Plan>(const git_commit* head)>;

enum class PushResult { pushed, remote_moved };

std::string files_changed(std::size_t count) { return count_of(count, "file") + " changed"; }

class SitePublisher {
 public:
  explicit SitePublisher(const SiteRequest& request)
      : request_(request),
        site_(*request.site),
        change_(request.change),
        remote_(parse_remote_url(site_.repo, request.base_dir)),
        credentials_(resolve_credentials(site_, remote_, change_.ssh_key)) {
    outcome_.site = site_.name;
    outcome_.repo = remote_.display;
    outcome_.branch = request.branch;
  }

  SiteOutcome run() {
    try {
      run_locked();
    } catch (const Error& error) {
      const Location& where = error.where();
      fail(error.exit_class(),
           location_prefix(where) + (where.path.empty() ? "" : where.path + ": ") + error.message(), error.hint());
    } catch (const std::bad_alloc&) {
      fail(ExitClass::failed, "out of memory");
    } catch (const std::exception& error) {
      fail(ExitClass::failed, fmt::format("internal error: {}", error.what()));
    }
    return std::move(outcome_);
  }

 private:
  void fail(ExitClass exit_class, const std::string& message, const std::string& hint = "") {
    outcome_.exit = exit_class;
    outcome_.error = redact(message, credentials_.secrets);
    outcome_.hint = redact(hint, credentials_.secrets);
  }

  void note(const std::string& message) { outcome_.notes.push_back(redact(message, credentials_.secrets)); }

  void run_locked() {
    const CacheNote site_note = [&](const std::string& text) { note(fmt::format("{}: {}", site_.name, text)); };
    if (request_.create_remote &&
        ensure_local_bare_repository(remote_.url, request_.branch, site_note) == RepositoryMade::created)
      site_note(created_remote_note());
    check_local_remote_exists();
    const CachePaths paths = cache_paths(request_.cache_root, remote_);
    CacheLock lock = CacheLock::acquire(paths.lock, request_.deadline, request_.cancelled, [&] {
      note(fmt::format("{}: waiting for {} (another publish of this repository is running)", site_.name, paths.lock));
    });
    cache_path_ = paths.repository;
    // The quick check of open_cache does not read every object; one found
    // missing later means the clone is damaged after all: it is made again
    // once, and the publish starts over (nothing was pushed yet: objects are
    // read before the push).
    for (bool made_again = false;; made_again = true) {
      try {
        repo_ = open_cache(paths, remote_, site_note);
        open_origin();
        stage_writes_in_memory();
        run_attempts(change_.rollback ? rollback_planner() : publish_planner());
        for (const auto& message : plan_notes_) note(message); // of the plan that was carried out
        return;
      } catch (const git::MissingObject& missing) {
        origin_.reset();
        repo_.reset();
        if (made_again)
          throw external_error(fmt::format("{}; the cache was made again and it is still missing, so the remote's "
                                           "repository lacks it: check it with 'git fsck'",
                                           missing.message()));
        site_note(set_cache_aside(paths, missing.message()));
      }
    }
  }

  // Says where the embedded default's remote was made, and why there.
  std::string created_remote_note() const {
    const std::string& searched = request_.searched;
    const std::string why = searched.empty()  ? ""
                            : searched == "." ? "no .intentctl/ here or in a folder above: "
                                              : fmt::format("no .intentctl/ in {} or a folder above it: ", searched);
    return fmt::format("{}created the embedded default's remote {}", why, remote_.display);
  }

  bool local_remote() const { return remote_.kind == RemoteKind::local || remote_.kind == RemoteKind::file; }

  void check_local_remote_exists() const {
    if (!local_remote()) return;
    const std::string path = local_folder(remote_);
    if (std::filesystem::is_directory(path)) {
      // What killed runs left goes before this run adds its own; a dry run
      // (and verify's) only reads the remote.
      if (!change_.dry_run) remove_stale_remote_temporaries(path);
      return;
    }
    // Only the embedded default's repository is created on first use (and not
    // by a dry run or a rollback, which change nothing).
    if (change_.dry_run || change_.rollback)
      throw external_error(fmt::format("repository not found (no folder {}): nothing is published there; run "
                                       "'intentctl publish' first",
                                       path));
    throw external_error(fmt::format("repository not found (no folder {}); create it with 'git init --bare {}', "
                                     "or point the site's repo at an existing one",
                                     path, path));
  }

  // New objects (blobs, trees, the commit) are kept in memory and written as
  // one pack once a commit is made: a thousand loose files cost more than the
  // whole push, and a dry run or an unchanged site leaves nothing behind.
  void stage_writes_in_memory() {
    git_odb* raw = nullptr;
    git::check(git_repository_odb(&raw, repo_.get()), "cannot open the object database");
    git::Odb odb(raw);
    git::check(git_mempack_new(&staging_), "cannot stage objects in memory");
    if (git_odb_add_backend(odb.get(), staging_, 999) < 0) {
      staging_->free(staging_);
      staging_ = nullptr;
      git::check(-1, "cannot stage objects in memory");
    }
  }

  // Writes what commit adds to head (the commit, its new trees and blobs) as
  // one pack into the cache, then empties the in-memory store.
  void persist_staged_objects(const git_oid& commit, const git_commit* head) {
    TransferContext context = transfer();
    context.show_progress(request_.progress, "writing objects");
    std::optional<git_oid> known;
    if (head) known = *git_commit_id(head);
    write_pack(repo_.get(), commit, known, cache_path_ + "/objects/pack", context, "the cache " + cache_path_);
    git::check(git_mempack_reset(staging_), "cannot stage objects in memory");
  }

  // --- planners ----------------------------------------------------------

  Planner publish_planner() {
    const SiteTree tree = write_site_tree(repo_.get(), request_.folder, site_.name, request_.progress);
    if (!tree.left_out.empty())
      note(fmt::format("{}: left out {} of {} that render did not write (its manifest does not list them): {}",
                       site_.name, count_of(tree.left_out.size(), "file"), request_.folder, some_of(tree.left_out)));
    const std::vector<std::string> intent_ids =
        collect_intent_ids(tree, fmt::format("{}.{}.intent-ids", cache_path_, site_.name));
    return [this, tree, intent_ids](const git_commit* head) -> std::optional<Plan> {
      git::Tree head_tree = head ? git::lookup_tree(repo_.get(), *git_commit_tree_id(head)) : git::Tree();
      const OwnedTree placed = place_site_files(repo_.get(), head_tree.get(), site_folder(), tree.files);
      Plan plan;
      plan.tree = placed.root;
      plan_notes_ = ownership_notes(placed);
      if (head && git_oid_equal(&plan.tree, git_commit_tree_id(head))) return std::nullopt;
      if (!head && tree.files.empty()) return std::nullopt;
      const git_oid* old_root = head ? git_commit_tree_id(head) : nullptr;
      const std::size_t changed = tree_changes(repo_.get(), old_root, plan.tree).size();
      const std::string subject =
          change_.message.empty() ? fmt::format("Publish {}: {}", site_.name, files_changed(changed)) : change_.message;
      plan.message = publish_message(subject, intent_ids, site_.name, subtree_or_empty(repo_.get(), plan.tree, path_));
      return plan;
    };
  }

  // Rolling back a publish puts intentctl's files of the site back as they
  // were before it, with a new commit; nobody else's file changes.
  Planner rollback_planner() {
    return [this](const git_commit* head) -> std::optional<Plan> {
      if (!head)
        throw Error(ExitClass::failed,
                    fmt::format("nothing to roll back: the remote has no branch {}", request_.branch));
      const auto target = last_publish(repo_.get(), *git_commit_id(head), site_.name);
      if (!target)
        throw Error(ExitClass::failed, fmt::format("nothing to roll back: no commit of intentctl for site {} on {}",
                                                   site_.name, request_.branch));
      git::Commit reverted = git::lookup_commit(repo_.get(), *target);
      check_tree_digest(reverted.get(), path_);
      git::Tree head_tree = git::lookup_tree(repo_.get(), *git_commit_tree_id(head));
      const OwnedTree restored = restore_site_files(repo_.get(), head_tree.get(), reverted.get(), site_folder());
      Plan plan;
      plan.tree = restored.root;
      plan.reverted = git::oid_hex(*target);
      plan_notes_ = ownership_notes(restored);
      if (git_oid_equal(&plan.tree, git_commit_tree_id(head))) return std::nullopt;
      const std::string subject = change_.message.empty()
                                      ? fmt::format("Roll back {} to before {}", site_.name, git::short_hex(*target))
                                      : change_.message;
      plan.message = rollback_message(subject, site_.name, *target, subtree_or_empty(repo_.get(), plan.tree, path_));
      return plan;
    };
  }

  SiteFolder site_folder() const {
    return SiteFolder{path_, site_.name, fmt::format("{}:{}", request_.branch, path_text(path_)), change_.overwrite};
  }

  // What the plan did with files of others, and with intentctl's own files
  // someone changed on the branch: named, as kubectl names what it prunes.
  std::vector<std::string> ownership_notes(const OwnedTree& placed) const {
    std::vector<std::string> notes;
    const std::string where = fmt::format("{}:{}", request_.branch, path_text(path_));
    if (!placed.kept.empty())
      notes.push_back(fmt::format("{}: kept {} on {} that intentctl did not write: {}", site_.name,
                                  count_of(placed.kept.size(), "file"), where, some_of(placed.kept)));
    if (!placed.adopted.empty())
      notes.push_back(fmt::format("{}: took over {} on {} that held exactly what intentctl writes: {}", site_.name,
                                  count_of(placed.adopted.size(), "file"), where, some_of(placed.adopted)));
    if (!placed.taken_over.empty())
      notes.push_back(fmt::format("{}: --overwrite replaces {} on {} that intentctl did not write: {}", site_.name,
                                  count_of(placed.taken_over.size(), "file"), where, some_of(placed.taken_over)));
    if (!placed.edited.empty())
      notes.push_back(fmt::format("{}: {} that intentctl wrote on {} had been changed since, by someone else: {}",
                                  site_.name, count_of(placed.edited.size(), "file"), where, some_of(placed.edited)));
    return notes;
  }

  // A commit whose trailers claim a site's tree it does not hold was not
  // written by intentctl as it says (or the site's path moved since): rolling
  // it back would act on someone else's say-so.
  void check_tree_digest(git_commit* commit, const std::vector<std::string>& path) {
    const auto trailers = read_trailers(git_commit_message(commit));
    const git_oid actual = subtree_or_empty(repo_.get(), *git_commit_tree_id(commit), path);
    if (trailers && git_oid_equal(&trailers->digest, &actual)) return;
    throw Error(ExitClass::failed,
                fmt::format("refusing to roll back {}: its {} trailer says {}, but its tree at {} is {}; the commit "
                            "was not made by intentctl as its trailers claim, or the site's path changed since it "
                            "was (then revert it by hand with git revert)",
                            git::short_hex(*git_commit_id(commit)), kDigestTrailer,
                            trailers ? tree_digest(trailers->digest) : "nothing", path_text(path),
                            tree_digest(actual)));
  }

  // --- the fetch, commit, push loop ---------------------------------------

  void run_attempts(const Planner& planner) {
    for (int attempt = 1; attempt <= kPushAttempts; ++attempt) {
      throw_if_interrupted();
      const std::optional<git_oid> head_id = fetch();
      git::Commit head = head_id ? git::lookup_commit(repo_.get(), *head_id) : git::Commit();
      outcome_.commit = head_id ? git::oid_hex(*head_id) : "";
      const std::optional<Plan> plan = planner(head.get());
      if (!plan) {
        outcome_.status = "up to date";
        return;
      }
      const git_oid* old_root = head ? git_commit_tree_id(head.get()) : nullptr;
      record_changes(old_root, *plan);
      if (change_.dry_run) {
        // A file on the branch may hold a URL with a password (a RootSync an
        // older intentctl wrote, a hand edit): the diff is output like any other.
        outcome_.diff = redact(tree_patch(repo_.get(), old_root, plan->tree), credentials_.secrets);
        outcome_.status =
            fmt::format("would change {} file{}", outcome_.changed.size(), outcome_.changed.size() == 1 ? "" : "s");
        outcome_.exit = ExitClass::failed; // like kubectl diff: 1 means there is a difference
        return;
      }
      const git_oid commit = make_commit(head.get(), *plan);
      // The branch moves only once the commit is on disk: a failed write (a
      // full disk) or an interruption never leaves it pointing at nothing.
      persist_staged_objects(commit, head.get());
      set_reference(local_branch(), commit, "intentctl publish: commit");
      if (push(commit, head_id) == PushResult::pushed) {
        outcome_.commit = git::oid_hex(commit);
        outcome_.pushed = true;
        outcome_.status = plan->reverted.empty() ? fmt::format("pushed, {}", files_changed(outcome_.changed.size()))
                                                 : fmt::format("rolled back {}, {}", plan->reverted.substr(0, 7),
                                                               files_changed(outcome_.changed.size()));
        return;
      }
      if (attempt == kPushAttempts) break;
      note(fmt::format("{}: {} moved on the remote while publishing; rebuilding on its new head (attempt {} of {})",
                       site_.name, request_.branch, attempt + 1, kPushAttempts));
      wait_before_retry(attempt);
    }
    throw external_error(fmt::format("{} kept moving on the remote; gave up after {} attempts (nothing was forced; "
                                     "publish again)",
                                     request_.branch, kPushAttempts));
  }

  // Publishers that lost a race to each other would fetch again at the same
  // moment and race again; a random wait, growing with each lost race (as in
  // Ethernet's backoff), spreads them out so that each wave has fewer losers.
  void wait_before_retry(int attempt) {
    static thread_local std::minstd_rand random(std::random_device{}());
    const int ceiling_ms = std::min(2000, 50 << std::min(attempt, 6));
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(std::uniform_int_distribution<int>(0, ceiling_ms)(random));
    TransferWatch watch(request_.deadline, request_.cancelled);
    while (std::chrono::steady_clock::now() < until) {
      if (const StopReason reason = watch.check(); reason != StopReason::none) throw stop_error(reason);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void record_changes(const git_oid* old_root, const Plan& plan) {
    outcome_.changed.clear();
    for (auto& change : tree_changes(repo_.get(), old_root, plan.tree))
      outcome_.changed.push_back({std::move(change.path), std::move(change.status)});
    outcome_.reverted = plan.reverted;
  }

  std::string local_branch() const { return "refs/heads/" + request_.branch; }
  std::string tracking_branch() const { return "refs/remotes/origin/" + request_.branch; }

  // A commit left by an earlier publish whose push failed is pushed as it is
  // when it still says exactly the same thing; otherwise a new one is made.
  git_oid make_commit(const git_commit* head, const Plan& plan) {
    if (auto pending = reusable_pending_commit(head, plan)) return *pending;
    git::Signature author = signature();
    const git_commit* parents[] = {head};
    git_tree* tree_raw = nullptr;
    git::check(git_tree_lookup(&tree_raw, repo_.get(), &plan.tree), "cannot read the new tree");
    git::Tree tree(tree_raw);
    git_oid id;
    git::check(git_commit_create(&id, repo_.get(), nullptr, author.get(), author.get(), nullptr, plan.message.c_str(),
                                 tree.get(), head ? 1 : 0, head ? parents : nullptr),
               "cannot write the commit");
    return id;
  }

  std::optional<git_oid> reusable_pending_commit(const git_commit* head, const Plan& plan) {
    git_oid pending_id;
    if (git_reference_name_to_id(&pending_id, repo_.get(), local_branch().c_str()) < 0) return std::nullopt;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &pending_id) < 0) return std::nullopt;
    git::Commit pending(raw);
    const bool same_parent = head ? git_commit_parentcount(pending.get()) == 1 &&
                                        git_oid_equal(git_commit_parent_id(pending.get(), 0), git_commit_id(head))
                                  : git_commit_parentcount(pending.get()) == 0;
    if (same_parent && git_oid_equal(git_commit_tree_id(pending.get()), &plan.tree) &&
        plan.message == git_commit_message(pending.get()))
      return pending_id;
    return std::nullopt;
  }

  git::Signature signature() {
    git_signature* raw = nullptr;
    std::string name = change_.author_name, email = change_.author_email;
    if (name.empty() || email.empty()) {
      git_signature* configured = nullptr;
      if (git_signature_default(&configured, repo_.get()) == 0) {
        if (name.empty()) name = configured->name;
        if (email.empty()) email = configured->email;
        git_signature_free(configured);
      }
    }
    if (name.empty()) name = "intentctl";
    if (email.empty()) email = "intentctl@localhost";
    if (git_signature_now(&raw, name.c_str(), email.c_str()) < 0)
      throw usage_error(fmt::format("invalid author \"{} <{}>\": {}", name, email, git::last_error_message()));
    return git::Signature(raw);
  }

  void set_reference(const std::string& name, const git_oid& id, const char* log) {
    git_reference* raw = nullptr;
    git::check(git_reference_create(&raw, repo_.get(), name.c_str(), &id, 1, log), "cannot update " + name);
    git_reference_free(raw);
  }

  void delete_reference(const std::string& name) {
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, repo_.get(), name.c_str()) == 0) {
      git_reference_delete(raw);
      git_reference_free(raw);
    }
  }

  // --- network ------------------------------------------------------------

  TransferContext transfer() const { return TransferContext(credentials_, request_.deadline, request_.cancelled); }

  // Connects, reads the remote's head of the branch, downloads it when the cache
  // lacks it, and records it as refs/remotes/origin/<branch>.
  std::optional<git_oid> fetch() {
    TransferContext context = transfer();
    context.show_progress(request_.progress, "receiving objects");
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    context.install(callbacks);
    git_proxy_options proxy = GIT_PROXY_OPTIONS_INIT;
    proxy.type = GIT_PROXY_AUTO;
    if (git_remote_connect(origin_.get(), GIT_DIRECTION_FETCH, &callbacks, &proxy, nullptr) < 0)
      throw transfer_error(context, "");
    struct Disconnect {
      git_remote* remote;
      ~Disconnect() { git_remote_disconnect(remote); }
    } disconnect{origin_.get()};
    const std::optional<git_oid> head = advertised_head();
    if (!head) {
      delete_reference(tracking_branch());
      return std::nullopt;
    }
    if (!object_exists(*head)) download(context, callbacks);
    if (!object_exists(*head))
      throw external_error(
          fmt::format("the remote announced {} for {} but did not send it", git::short_hex(*head), request_.branch));
    set_reference(tracking_branch(), *head, "intentctl publish: fetch");
    return head;
  }

  std::optional<git_oid> advertised_head() {
    const git_remote_head** heads = nullptr;
    std::size_t count = 0;
    git::check(git_remote_ls(&heads, &count, origin_.get()), "cannot list the remote's branches");
    const std::string wanted = local_branch();
    for (std::size_t i = 0; i < count; ++i)
      if (wanted == heads[i]->name) return heads[i]->oid;
    return std::nullopt;
  }

  void download(TransferContext& context, const git_remote_callbacks& callbacks) {
    git_fetch_options fetch = GIT_FETCH_OPTIONS_INIT;
    fetch.callbacks = callbacks;
    fetch.proxy_opts.type = GIT_PROXY_AUTO;
    fetch.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    fetch.update_fetchhead = 0;
    std::string spec = "+" + local_branch() + ":" + tracking_branch();
    char* specs[] = {spec.data()};
    const git_strarray refspecs{specs, 1};
    if (git_remote_download(origin_.get(), &refspecs, &fetch) < 0) throw transfer_error(context, "");
  }

  bool object_exists(const git_oid& id) {
    git_odb* raw = nullptr;
    git::check(git_repository_odb(&raw, repo_.get()), "cannot open the object database");
    git::Odb odb(raw);
    return git_odb_exists(odb.get(), &id) == 1;
  }

  // A new remote, and with it a new connection. libgit2 keeps the fetch's
  // HTTP connection and sends the push on it however long it sat idle; servers
  // close idle connections (lighttpd and Apache after 5 s), and building the
  // commit of a large tree takes longer: the push then failed with
  // "unexpected EOF".
  void open_origin() {
    git_remote* raw = nullptr;
    git::check(git_remote_lookup(&raw, repo_.get(), "origin"), "cannot read the cache " + cache_path_);
    origin_.reset(raw);
  }

  // Moves the remote branch from expected (what this attempt fetched; nullopt:
  // no branch) to commit, and from nothing else: compare-and-swap on every
  // transport. Over HTTP and SSH the server checks the old value it is sent
  // under its own lock (receive-pack), and the push negotiation makes sure
  // that value is expected; a local remote is updated by publish itself, under
  // the branch's lock (local_push.hpp).
  PushResult push(const git_oid& commit, const std::optional<git_oid>& expected) {
    if (local_remote()) {
      TransferContext context = transfer();
      context.show_progress(request_.progress, "sending objects");
      LocalPush local{repo_.get(), local_folder(remote_), local_branch(), commit, expected};
      try {
        if (push_to_local_repository(local, context) == LocalPushResult::remote_moved) return PushResult::remote_moved;
      } catch (const Error& error) {
        throw kept_commit(error, commit);
      }
      set_reference(tracking_branch(), commit, "intentctl publish: push");
      return PushResult::pushed;
    }
    open_origin();
    TransferContext context = transfer();
    context.show_progress(request_.progress, "sending objects");
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    context.install(options.callbacks);
    git_oid old{};
    if (expected) old = *expected;
    context.expect_remote(local_branch(), old);
    options.proxy_opts.type = GIT_PROXY_AUTO;
    std::string spec = local_branch() + ":" + local_branch(); // never "+": no force
    char* specs[] = {spec.data()};
    const git_strarray refspecs{specs, 1};
    const int result = git_remote_push(origin_.get(), &refspecs, &options);
    if (result == GIT_ENONFASTFORWARD || context.remote_moved()) return PushResult::remote_moved;
    if (result < 0) throw kept_commit(transfer_error(context, "cannot push: "), commit);
    if (!context.rejection().empty()) {
      if (declined(context.rejection())) throw declined_error(context, commit);
      return PushResult::remote_moved;
    }
    set_reference(tracking_branch(), commit, "intentctl publish: push");
    return PushResult::pushed;
  }

  // receive-pack's words for a refusal that pushing again will not change: a
  // hook that declined, or a rule of the server ("deny ..."); anything else it
  // reports for the branch means the branch moved under it.
  static bool declined(const std::string& rejection) {
    return rejection.find("declined") != std::string::npos || rejection.find("denied") != std::string::npos ||
           rejection.find("deny") != std::string::npos;
  }

  // The server said no, and says so again for the same push: what it said, and
  // where the commit is; no advice to run the same publish again.
  Error declined_error(const TransferContext& context, const git_oid& commit) const {
    std::string said;
    std::size_t start = 0;
    const std::string& messages = context.remote_messages();
    while (start < messages.size()) {
      std::size_t end = messages.find_first_of("\r\n", start);
      if (end == std::string::npos) end = messages.size();
      std::string line = messages.substr(start, end - start);
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
      const bool progress = line.find("% (") != std::string::npos; // "Resolving deltas: 100% (3/3)"
      if (!line.empty() && !progress) said += (said.empty() ? "" : "; ") + line;
      start = end + 1;
    }
    const std::string message =
        fmt::format("the remote refused to update {}: {}{}; pushing again will be refused the same way until the "
                    "server's rule changes; commit {} is kept in {} as {}",
                    request_.branch, context.rejection(),
                    said.empty() ? "" : fmt::format(" (the server said: {})", said), git::short_hex(commit),
                    cache_path_, local_branch());
    return external_error(redact(message, credentials_.secrets));
  }

  Error kept_commit(const Error& error, const git_oid& commit) const {
    return Error(error.exit_class(),
                 fmt::format("{}; commit {} is kept in {} as {}: run the same publish again to push it",
                             error.message(), git::short_hex(commit), cache_path_, local_branch()));
  }

  // Where the site's repo is written, for hints.
  std::string repo_setting() const {
    return request_.sites_file.empty() ? fmt::format("the repo of site {}", site_.name)
                                       : fmt::format("the repo of site {} in {}", site_.name, request_.sites_file);
  }

  // The URL, then why: the one place where libgit2's words become ours.
  Error transfer_error(const TransferContext& context, const char* what) const {
    const std::string detail = git::last_error_message();
    const bool http = remote_.kind == RemoteKind::http;
    std::string cause;
    std::string hint;
    ExitClass exit_class = ExitClass::external;
    if (const StopReason reason = context.stop_reason(); reason != StopReason::none) {
      const Error stopped = stop_error(reason);
      cause = stopped.message();
      exit_class = stopped.exit_class();
    } else if (!context.host_key_problem().empty()) {
      cause = context.host_key_problem();
    } else if (context.authentication_refused()) {
      cause = fmt::format("authentication refused{}", http ? " (HTTP 401)" : "");
      hint = refused_hint(credentials_);
    } else if (context.credentials_missing()) {
      cause = fmt::format("authentication required{} and no credentials were given", http ? " (HTTP 401)" : "");
      hint = credentials_.hint;
    } else if (detail.find("403") != std::string::npos) {
      cause = "access denied (HTTP 403)";
      hint = fmt::format("the credentials from {} may not {} this repository: ask its owner for access",
                         credentials_.secret_origin.empty() ? "the environment" : credentials_.secret_origin,
                         change_.dry_run ? "read" : "write to");
    } else if (git::last_error_is_missing_object()) {
      throw git::MissingObject(
          redact(fmt::format("{}a Git object is missing ({})", what, detail), credentials_.secrets));
    } else if (detail.find("404") != std::string::npos ||
               detail.find("could not find repository") != std::string::npos ||
               detail.find("not a git repository") != std::string::npos ||
               detail.find("does not appear to be a git repository") != std::string::npos) {
      cause = detail.find("404") != std::string::npos ? "repository not found (HTTP 404)"
                                                     : fmt::format("repository not found ({})", detail);
      hint = fmt::format("the server answers but holds no repository at that path: check {}", repo_setting());
    } else if (detail.find("certificate") != std::string::npos) {
      cause = "TLS: " + detail;
      hint = "the Git server's certificate is not trusted here: give its CA file in GIT_SSL_CAINFO (as for git), "
             "or add the CA to the system's";
    } else if (detail.find("failed to connect") != std::string::npos ||
               detail.find("failed to resolve") != std::string::npos) {
      cause = fmt::format("unreachable ({})", detail);
      hint = detail.find("failed to resolve") != std::string::npos
                 ? fmt::format("the host name does not resolve: check {}", repo_setting())
                 : fmt::format("is the Git server running? Check {}", repo_setting());
    } else {
      cause = detail.empty() ? "failed" : detail;
    }
    // The URL stands beside the message in every output, so it is not repeated here.
    Error error(exit_class, redact(fmt::format("{}{}", what, cause), credentials_.secrets));
    return error.with_hint(redact(hint, credentials_.secrets));
  }

  const SiteRequest& request_;
  const Site& site_;
  const SiteChange& change_;
  RemoteUrl remote_;
  CredentialSettings credentials_;
  std::string cache_path_;
  git::Repository repo_;
  git::Remote origin_;
  git_odb_backend* staging_ = nullptr; // owned by the repository's object database
  SiteOutcome outcome_;
  std::vector<std::string> path_ = split_site_path(site_.path);
  std::vector<std::string> plan_notes_;
};

} // namespace

SiteOutcome publish_site(const SiteRequest& request) {
  git::ensure_initialised();
  return SitePublisher(request).run();
}

namespace {

// The commit id names (a full or abbreviated id), if the cache has it.
std::optional<git_oid> find_commit(git_repository* repo, const std::string& id) {
  git_object* object = nullptr;
  if (git_revparse_single(&object, repo, id.c_str()) < 0) return std::nullopt;
  git_oid found = *git_object_id(object);
  const bool is_commit = git_object_type(object) == GIT_OBJECT_COMMIT;
  git_object_free(object);
  if (!is_commit) return std::nullopt;
  return found;
}

bool contains(git_repository* repo, const git_oid& head, const git_oid& commit) {
  return git_oid_equal(&head, &commit) || git_graph_descendant_of(repo, &head, &commit) == 1;
}

} // namespace

PublishedCommit find_published_commit(const SiteRequest& request, const std::string& commit) {
  PublishedCommit found;
  SiteRequest dry_run = request;
  dry_run.change.dry_run = true;
  dry_run.change.rollback = false;
  found.dry_run = publish_site(dry_run);
  if (!found.dry_run.error.empty() || found.dry_run.commit.empty()) return found;

  const CachePaths paths = cache_paths(request.cache_root, parse_remote_url(request.site->repo, request.base_dir));
  git_repository* raw = nullptr;
  git::check(git_repository_open_bare(&raw, paths.repository.c_str()), "cannot open the cache " + paths.repository);
  const git::Repository repo(raw);
  git_oid head;
  git::check(git_oid_fromstr(&head, found.dry_run.commit.c_str()), "bad commit id " + found.dry_run.commit);
  const std::optional<git_oid> published =
      commit.empty() ? last_publish(repo.get(), head, request.site->name) : find_commit(repo.get(), commit);
  if (!published) return found;
  found.published = git::oid_hex(*published);
  found.on_branch = contains(repo.get(), head, *published);
  return found;
}

} // namespace intentctl
