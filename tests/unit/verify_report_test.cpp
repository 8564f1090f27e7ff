// verify's reports: the 28.312 IntentReport (with the standard's own
// spellings), text lines, JUnit XML, markdown; and reading rendered trees.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "io/writer.hpp"
#include "verify/rendered.hpp"
#include "verify/report.hpp"

using namespace intentctl;
namespace fs = std::filesystem;

namespace {

RenderedExpectation expectation(const std::string& intent, const std::string& id,
                                const std::vector<std::string>& targets) {
  RenderedExpectation rendered;
  rendered.intent_id = intent;
  rendered.expectation.id = id;
  rendered.expectation.object.type = "5GC_SubNetwork";
  for (const auto& name : targets) {
    Target target;
    target.name = name;
    target.condition = Condition::is_less_than;
    target.range.values.push_back(Quantity{"1", "ms"});
    rendered.expectation.targets.push_back(target);
  }
  return rendered;
}

TargetOutcome outcome(const std::string& intent, const std::string& expectation_id, const std::string& name,
                      double achieved_ms) {
  TargetOutcome target;
  target.intent_id = intent;
  target.expectation_id = expectation_id;
  target.name = name;
  target.origin = "query " + name;
  ValueRange range{{Quantity{"1", "ms"}}, false};
  target.verdict = evaluate(Condition::is_less_than, range, Measurement::of_number(achieved_ms, "ms"));
  return target;
}

SiteResult site_result() {
  SiteResult site;
  site.site = "edge1";
  site.folder = "dist/edge1";
  site.git = make_result("git", CheckState::pass, "3f2a9c1 is the head of main");
  site.cluster = make_result("cluster", CheckState::pass, "RootSync root-sync: SYNCED at 3f2a9c1");
  site.slo = make_result("slo", CheckState::fail, "latency 2.7 ms, wanted IS_LESS_THAN 1 ms");
  site.expectations = {expectation("robot", "cn-1", {"latency", "jitter"}), expectation("robot", "tn-1", {"latency"}),
                       expectation("video", "ran-1", {"throughput"})};
  site.targets = {outcome("robot", "cn-1", "latency", 2.7), outcome("robot", "cn-1", "jitter", 0.5),
                  outcome("robot", "tn-1", "latency", 0.2)};
  return site;
}

const Node& at(const Node& node, std::string_view key) {
  const Node* member = node.find(key);
  REQUIRE_MESSAGE(member, "missing member " << key);
  return *member;
}

} // namespace

TEST_CASE("IntentReport: a NaN or infinite sample is no targetAchievedValue, and the report stays JSON") {
  SiteResult site = site_result();
  site.targets = {outcome("robot", "cn-1", "latency", std::nan("")),
                  outcome("robot", "cn-1", "jitter", std::numeric_limits<double>::infinity())};
  const auto reports = intent_reports(site, "2026-05-01T12:00:00Z");
  REQUIRE_FALSE(reports.empty());
  const std::string json = to_json(reports[0].report, JsonStyle::compact);
  CHECK(json.find("targetAchievedValue") == std::string::npos);
  CHECK(json.find("nan") == std::string::npos);
  CHECK(json.find("inf") == std::string::npos);
}

TEST_CASE("IntentReport: one per intent, the standard's field names and misspellings") {
  const auto reports = intent_reports(site_result(), "2026-05-01T12:00:00Z");
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].intent_id == "robot");
  CHECK(reports[1].intent_id == "video");
  const Node& robot = reports[0].report;
  CHECK(at(robot, "lastUpdatedTime").text() == "2026-05-01T12:00:00Z");
  CHECK(at(robot, "intentReference").text() == "Intent=robot");
  const Node& fulfilment = at(robot, "intentFulfilmentReport");
  const Node& intent_info = at(fulfilment, "intentFulfilmentInfo");
  CHECK(at(intent_info, "fulfilmentStatus").text() == "NOT_FULFILLED");
  CHECK(at(intent_info, "notFullfilledState").text() == "FULFILMENTFAILED"); // sic
  CHECK(at(intent_info, "notFulfilledReasons").items().at(0).text() ==
        "cn-1: latency: 2.7 ms, wanted IS_LESS_THAN 1 ms");

  const Node& results = at(fulfilment, "expectationFulfilmentResult");
  REQUIRE(results.items().size() == 2);
  const Node& cn = results.items()[0];
  CHECK(at(cn, "expectaitonId").text() == "cn-1"); // sic
  CHECK(at(at(cn, "expectationFulfilmentInfo"), "fulfilmentStatus").text() == "NOT_FULFILLED");
  const Node& targets = at(cn, "targetFulfilmentResult");
  REQUIRE(targets.items().size() == 2);
  CHECK(at(targets.items()[0], "targetName").text() == "latency");
  CHECK(at(targets.items()[0], "targetAchievedValue").as_double() == doctest::Approx(2.7));
  CHECK(at(at(targets.items()[1], "targetFulfilmentInfo"), "fulfilmentStatus").text() == "FULFILLED");
  CHECK_FALSE(at(targets.items()[1], "targetFulfilmentInfo").find("notFullfilledState"));

  const Node& tn = results.items()[1];
  CHECK(to_json(at(tn, "expectationFulfilmentInfo"), JsonStyle::compact) == R"({"fulfilmentStatus":"FULFILLED"})");

  // Not measured: acknowledged, not fulfilled, and the report says why.
  const Node& video = at(reports[1].report, "intentFulfilmentReport");
  const Node& info = at(at(video, "expectationFulfilmentResult").items()[0], "expectationFulfilmentInfo");
  CHECK(at(info, "notFullfilledState").text() == "ACKNOWLEDGED");
  CHECK(at(at(at(at(video, "expectationFulfilmentResult").items()[0], "targetFulfilmentResult").items()[0],
              "targetFulfilmentInfo"),
           "notFulfilledReasons")
            .items()
            .at(0)
            .text() == "not measured");
}

TEST_CASE("a failed cluster check fails every expectation of the site; a pending one acknowledges") {
  SiteResult site = site_result();
  site.targets.clear();
  site.slo = make_result("slo", CheckState::skip, "not measured: the cluster check did not pass");
  site.cluster = make_result("cluster", CheckState::fail, "RootSync root-sync: STALLED: bad");
  const Node report = intent_reports(site, "t").at(1).report;
  const Node& info = at(at(report, "intentFulfilmentReport"), "intentFulfilmentInfo");
  CHECK(at(info, "notFullfilledState").text() == "FULFILMENTFAILED");
  CHECK(
      to_json(at(info, "notFulfilledReasons"), JsonStyle::compact).find("cluster: RootSync root-sync: STALLED: bad") !=
      std::string::npos);

  site.cluster = make_result("cluster", CheckState::pending, "RootSync root-sync: PENDING");
  const Node pending = intent_reports(site, "t").at(1).report;
  CHECK(at(at(at(pending, "intentFulfilmentReport"), "intentFulfilmentInfo"), "notFullfilledState").text() ==
        "ACKNOWLEDGED");
}

TEST_CASE("text lines, JSON records, JUnit") {
  SiteResult site = site_result();
  site.git.details = {"--- a/x", "+++ b/x"};
  CHECK(text_line("edge1", site.git, 6, false) == "edge1   git      pass  3f2a9c1 is the head of main");
  CHECK(text_line("edge1", make_result("cluster", CheckState::pending, "p"), 5, true) == "edge1  cluster  wait  p");
  CHECK(text_lines(site, 5, true).find("\n    --- a/x\n    +++ b/x\n") != std::string::npos);

  const Node record = json_record(site);
  CHECK(at(record, "status").text() == "fail");
  CHECK(at(at(record, "checks").items()[2], "status").text() == "fail");
  CHECK(at(at(at(record, "targets").items()[0], "achieved"), "value").as_double() == doctest::Approx(2.7));

  site.slo.summary = "a < b & \"c\"";
  site.cluster = make_result("cluster", CheckState::unknown, "refused");
  site.rollback = "reverted 3f2a9c1; main is now 8c1d2e3";
  const std::string xml = junit_report({site}, std::chrono::milliseconds(1500));
  CHECK(xml.find("<testsuites name=\"intentctl verify\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\" "
                 "time=\"1.500\">") != std::string::npos);
  CHECK(xml.find("message=\"a &lt; b &amp; &quot;c&quot;\"") != std::string::npos);
  CHECK(xml.find("<error type=\"unknown\" message=\"unknown: refused\">") != std::string::npos);
  CHECK(xml.find("<property name=\"rollback\" value=\"reverted 3f2a9c1; main is now 8c1d2e3\"/>") != std::string::npos);
  CHECK(at(json_record(site), "status").text() == "fail");
  site.slo = make_result("slo", CheckState::pass, "ok");
  CHECK(at(json_record(site), "status").text() == "unknown");

  CheckResult cut = make_result("cluster", CheckState::pending, "no answer before the deadline");
  cut.at_deadline = true;
  site.cluster = cut;
  CHECK(junit_report({site}, {})
            .find("<error type=\"timeout\" message=\"cut off by the deadline: no answer before "
                  "the deadline\">") != std::string::npos);
  CHECK(at(at(json_record(site), "checks").items()[1], "deadline").as_bool());
}

TEST_CASE("markdown report") {
  const std::string md = markdown_report(site_result(), "2026-05-01T12:00:00Z");
  CHECK(md.find("# Verify report: edge1") != std::string::npos);
  CHECK(md.find("| slo | fail | latency 2.7 ms, wanted IS_LESS_THAN 1 ms |") != std::string::npos);
  CHECK(md.find("| cn-1 | latency | IS_LESS_THAN 1 ms | 2.7 ms | not met: 2.7 ms, wanted IS_LESS_THAN 1 ms |") !=
        std::string::npos);
}

TEST_CASE("rendered trees: objects Config Sync applies, expectations from the ConfigMaps") {
  char pattern[] = "/tmp/intentctl-rendered-XXXXXX";
  const fs::path dir = ::mkdtemp(pattern);
  fs::create_directories(dir / "apps" / "intent");
  fs::create_directories(dir / ".git");
  std::ofstream(dir / "kustomization.yaml") << "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
  std::ofstream(dir / ".git" / "x.yaml") << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n";
  std::ofstream(dir / "apps" / "intent" / "cn.yaml")
      << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: expectation-cn-1\n  namespace: intent-to-krm\n"
         "  annotations: {expectation.nephio.org/intent-id: robot}\ndata:\n  expectation.json: |\n"
         "    {\"expectationId\": \"cn-1\", \"expectationObject\": {\"objectType\": \"5GC_SubNetwork\"},\n"
         "     \"expectationTargets\": [{\"targetName\": \"latency\", \"targetCondition\": \"IS_LESS_THAN\", "
         "\"targetValueRange\": \"1ms\"}]}\n"
         "---\napiVersion: cn.nephio.org/v1alpha1\nkind: CNBundle\nmetadata: {name: cn-bundle-cn-1, namespace: "
         "intent-to-krm}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  annotations: "
         "{config.kubernetes.io/local-config: \"true\"}\n";
  const RenderedSite site = read_rendered_site(dir.string());
  REQUIRE(site.objects.size() == 2);
  CHECK(site.objects[0].id.name == "expectation-cn-1");
  CHECK(site.objects[0].file == "apps/intent/cn.yaml");
  CHECK(is_bundle(site.objects[1].id));
  REQUIRE(site.expectations.size() == 1);
  CHECK(site.expectations[0].intent_id == "robot");
  CHECK(site.expectations[0].expectation.targets.at(0).name == "latency");

  std::ofstream(dir / "apps" / "intent" / "broken.yaml")
      << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: expectation-x}\ndata:\n  expectation.json: "
         "'{\"expectationId\": 5}'\n";
  CHECK_THROWS_WITH_AS(read_rendered_site(dir.string()),
                       doctest::Contains("broken.yaml (ConfigMap expectation-x data.expectation.json):1:19"), Error);
  fs::remove_all(dir);
  CHECK_THROWS_WITH_AS(read_rendered_site(dir.string()), doctest::Contains("no such folder"), Error);
}
