// The canonical model: a TS 28.312 Intent. Every input form converts into it and
// every output is written from it (docs/model.md).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "io/node.hpp"
#include "model/condition.hpp"
#include "model/value.hpp"

namespace intentctl {

struct Context {
  std::string attribute;
  Condition condition = Condition::is_equal_to;
  ValueRange range;
  Mark mark; // where it was read from, for messages of later stages
};

struct Target {
  std::string name;
  Condition condition = Condition::is_equal_to;
  ValueRange range;
  std::vector<Context> contexts;
  Mark mark;
};

struct ExpectationObject {
  std::string type;     // objectType, e.g. 5GC_SubNetwork
  std::string instance; // objectInstance (a DN or a name)
  std::vector<Context> contexts;
};

struct Expectation {
  std::string id;
  std::string verb = "DELIVER"; // DELIVER | ENSURE (Rel-19 MAINTAIN)
  ExpectationObject object;
  std::vector<Target> targets;
  std::vector<Context> contexts;
  Mark mark;
};

struct Intent {
  std::string id;
  std::string user_label;
  std::vector<Expectation> expectations;
  std::vector<Context> contexts;
  std::optional<int> priority;            // intentPriority 1..100
  std::optional<std::string> admin_state; // ACTIVATED | DEACTIVATED
  std::optional<long> observation_period; // seconds
  std::vector<std::string> sites;         // where it is deployed; an intent context on the wire
};

// The intent context attribute that carries Intent::sites in 28.312 documents.
inline constexpr std::string_view kSitesContextAttribute = "DeploymentSite";

} // namespace intentctl
