// Inside the YAML reader (not for other callers): the scalar rules both YAML
// paths share, and the two paths themselves, so tests can hold one against
// the other.
//
// parse_yaml first tries the block-subset reader, which handles what
// Kubernetes manifests and render's trees are made of (block mappings and
// sequences, one-line plain and quoted scalars, literal block scalars,
// one-line flow collections, comments, document markers) several times
// faster than libyaml. Anything else in the stream (anchors, tags, folded or
// multi-line scalars, tabs, non-ASCII text, duplicate keys, errors) makes it
// give up, and libyaml reads the whole stream instead, so every tree, mark
// and error message is libyaml's.
#pragma once

#include <string>
#include <string_view>

#include "io/reader.hpp"

namespace intentctl::yaml_detail {

// A scalar's value in the YAML 1.2 core schema: null, bool, int or float when
// plain and untagged, else a string.
Node resolve_scalar(std::string text, std::string_view tag, bool plain, Mark mark);

// Whether a plain scalar may resolve to something other than a string.
bool may_not_be_string(std::string_view text);

// The block-subset reader: true with out filled, or false when the stream
// needs libyaml (out is then left empty).
bool parse_block_subset(const Source& source, const ReadLimits& limits, ParsedStream& out);

// libyaml's event parser into Node trees.
ParsedStream parse_with_libyaml(const Source& source, const ReadLimits& limits);

// Whether parse_yaml tries the block-subset reader first: yes, unless the
// environment says INTENTCTL_YAML_FAST_PATH=0. Every result is the same
// either way; the switch is there to measure what the subset reader saves
// (tests/bench/yaml.sh) and to rule it out when a reading looks wrong.
bool fast_path_enabled();

} // namespace intentctl::yaml_detail
