#include "io/manifest.hpp"

#include <fmt/format.h>

#include "io/control_characters.hpp"
#include "io/fields.hpp"
#include "io/writer.hpp"

namespace intentctl {

namespace {

constexpr std::string_view kFormat = "intentctl/v1";
constexpr std::string_view kAbout =
    "The files intentctl wrote into this folder, by the Git blob id of their content (git hash-object FILE). "
    "intentctl render and publish create, change and delete only these; every other file here is left as it is. "
    "See intentctl-render(1), OWNERSHIP.";

bool is_blob_id(std::string_view text) {
  return text.size() == 40 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

} // namespace

std::string manifest_text(const Manifest& manifest) {
  Node files = Node::object();
  files.members().reserve(manifest.files.size());
  for (const auto& [path, blob] : manifest.files) files.add(path, Node::string(blob));
  Node document = Node::object();
  document.add("manifest", Node::string(std::string(kFormat)));
  document.add("about", Node::string(std::string(kAbout)));
  document.add("site", Node::string(manifest.site));
  document.add("files", std::move(files));
  std::string text;
  write_json(text, document);
  text += '\n';
  return text;
}

Manifest read_manifest(const Source& source) {
  ReadLimits limits;
  limits.max_depth = 4;
  const ParsedStream stream = parse_json(source, limits);
  if (stream.documents.size() != 1)
    throw input_error("a manifest holds exactly one JSON object", location_of(source, Mark{1, 1}));
  Fields fields(source, stream.documents.front(), "");
  const std::string format = fields.require_string("manifest");
  if (format != kFormat)
    fields.fail("manifest", fmt::format("unknown manifest format \"{}\" (this intentctl reads {})",
                                        escape_control_characters(format), kFormat));
  fields.string("about");
  Manifest manifest;
  manifest.site = fields.require_name("site");
  const Node* files = fields.object("files");
  if (!files) fields.fail("files", "missing required field \"files\"");
  for (const auto& member : files->members()) {
    const std::string path = join_path("files", escape_control_characters(member.key));
    refuse_control_characters(member.key, location_of(source, member.key_mark, path), "the path");
    if (!is_contained_path(member.key) || member.key == kManifestFile)
      throw input_error("not a path inside the site's folder", location_of(source, member.key_mark, path));
    if (!member.value.is_string() || !is_blob_id(member.value.text()))
      throw input_error("expected a Git blob id (40 hex digits)", location_of(source, member.value.mark, path));
    manifest.files.emplace(member.key, member.value.text());
  }
  fields.reject_unknown("manifest, about, site, files");
  return manifest;
}

bool is_contained_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view part =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

} // namespace intentctl
