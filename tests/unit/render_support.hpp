// Running render in-process for the render_*.cpp tests.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/node.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "render/render.hpp"

namespace render_test {

inline std::string fixture(const std::string& relative) {
  return std::string(INTENTCTL_SOURCE_DIR) + "/tests/fixtures/render/" + relative;
}

struct Run {
  std::string out;
  std::string err;
  intentctl::ExitClass code = intentctl::ExitClass::ok;
  std::string error; // the thrown error's full text, if any
};

inline Run run(intentctl::RenderOptions options, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  intentctl::Reporter reporter(err);
  intentctl::Io io{in, out, reporter, false, false};
  Run result;
  try {
    result.code = intentctl::render(options, io);
  } catch (const intentctl::Error& error) {
    result.code = error.exit_class();
    result.error = error.describe();
  }
  result.out = out.str();
  result.err = err.str();
  return result;
}

// -o - of inputs, as parsed documents.
inline std::vector<intentctl::Node> objects_of(const std::vector<std::string>& inputs,
                                               const std::string& stdin_text = "",
                                               std::vector<std::string> extra_sites = {}) {
  intentctl::RenderOptions options;
  options.inputs = inputs;
  options.to_stdout = true;
  options.sites = std::move(extra_sites);
  const Run result = run(options, stdin_text);
  if (result.code != intentctl::ExitClass::ok) throw std::runtime_error(result.error);
  return intentctl::parse_yaml(intentctl::Source{"out.yaml", result.out}, intentctl::ReadLimits{}).documents;
}

inline const intentctl::Node* find_object(const std::vector<intentctl::Node>& objects, const std::string& kind,
                                          const std::string& name) {
  for (const auto& object : objects)
    if (object.find("kind")->text() == kind && object.find("metadata")->find("name")->text() == name) return &object;
  return nullptr;
}

} // namespace render_test
