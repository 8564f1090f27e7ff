// The one symbol the network module exports; see module.hpp.
#include "net/module.hpp"

extern "C" __attribute__((visibility("default"))) const intentctl::NetModule* intentctl_net_module() {
  static constexpr intentctl::NetModule entry{intentctl::net_module_abi, intentctl::publish, intentctl::verify};
  return &entry;
}
