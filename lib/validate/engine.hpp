// The checks of one document, shared by the file mode and the kpt function
// mode, and the run over many files with parallel workers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "validate/intents.hpp"
#include "validate/registry.hpp"
#include "validate/report.hpp"
#include "validate/validate.hpp"

namespace intentctl {

// What identifies an object for the duplicate check: group, kind, namespace
// (for objects that are not cluster-scoped) and name, within one package.
struct ObjectIdentity {
  std::string key;
  Mark name_mark;
};

struct CheckedDocument {
  ResourceResult result;
  std::optional<ObjectIdentity> identity; // none for intents, local files, unnamed objects
  std::vector<TakenName> taken;           // ids an accepted intent document takes
};

struct DocumentContext {
  std::string file;                 // for findings
  const Source* source = nullptr;   // the file's text (positions inside embedded documents)
  IntentChecker* intents = nullptr; // the file's intent documents, checked together
  bool kustomization_file = false;  // named like a kustomization: kind may be left out
  bool on_disk = false;             // the file exists, so a kustomization's paths can be checked
  const std::vector<SchemaViolation>* crd_problems = nullptr; // found when the CRD was registered
};

class DocumentChecker {
 public:
  DocumentChecker(SchemaRegistry& registry, const ValidateOptions& options, const Mapping& mapping);
  // The checker keeps references to the options and the mapping; temporaries would dangle.
  DocumentChecker(SchemaRegistry& registry, ValidateOptions&& options, const Mapping& mapping) = delete;

  CheckedDocument check(const Node& document, const DocumentContext& context);
  const Mapping& mapping() const { return mapping_; }
  const ValidateOptions& options() const { return options_; }

 private:
  CheckedDocument check_object(const Node& document, const DocumentContext& context);
  CheckedDocument check_intent_document(const Node& document, const DocumentContext& context, IntentScope scope);
  CheckedDocument check_report_document(const Node& document, const DocumentContext& context);
  const KindSchema* schema_for(const std::string& api_version, const std::string& kind);
  bool skipped(const std::string& api_version, const std::string& kind) const;

  SchemaRegistry& registry_;
  const ValidateOptions& options_;
  const Mapping& mapping_;
  std::vector<std::pair<std::string, const KindSchema*>> cache_; // this worker's recent lookups
};

// Duplicate objects: the second and later definitions get a finding that
// names the first. identities[i] belongs to resources[i].
void report_duplicates(std::vector<ResourceResult>& resources,
                       const std::vector<std::optional<ObjectIdentity>>& identities);

// A list of intents, expectations or IntentReports as one resource per item,
// as translate and render count them: each finding and each name the list
// took goes to the item its JSON path starts in ([2].id: the third), else to
// the item its line falls in. Anything else comes back as it is.
std::vector<CheckedDocument> per_item(CheckedDocument checked, const Node& document);

// Sets each result's status from its findings (unless already error or skipped).
void settle_status(ResourceResult& result);

bool is_custom_resource_definition(const Node& document);

// Reads and checks everything the options name; findings in input order
// whatever the number of workers.
ValidationReport run_validation(const ValidateOptions& options, Io& io);

} // namespace intentctl
