#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "project_fixture.hpp"
#include "spdl/lang/base/file_io.hpp"

using namespace spdl;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
std::size_t files_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}
}  // namespace

TEST_CASE("writing replaces a file through a rename", "[file_io]") {
  testing::TempProject p;
  const auto path = p.write("rulesets/r.spd", "old contents\n");
  CHECK(write_file_atomically(path, "new contents\n").empty());
  CHECK(slurp(path) == "new contents\n");
  CHECK(files_in(path.parent_path()) == 1);  // no temporary file left behind
}

TEST_CASE("a failure at any step leaves the original byte for byte", "[file_io]") {
  testing::TempProject p;
  const std::string original = "ruleset r\n# precious comment\n";
  const auto path = p.write("rulesets/r.spd", original);
  for (const char* step : {"write", "sync", "rename"}) {
    INFO(step);
    const std::string error =
        write_file_atomically(path, "replacement\n", [&](std::string_view s) { return s != step; });
    CHECK(error.find("the original is unchanged") != std::string::npos);
    CHECK(slurp(path) == original);
    CHECK(files_in(path.parent_path()) == 1);
  }
}

TEST_CASE("reading refuses what is not a small regular file", "[file_io]") {
  testing::TempProject p;
  CHECK(std::get<ReadFailure>(read_text_file(p.root() / "stdlib", 1000)).message ==
        "is a directory, not a file");
  CHECK(std::get<ReadFailure>(read_text_file(p.root() / "missing.spd", 1000)).message ==
        "does not exist (no such file)");
  const auto fifo = p.root() / "pipe.spd";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(std::get<ReadFailure>(read_text_file(fifo, 1000)).message ==
        "is a pipe (FIFO), not a regular file");
  const auto big = p.write("big.spd", std::string(2000, 'x'));
  CHECK(std::get<ReadFailure>(read_text_file(big, 1000)).message ==
        "is 2000 bytes; files may be at most 1000 bytes");
  CHECK(std::get<std::string>(read_text_file(big, 2000)).size() == 2000);
}
