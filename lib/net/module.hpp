// publish and verify live in a module of their own, loaded only when one of them
// runs: libgit2 and libcurl (and the TLS, SSH and Kerberos libraries behind them)
// take longer to load than translate takes to run, so the commands that need no
// network start without them.
#pragma once

#include "core/error.hpp"
#include "io/sink.hpp"
#include "publish/publish.hpp"
#include "verify/verify.hpp"

namespace intentctl {

// The module's entry points.
//
// The module runs against the executable's copy of the core, so both must come
// from builds that agree on every core type: the build derives an identity
// from all headers of lib/, the compiler and its flags (cmake/net_abi.cmake,
// INTENTCTL_NET_ABI), and the module carries it in an ELF section of its own,
// net_module_section. The loader reads that section from the file before
// loading it (so no code of a stale module runs, and one whose symbols no
// longer resolve is named as stale too) and refuses any other identity.
struct NetModule {
  const char* abi; // INTENTCTL_NET_ABI of the module's build
  ExitClass (*publish)(const PublishOptions& options, Io& io);
  ExitClass (*verify)(const VerifyOptions& options, Io& io);
};
inline constexpr const char* net_module_symbol = "intentctl_net_module";
inline constexpr const char* net_module_file = "intentctl-net.so";
inline constexpr const char* net_module_section = ".intentctl_abi";

// This executable's identity, INTENTCTL_NET_ABI: "intentctl-net-abi:HASH (intentctl VERSION)".
const char* net_module_abi();

// Loads the module on first use (next to the executable, then in the installed
// library folder) and keeps it loaded. Throws an external error that names the
// places it looked when it is missing or stale.
const NetModule& net_module();

} // namespace intentctl
