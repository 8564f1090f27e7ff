// The limits every reader of outside input applies, in one table: what a file
// may weigh, how deep its values may nest, how many documents a stream may
// hold, how far YAML aliases may multiply it, and how much of the input a
// message quotes back. translate, render, validate, publish and verify read
// through these, so one document meets the same limits in every command.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace intentctl::limits {

// Per file or standard input.
inline constexpr std::size_t max_bytes = std::size_t{256} << 20;
// Arrays and objects inside each other, in every document: intents, KRM
// objects (CRDs among them: every schema level is properties + the property),
// ResourceLists, sites files, mappings, kubeconfigs.
inline constexpr std::uint32_t max_depth = 256;
// JSON Schema files (--schema-location, --crds) nest deeper still.
inline constexpr std::uint32_t max_schema_depth = 512;
inline constexpr std::size_t max_documents = 1'000'000;
// Nodes that YAML aliases may add, beyond this base plus ten times the nodes
// written out in the file (the rule Kubernetes' reader uses in spirit).
inline constexpr std::size_t alias_node_base = 100'000;
// Characters of an input value that a message quotes; longer ones are cut
// and end in "...", so one long name cannot flood stderr.
inline constexpr std::size_t echo_chars = 100;

} // namespace intentctl::limits

namespace intentctl {

// text as a message quotes it: at most limits::echo_chars characters (whole
// UTF-8 sequences), then "...".
std::string echo(std::string_view text);

} // namespace intentctl
