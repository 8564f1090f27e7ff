// The block-subset YAML reader (validate's speed) against the libyaml path:
// the same trees with the same marks for everything it accepts, and libyaml
// for everything else.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/reader.hpp"
#include "io/yaml_internal.hpp"

using namespace intentctl;

namespace {

std::string describe(const Node& node) {
  return std::string(type_name(node.type())) + " '" + node.text() + "' at " + std::to_string(node.mark.line) + ":" +
         std::to_string(node.mark.column);
}

// An empty string when a and b are the same tree with the same marks, else where they differ.
std::string difference(const Node& a, const Node& b, const std::string& path = "") {
  if (a.type() != b.type() || a.text() != b.text() || a.mark.line != b.mark.line || a.mark.column != b.mark.column)
    return path + ": " + describe(a) + " vs " + describe(b);
  if (a.is_array()) {
    if (a.items().size() != b.items().size()) return path + ": item counts differ";
    for (std::size_t i = 0; i < a.items().size(); ++i)
      if (auto d = difference(a.items()[i], b.items()[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
  }
  if (a.is_object()) {
    if (a.members().size() != b.members().size()) return path + ": member counts differ";
    for (std::size_t i = 0; i < a.members().size(); ++i) {
      const auto& x = a.members()[i];
      const auto& y = b.members()[i];
      if (x.key != y.key || x.key_mark.line != y.key_mark.line || x.key_mark.column != y.key_mark.column)
        return path + ": key '" + x.key + "' vs '" + y.key + "'";
      if (auto d = difference(x.value, y.value, path + "." + x.key); !d.empty()) return d;
    }
  }
  return {};
}

// Reads text both ways; returns whether the fast reader took it. Fails the
// test when the fast reader's trees differ from libyaml's.
bool same_both_ways(const std::string& text, const std::string& name = "t.yaml") {
  const Source source{name, text};
  ReadLimits limits;
  ParsedStream fast;
  const bool accepted = yaml_detail::parse_block_subset(source, limits, fast);
  if (!accepted) {
    CHECK(fast.documents.empty());
    return false;
  }
  ParsedStream slow;
  try {
    slow = yaml_detail::parse_with_libyaml(source, limits);
  } catch (const Error& error) {
    FAIL_CHECK("the fast reader took what libyaml refuses: " << error.describe() << "\n" << text);
    return true;
  }
  REQUIRE_MESSAGE(fast.documents.size() == slow.documents.size(), text);
  for (std::size_t i = 0; i < fast.documents.size(); ++i) {
    const std::string d = difference(fast.documents[i], slow.documents[i]);
    CHECK_MESSAGE(d.empty(), name << " document " << i << d << "\n" << text);
  }
  CHECK(slow.duplicate_keys.empty());
  return true;
}

} // namespace

TEST_CASE("fast YAML: what manifests are made of is read as libyaml reads it") {
  const char* accepted[] = {
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: x\ndata:\n  k: v\n",
      "a: 1\nb: 2.50\nc: true\nd: null\ne: ~\nf: 0x1F\ng: -3\nh: .5\ni: 1e3\nj: yes\nk: 'x'\nl: \"y\"\n",
      "list:\n  - a\n  - b\n  -   c\nindentless:\n- x\n- y\nafter: 1\n",
      "- a: 1\n  b: 2\n- - x\n  - y\n- [1, 2, {k: v}]\n- {}\n- []\n",
      "key:   value   # comment\n# full line\n\n   \nother: \"quoted # not a comment\"\n",
      "empty:\nnext: 1\nalso:   # only a comment\nlast:\n",
      "block: |\n  line one\n    indented\n\n  after blank\nstrip: |-\n  text\n\n\nkeep: |+\n  text\n\n\nend: 1\n",
      "nested:\n  block: |\n    a\n    b\n  sibling: x\n",
      "seq:\n  - |\n    in a sequence\n  - x\n",
      "---\na: 1\n---\n---\nb: 2\n...\n---\n- x\n",
      "# only comments\n",
      "",
      "\"quoted key\": 1\n'single': 2\nesc: \"tab\\tnew\\nq\\\" back\\\\ slash\\/ u\\u00e9 U\\U0001F600 x\\x41\"\n",
      "s: 'it''s'\n",
      "url: http://example.com:8080/x\ntime: 12:30\ncolon: a:b\nhash: a#b\ndash: -x\n",
      "json: {\"a\": [1, 2, {\"b\": null}], \"c\": \"d\"}\n",
      "  indented:\n    root: 1\n  map: 2\n",
      "scalar document\n",
      "a: 1\nb:\n  c:\n    d:\n      e: [x]\n",
      "key with spaces: value with spaces\n1: one\n2.5: two\ntrue: yes\nnull: x\n",
      "emptyquoted: ''\ndq: \"\"\n",
      "last: |\n  no final newline",
      "a:\n  - b\n  -\n    c: 1\n",
      // Found by differential fuzzing: an empty value before a sibling key.
      "metadata:\n  labels:\n    app: x\n  annotations:\n  site: edge2\n",
      "a:\n  - x\nb: 1\n",
      "a: 1\n...\n...\n---\nb: 2\n",
  };
  for (const char* text : accepted) CHECK_MESSAGE(same_both_ways(text), text);
}

TEST_CASE("fast YAML: anything else goes to libyaml") {
  const char* refused[] = {
      "a: &anchor 1\nb: *anchor\n",
      "a: !!str 1\n",
      "base: &b {x: 1}\nc:\n  <<: *b\n",
      "a: >\n  folded\n  text\n",
      "a: |2\n   explicit\n",
      "a: plain\n  continued\n",
      "a: \"quoted\n  continued\"\n",
      "a:\n\tb: 1\n",
      "a: 1\r\nb: 2\r\n",
      "name: M\xc3\xbcnchen\n",
      "a: 1\na: 2\n",
      "? complex\n: key\n",
      "%YAML 1.2\n---\na: 1\n",
      "--- text on the marker line\n",
      "a: [1,\n  2]\n",
      "a: [1, 2, ]\n",
      "a: b: c\n",
      "- a\nb: 1\n",
      "a: 1\n - b\n",
      "a: {b: }\n",
      "a: \"\\N\"\n",
      "a: [1, 2] extra\n",
      "-\n- x\n",
      "a: 'unterminated\n",
      "a: |\nb: 1\n",
      // Found by differential fuzzing: libyaml refuses each of these.
      "domains:\n  - name: a\n  colour: blue\n",
      "labels:\n{  app: x\n",
      "a: 1\n...\nb: 2\n",
      "...\n",
  };
  for (const char* text : refused) CHECK_MESSAGE(!same_both_ways(text), text);
}

TEST_CASE("fast YAML: limits send the stream to libyaml, which says what is wrong") {
  std::string deep = "a:\n";
  std::string indent = "  ";
  for (int i = 0; i < 270; ++i, indent += "  ") deep += indent + "a:\n";
  ParsedStream out;
  CHECK_FALSE(yaml_detail::parse_block_subset(Source{"deep.yaml", deep}, ReadLimits{}, out));
  CHECK_THROWS_WITH_AS(parse_yaml(Source{"deep.yaml", deep}, ReadLimits{}), doctest::Contains("nesting too deep"),
                       Error);
  ReadLimits two;
  two.max_documents = 2;
  CHECK_FALSE(yaml_detail::parse_block_subset(Source{"many.yaml", "a: 1\n---\nb: 2\n---\nc: 3\n"}, two, out));
  CHECK_THROWS_WITH_AS(parse_yaml(Source{"many.yaml", "a: 1\n---\nb: 2\n---\nc: 3\n"}, two),
                       doctest::Contains("more than 2 documents"), Error);
  ReadLimits keep;
  keep.reject_duplicate_keys = false;
  const ParsedStream repeated = parse_yaml(Source{"dup.yaml", "a: 1\na: 2\n"}, keep);
  REQUIRE(repeated.duplicate_keys.size() == 1);
  CHECK(repeated.duplicate_keys[0].where.line == 2);
}

TEST_CASE("fast YAML: every YAML file of the source tree reads the same both ways") {
  namespace fs = std::filesystem;
  std::size_t files = 0, accepted = 0;
  for (const char* folder : {"tests/fixtures", "samples", "lib"}) {
    const fs::path root = fs::path(INTENTCTL_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".yaml" && extension != ".yml")) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      ++files;
      if (same_both_ways(text.str(), entry.path().string())) ++accepted;
    }
  }
  CHECK(files > 10);
  CHECK(accepted * 2 > files); // most of them take the fast path
}

TEST_CASE("fast YAML: INTENTCTL_YAML_FAST_PATH=0 turns the block-subset reader off") {
  const char* saved = std::getenv("INTENTCTL_YAML_FAST_PATH");
  const std::string previous = saved ? saved : "";
  CHECK(yaml_detail::fast_path_enabled() == !(saved && previous == "0"));
  setenv("INTENTCTL_YAML_FAST_PATH", "0", 1);
  CHECK_FALSE(yaml_detail::fast_path_enabled());
  const Source source{"doc.yaml", "a: 1\nb: [x, y]\n"};
  const ParsedStream off = parse_yaml(source, ReadLimits{});
  setenv("INTENTCTL_YAML_FAST_PATH", "1", 1);
  CHECK(yaml_detail::fast_path_enabled());
  const ParsedStream on = parse_yaml(source, ReadLimits{});
  REQUIRE(off.documents.size() == 1);
  REQUIRE(on.documents.size() == 1);
  CHECK(difference(off.documents[0], on.documents[0]).empty());
  if (saved) setenv("INTENTCTL_YAML_FAST_PATH", previous.c_str(), 1);
  else unsetenv("INTENTCTL_YAML_FAST_PATH");
}
