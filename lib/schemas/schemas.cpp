#include "schemas/schemas.hpp"

#include <map>

#include <fmt/format.h>

#include "core/error.hpp"

namespace intentctl {

const std::string& schema_text(std::string_view name) {
  // Strings built once, so callers may keep references for the whole run.
  static const std::map<std::string, std::string, std::less<>> texts = [] {
    std::map<std::string, std::string, std::less<>> map;
    for (const auto& schema : embedded_schemas()) map.emplace(schema.name, schema.text);
    return map;
  }();
  auto found = texts.find(name);
  if (found == texts.end())
    throw usage_error(fmt::format("no built-in schema \"{}\" (known: {})", name, schema_names()));
  return found->second;
}

std::string schema_names() {
  std::string names;
  for (const auto& schema : embedded_schemas()) names += (names.empty() ? "" : ", ") + std::string(schema.name);
  return names;
}

} // namespace intentctl
