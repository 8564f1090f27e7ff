// The kubeconfig reader: one file's clusters, users (certificates, tokens,
// basic auth, exec plugins) and contexts, merged over a file read before it,
// then every context resolved to an endpoint. tokenFile entries are left
// unread: the fuzzer must not read files it names.
#include <cstddef>
#include <cstdint>
#include <string>

#include "verify/kubeconfig.hpp"

namespace {

using namespace intentctl;

const char* const kEarlierFile = R"(apiVersion: v1
kind: Config
current-context: earlier
clusters:
- name: earlier
  cluster: {server: "https://earlier.example:6443", insecure-skip-tls-verify: true}
users:
- name: earlier
  user: {token: earlier-token}
contexts:
- name: earlier
  context: {cluster: earlier, user: earlier}
)";

void resolve_all(Kubeconfig config) {
  for (auto& [name, user] : config.users) user.token_file.clear();
  try {
    (void)resolve_endpoint(config, "");
  } catch (const Error&) {}
  for (const auto& [name, context] : config.contexts) {
    try {
      (void)resolve_endpoint(config, name);
    } catch (const Error&) {}
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Source source{"fuzz/kubeconfig", std::string(reinterpret_cast<const char*>(data), size)};
  (void)split_kubeconfig_list(source.text);
  try {
    Kubeconfig alone;
    merge_kubeconfig(source, alone);
    resolve_all(alone);
    Kubeconfig merged;
    merge_kubeconfig(Source{"fuzz/earlier", kEarlierFile}, merged);
    merge_kubeconfig(source, merged);
    resolve_all(merged);
  } catch (const Error&) {}
  return 0;
}
