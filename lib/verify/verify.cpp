#include "verify/verify.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/interrupt.hpp"
#include "git/cache.hpp"
#include "git/git.hpp"
#include "io/output_document.hpp"
#include "io/progress.hpp"
#include "io/writer.hpp"
#include "model/mapping.hpp"
#include "sites/sites.hpp"
#include "util/url.hpp"
#include "util/worker_pool.hpp"
#include "verify/cluster.hpp"
#include "verify/git_check.hpp"
#include "verify/kube_client.hpp"
#include "verify/kubeconfig.hpp"
#include "verify/metrics.hpp"
#include "verify/report.hpp"
#include "verify/slo_expr.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// One site across passes: what it was rendered as, how to reach its cluster
// and metrics, and what the checks found so far.
struct SiteState {
  const Site* site = nullptr;
  RenderedSite rendered;
  std::optional<KubeClient> kube;
  std::string kube_missing; // why there is no cluster check
  std::optional<MetricsReader> metrics;
  std::string metrics_missing;
  SiteResult result;
  std::set<std::string> shown_final;                // checks whose final line is printed
  std::map<std::string, std::string> shown_waiting; // check -> the last "wait" line printed
};

struct Run {
  VerifyOptions options;
  Sites sites;
  std::vector<SloCondition> slo;
  std::vector<std::unique_ptr<SiteState>> states;
  CredentialCache credentials;
  std::string cache_root;
  std::string base_dir;
  Clock::time_point start;
  Clock::time_point deadline;
};

// --- setting up -------------------------------------------------------------

// Where the site's cluster is: --kubeconfig, else the sites file's, else
// KUBECONFIG. Configs are read once and shared by the sites that use them.
class KubeconfigSource {
 public:
  explicit KubeconfigSource(const VerifyOptions& options) : options_(options) {}

  // The endpoint, or nullopt with why there is none.
  std::optional<KubeEndpoint> endpoint_for(const Site& site, std::string& missing) {
    std::vector<std::string> files;
    bool list = false;
    if (!options_.kubeconfig.empty()) files = {options_.kubeconfig};
    else if (!site.kubeconfig.empty()) files = {site.kubeconfig};
    else if (const char* env = std::getenv("KUBECONFIG"); env && *env) {
      files = split_kubeconfig_list(env);
      list = true;
    }
    if (files.empty()) {
      missing = fmt::format("no kubeconfig for {}", site.name);
      return std::nullopt;
    }
    const std::string key = fmt::format("{}", fmt::join(files, ":"));
    auto cached = configs_.find(key);
    if (cached == configs_.end()) cached = configs_.emplace(key, load_kubeconfig(files, list)).first;
    if (cached->second.files.empty()) {
      missing = fmt::format("no kubeconfig for {} (none of the KUBECONFIG files exists)", site.name);
      return std::nullopt;
    }
    const std::string& context = !options_.context.empty() ? options_.context : site.context;
    return resolve_endpoint(cached->second, context);
  }

 private:
  const VerifyOptions& options_;
  std::map<std::string, Kubeconfig> configs_;
};

std::optional<MetricsSource> metrics_for(const VerifyOptions& options, const Site& site) {
  MetricsSource source = site.metrics.value_or(MetricsSource{});
  if (!options.metrics_url.empty()) source.url = options.metrics_url;
  if (!options.metrics_kind.empty()) source.kind = options.metrics_kind;
  if (source.url.empty()) return std::nullopt;
  return source;
}

std::unique_ptr<SiteState> prepare_site(Run& run, const Site& site, KubeconfigSource& kubeconfigs) {
  auto state = std::make_unique<SiteState>();
  state->site = &site;
  const std::string folder = (fs::path(run.options.dir) / site.name).string();
  state->rendered = read_rendered_site(folder);
  if (auto endpoint = kubeconfigs.endpoint_for(site, state->kube_missing))
    state->kube.emplace(std::move(*endpoint), run.credentials);
  if (auto source = metrics_for(run.options, site)) state->metrics.emplace(std::move(*source));
  else state->metrics_missing = fmt::format("no metrics source for {}", site.name);
  if (!run.slo.empty() && !state->metrics)
    throw usage_error(
        fmt::format("--slo needs a metrics source for {}: give --metrics URL or the site's metrics.url", site.name));
  SiteResult& result = state->result;
  result.site = site.name;
  result.folder = folder;
  result.repo = redact(site.repo);
  result.branch = site.branch;
  result.expectations = state->rendered.expectations;
  result.capacity = site.capacity;
  result.git = make_result("git", CheckState::pending, "not checked yet");
  result.cluster = make_result("cluster", CheckState::pending, "not checked yet");
  result.slo = make_result("slo", CheckState::pending, "not checked yet");
  return state;
}

std::shared_ptr<Run> prepare(const VerifyOptions& options, Io& io) {
  auto run = std::make_shared<Run>();
  run->options = options;
  run->start = Clock::now();
  run->deadline = run->start + options.timeout;
  if (!options.commit.empty() && (options.commit.size() < 7 || options.commit.size() > 40 ||
                                  options.commit.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
    throw usage_error(fmt::format("--commit \"{}\" is not a commit id (7 to 40 hex digits)", options.commit));
  if (!options.slo.empty()) run->slo = parse_slo(options.slo);
  run->sites = load_sites(options.sites_file, io.in, io.stdin_is_terminal);
  const std::vector<const Site*> chosen = run->sites.select_rendered(options.sites, options.all, options.dir, "verify");
  // The remote publish found (or made) for this rendered folder.
  if (run->sites.embedded_default())
    for (Site& site : run->sites.sites) site.repo = find_default_remote(options.dir).repo;
  run->cache_root = cache_root(options.cache_dir);
  run->base_dir = run->sites.folder;
  // libgit2 loads the system's CA certificates when it starts: process start-up,
  // not part of any site's checks.
  git::ensure_initialised();
  KubeconfigSource kubeconfigs(run->options);
  for (const Site* site : chosen) run->states.push_back(prepare_site(*run, *site, kubeconfigs));
  return run;
}

// --- one pass over one site ------------------------------------------------------

// Whether another pass could change the check: it is not there yet, or
// (under --wait) its evidence could not be had for a reason that may pass.
bool needs_work(const CheckResult& check, bool waiting) {
  if (check.at_deadline) return false;
  if (check.state == CheckState::pending) return true;
  return waiting && check.state == CheckState::unknown && !check.permanent;
}

// Runs one check, turning what it throws into a result: unknown, or pending
// when the deadline cut it off (whatever the failure looked like by then).
template <typename Check>
CheckResult guarded(const char* name, Clock::time_point deadline, Check check) {
  try {
    return check();
  } catch (const AuthRefused& error) {
    CheckResult result = error_result(name, error);
    result.permanent = true;
    return result;
  } catch (const Error& error) {
    if (error.exit_class() == ExitClass::usage) throw; // a broken input is the whole command's error
    if (error.exit_class() == ExitClass::interrupted) throw;
    if (Clock::now() < deadline) return error_result(name, error);
    return error_result(name, Error(ExitClass::timeout, error.message()));
  }
}

GitCheckRequest git_request(const Run& run, const SiteState& state) {
  GitCheckRequest request;
  request.site = state.site;
  request.folder = state.result.folder;
  request.commit = run.options.commit;
  request.cache_root = run.cache_root;
  request.ssh_key = run.options.ssh_key;
  request.base_dir = run.base_dir;
  request.sites_file = run.sites.file;
  request.deadline = run.deadline;
  return request;
}

void run_git(Run& run, SiteState& state) {
  SiteResult& result = state.result;
  if (result.git.final()) return;
  GitCheckOutcome outcome;
  result.git = guarded("git", run.deadline, [&] {
    outcome = check_git(git_request(run, state));
    return outcome.result;
  });
  result.git.permanent = true; // the branch is read once; Config Sync is what verify waits for
  result.head = outcome.head;
  result.published = outcome.published;
}

void run_cluster(Run& run, SiteState& state, HttpClient& http) {
  SiteResult& result = state.result;
  if (!state.kube) {
    result.cluster = make_result("cluster", CheckState::skip, state.kube_missing);
    return;
  }
  if (!needs_work(result.cluster, run.options.wait)) return;
  // Config Sync syncs the branch head, which contains the published commit.
  const std::string expected = !result.head.empty() ? result.head : run.options.commit;
  if (expected.empty()) {
    result.cluster = make_result("cluster", CheckState::skip,
                                 "not checked: no published commit to compare with (see the git check)");
    return;
  }
  result.cluster = guarded("cluster", run.deadline, [&] {
    return check_cluster(*state.kube, http, state.rendered, state.site->rootsync, expected, run.deadline);
  });
}

// The targets the SLO check measures: --slo's conditions, else every
// measurable target of the rendered expectations.
struct SloTarget {
  std::string name;
  Condition condition;
  const ValueRange* range;
  std::string expectation_id;
  std::string intent_id;
};

bool measurable(const ValueRange& range) {
  return std::all_of(range.values.begin(), range.values.end(), [](const Value& value) {
    return std::holds_alternative<Quantity>(value) || std::holds_alternative<bool>(value) ||
           std::holds_alternative<std::string>(value);
  });
}

std::vector<SloTarget> slo_targets(const Run& run, const SiteState& state) {
  std::vector<SloTarget> targets;
  if (!run.slo.empty()) {
    for (const auto& condition : run.slo) {
      SloTarget target{condition.name, condition.condition, &condition.range, {}, {}};
      for (const auto& rendered : state.rendered.expectations)
        for (const auto& named : rendered.expectation.targets)
          if (target.expectation_id.empty() && normalize_name(named.name) == normalize_name(condition.name)) {
            target.expectation_id = rendered.expectation.id;
            target.intent_id = rendered.intent_id;
          }
      targets.push_back(std::move(target));
    }
    return targets;
  }
  for (const auto& rendered : state.rendered.expectations)
    for (const auto& target : rendered.expectation.targets)
      if (measurable(target.range))
        targets.push_back({target.name, target.condition, &target.range, rendered.expectation.id, rendered.intent_id});
  return targets;
}

std::string target_line(const TargetOutcome& target) {
  const std::string where =
      target.expectation_id.empty() ? "" : fmt::format(" (expectation {})", target.expectation_id);
  const TargetVerdict& verdict = target.verdict;
  if (verdict.measured && (verdict.met() || verdict.reason.ends_with(verdict.wanted_text)))
    return fmt::format("{} {}, wanted {}{}", target.name, verdict.achieved_text, verdict.wanted_text, where);
  return fmt::format("{}: {}{}", target.name, verdict.reason, where);
}

std::string_view verdict_word(CheckState state) {
  return state == CheckState::pass ? "met" : state == CheckState::fail ? "not met" : "unknown";
}

// A target beyond its SLO fails the check, whatever else is unknown: that is
// measured. Without one, a target that could not be measured makes the whole
// check unknown, never a pass and never a failure.
CheckResult judge_targets(const std::vector<TargetOutcome>& outcomes) {
  std::vector<std::string> details;
  const TargetOutcome* first_failure = nullptr;
  const TargetOutcome* first_unknown = nullptr;
  std::size_t met = 0, failed = 0, unknown = 0;
  for (const auto& outcome : outcomes) {
    const CheckState state = outcome.verdict.state;
    details.push_back(fmt::format("{}: {} [{}]", verdict_word(state), target_line(outcome), outcome.origin));
    if (state == CheckState::pass) {
      ++met;
    } else if (state == CheckState::fail) {
      ++failed;
      if (!first_failure) first_failure = &outcome;
    } else {
      ++unknown;
      if (!first_unknown) first_unknown = &outcome;
    }
  }
  const std::string unknown_part =
      unknown ? fmt::format("; {} of {} target{} unknown", unknown, outcomes.size(), outcomes.size() == 1 ? "" : "s")
              : "";
  if (first_failure)
    return make_result("slo", CheckState::fail,
                       target_line(*first_failure) +
                           (failed > 1 ? fmt::format("; {} of {} targets not met", failed, outcomes.size()) : "") +
                           unknown_part,
                       details);
  if (first_unknown)
    return make_result("slo", CheckState::unknown, target_line(*first_unknown) + unknown_part, details);
  std::string summary = fmt::format("{}/{} targets met", met, outcomes.size());
  for (std::size_t i = 0; i < outcomes.size() && i < 3; ++i)
    summary += fmt::format("{} {} {}", i ? "," : ":", outcomes[i].name, outcomes[i].verdict.achieved_text);
  if (outcomes.size() > 3) summary += ", ...";
  return make_result("slo", CheckState::pass, summary, details);
}

CheckResult measure(Run& run, SiteState& state, HttpClient& http) {
  const std::vector<SloTarget> targets = slo_targets(run, state);
  if (targets.empty())
    return make_result("slo", CheckState::skip, fmt::format("no measurable targets in {}", state.result.folder));
  state.metrics->new_pass();
  std::map<std::string, Measurement> measured; // one query per name per pass
  std::vector<TargetOutcome> outcomes;
  for (const auto& target : targets) {
    auto found = measured.find(target.name);
    if (found == measured.end())
      found = measured.emplace(target.name, state.metrics->read(http, target.name, run.deadline)).first;
    TargetOutcome outcome;
    outcome.name = target.name;
    outcome.expectation_id = target.expectation_id;
    outcome.intent_id = target.intent_id;
    outcome.origin = redact_output(found->second.origin, state.metrics->secrets());
    outcome.verdict = evaluate(target.condition, *target.range, found->second);
    // What a server said about a query reaches the output and the reports.
    outcome.verdict.reason = redact_output(outcome.verdict.reason, state.metrics->secrets());
    outcomes.push_back(std::move(outcome));
  }
  state.result.targets = outcomes;
  return judge_targets(outcomes);
}

void run_slo(Run& run, SiteState& state, HttpClient& http) {
  SiteResult& result = state.result;
  if (!state.metrics) {
    result.slo = make_result("slo", CheckState::skip, state.metrics_missing);
    return;
  }
  if (!needs_work(result.slo, run.options.wait)) return;
  // Measuring before the cluster runs the published configuration says nothing about it.
  if (state.kube && result.cluster.state != CheckState::pass) {
    const bool may_still_pass = needs_work(result.cluster, run.options.wait);
    const std::string why =
        result.cluster.state == CheckState::fail ? "failed" : fmt::format("is {}", state_word(result.cluster.state));
    result.slo = make_result("slo", may_still_pass ? CheckState::pending : CheckState::skip,
                             may_still_pass ? "waiting for the cluster check"
                                            : fmt::format("not measured: the cluster check {}", why));
    return;
  }
  result.slo = guarded("slo", run.deadline, [&] { return measure(run, state, http); });
}

// Runs one check and adds its time to the check's result.
template <typename Step>
void timed(CheckResult& check, Step step) {
  const auto start = Clock::now();
  const auto before = check.elapsed;
  step();
  check.elapsed = before + std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

void run_pass(Run& run, SiteState& state, HttpClient& http) {
  const auto start = Clock::now();
  const auto network_before = http.network_time();
  const std::size_t requests_before = http.requests();
  SiteResult& result = state.result;
  timed(result.git, [&] { run_git(run, state); });
  timed(result.cluster, [&] { run_cluster(run, state, http); });
  timed(result.slo, [&] { run_slo(run, state, http); });
  state.result.network += http.network_time() - network_before;
  state.result.requests += http.requests() - requests_before;
  state.result.elapsed += std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

bool site_needs_work(const SiteState& state, bool waiting) {
  for (const CheckResult* check : state.result.checks())
    if (needs_work(*check, waiting)) return true;
  return false;
}

// --- passes over all sites -------------------------------------------------------

class Workers {
 public:
  Workers(Run& run, unsigned count) : run_(run) {
    for (unsigned i = 0; i < count; ++i) clients_.push_back(std::make_unique<HttpClient>());
  }

  // One pass over the sites that still need one, in parallel. Errors that are
  // the whole command's (usage, input) come back out on this thread.
  void pass(bool waiting, Io& io) {
    std::vector<SiteState*> todo;
    for (auto& state : run_.states)
      if (site_needs_work(*state, waiting)) todo.push_back(state.get());
    // Machine output (JSON, JUnit) shares no terminal with a counter.
    Progress progress(io, "verify", todo.size(), "sites", run_.options.format == "text");
    parallel_for(todo.size(), static_cast<unsigned>(clients_.size()), [&](std::size_t index, unsigned worker) {
      throw_if_interrupted();
      run_pass(run_, *todo[index], *clients_[worker]);
      progress.advance();
    });
    throw_if_interrupted();
  }

 private:
  Run& run_;
  std::vector<std::unique_ptr<HttpClient>> clients_;
};

// --- output ------------------------------------------------------------------------

std::size_t site_width(const Run& run) {
  std::size_t width = 0;
  for (const auto& state : run.states) width = std::max(width, state->site->name.size());
  return width;
}

// Text output as it happens under --wait: a check's line once it is final,
// and a "wait" line whenever what it waits for changes. The last call
// (final_pass) prints whatever was not shown yet, pending checks included.
void print_check_lines(Run& run, Io& io, bool final_pass) {
  const std::size_t width = site_width(run);
  for (auto& state : run.states) {
    for (const CheckResult* check : state->result.checks()) {
      if (state->shown_final.contains(check->check)) continue;
      // Pending checks, and errors --wait will ask again about, are not final yet.
      if (!needs_work(*check, run.options.wait) || final_pass) {
        io.out << text_line(state->site->name, *check, width, false, io.out_palette) << '\n';
        for (const auto& detail : check->details) io.out << detail_line(detail, io.out_palette) << '\n';
        state->shown_final.insert(check->check);
        continue;
      }
      const std::string line = text_line(state->site->name, *check, width, true, io.out_palette);
      std::string& shown = state->shown_waiting[check->check];
      if (line != shown) io.out << line << '\n';
      shown = line;
    }
  }
  io.out.flush();
}

void print_results(Run& run, Io& io, std::chrono::microseconds elapsed) {
  const std::string& format = run.options.format;
  if (format == "junit") {
    std::vector<SiteResult> results;
    for (const auto& state : run.states) results.push_back(state->result);
    io.out << junit_report(results, elapsed);
  } else if (format == "json") {
    JsonSink sink(io.out, kVerifyKind);
    std::vector<const SiteResult*> results;
    for (const auto& state : run.states) {
      sink.record(json_record(state->result), {});
      results.push_back(&state->result);
    }
    sink.document().set("status", Node::string(std::string(overall(results))));
    sink.finish();
  } else {
    print_check_lines(run, io, true);
    const std::size_t width = site_width(run);
    for (const auto& state : run.states) {
      const SiteResult& result = state->result;
      if (!result.rollback.empty())
        io.out << fmt::format("{:<{}}  {:<7}  {}\n", result.site, width, "rollback", result.rollback);
      if (!result.reports.empty()) io.out << fmt::format("report: {}\n", fmt::join(result.reports, ", "));
    }
  }
  io.out.flush();
}

void report_timing(const Run& run, Io& io) {
  for (const auto& state : run.states) {
    const SiteResult& result = state->result;
    auto ms = [](std::chrono::microseconds time) { return static_cast<double>(time.count()) / 1e3; };
    io.diagnostics.verbose(fmt::format("{}: {} requests, network {:.1f} ms, checks {:.1f} ms (git {:.1f}, cluster "
                                       "{:.1f}, slo {:.1f})",
                                       result.site, result.requests, ms(result.network), ms(result.elapsed),
                                       ms(result.git.elapsed), ms(result.cluster.elapsed), ms(result.slo.elapsed)));
  }
}

// --- after the checks ----------------------------------------------------------------

// What the published configuration did on the cluster failed, measured: the
// cluster check (STALLED, errors at the commit, a failed object or
// ProvisioningRequest, missing objects) or an SLO sample beyond its target.
// Nothing unknown or pending rolls back, and neither does a failed git check:
// the published commit was never verified.
bool deployment_failed(const SiteResult& result) {
  return result.cluster.state == CheckState::fail || result.slo.state == CheckState::fail;
}

void roll_back_failed(Run& run, Io& io) {
  for (auto& state : run.states) {
    SiteResult& result = state->result;
    if (!deployment_failed(result)) continue;
    const char* which = result.cluster.state == CheckState::fail ? "the cluster" : "the SLO";
    io.diagnostics.note(fmt::format("{}: {} check failed; rolling back the last intentctl commit", result.site, which));
    GitCheckRequest request = git_request(run, *state);
    request.deadline = Clock::now() + run.options.timeout; // its own time, even after a long --wait
    result.rollback = redact_output(roll_back(request).summary);
    // Said at once, whatever happens to the output and the reports after it.
    io.diagnostics.report({Severity::warning, fmt::format("{}: rollback: {}", result.site, result.rollback), {}});
  }
}

// Checks whose evidence another pass might still bring: pending ones, and
// under --wait unknown ones a server may yet answer.
bool still_open(const CheckResult& check, bool waiting) {
  return check.state == CheckState::pending || (waiting && check.state == CheckState::unknown && !check.permanent);
}

// 1 for a measured failure; 3 for what could not be known; 4 when the
// deadline ended it (a request cut off, or --wait running out); 1 for a
// single pass that found Config Sync not there yet (not synced).
ExitClass exit_class_of(const Run& run) {
  const bool waiting = run.options.wait;
  bool failed = false, unknown = false, deadline = false, pending = false;
  for (const auto& state : run.states) {
    for (const CheckResult* check : state->result.checks()) {
      failed = failed || check->state == CheckState::fail;
      if (check->at_deadline || (waiting && still_open(*check, waiting))) deadline = true;
      else if (check->state == CheckState::unknown) unknown = true;
      else if (check->state == CheckState::pending) pending = true;
    }
  }
  if (failed) return ExitClass::failed;
  if (unknown) return ExitClass::external;
  if (deadline) return ExitClass::timeout;
  if (pending) return ExitClass::failed;
  return ExitClass::ok;
}

void explain_exit(const Run& run, ExitClass result, Io& io) {
  std::vector<std::string> open;
  for (const auto& state : run.states)
    for (const CheckResult* check : state->result.checks())
      if (still_open(*check, run.options.wait))
        open.push_back(fmt::format("{} {}{}", state->result.site, check->check,
                                   check->state == CheckState::unknown ? " (unknown)" : ""));
  if (open.empty()) return;
  if (result == ExitClass::timeout)
    io.diagnostics.report({Severity::error,
                           fmt::format("timed out after {}s waiting for: {}", run.options.timeout.count() / 1000.0,
                                       fmt::join(open, ", ")),
                           {}});
  else if (!run.options.wait)
    io.diagnostics.note(fmt::format("still pending: {} (use --wait to wait for them)", fmt::join(open, ", ")));
}

// A report that cannot be written is a warning: the checks' results are
// printed all the same and decide the exit code.
void write_site_reports(Run& run, Io& io) {
  for (auto& state : run.states) {
    try {
      state->result.reports = write_reports(state->result, run.options.report_dir);
    } catch (const std::exception& error) {
      const auto* ours = dynamic_cast<const Error*>(&error);
      io.diagnostics.report(
          {Severity::warning,
           fmt::format("{}: no report written: {}", state->result.site,
                       ours ? location_prefix(ours->where()) + ours->message() : std::string(error.what())),
           {}});
    }
  }
}

} // namespace

ExitClass verify(const VerifyOptions& options, Io& io) {
  const std::shared_ptr<Run> run = prepare(options, io);
  Workers workers(*run, worker_count(options.jobs, run->states.size(), Workload::waiting));
  for (;;) {
    workers.pass(options.wait, io);
    if (options.format == "text" && options.wait) print_check_lines(*run, io, false);
    const bool more = std::any_of(run->states.begin(), run->states.end(),
                                  [&](const auto& state) { return site_needs_work(*state, options.wait); });
    if (!options.wait || !more) break;
    const auto next = std::min(Clock::now() + options.interval, run->deadline);
    while (Clock::now() < next) {
      throw_if_interrupted();
      std::this_thread::sleep_for(std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(100)));
    }
    if (Clock::now() >= run->deadline) break;
  }
  if (options.rollback_on_failure) roll_back_failed(*run, io);
  if (!options.report_dir.empty()) write_site_reports(*run, io);
  const ExitClass result = exit_class_of(*run);
  print_results(*run, io, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - run->start));
  report_timing(*run, io);
  explain_exit(*run, result, io);
  return result;
}

} // namespace intentctl
