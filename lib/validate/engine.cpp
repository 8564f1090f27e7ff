// The run over many files: read them (in parallel), register the CRDs they
// carry, then parse and check every document (in parallel), then the checks
// across files (duplicates). Each file's results go to its own slot, so the
// output is in input order whatever the number of workers; a file's text and
// tree are freed as soon as it is checked.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "core/interrupt.hpp"
#include "util/worker_pool.hpp"
#include "validate/engine.hpp"
#include "validate/sources.hpp"

namespace intentctl {

namespace {

struct FileWork {
  InputFile input;
  Source source;
  std::optional<ParsedStream> stream;
  std::vector<std::vector<SchemaViolation>> crd_problems; // per document, for CRDs in the input
  std::vector<ResourceResult> results;
  std::vector<std::optional<ObjectIdentity>> identities;
  std::vector<std::vector<TakenName>> taken; // per result: ids its intents took
};

ReadLimits input_limits() {
  ReadLimits limits;
  limits.reject_duplicate_keys = false; // reported as findings instead (errors with --strict)
  return limits;
}

// parallel_for over the files that stops at Ctrl-C: no file is started after
// it, and the run ends interrupted.
void for_each_file(std::size_t count, unsigned workers, const Task& task) {
  parallel_for(count, workers, [&](std::size_t i, unsigned worker) {
    throw_if_interrupted();
    task(i, worker);
  });
  throw_if_interrupted();
}

ResourceResult unreadable(const std::string& file, const Location& where, const std::string& message) {
  ResourceResult result;
  result.file = file;
  result.mark = Mark{where.line, where.column};
  result.status = ResourceStatus::error;
  result.findings.push_back({Severity::error, "unreadable", where, message});
  return result;
}

void read_file(FileWork& work, Io& io) {
  if (!work.input.problem.empty()) {
    work.results.push_back(unreadable(work.input.path, Location{work.input.path, 0, 0, {}},
                                      fmt::format("cannot read: {}", work.input.problem)));
    return;
  }
  try {
    work.source = read_source(work.input.path, input_limits(), io.in, io.stdin_is_terminal);
  } catch (const Error& error) {
    if (work.input.path == "-") throw; // a terminal on stdin is a usage error for the whole run
    work.results.push_back(unreadable(work.input.path, Location{work.input.path, 0, 0, {}}, error.message()));
  }
}

void parse_file(FileWork& work) {
  if (work.stream || !work.results.empty()) return;
  try {
    work.stream = parse_documents(work.source, input_limits());
  } catch (const Error& error) {
    Location where = error.where();
    if (where.file.empty()) where.file = work.source.name;
    work.results.push_back(unreadable(work.source.name, where, error.message()));
  }
}

// The document a duplicate key belongs to: the last one starting at or before it.
std::size_t document_at(const std::vector<Node>& documents, const Location& where) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < documents.size(); ++i)
    if (documents[i].mark.line < where.line ||
        (documents[i].mark.line == where.line && documents[i].mark.column <= where.column))
      index = i;
  return index;
}

bool before(Mark a, const Location& b) { return a.line < b.line || (a.line == b.line && a.column < b.column); }

// The JSON path of a key that a mapping repeats. The reader kept the first
// value's member; the mapping is the one holding that key before the repeat,
// in the same column (block style) when there is one.
struct KeyOwner {
  std::string path;
  Mark mark;
  bool same_column = false;
  bool found = false;
};

void find_key_owner(const Node& node, const std::string& path, const DuplicateKey& duplicate, KeyOwner& best) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.items().size(); ++i)
      find_key_owner(node.items()[i], fmt::format("{}[{}]", path, i), duplicate, best);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& member : node.members()) {
    if (member.key == duplicate.key && before(member.key_mark, duplicate.where)) {
      const bool same_column = member.key_mark.column == duplicate.where.column;
      const bool better = !best.found || (same_column && !best.same_column) ||
                          (same_column == best.same_column &&
                           before(best.mark, Location{{}, member.key_mark.line, member.key_mark.column, {}}));
      if (better) best = KeyOwner{member_path(path, member.key), member.key_mark, same_column, true};
    }
    find_key_owner(member.value, member_path(path, member.key), duplicate, best);
  }
}

void check_file(FileWork& work, DocumentChecker& checker, const ValidateOptions& options) {
  parse_file(work);
  if (!work.stream) return;
  const auto& documents = work.stream->documents;
  IntentChecker intents(checker.mapping(), options.lax_seed, options.strict);
  DocumentContext context;
  context.file = work.source.name;
  context.source = &work.source;
  context.intents = &intents;
  context.kustomization_file = is_kustomization_file_name(work.input.path);
  context.on_disk = work.input.path != "-";
  std::vector<CheckedDocument> checked(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    context.crd_problems = i < work.crd_problems.size() ? &work.crd_problems[i] : nullptr;
    checked[i] = checker.check(documents[i], context);
    if (checked[i].identity) checked[i].identity->key = work.input.package + '\n' + checked[i].identity->key;
  }
  for (const DuplicateKey& duplicate : work.stream->duplicate_keys) {
    if (documents.empty()) break;
    const std::size_t index = document_at(documents, duplicate.where);
    ResourceResult& result = checked[index].result;
    KeyOwner owner;
    find_key_owner(documents[index], {}, duplicate, owner);
    Location where = duplicate.where;
    if (owner.found) where.path = owner.path;
    result.findings.push_back({options.strict ? Severity::error : Severity::warning, "duplicate-key", where,
                               fmt::format("duplicate key \"{}\" (first at line {}); the last value is used",
                                           duplicate.key, owner.found ? owner.mark.line : duplicate.where.line)});
    settle_status(result);
  }
  for (std::size_t i = 0; i < documents.size(); ++i)
    for (CheckedDocument& one : per_item(std::move(checked[i]), documents[i])) {
      work.results.push_back(std::move(one.result));
      work.identities.push_back(std::move(one.identity));
      work.taken.push_back(std::move(one.taken));
    }
  // Done with this file: give the memory back now rather than at the end.
  work.stream.reset();
  work.source.text = std::string();
}

void register_input_crds(std::vector<FileWork>& files, SchemaRegistry& registry) {
  for (FileWork& work : files) {
    if (!work.stream) continue;
    const auto& documents = work.stream->documents;
    work.crd_problems.resize(documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i)
      if (is_custom_resource_definition(documents[i]))
        work.crd_problems[i] = registry.add_crd(work.source.name, documents[i], SchemaTier::input);
  }
}

// Seconds since the last lap, for the -v notes on where the time goes.
class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::vector<FileWork> list_files(const ValidateOptions& options) {
  const std::vector<std::string> paths = options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs;
  if (std::count(paths.begin(), paths.end(), "-") > 1) throw usage_error("standard input (-) can be read only once");
  std::vector<FileWork> files;
  for (InputFile& input : list_validation_inputs(paths))
    files.push_back(FileWork{std::move(input), {}, {}, {}, {}, {}, {}});
  return files;
}

// Reads every file; parses now the ones that may hold CRDs, which must be
// known before anything is checked against them.
void read_all(std::vector<FileWork>& files, unsigned workers, Io& io) {
  for (FileWork& work : files) // standard input first, on this thread: it may be a terminal (a usage error)
    if (work.input.path == "-") read_file(work, io);
  for_each_file(files.size(), workers, [&](std::size_t i, unsigned) {
    FileWork& work = files[i];
    if (work.input.path != "-") read_file(work, io);
    if (work.results.empty() && work.source.text.find("CustomResourceDefinition") != std::string::npos)
      parse_file(work);
  });
}

// Parses and checks every file; each worker has its own checker (and schema cache).
void check_all(std::vector<FileWork>& files, unsigned workers, SchemaRegistry& registry, const ValidateOptions& options,
               const Mapping& mapping) {
  std::vector<std::unique_ptr<DocumentChecker>> checkers;
  for (unsigned i = 0; i < workers; ++i)
    checkers.push_back(std::make_unique<DocumentChecker>(registry, options, mapping));
  for_each_file(files.size(), workers,
                [&](std::size_t i, unsigned worker) { check_file(files[i], *checkers[worker], options); });
}

// The results in input order, and the checks across files.
ValidationReport gather(std::vector<FileWork>& files) {
  ValidationReport report;
  report.files = files.size();
  std::vector<std::optional<ObjectIdentity>> identities;
  std::vector<std::vector<TakenName>> taken;
  std::size_t count = 0;
  for (const FileWork& work : files) count += work.results.size();
  report.resources.reserve(count);
  identities.reserve(count);
  taken.reserve(count);
  for (FileWork& work : files) {
    work.identities.resize(work.results.size()); // unreadable files have results but no objects
    work.taken.resize(work.results.size());
    for (std::size_t j = 0; j < work.results.size(); ++j) {
      ResourceResult& result = work.results[j];
      // Input a reader refuses (unparsable, or a control character in a name): exit 2.
      if (!result.findings.empty() &&
          (result.findings.front().rule == "unreadable" || result.findings.front().rule == "control-character"))
        report.unreadable = true;
      report.resources.push_back(std::move(result));
      identities.push_back(std::move(work.identities[j]));
      taken.push_back(std::move(work.taken[j]));
    }
  }
  report_duplicates(report.resources, identities);
  report_taken_names(report.resources, taken);
  return report;
}

} // namespace

ValidationReport run_validation(const ValidateOptions& options, Io& io) {
  Stopwatch watch;
  SchemaRegistry registry(options.schema_locations, options.strict);
  for (const std::string& folder : options.crd_folders) registry.add_crd_folder(folder);
  std::vector<FileWork> files = list_files(options);
  const unsigned workers = worker_count(options.jobs, files.size(), Workload::computing);
  io.diagnostics.verbose(
      fmt::format("validate: {} files listed in {:.3f} s; {} workers", files.size(), watch.lap(), workers));
  read_all(files, workers, io);
  register_input_crds(files, registry);
  io.diagnostics.verbose(fmt::format("validate: files read and CRDs registered in {:.3f} s", watch.lap()));
  const Mapping mapping =
      options.mapping_file.empty()
          ? default_mapping()
          : load_mapping(read_source(options.mapping_file, ReadLimits{}, io.in, io.stdin_is_terminal));
  check_all(files, workers, registry, options, mapping);
  io.diagnostics.verbose(fmt::format("validate: documents parsed and checked in {:.3f} s", watch.lap()));
  ValidationReport report = gather(files);
  io.diagnostics.verbose(fmt::format("validate: results gathered and duplicates found in {:.3f} s", watch.lap()));
  return report;
}

} // namespace intentctl
