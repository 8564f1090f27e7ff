// The small document readers: sites files, mapping files, ResourceLists.
#include <cstddef>
#include <cstdint>
#include <string>

#include "krm/resource.hpp"
#include "model/mapping.hpp"
#include "sites/sites.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const Source source{"fuzz", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    (void)parse_sites(source);
  } catch (const Error&) {}
  try {
    (void)load_mapping(source);
  } catch (const Error&) {}
  try {
    const ResourceList list = read_resource_list(source);
    (void)write_resource_list(list, {});
  } catch (const Error&) {}
  return 0;
}
