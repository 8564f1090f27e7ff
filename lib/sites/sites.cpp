#include "sites/sites.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "io/control_characters.hpp"
#include "io/fields.hpp"
#include "model/intent.hpp"
#include "model/units.hpp"

namespace intentctl {

namespace fs = std::filesystem;

namespace {

std::string expand_home(std::string path) {
  if (path.starts_with("~/"))
    if (const char* home = std::getenv("HOME")) return std::string(home) + path.substr(1);
  return path;
}

// A path of the sites file: "~/" is the home folder, and a relative path is
// taken from the file's folder (base: the file's own path).
std::string file_path(const std::string& written, const std::string& base) {
  if (written.empty()) return written;
  const fs::path path(expand_home(written));
  if (path.is_absolute()) return path.string();
  return (fs::path(base).parent_path() / path).lexically_normal().string();
}

// A path without the separators that end it: "dist/" and "dist" are one folder.
fs::path without_trailing_separator(const std::string& path) {
  fs::path cleaned = fs::path(path).lexically_normal();
  if (cleaned.filename().empty() && cleaned.has_parent_path() && cleaned != cleaned.root_path())
    cleaned = cleaned.parent_path();
  return cleaned;
}

void read_auth(Fields& site, Site& out) {
  const Node* node = site.object("auth");
  if (!node) return;
  Fields auth(site.source(), *node, join_path(site.path(), "auth"));
  out.auth.username_env = auth.string("usernameEnv").value_or("");
  out.auth.token_env = auth.string("tokenEnv").value_or("");
  out.auth.ssh_key = file_path(auth.string("sshKey").value_or(""), site.source().name);
  auth.reject_unknown("usernameEnv, tokenEnv, sshKey");
}

void read_o2ims(Fields& site, Site& out) {
  const Node* node = site.object("o2ims");
  if (!node) return;
  Fields o2ims(site.source(), *node, join_path(site.path(), "o2ims"));
  out.o2ims.name = o2ims.string("templateName").value_or(out.o2ims.name);
  out.o2ims.version = o2ims.string("templateVersion").value_or(out.o2ims.version);
  o2ims.reject_unknown("templateName, templateVersion");
}

void read_rootsync(Fields& site, Site& out) {
  const Node* node = site.object("rootsync");
  if (!node) return;
  Fields rootsync(site.source(), *node, join_path(site.path(), "rootsync"));
  out.rootsync.name = rootsync.string("name").value_or(out.rootsync.name);
  out.rootsync.namespace_ = rootsync.string("namespace").value_or(out.rootsync.namespace_);
  out.rootsync.period = rootsync.string("period").value_or(out.rootsync.period);
  out.rootsync.secret_ref = rootsync.string("secretRef").value_or("");
  rootsync.reject_unknown("name, namespace, period, secretRef");
}

void read_metrics(Fields& site, Site& out) {
  const Node* node = site.object("metrics");
  if (!node) return;
  Fields metrics(site.source(), *node, join_path(site.path(), "metrics"));
  MetricsSource source;
  source.url = metrics.require_string("url");
  source.kind = metrics.string("kind").value_or("prometheus");
  if (source.kind != "prometheus" && source.kind != "json")
    metrics.fail("kind", fmt::format("unknown metrics kind \"{}\" (known: prometheus, json)", source.kind));
  if (const Node* targets = metrics.object("targets")) {
    for (const auto& member : targets->members()) {
      const std::string path = join_path(join_path(metrics.path(), "targets"), member.key);
      if (member.value.is_string()) {
        source.targets[member.key] = member.value.text();
        continue;
      }
      if (!member.value.is_object())
        metrics.fail_at(member.value, path, type_mismatch(Node::Type::string, member.value));
      // The long form: {query: ..., unit: ...} (or pointer: for a JSON endpoint).
      Fields target(site.source(), member.value, path);
      source.targets[member.key] = target.require_string(source.kind == "json" ? "pointer" : "query");
      if (const auto unit = target.string("unit")) {
        if (!find_unit(*unit)) target.fail("unit", fmt::format("unknown unit \"{}\"", *unit));
        source.units[member.key] = *unit;
      }
      target.reject_unknown(source.kind == "json" ? "pointer, unit" : "query, unit");
    }
  }
  metrics.reject_unknown("url, kind, targets");
  out.metrics = std::move(source);
}

constexpr CapacityField capacity_table[] = {
    {CapacityKind::max_throughput, "maxThroughput", Dimension::bitrate, "10Gbps"},
    {CapacityKind::max_bandwidth, "maxBandwidth", Dimension::bitrate, "20Gbps"},
    {CapacityKind::max_subscribers, "maxSubscribers", std::nullopt, "5000"},
    {CapacityKind::min_latency, "minLatency", Dimension::time, "1ms"},
    {CapacityKind::max_availability, "maxAvailability", Dimension::ratio, "99.99%"},
    {CapacityKind::max_reliability, "maxReliability", Dimension::ratio, "99.999%"},
};

std::string capacity_keys() {
  std::string keys;
  for (const auto& field : capacity_table) keys += (keys.empty() ? "" : ", ") + std::string(field.key);
  return keys;
}

// One limit: a number with a unit of the field's dimension ("10Gbps", "500us",
// "99.99%"); a plain number for counts, and for ratios a fraction up to 1.
CapacityLimit read_limit(Fields& capacity, const CapacityField& field) {
  const Node& node = capacity.require(field.key);
  if (!node.is_string() && !node.is_number())
    capacity.fail_at(node, join_path(capacity.path(), field.key), type_mismatch(Node::Type::string, node));
  const std::string key(field.key);
  const auto quantity = parse_quantity(node.text());
  const std::optional<Unit> unit = quantity ? find_unit(quantity->unit) : std::nullopt;
  const bool plain = quantity && quantity->unit.empty();
  const bool fits =
      plain ? !field.dimension || field.dimension == Dimension::ratio : unit && unit->dimension == field.dimension;
  if (!fits)
    capacity.fail(key, fmt::format("expected {}, like {}; got \"{}\"",
                                   field.dimension ? dimension_name(*field.dimension) : "a plain number", field.example,
                                   node.text()));
  const double value = quantity->value() * (plain ? 1 : unit->factor);
  if (value < 0) capacity.fail(key, "a capacity cannot be negative");
  if (field.dimension == Dimension::ratio && value > 1)
    capacity.fail(key, plain ? fmt::format("a plain number is a fraction from 0 to 1; write {}% for a percentage",
                                           node.text())
                             : std::string("a percentage cannot be more than 100%"));
  return {field.kind, value, node.text()};
}

void read_capacity(Fields& site, Site& out) {
  const Node* node = site.object("capacity");
  if (!node) return;
  Fields capacity(site.source(), *node, join_path(site.path(), "capacity"));
  std::vector<CapacityLimit> limits;
  for (const auto& field : capacity_table)
    if (capacity.has(field.key)) limits.push_back(read_limit(capacity, field));
  capacity.reject_unknown(capacity_keys());
  out.capacity = std::move(limits);
}

Site read_site(const Source& source, const Node::Member& member) {
  const std::string path = join_path("sites", member.key);
  if (!is_dns1123_label(member.key))
    throw input_error(fmt::format("site name \"{}\" is not a DNS-1123 label (lower case letters, digits and '-', "
                                  "at most 63)",
                                  member.key),
                      location_of(source, member.key_mark, path));
  Fields fields(source, member.value, path);
  Site site;
  site.name = member.key;
  site.repo = fields.require_string("repo");
  site.branch = fields.string("branch").value_or(site.branch);
  site.path = fields.string("path").value_or(site.path);
  site.namespace_ = fields.string("namespace").value_or(site.namespace_);
  site.cluster = fields.string("cluster").value_or(site.name);
  site.kubeconfig = file_path(fields.string("kubeconfig").value_or(""), source.name);
  site.context = fields.string("context").value_or("");
  read_auth(fields, site);
  read_o2ims(fields, site);
  read_rootsync(fields, site);
  read_metrics(fields, site);
  read_capacity(fields, site);
  fields.reject_unknown(
      "repo, branch, path, namespace, cluster, o2ims, auth, kubeconfig, context, rootsync, metrics, capacity");
  if (site.path.starts_with("/") || site.path == ".." || site.path.starts_with("../") ||
      site.path.find("/../") != std::string::npos || site.path.ends_with("/.."))
    fields.fail("path", "path must stay inside the repository (relative, no '..')");
  if (!is_dns1123_subdomain(site.namespace_))
    fields.fail("namespace", fmt::format("namespace \"{}\" is not a DNS-1123 label", site.namespace_));
  return site;
}

} // namespace

std::span<const CapacityField> capacity_fields() { return capacity_table; }

const CapacityField& capacity_field(CapacityKind kind) {
  for (const auto& field : capacity_table)
    if (field.kind == kind) return field;
  return capacity_table[0];
}

const CapacityLimit* Site::limit(CapacityKind kind) const {
  if (!capacity) return nullptr;
  for (const auto& limit : *capacity)
    if (limit.kind == kind) return &limit;
  return nullptr;
}

const Site* Sites::find(std::string_view name) const {
  const auto at = std::lower_bound(sites.begin(), sites.end(), name,
                                   [](const Site& site, std::string_view key) { return site.name < key; });
  return at != sites.end() && at->name == name ? &*at : nullptr;
}

const Site& Sites::named(std::string_view name, std::string_view intent_id, const Location& where) const {
  if (const Site* site = find(name)) return *site;
  std::string known;
  for (const auto& site : sites) known += (known.empty() ? "" : ", ") + site.name;
  throw input_error(fmt::format("intent \"{}\" names site \"{}\", which {} does not know (known: {}){}", intent_id,
                                name, embedded_default() ? "the embedded default" : file, known,
                                embedded_default() ? "; give a sites file with --sites" : ""),
                    where);
}

std::vector<const Site*> Sites::select(const std::vector<std::string>& names) const {
  std::vector<const Site*> selected;
  if (names.empty()) {
    for (const auto& site : sites) selected.push_back(&site);
    return selected;
  }
  for (const auto& name : names) {
    refuse_control_characters_in_flag(name, "--site");
    const Site* site = find(name);
    if (!site) {
      std::string known;
      for (const auto& s : sites) known += (known.empty() ? "" : ", ") + s.name;
      throw usage_error(fmt::format("unknown site \"{}\" (known: {}{})", name, known,
                                    embedded_default() ? "; give a sites file with --sites" : ""));
    }
    if (std::find(selected.begin(), selected.end(), site) == selected.end()) selected.push_back(site);
  }
  return selected;
}

std::vector<const Site*> Sites::select_rendered(const std::vector<std::string>& names, bool all,
                                                const std::string& rendered_dir, std::string_view command) const {
  if (!fs::is_directory(rendered_dir))
    throw input_error("no such folder", file_location(rendered_dir))
        .with_hint(fmt::format("run 'intentctl render INTENT... -o {}' first (it writes one folder per site there)",
                               rendered_dir));
  if (all || !names.empty()) return select(all ? std::vector<std::string>{} : names);
  // Neither --site nor --all: the sites that render wrote a folder for.
  std::vector<const Site*> present;
  for (const Site& site : sites)
    if (fs::is_directory(fs::path(rendered_dir) / site.name)) present.push_back(&site);
  if (!present.empty()) return present;
  // A site's own folder instead of the folder that holds them (dist/edge1 for dist).
  const fs::path folder = without_trailing_separator(rendered_dir);
  if (const Site* site = find(folder.filename().string()); site && fs::is_directory(folder)) {
    const std::string parent = folder.parent_path().empty() ? "." : folder.parent_path().string();
    throw input_error(fmt::format("is the folder of site {}, not the rendered folder that holds one folder per site",
                                  site->name),
                      file_location(rendered_dir))
        .with_hint(fmt::format("run 'intentctl {} {} --site {}'", command, parent, site->name));
  }
  std::string known;
  for (const Site& site : sites) known += (known.empty() ? "" : ", ") + site.name;
  throw input_error(fmt::format("holds no folder for any site ({})", known), file_location(rendered_dir))
      .with_hint(
          fmt::format("run 'intentctl render INTENT... -o {}' first, or name the sites with --site", rendered_dir));
}

Sites default_sites() {
  Sites sites;
  Site edge1;
  edge1.name = "edge1";
  edge1.repo = kDefaultRemote;
  edge1.cluster = "edge1";
  sites.sites.push_back(std::move(edge1));
  sites.folder = fs::current_path().string();
  return sites;
}

DefaultRemote find_default_remote(const std::string& rendered_dir) {
  const fs::path parent = without_trailing_separator(rendered_dir).parent_path();
  const fs::path here = fs::current_path();
  const fs::path start = parent.empty() ? here : fs::absolute(parent).lexically_normal();
  DefaultRemote remote;
  remote.searched = parent.empty() ? "." : parent.string();
  fs::path home = start;
  std::error_code error;
  for (fs::path folder = start;; folder = folder.parent_path()) {
    if (fs::is_directory(folder / ".intentctl", error)) {
      home = folder;
      remote.found = true;
      break;
    }
    if (folder == folder.root_path() || !folder.has_parent_path()) break;
  }
  const fs::path repo = (home / kDefaultRemote).lexically_normal();
  const fs::path relative = repo.lexically_relative(here);
  remote.repo = relative.empty() ? repo.string() : relative.string();
  return remote;
}

Sites parse_sites(const Source& source) {
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  if (stream.documents.size() != 1)
    throw input_error("a sites file holds exactly one document", location_of(source, Mark{1, 1}));
  // Every value of a sites file reaches a name, a RootSync or a URL.
  refuse_control_characters_in_document(source, stream.documents.front());
  Fields top(source, stream.documents.front(), "");
  const Node* list = top.object("sites");
  if (!list) top.fail("sites", "missing required field \"sites\"");
  top.reject_unknown("sites");
  if (list->members().empty()) top.fail("sites", "the sites file names no site");
  Sites sites;
  sites.file = source.name;
  const fs::path folder = fs::path(source.name).parent_path(); // none for a file here, and for standard input
  sites.folder = (folder.empty() ? fs::current_path() : fs::absolute(folder).lexically_normal()).string();
  for (const auto& member : list->members()) sites.sites.push_back(read_site(source, member));
  std::sort(sites.sites.begin(), sites.sites.end(), [](const Site& a, const Site& b) { return a.name < b.name; });
  return sites;
}

Sites load_sites(const std::string& flag_value, std::istream& in, bool stdin_is_terminal) {
  std::string path = flag_value;
  if (path.empty())
    if (const char* env = std::getenv("INTENTCTL_SITES"); env && *env) path = env;
  if (path.empty()) return default_sites();
  return parse_sites(read_source(path, ReadLimits{}, in, stdin_is_terminal));
}

} // namespace intentctl
