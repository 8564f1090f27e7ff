// What an exec credential plugin prints: an ExecCredential, read for both
// client.authentication.k8s.io versions.
#include <cstddef>
#include <cstdint>
#include <string>

#include "verify/exec_credential.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace intentctl;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* version : {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}) {
    try {
      (void)parse_exec_credential(text, version, "exec plugin \"fuzz\"");
    } catch (const Error&) {}
  }
  return 0;
}
