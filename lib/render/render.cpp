#include "render/render.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "conflicts/analysis.hpp"
#include "conflicts/report.hpp"
#include "core/interrupt.hpp"
#include "io/progress.hpp"
#include "io/writer.hpp"
#include "model/bundle_crds.hpp"
#include "model/expectation_reader.hpp"
#include "render/objects.hpp"
#include "render/tree.hpp"
#include "sites/sites.hpp"
#include "util/url.hpp"
#include "util/worker_pool.hpp"

namespace intentctl {

namespace {

// What one site's tree holds.
struct SitePlan {
  const Site* site = nullptr;
  std::string namespace_;                            // of the ConfigMaps and bundles
  std::vector<const InputExpectation*> expectations; // sorted by name
};

void check_options(const RenderOptions& options) {
  if (options.function) {
    if (!options.inputs.empty() || !options.output_dir.empty() || options.to_stdout || options.rootsync ||
        options.overwrite)
      throw usage_error("--fn reads a ResourceList on standard input and writes it to standard output; it takes no "
                        "inputs, -o, --rootsync or --overwrite");
    return;
  }
  if (!options.output_dir.empty() && options.to_stdout) throw usage_error("give either -o DIR or -o -, not both");
  if (options.output_dir.empty() && !options.to_stdout)
    throw usage_error("name the output folder with -o DIR, or write one YAML stream to standard output with -o -");
  if (!options.namespace_.empty() && !is_dns1123_label(options.namespace_))
    throw usage_error(fmt::format("--namespace \"{}\" is not a DNS-1123 label (lower case letters, digits and '-', "
                                  "at most 63)",
                                  options.namespace_));
}

void check_rootsync_settings(const Site& site) {
  if (!is_dns1123_subdomain(site.rootsync.name))
    throw usage_error(
        fmt::format("site {}: rootsync name \"{}\" is not a DNS-1123 name", site.name, site.rootsync.name));
  if (!is_dns1123_label(site.rootsync.namespace_))
    throw usage_error(
        fmt::format("site {}: rootsync namespace \"{}\" is not a DNS-1123 label", site.name, site.rootsync.namespace_));
}

// Each expectation goes to its intent's sites, or to every site when the
// intent names none; --site keeps only the selected ones.
std::vector<SitePlan> plan_sites(const std::vector<InputExpectation>& expectations, const Sites& sites,
                                 const std::vector<const Site*>& selected, const RenderOptions& options) {
  std::vector<SitePlan> plans;
  for (const Site* site : selected)
    plans.push_back({site, options.namespace_.empty() ? site->namespace_ : options.namespace_, {}});
  for (const auto& entry : expectations) {
    for (const auto& name : entry.sites) sites.named(name, entry.intent_id, entry.sites_where);
    for (auto& plan : plans)
      if (entry.sites.empty() ||
          std::find(entry.sites.begin(), entry.sites.end(), plan.site->name) != entry.sites.end())
        plan.expectations.push_back(&entry);
  }
  for (auto& plan : plans)
    std::sort(plan.expectations.begin(), plan.expectations.end(),
              [](const InputExpectation* a, const InputExpectation* b) { return a->name < b->name; });
  return plans;
}

// The namespaces a site's tree creates: the one its objects live in, and one
// named after the site, as the seed's trees had (not Kubernetes' own).
std::vector<std::string> site_namespaces(const SitePlan& plan) {
  std::vector<std::string> names{plan.namespace_};
  const std::string& site = plan.site->name;
  const bool system = site == "default" || site.starts_with("kube-");
  if (!system && site != plan.namespace_) names.push_back(site);
  std::sort(names.begin(), names.end());
  return names;
}

std::size_t file_count(const SitePlan& plan, const RenderOptions& options) {
  std::size_t count = 1 + site_namespaces(plan).size() + (options.rootsync ? 1 : 0);
  for (const auto* entry : plan.expectations) count += entry->domain->provisioning_request ? 2 : 1;
  return count;
}

// The files of one expectation on one site: apps/intent/<name>.yaml with the
// ConfigMap and the bundle, or the ConfigMap there and the ProvisioningRequest
// in o2ims/<name>.yaml.
void write_expectation(const InputExpectation& entry, const Placement& placement, TreeOutput& out,
                       std::vector<std::string>& paths) {
  const Node config_map = expectation_config_map(entry, placement);
  const Node object = expectation_object(entry, placement);
  std::string text;
  text.reserve(4096);
  std::string path = "apps/intent/" + entry.name + ".yaml";
  if (entry.domain->provisioning_request) {
    append_documents(text, {&config_map});
    out.add(path, text);
    paths.push_back(std::move(path));
    text.clear();
    append_documents(text, {&object});
    path = "o2ims/" + entry.name + ".yaml";
  } else {
    append_documents(text, {&config_map, &object});
  }
  out.add(path, text);
  paths.push_back(std::move(path));
}

// An output's files kept in order, for outputs that need one writer at a time.
class FileBuffer final : public TreeOutput {
 public:
  void add(const std::string& path, std::string_view content) override { files_.emplace_back(path, content); }
  void forward(TreeOutput& out) const {
    for (const auto& [path, content] : files_) out.add(path, content);
  }

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

// One batch of expectations' files, built by several threads, in order.
struct Batch {
  std::vector<FileBuffer> files;
  std::vector<std::vector<std::string>> paths;
};

Batch build_batch(const std::vector<const InputExpectation*>& entries, std::size_t start, std::size_t end,
                  const Placement& placement, unsigned threads) {
  Batch batch{std::vector<FileBuffer>(threads), std::vector<std::vector<std::string>>(threads)};
  const std::size_t share = (end - start + threads - 1) / threads;
  // Share t is a run of expectations in order, so the shares joined are too.
  parallel_for(threads, threads, [&](std::size_t t, unsigned) {
    const std::size_t from = std::min(end, start + t * share), to = std::min(end, from + share);
    for (std::size_t i = from; i < to; ++i) write_expectation(*entries[i], placement, batch.files[t], batch.paths[t]);
  });
  return batch;
}

// Rendering is independent per expectation, so large sites use every core to
// build the files, batch by batch, while this thread writes the previous
// batch, in order (files created in one folder from several threads would only
// contend for its lock).
void write_expectations(const SitePlan& plan, unsigned jobs, TreeOutput& out, std::vector<std::string>& paths,
                        Progress& progress) {
  const auto& entries = plan.expectations;
  const Placement placement{*plan.site, plan.namespace_};
  unsigned threads = 1;
  if (entries.size() >= kThreadedRender) {
    threads = worker_count(jobs, entries.size(), Workload::computing);
    if (jobs == 0) threads = std::min(threads, kMostBuilders); // one thread writes all they build
  }
  if (threads == 1) {
    for (const InputExpectation* entry : entries) {
      write_expectation(*entry, placement, out, paths);
      progress.advance();
    }
    return;
  }
  constexpr std::size_t batch_size = 2048;
  auto build = [&](std::size_t start) {
    return std::async(std::launch::async, build_batch, std::cref(entries), start,
                      std::min(entries.size(), start + batch_size), std::cref(placement), threads);
  };
  std::future<Batch> next = build(0);
  for (std::size_t start = 0; start < entries.size(); start += batch_size) {
    Batch batch = next.get();
    if (start + batch_size < entries.size()) next = build(start + batch_size);
    for (unsigned t = 0; t < threads; ++t) {
      batch.files[t].forward(out);
      paths.insert(paths.end(), batch.paths[t].begin(), batch.paths[t].end());
    }
    progress.advance(std::min(batch_size, entries.size() - start));
  }
}

struct SiteWriter {
  const SitePlan& plan;
  const std::string& crds_yaml;
  const RenderOptions& options;
  TreeOutput& out;
  Progress& progress;
  std::vector<std::string> paths;

  void add(std::string path, std::string_view content) {
    out.add(path, content);
    paths.push_back(std::move(path));
  }

  void add_object(std::string path, const Node& object) {
    std::string text;
    write_yaml(text, object);
    add(std::move(path), text);
  }

  // Dependencies first (CRDs, namespaces), so a stream applies in order.
  void write(bool with_kustomization) {
    const Site& site = *plan.site;
    add("crds/bundles.yaml", crds_yaml);
    for (const auto& name : site_namespaces(plan))
      add_object("namespaces/" + name + ".yaml", namespace_object(name, site.name));
    if (options.rootsync) add_object("bootstrap/rootsync.yaml", root_sync(site));
    write_expectations(plan, options.jobs, out, paths, progress);
    if (!with_kustomization) return;
    // The RootSync bootstraps the cluster by hand; Config Sync must not manage itself.
    std::vector<std::string> resources;
    for (const auto& path : paths)
      if (!path.starts_with("bootstrap/")) resources.push_back(path);
    std::sort(resources.begin(), resources.end());
    add_object("kustomization.yaml", kustomization(resources));
  }
};

bool wants_kustomization(const SitePlan& plan, const RenderOptions& options, const std::string& where, Io& io) {
  if (options.kustomize == KustomizeMode::always) return true;
  if (options.kustomize == KustomizeMode::never) return false;
  const std::size_t files = file_count(plan, options);
  if (files <= kKustomizeAutoLimit) return true;
  io.diagnostics.note(fmt::format("{} has {} files, so no kustomization.yaml is written (kubectl kustomize slows "
                                  "down quadratically above {} files; Config Sync applies the tree as plain YAML); "
                                  "--kustomize always writes one",
                                  where, files, kKustomizeAutoLimit));
  return false;
}

constexpr std::size_t kLargeRender = 1000;

std::string plural(std::size_t count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// What intentctl check would find on the sites being rendered: errors that
// stop the render, or with --allow-conflicts warnings that let it go on.
void check_conflicts(const std::vector<InputExpectation>& expectations, const Sites& sites,
                     const std::vector<const Site*>& selected, const RenderOptions& options, Io& io) {
  const ConflictAnalysis analysis = analyse(check_subjects(expectations, sites, selected), selected);
  if (!analysis.conflicts() && !analysis.infeasible()) return;
  for (Diagnostic finding : check_findings(analysis, false)) {
    if (options.allow_conflicts) finding.severity = Severity::warning;
    io.diagnostics.report(finding);
  }
  if (options.allow_conflicts) return;
  const auto infeasible =
      std::count_if(analysis.intents.begin(), analysis.intents.end(),
                    [](const CheckedIntent& intent) { return intent.feasibility == Feasibility::infeasible; });
  std::vector<std::string> found;
  if (analysis.conflicts()) found.push_back(plural(analysis.conflict_count(), "conflict"));
  if (infeasible) found.push_back(plural(static_cast<std::size_t>(infeasible), "infeasible intent"));
  throw Error(ExitClass::failed, fmt::format("nothing rendered: {} (intentctl check says more); --allow-conflicts "
                                             "renders them anyway",
                                             fmt::join(found, " and ")));
}

void report_delta(const std::vector<DeltaEntry>& delta, Io& io) {
  if (io.diagnostics.verbosity() == Verbosity::verbose) {
    for (const auto& entry : delta) io.diagnostics.report({Severity::info, entry.note, entry.where});
  } else if (!delta.empty()) {
    io.diagnostics.note(fmt::format("{} input field{} no place in 28.312 and {} not rendered; -v lists them",
                                    delta.size(), delta.size() == 1 ? " has" : "s have",
                                    delta.size() == 1 ? "is" : "are"));
  }
}

} // namespace

ExitClass render(const RenderOptions& options, Io& io) {
  check_options(options);
  if (options.function) return render_function(options, io);
  const Mapping mapping = mapping_from(options.mapping_file, io.in, io.stdin_is_terminal);
  const Sites sites = load_sites(options.sites_file, io.in, io.stdin_is_terminal);
  const std::vector<const Site*> selected = sites.select(options.sites);
  if (options.rootsync)
    for (const Site* site : selected) {
      check_rootsync_settings(*site);
      if (site->rootsync.secret_ref.empty() && without_credentials(site->repo) != site->repo)
        io.diagnostics.note(fmt::format("site {}: the repo URL's credentials stay out of bootstrap/rootsync.yaml, "
                                        "which says auth: none; for Config Sync to log in, set the site's "
                                        "rootsync.secretRef and create that Secret (keys username and token)",
                                        site->name));
    }

  std::vector<DeltaEntry> delta;
  ExpectationReader reader(mapping, delta, ReadRules{true, options.lax_seed});
  for (const auto& path : expand_inputs(options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs))
    reader.read_source(read_source(path, ReadLimits{}, io.in, io.stdin_is_terminal));
  const std::vector<InputExpectation>& expectations = reader.expectations();
  for (const auto& warning : reader.warnings()) io.diagnostics.report({Severity::warning, warning.note, warning.where});
  const std::vector<SitePlan> plans = plan_sites(expectations, sites, selected, options);
  check_conflicts(expectations, sites, selected, options, io);

  std::vector<const InputExpectation*> rendered;
  std::vector<std::string> site_names;
  for (const auto& plan : plans) {
    site_names.push_back(plan.site->name);
    rendered.insert(rendered.end(), plan.expectations.begin(), plan.expectations.end());
  }
  std::sort(rendered.begin(), rendered.end());
  rendered.erase(std::unique(rendered.begin(), rendered.end()), rendered.end());
  if (rendered.empty())
    throw input_error(fmt::format("none of the {} is for the selected site{} ({})",
                                  plural(expectations.size(), "expectation"), selected.size() == 1 ? "" : "s",
                                  fmt::join(site_names, ", ")));
  report_delta(delta, io);

  const std::string crds = options.mapping_file.empty() ? bundle_crds_yaml() : bundle_crds_yaml(mapping);
  std::size_t files = 0;
  std::size_t placed = 0;
  for (const auto& plan : plans) placed += plan.expectations.size();
  // Small renders finish before a counter could be read; a stream on standard
  // output may share the terminal with it.
  const bool counted = placed >= kLargeRender && !options.to_stdout;
  Progress progress(io, "render", counted ? placed : 0, "expectations");
  for (const auto& plan : plans)
    if (plan.expectations.empty())
      io.diagnostics.note(fmt::format("no expectation is for site {}; its tree holds no intents", plan.site->name));
  if (options.to_stdout) {
    for (const auto& plan : plans) {
      StreamTree stream(io.out, plan.site->name);
      SiteWriter writer{plan, crds, options, stream, progress, {}};
      writer.write(false);
      stream.flush();
      files += writer.paths.size();
    }
  } else {
    // Every site's tree is complete before the first one replaces its predecessor.
    std::vector<std::unique_ptr<FolderTree>> trees;
    for (const auto& plan : plans) {
      trees.push_back(std::make_unique<FolderTree>(options.output_dir, plan.site->name, options.overwrite));
      SiteWriter writer{plan, crds, options, *trees.back(), progress, {}};
      writer.write(wants_kustomization(plan, options, trees.back()->target(), io));
      files += writer.paths.size();
    }
    // Every tree has its manifest and the files render did not write before
    // the first one replaces its predecessor: a file in the way stops them all.
    for (auto& tree : trees) tree->prepare();
    throw_if_interrupted(); // the last moment at which every previous tree stays
    for (auto& tree : trees) {
      tree->commit();
      for (const auto& note : tree->notes()) io.diagnostics.note(note);
    }
  }
  progress.clear();
  io.out.flush();

  const std::string where =
      options.to_stdout   ? "to standard output"
      : plans.size() == 1 ? "into " + (std::filesystem::path(options.output_dir) / plans.front().site->name).string()
                          : "into " + options.output_dir;
  io.diagnostics.summary(fmt::format("rendered {} for {} ({}) {}: {}", plural(rendered.size(), "expectation"),
                                     plural(plans.size(), "site"), fmt::join(site_names, ", "), where,
                                     plural(files, "file")));
  return ExitClass::ok;
}

} // namespace intentctl
