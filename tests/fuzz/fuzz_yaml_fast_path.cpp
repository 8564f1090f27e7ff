// The YAML reader's block-subset fast path against libyaml on any bytes:
// whatever the fast path accepts, libyaml must accept too, with the same
// trees and the same marks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/reader.hpp"
#include "io/yaml_internal.hpp"

namespace {

bool same(const intentctl::Node& a, const intentctl::Node& b) {
  if (a.type() != b.type() || a.text() != b.text() || a.mark.line != b.mark.line || a.mark.column != b.mark.column)
    return false;
  if (a.items().size() != b.items().size() || a.members().size() != b.members().size()) return false;
  for (std::size_t i = 0; i < a.items().size(); ++i)
    if (!same(a.items()[i], b.items()[i])) return false;
  for (std::size_t i = 0; i < a.members().size(); ++i) {
    const auto& x = a.members()[i];
    const auto& y = b.members()[i];
    if (x.key != y.key || x.key_mark.line != y.key_mark.line || x.key_mark.column != y.key_mark.column) return false;
    if (!same(x.value, y.value)) return false;
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  ReadLimits limits;
  limits.reject_duplicate_keys = false;
  ParsedStream fast;
  if (!yaml_detail::parse_block_subset(source, limits, fast)) return 0;
  ParsedStream slow;
  try {
    slow = yaml_detail::parse_with_libyaml(source, limits);
  } catch (const Error&) {
    __builtin_trap(); // the fast path took what libyaml refuses
  }
  if (fast.documents.size() != slow.documents.size() || !slow.duplicate_keys.empty()) __builtin_trap();
  for (std::size_t i = 0; i < fast.documents.size(); ++i)
    if (!same(fast.documents[i], slow.documents[i])) __builtin_trap();
  return 0;
}
