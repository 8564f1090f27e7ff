#include "io/problems.hpp"

#include "io/fields.hpp"

namespace intentctl {

Error with_path_prefix(const Error& error, std::string_view prefix) {
  if (prefix.empty()) return error;
  Location where = error.where();
  std::string path(prefix);
  if (!where.path.empty()) path += (where.path.front() == '[' ? "" : ".") + where.path;
  where.path = std::move(path);
  return Error(error.exit_class(), error.message(), std::move(where));
}

void Problems::prefix_paths(std::size_t since, std::string_view prefix) {
  for (std::size_t i = since; i < errors_.size(); ++i) errors_[i] = with_path_prefix(errors_[i], prefix);
}

} // namespace intentctl
