// Reading outside input: files or stdin into memory, then JSON or YAML into
// positioned Node trees. The limits turn hostile input (huge files, deep
// nesting, alias bombs, endless streams) into an input error instead of a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/limits.hpp"
#include "io/node.hpp"

namespace intentctl {

// Defaults from the one table of limits (io/limits.hpp); a reader changes
// one only for a reason the table states (schemas nest deeper).
struct ReadLimits {
  std::size_t max_bytes = limits::max_bytes;
  std::uint32_t max_depth = limits::max_depth;
  std::size_t max_documents = limits::max_documents;
  std::size_t alias_node_base = limits::alias_node_base;
  bool reject_duplicate_keys = true;
};

struct Source {
  std::string name; // what diagnostics call it: the path, or "<stdin>"
  std::string text;
};

// One value found twice under the same key (kept for validate --strict).
struct DuplicateKey {
  Location where;
  std::string key;
};

struct ParsedStream {
  std::vector<Node> documents; // empty YAML documents are left out
  std::vector<DuplicateKey> duplicate_keys;
};

enum class Format { json, yaml };

// Reads a file, or standard input for "-". Refuses a terminal on stdin (an error,
// not a hang), a directory, and anything larger than limits.max_bytes.
Source read_source(const std::string& path, const ReadLimits& limits, std::istream& in, bool stdin_is_terminal);

// JSON if the name ends in .json or the first non-blank character opens a JSON
// object or array; YAML otherwise (YAML is a superset, so the guess is safe).
Format detect_format(const Source& source);

// A JSON text holding one value or several values one after another.
ParsedStream parse_json(const Source& source, const ReadLimits& limits);
// A YAML stream of zero or more documents.
ParsedStream parse_yaml(const Source& source, const ReadLimits& limits);
ParsedStream parse_documents(const Source& source, const ReadLimits& limits);

Location location_of(const Source& source, Mark mark, std::string path = {});

} // namespace intentctl
