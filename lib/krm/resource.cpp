#include "krm/resource.hpp"

#include <tuple>

#include "io/fields.hpp"
#include "io/writer.hpp"

namespace intentctl {

namespace {
std::string text_at(const Node& object, std::initializer_list<std::string_view> path) {
  const Node* node = &object;
  for (auto key : path) {
    if (!node->is_object()) return {};
    node = node->find(key);
    if (!node) return {};
  }
  return node->is_string() ? node->text() : std::string{};
}

const char* severity_text(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}
} // namespace

std::string ResourceId::group() const {
  const auto slash = api_version.find('/');
  return slash == std::string::npos ? std::string{} : api_version.substr(0, slash);
}

std::string ResourceId::version() const {
  const auto slash = api_version.find('/');
  return slash == std::string::npos ? api_version : api_version.substr(slash + 1);
}

std::string ResourceId::display() const { return kind + " " + (namespace_.empty() ? name : namespace_ + "/" + name); }

bool ResourceId::operator<(const ResourceId& other) const {
  return std::tie(api_version, kind, namespace_, name) <
         std::tie(other.api_version, other.kind, other.namespace_, other.name);
}

ResourceId resource_id(const Node& object) {
  return ResourceId{text_at(object, {"apiVersion"}), text_at(object, {"kind"}), text_at(object, {"metadata", "name"}),
                    text_at(object, {"metadata", "namespace"})};
}

std::string annotation(const Node& object, std::string_view key) {
  return text_at(object, {"metadata", "annotations", key});
}

std::string label(const Node& object, std::string_view key) { return text_at(object, {"metadata", "labels", key}); }

ResourceList read_resource_list(const Source& source) {
  const ParsedStream stream = parse_documents(source, ReadLimits{});
  if (stream.documents.size() != 1)
    throw input_error("expected one ResourceList document on standard input", location_of(source, Mark{1, 1}));
  const Node& document = stream.documents.front();
  Fields fields(source, document, "");
  const std::string kind = fields.string("kind").value_or("");
  const std::string api_version = fields.string("apiVersion").value_or("");
  if (kind != "ResourceList" ||
      (api_version != "config.kubernetes.io/v1" && api_version != "config.kubernetes.io/v1alpha1"))
    throw input_error("expected a config.kubernetes.io/v1 ResourceList", location_of(source, document.mark));
  ResourceList list;
  if (const Node* items = fields.array("items")) list.items = *items;
  if (const Node* config = fields.get("functionConfig")) list.function_config = *config;
  for (std::size_t i = 0; i < list.items.items().size(); ++i) {
    const Node& item = list.items.items()[i];
    if (!item.is_object()) fields.fail_at(item, join_path("items", i), type_mismatch(Node::Type::object, item));
  }
  return list;
}

std::string write_resource_list(const ResourceList& list, const std::vector<FunctionResult>& results) {
  Node out = Node::object();
  out.add("apiVersion", Node::string("config.kubernetes.io/v1"));
  out.add("kind", Node::string("ResourceList"));
  out.add("items", list.items);
  if (!list.function_config.is_null()) out.add("functionConfig", list.function_config);
  if (!results.empty()) {
    Node entries = Node::array();
    for (const auto& result : results) {
      Node entry = Node::object();
      entry.add("message", Node::string(result.message));
      entry.add("severity", Node::string(severity_text(result.severity)));
      if (result.resource) {
        const ResourceId id = resource_id(*result.resource);
        Node ref = Node::object();
        ref.add("apiVersion", Node::string(id.api_version));
        ref.add("kind", Node::string(id.kind));
        ref.add("name", Node::string(id.name));
        if (!id.namespace_.empty()) ref.add("namespace", Node::string(id.namespace_));
        entry.add("resourceRef", std::move(ref));
        const std::string path = annotation(*result.resource, kPathAnnotation);
        if (!path.empty()) {
          Node file = Node::object();
          file.add("path", Node::string(path));
          const std::string index = annotation(*result.resource, kIndexAnnotation);
          // kpt's file.index is an int: an annotation that is not one is left out.
          if (!index.empty() && index.size() <= 18 && index.find_first_not_of("0123456789") == std::string::npos)
            file.add("index", Node::number(index));
          entry.add("file", std::move(file));
        }
      }
      if (!result.field_path.empty()) {
        Node field = Node::object();
        field.add("path", Node::string(result.field_path));
        entry.add("field", std::move(field));
      }
      entries.push(std::move(entry));
    }
    out.add("results", std::move(entries));
  }
  return to_yaml(out);
}

} // namespace intentctl
