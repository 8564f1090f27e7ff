// The conflict check itself, apart from reading its input:
//
//   intentctl-bench-conflicts ROUNDS SITES FILE...
//
// reads the intents of the FILEs and the sites file SITES once, as intentctl
// check does, then times ROUNDS rounds of what check does with them (the
// subjects on their sites, then the analysis: grouping by site, object,
// contexts and target name, the comparisons, the sums and the feasibility).
// Prints one line: "CHECK CPU READ EXPECTATIONS TARGETS CONFLICTS INFEASIBLE
// UNKNOWN": the median wall-clock seconds of a round and the median CPU
// seconds (which a busy machine distorts less), the seconds the reading took
// (once), the expectations read, the targets compared (one per site a target
// lands on), and what the analysis found.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

#include "conflicts/analysis.hpp"
#include "io/reader.hpp"
#include "model/expectation_reader.hpp"
#include "model/mapping.hpp"
#include "sites/sites.hpp"

using namespace intentctl;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

int bench_check(int rounds, const std::string& sites_file, const std::vector<std::string>& inputs) {
  std::istringstream no_stdin;
  const auto read_start = std::chrono::steady_clock::now();
  const Sites sites = load_sites(sites_file, no_stdin, false);
  const std::vector<const Site*> selected = sites.select({});
  std::vector<DeltaEntry> delta;
  ExpectationReader reader(default_mapping(), delta);
  for (const auto& path : expand_inputs(inputs)) reader.read_source(read_source(path, ReadLimits{}, no_stdin, false));
  const double read = seconds_since(read_start);

  std::vector<double> times, cpu_times;
  ConflictAnalysis analysis;
  for (int i = 0; i < rounds; ++i) {
    analysis = {}; // not timed: freeing the last round's analysis
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    analysis = analyse(check_subjects(reader.expectations(), sites, selected), selected);
    cpu_times.push_back(cpu_seconds() - cpu_start);
    times.push_back(seconds_since(start));
  }
  const auto count = [&](Feasibility feasibility) {
    return std::count_if(analysis.intents.begin(), analysis.intents.end(),
                         [&](const CheckedIntent& intent) { return intent.feasibility == feasibility; });
  };
  std::printf("%.6f %.6f %.6f %zu %zu %zu %td %td\n", median(times), median(cpu_times), read,
              reader.expectations().size(), analysis.compared_targets, analysis.conflict_count(),
              count(Feasibility::infeasible), count(Feasibility::unknown));
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const int rounds = !args.empty() ? std::stoi(args[0]) : 0;
    if (rounds > 0 && args.size() >= 3) return bench_check(rounds, args[1], {args.begin() + 2, args.end()});
  } catch (const Error& error) {
    std::fprintf(stderr, "intentctl-bench-conflicts: %s\n", error.describe().c_str());
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "intentctl-bench-conflicts: %s\n", error.what());
    return 2;
  }
  std::fprintf(stderr, "usage: intentctl-bench-conflicts ROUNDS SITES FILE...\n");
  return 2;
}
