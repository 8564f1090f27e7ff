// Kubeconfig reading and merging the way kubectl does it, exec credentials,
// and base64.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "util/base64.hpp"
#include "verify/exec_credential.hpp"
#include "verify/kubeconfig.hpp"

using namespace intentctl;
namespace fs = std::filesystem;

namespace {

// A scratch folder removed at the end of the test case.
struct Scratch {
  fs::path dir;
  Scratch() {
    char pattern[] = "/tmp/intentctl-kubeconfig-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text, bool executable = false) const {
    const fs::path path = dir / name;
    std::ofstream(path) << text;
    if (executable) fs::permissions(path, fs::perms::owner_all);
    return path.string();
  }
};

const char* first_file = R"(apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: shared
  cluster: {server: "https://first.example:6443", certificate-authority: ca/first.crt}
users:
- name: shared-user
  user: {token: first-token}
contexts:
- name: alpha
  context: {cluster: shared, user: shared-user, namespace: team}
)";

const char* second_file = R"(apiVersion: v1
kind: Config
current-context: beta
clusters:
- name: shared
  cluster: {server: "https://second.example:6443"}
- name: only-second
  cluster:
    server: second.example:7443/
    certificate-authority-data: aGVsbG8=
users:
- name: shared-user
  user: {token: second-token}
- name: cert-user
  user:
    client-certificate: certs/client.crt
    client-key-data: a2V5
    client-certificate-data: Y2VydA==
contexts:
- name: beta
  context: {cluster: only-second, user: cert-user}
- name: alpha
  context: {cluster: only-second, user: cert-user}
)";

} // namespace

TEST_CASE("base64 both ways, PEM line breaks skipped, junk refused") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_decode("Zm9v\nYmFy") == "foobar");
  CHECK(base64_decode("Zg") == "f");
  CHECK(base64_decode("Zg==") == "f");
  CHECK_FALSE(base64_decode("Zm9v!"));
  CHECK_FALSE(base64_decode("Zg==Zg"));
  CHECK_FALSE(base64_decode("Z"));
}

TEST_CASE("KUBECONFIG lists: split on ':', empty entries and repeats dropped") {
  CHECK(split_kubeconfig_list("a:b::a:c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(split_kubeconfig_list("") == std::vector<std::string>{});
}

TEST_CASE("merging kubeconfigs: the first file to name an entry wins, whole") {
  Scratch scratch;
  const std::string first = scratch.write("first.yaml", first_file);
  const std::string second = scratch.write("second.yaml", second_file);
  const Kubeconfig config = load_kubeconfig({first, (scratch.dir / "missing.yaml").string(), second}, true);
  CHECK(config.files == std::vector<std::string>{first, second});
  CHECK(config.current_context == "alpha");
  CHECK(config.clusters.at("shared").server == "https://first.example:6443");
  CHECK(config.users.at("shared-user").token == "first-token");
  CHECK(config.contexts.at("alpha").cluster == "shared");
  // Relative paths are taken from the folder of the file that wrote them.
  CHECK(config.clusters.at("shared").ca_file == (scratch.dir / "ca/first.crt").string());
  CHECK(config.users.at("cert-user").cert_file == (scratch.dir / "certs/client.crt").string());

  const KubeEndpoint current = resolve_endpoint(config, "");
  CHECK(current.context == "alpha");
  CHECK(current.server == "https://first.example:6443");
  CHECK(current.token == "first-token");

  const KubeEndpoint beta = resolve_endpoint(config, "beta");
  CHECK(beta.server == "https://second.example:7443"); // scheme added, trailing '/' gone
  CHECK(beta.tls.ca_pem == "hello");
  CHECK(beta.tls.cert_pem == "cert"); // -data wins over the file, as in client-go
  CHECK(beta.tls.key_pem == "key");
  CHECK(beta.token.empty());

  // The other order: the second file's entries win now.
  const Kubeconfig reversed = load_kubeconfig({second, first}, true);
  CHECK(reversed.current_context == "beta");
  CHECK(resolve_endpoint(reversed, "alpha").server == "https://second.example:7443");
}

TEST_CASE("kubeconfig mistakes are input errors that say where") {
  Scratch scratch;
  const std::string second = scratch.write("second.yaml", second_file);
  const Kubeconfig config = load_kubeconfig({second}, false);
  CHECK_THROWS_WITH_AS(resolve_endpoint(config, "gamma"),
                       (second + ": error: context \"gamma\" not found (contexts: alpha, beta)").c_str(), Error);
  CHECK_THROWS_AS(load_kubeconfig({(scratch.dir / "missing.yaml").string()}, false), Error);

  const std::string bad_data = scratch.write("bad-data.yaml", "clusters:\n- name: c\n  cluster:\n    server: x\n"
                                                              "    certificate-authority-data: '%%%'\n");
  CHECK_THROWS_WITH_AS(
      load_kubeconfig({bad_data}, false),
      (bad_data + ":5:33: error: clusters[0].cluster.certificate-authority-data: not valid base64").c_str(), Error);

  const std::string conflict =
      scratch.write("conflict.yaml", "current-context: c\nclusters:\n- name: c\n  cluster: {server: x, "
                                     "insecure-skip-tls-verify: true, certificate-authority: ca.crt}\ncontexts:\n"
                                     "- name: c\n  context: {cluster: c}\n");
  CHECK_THROWS_WITH_AS(resolve_endpoint(load_kubeconfig({conflict}, false), ""),
                       doctest::Contains("insecure-skip-tls-verify is not allowed"), Error);

  const std::string half_cert =
      scratch.write("half.yaml", "current-context: c\nclusters:\n- name: c\n  cluster: {server: x}\nusers:\n- name: u\n"
                                 "  user: {client-certificate: a.crt}\ncontexts:\n- name: c\n  context: {cluster: c, "
                                 "user: u}\n");
  CHECK_THROWS_WITH_AS(resolve_endpoint(load_kubeconfig({half_cert}, false), ""),
                       doctest::Contains("a client certificate needs its key"), Error);

  const std::string no_mode =
      scratch.write("exec.yaml", "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, "
                                 "command: plugin}\n");
  CHECK_THROWS_WITH_AS(load_kubeconfig({no_mode}, false), doctest::Contains("needs interactiveMode"), Error);

  const std::string provider =
      scratch.write("provider.yaml", "current-context: c\nclusters:\n- name: c\n  cluster: {server: x}\nusers:\n"
                                     "- name: u\n  user: {auth-provider: {name: gcp}}\ncontexts:\n- name: c\n"
                                     "  context: {cluster: c, user: u}\n");
  CHECK_THROWS_WITH_AS(resolve_endpoint(load_kubeconfig({provider}, false), ""),
                       doctest::Contains("auth-provider \"gcp\" is not supported"), Error);

  const std::string twice = scratch.write("twice.yaml", "users:\n- name: u\n  user: {}\n- name: u\n  user: {}\n");
  CHECK_THROWS_WITH_AS(load_kubeconfig({twice}, false), doctest::Contains("user \"u\" is defined twice"), Error);
}

TEST_CASE("token beats tokenFile; tokenFile is read relative to the kubeconfig and trimmed") {
  Scratch scratch;
  scratch.write("token.txt", "from-file\n");
  const std::string both =
      scratch.write("both.yaml", "current-context: c\nclusters:\n- name: c\n  cluster: {server: x}\nusers:\n- name: u\n"
                                 "  user: {token: inline, tokenFile: token.txt}\ncontexts:\n- name: c\n  context: "
                                 "{cluster: c, user: u}\n");
  CHECK(resolve_endpoint(load_kubeconfig({both}, false), "").token == "inline");
  const std::string file_only =
      scratch.write("file.yaml", "current-context: c\nclusters:\n- name: c\n  cluster: {server: x}\nusers:\n- name: u\n"
                                 "  user: {tokenFile: token.txt, username: ignored}\ncontexts:\n- name: c\n  context: "
                                 "{cluster: c, user: u}\n");
  const KubeEndpoint endpoint = resolve_endpoint(load_kubeconfig({file_only}, false), "");
  CHECK(endpoint.token == "from-file");
}

TEST_CASE("ExecCredential parsing") {
  const std::string v1 = "client.authentication.k8s.io/v1";
  const ExecCredential token = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-02T03:04:05Z"}})",
      v1, "plugin");
  CHECK(token.token == "abc");
  REQUIRE(token.expires);
  CHECK(std::chrono::system_clock::to_time_t(*token.expires) == 1893553445);
  const ExecCredential cert = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K","expirationTimestamp":"2030-01-02T05:04:05.123+02:00"}})",
      v1, "plugin");
  CHECK(cert.cert_pem == "C");
  CHECK(cert.key_pem == "K");
  CHECK(std::chrono::system_clock::to_time_t(*cert.expires) == 1893553445);
  CHECK_THROWS_WITH_AS(
      parse_exec_credential(
          R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}})", v1,
          "plugin"),
      doctest::Contains("the kubeconfig asked for"), Error);
  CHECK_THROWS_WITH_AS(
      parse_exec_credential(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})",
                            v1, "plugin"),
      doctest::Contains("neither a token nor a client certificate"), Error);
  CHECK_THROWS_WITH_AS(parse_exec_credential("not json", v1, "plugin"),
                       doctest::Contains("did not print an ExecCredential"), Error);
  try {
    parse_exec_credential(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})", v1, "plugin");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::external); // the plugin misbehaved: not the user's input
  }
}

TEST_CASE("ExecCredential expirationTimestamp: offsets are +hh:mm, times beyond the clock are its ends") {
  const std::string v1 = "client.authentication.k8s.io/v1";
  const auto expiring = [&](const std::string& when) {
    return parse_exec_credential(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                                 R"("status":{"token":"t","expirationTimestamp":")" +
                                     when + R"("}})",
                                 v1, "plugin");
  };
  CHECK(std::chrono::system_clock::to_time_t(*expiring("2030-01-02T01:34:05-01:30").expires) == 1893553445);
  for (const char* broken : {"2030-01-02T03:04:05+1:2", "2030-01-02T03:04:05+01", "2030-01-02T03:04:05+01:00:00",
                             "2030-01-02T03:04:05+0a:00", "2030-01-02T03:04:05+"})
    CHECK_THROWS_WITH_AS(expiring(broken), doctest::Contains("not an RFC 3339 time"), Error);
  CHECK(*expiring("3000-01-01T00:00:00Z").expires == std::chrono::system_clock::time_point::max());
  CHECK(*expiring("9999-12-31T23:59:59Z").expires == std::chrono::system_clock::time_point::max());
  CHECK(*expiring("1000-01-01T00:00:00Z").expires == std::chrono::system_clock::time_point::min());
}

TEST_CASE("exec plugins run once per credential, with KUBERNETES_EXEC_INFO and their env") {
  Scratch scratch;
  const std::string count = (scratch.dir / "count").string();
  const std::string plugin =
      scratch.write("plugin.sh",
                    "#!/bin/sh\necho run >> \"$COUNT_FILE\"\n"
                    "case \"$KUBERNETES_EXEC_INFO\" in *'\"interactive\":false'*) ;; *) exit 3;; esac\n"
                    "printf '{\"apiVersion\":\"%s\",\"kind\":\"ExecCredential\",\"status\":"
                    "{\"token\":\"%s\"}}' \"$1\" \"$PLUGIN_TOKEN\"\n",
                    true);
  KubeEndpoint endpoint;
  endpoint.server = "https://127.0.0.1:1";
  endpoint.exec = ExecConfig{"client.authentication.k8s.io/v1beta1",
                             plugin,
                             {"client.authentication.k8s.io/v1beta1"},
                             {{"COUNT_FILE", count}, {"PLUGIN_TOKEN", "exec-token"}},
                             "",
                             false,
                             ""};
  endpoint.exec_key = "k";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  CredentialCache cache;
  CHECK(cache.get(endpoint, deadline).token == "exec-token");
  CHECK(cache.get(endpoint, deadline).token == "exec-token");
  auto runs = [&] {
    std::ifstream in(count);
    return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
  };
  CHECK(runs() == 1);
  cache.invalidate("k");
  CHECK(cache.get(endpoint, deadline).token == "exec-token");
  CHECK(runs() == 2);

  const std::string failing = scratch.write("fail.sh", "#!/bin/sh\necho 'session expired' >&2\nexit 1\n", true);
  endpoint.exec->command = failing;
  CHECK_THROWS_WITH_AS(run_exec_plugin(*endpoint.exec, endpoint, deadline),
                       doctest::Contains("failed (exit 1): session expired"), Error);

  const std::string slow = scratch.write("slow.sh", "#!/bin/sh\nexec sleep 30\n", true);
  endpoint.exec->command = slow;
  const auto start = std::chrono::steady_clock::now();
  try {
    run_exec_plugin(*endpoint.exec, endpoint, start + std::chrono::milliseconds(300));
    FAIL("expected a timeout");
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::timeout);
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));

  endpoint.exec->command = "intentctl-no-such-plugin";
  endpoint.exec->install_hint = "get it from your admin";
  try {
    run_exec_plugin(*endpoint.exec, endpoint, deadline);
    FAIL("expected the missing plugin to be an error");
  } catch (const Error& error) {
    CHECK(error.message().find("intentctl-no-such-plugin") != std::string::npos);
    CHECK(error.hint() == "get it from your admin"); // the installHint, on a hint line of its own
  }
}
