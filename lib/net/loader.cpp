#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "net/module.hpp"

namespace intentctl {

namespace {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path{} : self.parent_path();
}

// The build tree keeps the module beside the binary; an installed intentctl
// finds it in its library folder, at the same place relative to the binary
// wherever the package was installed.
std::vector<fs::path> module_candidates() {
  const fs::path dir = executable_dir();
  if (dir.empty()) return {};
  return {dir / net_module_file, (dir / INTENTCTL_MODULE_RELDIR / net_module_file).lexically_normal()};
}

const NetModule& load() {
  std::vector<std::string> tried;
  for (const fs::path& candidate : module_candidates()) {
    std::error_code error;
    if (!fs::exists(candidate, error)) {
      tried.push_back(candidate.string());
      continue;
    }
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw external_error(fmt::format("cannot load {}: {}", candidate.string(), dlerror()));
    using Entry = const NetModule* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, net_module_symbol));
    const NetModule* module = entry ? entry() : nullptr;
    if (!module || module->abi != net_module_abi)
      throw external_error(fmt::format("{} belongs to another build of intentctl; reinstall intentctl",
                                       candidate.string()));
    return *module;
  }
  throw external_error(fmt::format("intentctl's network module (publish, verify) is missing; looked for {}; "
                                   "reinstall intentctl",
                                   fmt::join(tried, " and ")));
}

} // namespace

const NetModule& net_module() {
  static const NetModule* module = nullptr;
  static std::once_flag once;
  std::call_once(once, [] { module = &load(); });
  return *module;
}

} // namespace intentctl
