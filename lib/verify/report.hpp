// What verify found for each site, and the ways it is written: text lines,
// JSON records, JUnit XML, 28.312 IntentReports and a markdown report.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "io/node.hpp"
#include "io/palette.hpp"
#include "sites/sites.hpp"
#include "verify/check.hpp"
#include "verify/rendered.hpp"
#include "verify/slo.hpp"

namespace intentctl {

// One measured target (or --slo condition) of one site.
struct TargetOutcome {
  std::string intent_id;      // "" for an --slo condition that names no expectation target
  std::string expectation_id; // likewise
  std::string name;
  std::string origin; // the query or pointer asked
  TargetVerdict verdict;
};

struct SiteResult {
  std::string site;
  std::string folder;
  std::string repo;
  std::string branch;
  std::string head;      // the branch head the git check saw
  std::string published; // the published commit
  CheckResult git, cluster, slo;
  std::vector<TargetOutcome> targets;
  std::vector<RenderedExpectation> expectations;
  // The site's declared capacity (sites file), for the IntentReports' conflict
  // and feasibility reports; nullopt when it declares none.
  std::optional<std::vector<CapacityLimit>> capacity;
  std::string rollback; // what --rollback-on-failure did; "" when it did not run
  std::vector<std::string> reports;
  std::chrono::microseconds network{0};
  std::chrono::microseconds elapsed{0};
  std::size_t requests = 0;

  std::vector<const CheckResult*> checks() const { return {&git, &cluster, &slo}; }
  bool failed() const;  // a check failed (rollback territory)
  bool pending() const; // a check still waits
};

// "edge1  git      pass  3f2a9c1 is the head of main; ..." plus indented details;
// with waiting, the word is "wait" (a check --wait will ask again about).
std::string text_lines(const SiteResult& site, std::size_t site_width, bool with_details);
// "edge1  git      pass  SUMMARY", the outcome in its colour when palette is on.
std::string text_line(const std::string& site, const CheckResult& check, std::size_t site_width, bool waiting,
                      const Palette& palette = Palette());
// A detail under a check's line, indented; a leading "hint:" is painted as
// in diagnostics.
std::string detail_line(const std::string& detail, const Palette& palette = Palette());
Node json_record(const SiteResult& site);
// pass, fail, unknown or pending: the worst of a site's checks (fail before
// unknown before pending), and the worst of several sites.
std::string_view overall(const SiteResult& site);
std::string_view overall(const std::vector<const SiteResult*>& sites);
std::string junit_report(const std::vector<SiteResult>& sites, std::chrono::microseconds elapsed);

// The 28.312 IntentReports of a site, one per intent its expectations belong to:
// fulfilment, and the conflicts and feasibility intentctl check finds in the
// site's rendered expectations.
struct IntentReportFile {
  std::string intent_id;
  Node report;
};
std::vector<IntentReportFile> intent_reports(const SiteResult& site, const std::string& now);
std::string markdown_report(const SiteResult& site, const std::string& now);

// Writes <dir>/<site>/intent-report-<intent>.json and <dir>/<site>/report.md;
// returns the paths written.
std::vector<std::string> write_reports(const SiteResult& site, const std::string& dir);

} // namespace intentctl
