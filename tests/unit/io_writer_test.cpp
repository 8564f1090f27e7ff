#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "io/files.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"

using namespace intentctl;

namespace {
Node read_back(const std::string& yaml) { return parse_yaml(Source{"x.yaml", yaml}, ReadLimits{}).documents.at(0); }
} // namespace

TEST_CASE("YAML output reads back to the same tree, whatever the strings hold") {
  Node root = Node::object();
  const char* tricky[] = {"",
                          "yes",
                          "no",
                          "on",
                          "null",
                          "~",
                          "1",
                          "1.5",
                          "0x10",
                          "-1",
                          ".5",
                          "1e3",
                          "- a",
                          "a: b",
                          "a #b",
                          "#x",
                          "@x",
                          "`x",
                          "'q'",
                          "\"dq\"",
                          " lead",
                          "trail ",
                          "tab\there",
                          "{x}",
                          "[y]",
                          "a,b",
                          "*alias",
                          "&anchor",
                          "!tag",
                          "%d",
                          "?",
                          ":",
                          "line1\nline2\n",
                          "no newline\nat end",
                          "two\n\n",
                          "\x01",
                          "ünïcode",
                          "<<",
                          "=",
                          "1:20",
                          "nel\xc2\x85x",
                          "ls\xe2\x80\xa8",
                          "\xef\xbb\xbf"
                          "bom",
                          "c1\xc2\x90",
                          "del\x7f",
                          "\xd2\xb8\x7f"};
  int i = 0;
  for (const char* text : tricky) root.add("k" + std::to_string(i++), Node::string(text));
  Node list = Node::array();
  list.push(Node::object());
  Node item = Node::object();
  item.add("name", Node::string("x"));
  item.add("values", Node::array());
  Node inner = Node::array();
  inner.push(Node::number("1"));
  item.add("nested", inner);
  list.push(item);
  root.add("list", list);
  root.add("n", Node::number("99.9"));
  root.add("b", Node::boolean(false));
  root.add("z", Node{});
  const std::string yaml = to_yaml(root);
  CHECK(read_back(yaml) == root);
}

TEST_CASE("multi-line strings print as literal blocks") {
  Node root = Node::object();
  root.add("json", Node::string("{\n  \"a\": 1\n}\n"));
  CHECK(to_yaml(root) == "json: |\n  {\n    \"a\": 1\n  }\n");
}

TEST_CASE("JSON output: pretty, compact, escapes") {
  Node root = Node::object();
  root.add("s", Node::string("a\"b\\c\n\x01\x7f"));
  root.add("e", Node::array());
  root.add("o", Node::object());
  CHECK(to_json(root, JsonStyle::compact) == R"({"s":"a\"b\\c\n\u0001\u007f","e":[],"o":{}})");
  CHECK(to_json(root) == "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\\u007f\",\n  \"e\": [],\n  \"o\": {}\n}");
}

TEST_CASE("fuzz regressions: strings that once did not read back the same") {
  for (const char* name : {"top-level-null", "nel-escape", "top-level-block-scalar"}) {
    CAPTURE(name);
    std::ifstream file(std::string(INTENTCTL_SOURCE_DIR) + "/tests/fuzz/regressions/fuzz_readers/" + name,
                       std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    REQUIRE(!text.empty());
    for (const Node& document : parse_yaml(Source{name, text}, ReadLimits{}).documents)
      CHECK(read_back(to_yaml(document)) == document);
  }
}

TEST_CASE("an atomic write into a pipe or a device writes into it, never replacing it") {
  // A FIFO stands for /dev/null and /dev/stdout, which renaming a temporary
  // file over would replace (for root, on the whole machine).
  std::string pattern = (std::filesystem::temp_directory_path() / "intentctl-files-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::filesystem::path folder = pattern;
  const std::string fifo = (folder / "out.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::filesystem::create_symlink(fifo, folder / "link");
  for (const std::string& target : {fifo, (folder / "link").string()}) {
    // The reading end, opened first without blocking, so nothing can hang.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    write_file_atomically(target, "through the pipe\n");
    char buffer[64] = {};
    const ssize_t got = ::read(reader, buffer, sizeof buffer);
    ::close(reader);
    CHECK(std::string(buffer, got > 0 ? static_cast<std::size_t>(got) : 0) == "through the pipe\n");
    struct stat info {};
    REQUIRE(::lstat(fifo.c_str(), &info) == 0);
    CHECK(S_ISFIFO(info.st_mode));
  }
  CHECK(std::filesystem::is_symlink(folder / "link"));
  CHECK(std::distance(std::filesystem::directory_iterator(folder), {}) == 2); // no temporary file left
  std::filesystem::remove_all(folder);
}
