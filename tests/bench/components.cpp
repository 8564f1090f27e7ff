// The two places where intentctl's own code stands in for a library because it
// is faster, timed against that library on the same input in one process, so
// that only the part the hand code replaces is measured:
//
//   intentctl-bench yaml ROUNDS FILE...
//       the block-subset YAML reader against libyaml's event parser (both into
//       the same Node trees), over the files as one batch;
//   intentctl-bench schema ROUNDS CRDS OBJECTS...
//       the KRM schema checker against valijson (draft 7, over nlohmann_json),
//       checking every object of the OBJECTS files whose kind one of the
//       CustomResourceDefinitions in CRDS describes against its
//       openAPIV3Schema.
//
// Each prints one line: "OURS PEER COUNT OURS_RESULT PEER_RESULT", the median
// seconds of a round for ours and for the peer, how many files or objects a
// round covers, and what each side found (documents read; invalid objects),
// which tests/bench/components.sh requires to be the same.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "io/reader.hpp"
#include "io/writer.hpp"
#include "io/yaml_internal.hpp"
#include "validate/schema.hpp"

using namespace intentctl;

namespace {

Source read(const std::string& path) {
  std::istringstream no_stdin;
  return read_source(path, ReadLimits{}, no_stdin, false);
}

// The median seconds of rounds calls of work.
template <typename Work>
double median_seconds(int rounds, Work work) {
  std::vector<double> times;
  for (int i = 0; i < rounds; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

int bench_yaml(int rounds, const std::vector<std::string>& paths) {
  std::vector<Source> sources;
  for (const std::string& path : paths) sources.push_back(read(path));
  std::size_t fast_documents = 0, libyaml_documents = 0;
  const double fast = median_seconds(rounds, [&] {
    fast_documents = 0;
    for (const Source& source : sources) {
      ParsedStream out;
      // A file the subset reader gives up on is read by libyaml, as parse_yaml does.
      if (!yaml_detail::parse_block_subset(source, ReadLimits{}, out))
        out = yaml_detail::parse_with_libyaml(source, ReadLimits{});
      fast_documents += out.documents.size();
    }
  });
  const double libyaml = median_seconds(rounds, [&] {
    libyaml_documents = 0;
    for (const Source& source : sources)
      libyaml_documents += yaml_detail::parse_with_libyaml(source, ReadLimits{}).documents.size();
  });
  std::printf("%.6f %.6f %zu %zu %zu\n", fast, libyaml, sources.size(), fast_documents, libyaml_documents);
  return 0;
}

struct KindSchemas {
  std::shared_ptr<const CompiledSchema> ours;
  nlohmann::json document; // valijson keeps pointers into it
  valijson::Schema peer;
};

const Node* member(const Node& node, const char* key) { return node.is_object() ? node.find(key) : nullptr; }

// kind -> both forms of its schema, for every CRD of the file (its first version).
void load_crds(const std::string& path, std::map<std::string, KindSchemas>& schemas) {
  const Source source = read(path);
  for (const Node& crd : parse_documents(source, ReadLimits{}).documents) {
    const Node* names = member(crd, "spec") ? member(*member(crd, "spec"), "names") : nullptr;
    const Node* versions = member(crd, "spec") ? member(*member(crd, "spec"), "versions") : nullptr;
    if (!names || !member(*names, "kind") || !versions || !versions->is_array() || versions->items().empty()) continue;
    const Node* schema = member(versions->items()[0], "schema");
    schema = schema ? member(*schema, "openAPIV3Schema") : nullptr;
    if (!schema) continue;
    auto owned = std::make_shared<const std::pair<Source, Node>>(source, *schema);
    KindSchemas& entry = schemas[member(*names, "kind")->text()];
    entry.ours = CompiledSchema::compile(owned, owned->second, SchemaDialect::structural);
    entry.document = nlohmann::json::parse(to_json(*schema));
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(entry.document);
    parser.populateSchema(adapter, entry.peer);
  }
}

int bench_schema(int rounds, const std::string& crds, const std::vector<std::string>& paths) {
  std::map<std::string, KindSchemas> schemas;
  load_crds(crds, schemas);
  struct Object {
    Node node;
    nlohmann::json json;
    KindSchemas* schema;
  };
  std::vector<Object> objects;
  for (const std::string& path : paths)
    for (Node& node : parse_documents(read(path), ReadLimits{}).documents) {
      const Node* kind = member(node, "kind");
      auto found = kind ? schemas.find(kind->text()) : schemas.end();
      if (found == schemas.end()) continue;
      nlohmann::json json = nlohmann::json::parse(to_json(node));
      objects.push_back({std::move(node), std::move(json), &found->second});
    }
  std::size_t ours_invalid = 0, peer_invalid = 0;
  const double ours = median_seconds(rounds, [&] {
    ours_invalid = 0;
    for (const Object& object : objects) ours_invalid += object.schema->ours->check(object.node).empty() ? 0 : 1;
  });
  const double peer = median_seconds(rounds, [&] {
    peer_invalid = 0;
    valijson::Validator validator;
    for (const Object& object : objects) {
      valijson::ValidationResults results;
      valijson::adapters::NlohmannJsonAdapter target(object.json);
      peer_invalid += validator.validate(object.schema->peer, target, &results) ? 0 : 1;
    }
  });
  std::printf("%.6f %.6f %zu %zu %zu\n", ours, peer, objects.size(), ours_invalid, peer_invalid);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const int rounds = args.size() >= 2 ? std::stoi(args[1]) : 0;
    if (rounds > 0 && args[0] == "yaml" && args.size() >= 3) return bench_yaml(rounds, {args.begin() + 2, args.end()});
    if (rounds > 0 && args[0] == "schema" && args.size() >= 4)
      return bench_schema(rounds, args[2], {args.begin() + 3, args.end()});
  } catch (const Error& error) {
    std::fprintf(stderr, "intentctl-bench: %s\n", error.describe().c_str());
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "intentctl-bench: %s\n", error.what());
    return 2;
  }
  std::fprintf(stderr, "usage: intentctl-bench yaml ROUNDS FILE... | schema ROUNDS CRDS OBJECTS...\n");
  return 2;
}
