#include "validate/metadata.hpp"

#include <fmt/format.h>

#include "krm/names.hpp"
#include "validate/schema.hpp"

namespace intentctl {

namespace {

constexpr const char* kSubdomainRule =
    "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, "
    "at most 253 characters";
constexpr const char* kLabelRule =
    "a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 "
    "characters";
constexpr std::size_t kAnnotationBytes = 256 * 1024; // the API server's limit on all annotations together

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The name of a qualified name: at most 63 of [A-Za-z0-9_.-], starting and
// ending with a letter or digit.
bool is_name_part(std::string_view name) {
  if (name.empty() || name.size() > 63 || !is_ascii_alnum(name.front()) || !is_ascii_alnum(name.back())) return false;
  for (char c : name)
    if (!is_ascii_alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

void check_name(const Node& name, const ResourceId& id, MetadataFindings& out) {
  const std::string& text = name.text();
  if (id.kind == "Namespace" && id.group().empty()) {
    if (!is_dns1123_label(text))
      out.errors.push_back({name.mark, "metadata.name", "name", fmt::format("\"{}\" is not {}", text, kLabelRule)});
    return;
  }
  if (id.group() == "rbac.authorization.k8s.io") { // path segment names, like system:aggregate-to-view
    if (text.empty() || text == "." || text == ".." || text.find_first_of("/%") != std::string::npos)
      out.errors.push_back(
          {name.mark, "metadata.name", "name",
           fmt::format("\"{}\" is not a valid name: it may not be '.' or '..' or contain '/' or '%'", text)});
    return;
  }
  if (!is_dns1123_subdomain(text))
    out.errors.push_back({name.mark, "metadata.name", "name", fmt::format("\"{}\" is not {}", text, kSubdomainRule)});
}

void check_keys(const Node& map, const char* field, bool values_are_labels, MetadataFindings& out) {
  std::size_t bytes = 0;
  for (const auto& member : map.members()) {
    auto path = [&] { return member_path(std::string("metadata.") + field, member.key); };
    if (!is_qualified_name(member.key))
      out.errors.push_back({member.key_mark, path(), "name",
                            fmt::format("\"{}\" is not a qualified name ([prefix/]name: the name at most 63 letters, "
                                        "digits, '-', '_' or '.', starting and ending with a letter or digit; the "
                                        "prefix a DNS-1123 subdomain)",
                                        member.key)});
    if (!member.value.is_string()) continue; // the schema reports the type
    bytes += member.key.size() + member.value.text().size();
    if (values_are_labels && !is_label_value(member.value.text()))
      out.errors.push_back({member.value.mark, path(), "name",
                            fmt::format("\"{}\" is not a label value (at most 63 letters, digits, '-', '_' or '.', "
                                        "starting and ending with a letter or digit)",
                                        member.value.text())});
  }
  if (!values_are_labels && bytes > kAnnotationBytes)
    out.errors.push_back({map.mark, "metadata.annotations", "length",
                          fmt::format("annotations take {} bytes; the limit is {}", bytes, kAnnotationBytes)});
}

} // namespace

bool is_qualified_name(std::string_view key) {
  const auto slash = key.find('/');
  if (slash == std::string_view::npos) return is_name_part(key);
  const std::string_view prefix = key.substr(0, slash);
  return !prefix.empty() && is_dns1123_subdomain(prefix) && is_name_part(key.substr(slash + 1));
}

void check_metadata(const Node& object, const ResourceId& id, Scope scope, MetadataFindings& out) {
  const Node::Member* member = object.find_member("metadata");
  if (!member) {
    if (scope != Scope::local) out.errors.push_back({object.mark, "metadata", "required", "missing required field"});
    return;
  }
  const Node& metadata = member->value;
  for (auto& violation : SchemaRegistry::object_meta().check(metadata, 100, "metadata")) {
    if (violation.rule == "required") violation.mark = member->key_mark;
    out.errors.push_back(std::move(violation));
  }
  if (!metadata.is_object()) return;
  const Node* name = metadata.find("name");
  if (name && name->is_string()) check_name(*name, id, out);
  else if (!name && !metadata.find("generateName") && scope != Scope::local)
    out.errors.push_back({member->key_mark, "metadata.name", "required", "missing required field"});
  if (const Node* ns = metadata.find("namespace"); ns && ns->is_string()) {
    if (!is_dns1123_label(ns->text()))
      out.errors.push_back(
          {ns->mark, "metadata.namespace", "name", fmt::format("\"{}\" is not {}", ns->text(), kLabelRule)});
    else if (scope == Scope::cluster)
      out.warnings.push_back({ns->mark, "metadata.namespace", "scope",
                              fmt::format("{} is cluster-scoped; the namespace is ignored", id.kind)});
  }
  if (const Node* labels = metadata.find("labels"); labels && labels->is_object())
    check_keys(*labels, "labels", true, out);
  if (const Node* annotations = metadata.find("annotations"); annotations && annotations->is_object())
    check_keys(*annotations, "annotations", false, out);
}

} // namespace intentctl
