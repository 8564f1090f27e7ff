#include "verify/rendered.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "io/reader.hpp"
#include "krm/labels.hpp"
#include "model/intent_io.hpp"
#include "model/mapping.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;

bool is_manifest(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization") return false;
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

std::vector<fs::path> manifest_files(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, error), end;
  if (error)
    throw file_error(error.value(), fmt::format("cannot read folder {}: {}", folder.string(), error.message()));
  for (; it != end; it.increment(error)) {
    if (error)
      throw file_error(error.value(), fmt::format("cannot read folder {}: {}", folder.string(), error.message()));
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && is_manifest(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

RenderedExpectation read_configmap_expectation(const Node& object, const Node& data, const std::string& file) {
  const Node& text = *data.find(kExpectationJsonKey);
  const ResourceId id = resource_id(object);
  if (!text.is_string())
    throw input_error(fmt::format("ConfigMap {}: data.{} is not a string", id.name, kExpectationJsonKey),
                      Location{file, text.mark.line, text.mark.column, {}});
  const Source source{fmt::format("{} (ConfigMap {} data.{})", file, id.name, kExpectationJsonKey), text.text()};
  ParsedStream stream = parse_json(source, ReadLimits{});
  if (stream.documents.size() != 1)
    throw input_error("expected one 28.312 expectation", Location{source.name, 0, 0, {}});
  std::vector<DeltaEntry> ignored; // fields without a model home do not matter to verify
  RenderedExpectation expectation;
  expectation.expectation = read_expectation(source, stream.documents.front(), "", ignored);
  expectation.configmap = id.name;
  expectation.intent_id = annotation(object, kIntentAnnotation);
  if (expectation.intent_id.empty()) expectation.intent_id = expectation.expectation.id;
  if (const std::string contexts = annotation(object, kIntentContextsAnnotation); !contexts.empty())
    expectation.intent_contexts = read_intent_contexts(
        {fmt::format("{} (ConfigMap {} annotation {})", file, id.name, kIntentContextsAnnotation), contexts});
  return expectation;
}

} // namespace

RenderedSite read_rendered_site(const std::string& folder) {
  RenderedSite site;
  site.folder = folder;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    const fs::path where(folder);
    throw input_error("no such folder", file_location(folder))
        .with_hint(fmt::format("run 'intentctl render INTENT... --site {} -o {}' first", where.filename().string(),
                               where.parent_path().string()));
  }
  std::istringstream no_stdin;
  for (const auto& path : manifest_files(folder)) {
    const Source source = read_source(path.string(), ReadLimits{}, no_stdin, false);
    const std::string relative = path.lexically_relative(folder).generic_string();
    ++site.files;
    for (Node& object : parse_documents(source, ReadLimits{}).documents) {
      if (!object.is_object()) continue;
      const ResourceId id = resource_id(object);
      if (id.kind.empty() || id.api_version.empty()) continue;
      if (annotation(object, "config.kubernetes.io/local-config") == "true") continue;
      if (id.kind == "ConfigMap" && id.group().empty()) {
        const Node* data = object.find("data");
        if (data && data->is_object() && data->find(kExpectationJsonKey))
          site.expectations.push_back(read_configmap_expectation(object, *data, source.name));
      }
      site.objects.push_back(RenderedObject{id, std::move(object), relative});
    }
  }
  return site;
}

bool is_bundle(const ResourceId& id) {
  for (const auto& domain : default_mapping().domains)
    if (!domain.provisioning_request && domain.kind == id.kind && domain.api_version == id.api_version) return true;
  return id.kind.ends_with("Bundle") && id.group().ends_with(".nephio.org");
}

bool is_provisioning_request(const ResourceId& id) {
  return id.kind == "ProvisioningRequest" && id.group() == "o2ims.provisioning.oran.org";
}

} // namespace intentctl
