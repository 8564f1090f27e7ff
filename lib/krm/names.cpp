#include "krm/names.hpp"

#include <algorithm>
#include <cctype>

namespace intentctl {

std::optional<std::string> name_for_id(std::string_view id) {
  std::string name;
  name.reserve(id.size());
  for (char c : id) {
    if (c == '_' || c == '.') name.push_back('-');
    else name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (!is_dns1123_label(name)) return std::nullopt;
  return name;
}

bool is_label_value(std::string_view value) {
  if (value.empty()) return true;
  if (value.size() > 63) return false;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(value.front()) || !alnum(value.back())) return false;
  return std::all_of(value.begin(), value.end(), [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_dns1123_label(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-'; });
}

bool is_dns1123_subdomain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = name.find('.', start);
    if (!is_dns1123_label(name.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

} // namespace intentctl
