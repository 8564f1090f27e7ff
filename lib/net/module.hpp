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

// The module's entry points. abi changes whenever this struct or the options it
// passes change shape, so a stale module is refused instead of misread.
struct NetModule {
  int abi;
  ExitClass (*publish)(const PublishOptions& options, Io& io);
  ExitClass (*verify)(const VerifyOptions& options, Io& io);
};
inline constexpr int net_module_abi = 2;
inline constexpr const char* net_module_symbol = "intentctl_net_module";
inline constexpr const char* net_module_file = "intentctl-net.so";

// Loads the module on first use (next to the executable, then in the installed
// library folder) and keeps it loaded. Throws an external error that names the
// places it looked when it is missing or stale.
const NetModule& net_module();

} // namespace intentctl
