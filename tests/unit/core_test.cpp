#include <doctest/doctest.h>
#include <filesystem>

#include "core/duration.hpp"
#include "core/error.hpp"
#include "krm/resource.hpp"
#include "sites/sites.hpp"

using namespace intentctl;
using namespace std::chrono_literals;

TEST_CASE("a flag's duration") {
  CHECK(require_duration("1h30m", "--timeout") == 90min);
  CHECK_THROWS_WITH_AS(require_duration("soon", "--timeout"),
                       "error: --timeout: \"soon\" is not a duration (like 500ms, 30s, 5m, 1h)", Error);
}

TEST_CASE("errors describe themselves in GNU style and map to exit codes") {
  const Error error = input_error("bad", Location{"a.json", 3, 7, "spec.x"});
  CHECK(error.describe() == "a.json:3:7: error: spec.x: bad");
  CHECK(exit_code(error.exit_class()) == 2);
  CHECK(exit_code(ExitClass::external) == 3);
  CHECK(exit_code(ExitClass::timeout) == 4);
  CHECK(exit_code(ExitClass::interrupted) == 130);
  CHECK(usage_error("x").describe() == "error: x");
}

TEST_CASE("ResourceList in and out, with results") {
  const Source source{"<stdin>",
                      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: "
                      "ConfigMap\n  metadata:\n    name: a\n    namespace: ns\n    annotations:\n      "
                      "internal.config.kubernetes.io/path: cm.yaml\n      internal.config.kubernetes.io/index: '0'\n"};
  const ResourceList list = read_resource_list(source);
  REQUIRE(list.items.items().size() == 1);
  const ResourceId id = resource_id(list.items.items()[0]);
  CHECK(id.display() == "ConfigMap ns/a");
  CHECK(id.group().empty());
  CHECK(annotation(list.items.items()[0], kPathAnnotation) == "cm.yaml");
  const std::string out = write_resource_list(list, {{"broken", Severity::error, &list.items.items()[0], "data"}});
  const ResourceList back = read_resource_list(Source{"out", out});
  CHECK(back.items == list.items);
  CHECK(out.find("severity: error") != std::string::npos);
  CHECK(out.find("path: cm.yaml") != std::string::npos);
  CHECK_THROWS_AS(read_resource_list(Source{"x", "kind: List\n"}), Error);
  CHECK(out.find("index: 0") != std::string::npos);
  // An index annotation that is not an int stays out of the results (it used to be written as a broken number).
  for (const char* index : {",1", "1.5", "-1", "x", "99999999999999999999"}) {
    ResourceList odd = list;
    odd.items.items()[0].find("metadata")->find("annotations")->set(kIndexAnnotation, Node::string(index));
    const std::string written = write_resource_list(odd, {{"broken", Severity::error, &odd.items.items()[0], "data"}});
    CHECK(read_resource_list(Source{"out", written}).items == odd.items);
    CHECK(written.find("    index:") == std::string::npos);
  }
}

TEST_CASE("sites file: defaults, unknown keys, bad names") {
  const Sites sites = parse_sites(Source{"sites.yaml", "sites:\n  edge2: {repo: r2}\n  edge1:\n    repo: r1\n    "
                                                       "branch: prod\n    rootsync: {period: 60s}\n"});
  REQUIRE(sites.sites.size() == 2);
  CHECK(sites.sites[0].name == "edge1"); // sorted
  CHECK(sites.sites[0].branch == "prod");
  CHECK(sites.sites[0].rootsync.period == "60s");
  CHECK(sites.sites[0].rootsync.name == "root-sync");
  CHECK(sites.sites[1].namespace_ == "intent-to-krm");
  CHECK(sites.sites[1].cluster == "edge2");
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge1: {repo: r, brnach: x}\n"}),
                       doctest::Contains("s.yaml:2:20: error: sites.edge1.brnach: unknown field \"brnach\""), Error);
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge/1: {repo: r}\n"}),
                       doctest::Contains("is not a DNS-1123 label"), Error);
  CHECK_THROWS_WITH_AS(parse_sites(Source{"s.yaml", "sites:\n  edge1: {repo: r, path: ../x}\n"}),
                       doctest::Contains("must stay inside the repository"), Error);
  CHECK_THROWS_WITH_AS(sites.select({"edge3"}), doctest::Contains("unknown site \"edge3\" (known: edge1, edge2)"),
                       Error);
  CHECK(default_sites().sites.at(0).repo == kDefaultRemote);
}

TEST_CASE("sites file: paths are taken from the file's folder") {
  const std::string text = "sites:\n  edge1:\n    repo: repos/edge1.git\n    kubeconfig: kube/edge1.yaml\n"
                           "    auth: {sshKey: keys/id}\n  edge2:\n    repo: /srv/edge2.git\n"
                           "    kubeconfig: /etc/kube.yaml\n    auth: {sshKey: ~/id}\n";
  const Sites sites = parse_sites(Source{"ops/../mk/sites.yaml", text});
  CHECK(sites.sites[0].kubeconfig == "mk/kube/edge1.yaml");
  CHECK(sites.sites[0].auth.ssh_key == "mk/keys/id");
  CHECK(sites.sites[0].repo == "repos/edge1.git"); // as written; publish takes it from sites.folder
  CHECK(sites.folder == (std::filesystem::current_path() / "mk").string());
  CHECK(sites.sites[1].kubeconfig == "/etc/kube.yaml");
  if (const char* home = std::getenv("HOME")) CHECK(sites.sites[1].auth.ssh_key == std::string(home) + "/id");
  // A sites file in the working folder, or on standard input: the working folder.
  CHECK(parse_sites(Source{"sites.yaml", text}).sites[0].kubeconfig == "kube/edge1.yaml");
  CHECK(parse_sites(Source{"<stdin>", text}).folder == std::filesystem::current_path().string());
}
