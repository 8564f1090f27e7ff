#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "net/module.hpp"
#include "net_abi.hpp"

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

// The contents of the ELF section named name in the file at path, as text up
// to its first NUL; nothing when the file is no 64-bit ELF file or has no
// such section.
std::optional<std::string> elf_section_text(const fs::path& path, const char* name) {
  std::ifstream file(path, std::ios::binary);
  auto read_at = [&file](std::uint64_t offset, void* into, std::size_t size) {
    file.seekg(static_cast<std::streamoff>(offset));
    return static_cast<bool>(file.read(static_cast<char*>(into), static_cast<std::streamsize>(size)));
  };
  Elf64_Ehdr header{};
  if (!read_at(0, &header, sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_shentsize != sizeof(Elf64_Shdr) ||
      header.e_shstrndx >= header.e_shnum)
    return std::nullopt;
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  if (!read_at(header.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr))) return std::nullopt;
  auto contents = [&](const Elf64_Shdr& section) -> std::optional<std::string> {
    if (section.sh_size > (1u << 20)) return std::nullopt;
    std::string text(section.sh_size, '\0');
    if (!read_at(section.sh_offset, text.data(), text.size())) return std::nullopt;
    return text;
  };
  const std::optional<std::string> names = contents(sections[header.e_shstrndx]);
  if (!names) return std::nullopt;
  for (const Elf64_Shdr& section : sections) {
    if (section.sh_name >= names->size() || std::strcmp(names->c_str() + section.sh_name, name) != 0) continue;
    std::optional<std::string> text = contents(section);
    if (text) text->resize(std::strlen(text->c_str()));
    return text;
  }
  return std::nullopt;
}

// "intentctl-net-abi:HASH (intentctl VERSION)" -> "HASH (intentctl VERSION)".
std::string shown(std::string_view identity) {
  constexpr std::string_view prefix = "intentctl-net-abi:";
  return std::string(identity.substr(identity.rfind(prefix, 0) == 0 ? prefix.size() : 0));
}

// A module of another build is refused before it is loaded: its code was
// compiled against other core types than the executable's.
void check_identity(const fs::path& candidate) {
  const std::optional<std::string> identity = elf_section_text(candidate, net_module_section);
  if (identity && *identity == net_module_abi()) return;
  throw external_error(fmt::format("{} belongs to another build of intentctl: its module identity is {}, this "
                                   "intentctl's is {}; reinstall intentctl",
                                   candidate.string(), identity ? shown(*identity) : "missing",
                                   shown(net_module_abi())));
}

const NetModule& load() {
  std::vector<std::string> tried;
  for (const fs::path& candidate : module_candidates()) {
    std::error_code error;
    if (!fs::exists(candidate, error)) {
      tried.push_back(candidate.string());
      continue;
    }
    check_identity(candidate);
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      throw external_error(fmt::format("cannot load {}: {}; reinstall intentctl", candidate.string(), dlerror()));
    using Entry = const NetModule* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, net_module_symbol));
    const NetModule* module = entry ? entry() : nullptr;
    if (!module || std::strcmp(module->abi, net_module_abi()) != 0)
      throw external_error(
          fmt::format("{} is not intentctl's network module; reinstall intentctl", candidate.string()));
    return *module;
  }
  throw external_error(fmt::format("intentctl's network module (publish, verify) is missing; looked for {}; "
                                   "reinstall intentctl",
                                   fmt::join(tried, " and ")));
}

} // namespace

const char* net_module_abi() { return INTENTCTL_NET_ABI; }

const NetModule& net_module() {
  static const NetModule* module = nullptr;
  static std::once_flag once;
  std::call_once(once, [] { module = &load(); });
  return *module;
}

} // namespace intentctl
