// The one symbol the network module exports, and its build's identity in a
// section of its own; see module.hpp.
#include "net/module.hpp"
#include "net_abi.hpp"

namespace {
// Read from the file by the loader before the module is loaded.
[[gnu::used, gnu::section(".intentctl_abi")]] constexpr char kAbi[] = INTENTCTL_NET_ABI;
} // namespace

extern "C" __attribute__((visibility("default"))) const intentctl::NetModule* intentctl_net_module() {
  static constexpr intentctl::NetModule entry{kAbi, intentctl::publish, intentctl::verify};
  return &entry;
}
