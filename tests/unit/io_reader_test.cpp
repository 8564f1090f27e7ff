#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <sstream>
#include <string>
#include <vector>

#include "core/spare_descriptors.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"

using namespace intentctl;

namespace {

ParsedStream parse(const std::string& name, const std::string& text, ReadLimits limits = {}) {
  return parse_documents(Source{name, text}, limits);
}

// The error a parse throws, as "file:line:col: error: ..." text.
std::string parse_error(const std::string& name, const std::string& text, ReadLimits limits = {}) {
  try {
    parse(name, text, limits);
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
    return error.describe();
  }
  FAIL("expected an input error");
  return {};
}

std::string nested(char open, char close, int depth) {
  return std::string(static_cast<std::size_t>(depth), open) + std::string(static_cast<std::size_t>(depth), close);
}

} // namespace

TEST_CASE("JSON values keep their line and column") {
  const auto stream = parse("a.json", "{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": true}\n}");
  REQUIRE(stream.documents.size() == 1);
  const Node& root = stream.documents[0];
  CHECK(root.mark.line == 1);
  CHECK(root.mark.column == 1);
  const Node& a = *root.find("a");
  CHECK(a.mark.line == 2);
  CHECK(a.mark.column == 8);
  CHECK(a.items()[1].mark.column == 12);
  CHECK(root.find_member("b")->key_mark.line == 3);
  CHECK(root.find_member("b")->key_mark.column == 3);
  CHECK(root.find("b")->find("c")->as_bool());
}

TEST_CASE("JSON columns count characters, not bytes") {
  const auto stream = parse("a.json", "{\"größe\": 1, \"x\": 2}");
  CHECK(stream.documents[0].find("x")->mark.column == 19);
}

TEST_CASE("JSON numbers keep their text and strings decode escapes") {
  const auto stream = parse("a.json", R"({"n": 99.90, "big": 12345678901234567890, "s": "a\"b\u00e9\ud83d\ude00\n"})");
  const Node& root = stream.documents[0];
  CHECK(root.find("n")->text() == "99.90");
  CHECK(root.find("big")->text() == "12345678901234567890");
  CHECK(root.find("s")->text() == "a\"b\xc3\xa9\xf0\x9f\x98\x80\n");
}

TEST_CASE("several JSON values one after another are several documents") {
  CHECK(parse("a.json", "{\"a\":1}\n{\"a\":2}\n[3]").documents.size() == 3);
}

TEST_CASE("malformed JSON is an input error at the right place") {
  CHECK(parse_error("a.json", "{\"a\": 1,}") == "a.json:1:9: error: expected a member name in quotes, found '}'");
  CHECK(parse_error("a.json", "{\"a\" 1}") == "a.json:1:6: error: expected ':' after a member name, found '1'");
  CHECK(parse_error("a.json", "{\n  \"a\": tru\n}") == "a.json:2:8: error: expected a JSON value, found 't'");
  CHECK(parse_error("a.json", "[1, 2") == "a.json:1:6: error: expected ',' or ']' in an array, found end of input");
  CHECK(parse_error("a.json", "{\"a\": \"x") == "a.json:1:9: error: unterminated string");
  CHECK(parse_error("a.json", "[01]") == "a.json:1:3: error: expected ',' or ']' in an array, found '1'");
  CHECK(parse_error("a.json", "[\"\\ud800\"]").find("unpaired UTF-16 surrogate") != std::string::npos);
}

TEST_CASE("invalid UTF-8 and NUL bytes are refused") {
  CHECK(parse_error("a.json", "{\"a\": \"\xff\"}") == "a.json:1:8: error: invalid UTF-8 in a string");
  CHECK(parse_error("a.json", std::string("{\"a\":\n \"x\0\"}", 12)) ==
        "a.json:2:4: error: NUL byte in the input (binary file?)");
  CHECK(parse_error("a.yaml", "a: \"\xc3\x28\"\n").find("a.yaml:1:") == 0);
  // libyaml's reader gives a byte offset, not a mark: the error is still at the bad byte.
  CHECK(parse_error("a.yaml", "a: 1\nb: 2\nc: \"\xc3\xa9\xc3\x28\"\n") ==
        "a.yaml:3:7: error: invalid trailing UTF-8 octet");
  CHECK(parse_error("a.yaml", "a: 1\nb: \xff\n") == "a.yaml:2:4: error: invalid leading UTF-8 octet");
}

TEST_CASE("duplicate keys are an error, or recorded when allowed") {
  CHECK(parse_error("a.json", "{\"a\": 1, \"a\": 2}") == "a.json:1:10: error: a: duplicate key \"a\"");
  CHECK(parse_error("a.yaml", "a: 1\nb: 2\na: 3\n") == "a.yaml:3:1: error: a: duplicate key \"a\"");
  ReadLimits lenient;
  lenient.reject_duplicate_keys = false;
  const auto stream = parse("a.yaml", "a: 1\na: 3\n", lenient);
  REQUIRE(stream.duplicate_keys.size() == 1);
  CHECK(stream.duplicate_keys[0].where.line == 2);
  CHECK(stream.documents[0].find("a")->text() == "3");
}

TEST_CASE("nesting deeper than the limit is refused before any recursion") {
  CHECK(parse_error("a.json", nested('[', ']', 257)).find("nesting too deep (more than 256 levels)") !=
        std::string::npos);
  CHECK_NOTHROW(parse("a.json", nested('[', ']', 256)));
  CHECK(parse_error("a.json", nested('[', ']', 100000)).find("nesting too deep") != std::string::npos);
  CHECK(parse_error("a.yaml", "x: " + nested('[', ']', 10000)).find("nesting too deep") != std::string::npos);
  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
  CHECK(parse_error("a.yaml", block).find("nesting too deep") != std::string::npos);
}

TEST_CASE("a YAML alias bomb is stopped by the expansion budget") {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const char* names = "abcdefghi";
  for (int level = 1; level < 9; ++level) {
    bomb += std::string(1, names[level]) + ": &" + names[level] + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? "," : "") + "*" + names[level - 1];
    bomb += "]\n";
  }
  CHECK(parse_error("bomb.yaml", bomb).find("too many nodes from YAML aliases") != std::string::npos);
}

TEST_CASE("YAML aliases and merge keys expand") {
  const auto stream = parse("a.yaml", "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\ncopy: *b\n");
  const Node& root = stream.documents[0];
  CHECK(root.find("use")->find("x")->text() == "1");
  CHECK(root.find("use")->find("y")->text() == "3");
  CHECK(root.find("copy")->find("y")->text() == "2");
  CHECK(parse_error("a.yaml", "a: *nope\n").find("unknown alias *nope") != std::string::npos);
}

TEST_CASE("YAML scalars resolve by the core schema") {
  const auto stream =
      parse("a.yaml",
            "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 0x1F\ng: .5\nh: 1e3\ni: yes\nj: 1ms\nk: !!str 2\nl: \"\"\n");
  const Node& r = stream.documents[0];
  CHECK(r.find("a")->is_number());
  CHECK(r.find("b")->text() == "1.5");
  CHECK(r.find("c")->is_bool());
  CHECK(r.find("d")->is_null());
  CHECK(r.find("e")->is_string());
  CHECK(r.find("f")->text() == "31");
  CHECK(r.find("g")->text() == "0.5");
  CHECK(r.find("h")->is_number());
  CHECK(r.find("i")->is_string()); // YAML 1.2: "yes" is a string
  CHECK(r.find("j")->is_string());
  CHECK(r.find("k")->is_string());
  CHECK(r.find("l")->is_string());
}

TEST_CASE("YAML streams: documents, empty ones left out, positions") {
  const auto stream = parse("a.yaml", "---\na: 1\n---\n---\nb:\n  - x\n  - y\n");
  REQUIRE(stream.documents.size() == 2);
  const Node& list = *stream.documents[1].find("b");
  CHECK(list.items()[1].mark.line == 7);
  CHECK(list.items()[1].mark.column == 5);
}

TEST_CASE("document count and size limits") {
  ReadLimits limits;
  limits.max_documents = 2;
  CHECK(parse_error("a.yaml", "a: 1\n---\nb: 2\n---\nc: 3\n", limits).find("more than 2 documents") !=
        std::string::npos);
  CHECK(parse_error("a.json", "1 2 3", limits).find("more than 2 documents") != std::string::npos);
  limits.max_bytes = 10;
  std::istringstream in(std::string(100, ' '));
  CHECK_THROWS_WITH_AS(read_source("-", limits, in, false), "error: <stdin>: input is larger than the limit of 0 MiB",
                       Error);
}

TEST_CASE("a terminal on standard input is an error, not a hang") {
  std::istringstream in;
  try {
    read_source("-", ReadLimits{}, in, true);
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
    CHECK(error.message().find("standard input is a terminal") != std::string::npos);
  }
}

TEST_CASE("an input unread for want of file descriptors is the machine's failure, and the spares come back") {
  const std::string sample = std::string(INTENTCTL_SOURCE_DIR) + "/samples/28312/urllc-robot-cell.json";
  std::istringstream no_stdin;
  // A missing input is the user's.
  try {
    read_source(sample + ".missing", ReadLimits{}, no_stdin, false);
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.exit_class() == ExitClass::usage);
  }
  // Every descriptor taken (under a low limit, so taking them is quick), as
  // the executable runs: with its spares kept.
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
  rlimit low = saved;
  low.rlim_cur = std::min<rlim_t>(saved.rlim_cur, 256);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
  keep_spare_descriptors();
  std::vector<int> taken;
  for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken.push_back(fd);
  const int why = errno;
  ExitClass exit_class = ExitClass::ok;
  std::string message;
  try {
    read_source(sample, ReadLimits{}, no_stdin, false);
  } catch (const Error& error) {
    exit_class = error.exit_class();
    message = error.message();
  }
  int given_back = 0;
  for (int fd; given_back < 3 && (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0; ++given_back)
    taken.push_back(fd);
  for (const int fd : taken) ::close(fd);
  ::setrlimit(RLIMIT_NOFILE, &saved);
  CHECK(why == EMFILE);
  CHECK(exit_class == ExitClass::external);
  CHECK(message == sample + ": cannot read: Too many open files");
  CHECK(given_back == 2);
}

TEST_CASE("malformed YAML reports libyaml's problem at its position") {
  CHECK(parse_error("a.yaml", "a: [1, 2\nb: 3\n").find("a.yaml:") == 0);
  CHECK(parse_error("a.yaml", "a: b: c\n").find("a.yaml:1:5:") == 0);
  CHECK(parse_error("a.yaml", "? [a]\n: 1\n").find("mapping key must be a plain value") != std::string::npos);
}

TEST_CASE("format detection") {
  CHECK(detect_format(Source{"x.json", "a: 1"}) == Format::json);
  CHECK(detect_format(Source{"x", "  {\"a\":1}"}) == Format::json);
  CHECK(detect_format(Source{"x.yaml", "a: 1"}) == Format::yaml);
}
