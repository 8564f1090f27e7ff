// check: every intent given, on every site it lands on, against the others
// and against what the site declares it can deliver (see conflicts/analysis.hpp),
// before anything is rendered or pushed. Written as text for people, JSON for
// machines, or 3GPP TS 28.312 IntentReports, one per intent.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/node.hpp"
#include "io/sink.hpp"

namespace intentctl {

enum class CheckFormat { text, json, intentreport };
std::optional<CheckFormat> parse_check_format(std::string_view word);

struct CheckOptions {
  std::vector<std::string> inputs; // files, folders, "-"; none means standard input
  std::string sites_file;          // --sites FILE (else INTENTCTL_SITES, else the embedded edge1)
  std::vector<std::string> sites;  // --site: only these sites
  std::string mapping_file;        // --mapping FILE
  CheckFormat format = CheckFormat::text;
  std::string report_dir; // --report DIR: DIR/intent-report-<intent>.json
};

// The CheckReport of --format json for no intents: what an error prints.
Node empty_check_document();

// ok when no intent conflicts and none is infeasible; failed otherwise.
ExitClass check(const CheckOptions& options, Io& io);

} // namespace intentctl
