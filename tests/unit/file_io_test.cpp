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

TEST_CASE("writing follows a symlink, keeps the mode, and refuses what it cannot replace",
          "[file_io]") {
  testing::TempProject p;
  const auto real = p.write("rulesets/real.spd", "old\n");
  const auto link = p.root() / "rulesets/link.spd";
  std::filesystem::create_symlink("real.spd", link);
  CHECK(write_file_atomically(link, "new\n").empty());
  CHECK(std::filesystem::is_symlink(link));
  CHECK(slurp(real) == "new\n");

  // Group-writable, which the umask would take from a new file: the new file keeps it.
  ::chmod(real.c_str(), 0664);
  CHECK(write_file_atomically(real, "newer\n").empty());
  struct stat s {};
  REQUIRE(::stat(real.c_str(), &s) == 0);
  CHECK((s.st_mode & 07777) == 0664);

  const auto readonly = p.write("rulesets/ro.spd", "kept\n");
  ::chmod(readonly.c_str(), 0444);
  CHECK(write_file_atomically(readonly, "x\n") ==
        "cannot write " + readonly.string() + ": it is read-only; it is left as it is");
  CHECK(slurp(readonly) == "kept\n");

  const auto linked = p.write("rulesets/linked.spd", "kept\n");
  std::filesystem::create_hard_link(linked, p.root() / "other.spd");
  CHECK(write_file_atomically(linked, "x\n").find("2 hard links") != std::string::npos);
  CHECK(slurp(p.root() / "other.spd") == "kept\n");

  CHECK(write_file_atomically(p.root() / "stdlib", "x\n") ==
        "cannot write " + (p.root() / "stdlib").string() + ": it is a directory, not a file");
  // A character device is written in place, not replaced by a regular file.
  CHECK(write_file_atomically("/dev/null", "x\n").empty());
  REQUIRE(::stat("/dev/null", &s) == 0);
  CHECK(S_ISCHR(s.st_mode));
}

TEST_CASE("same_file sees one file under two names", "[file_io]") {
  testing::TempProject p;
  const auto a = p.write("a.yaml", "x");
  std::filesystem::create_symlink(a, p.root() / "b.yaml");
  CHECK(same_file(a, p.root() / "b.yaml"));
  CHECK_FALSE(same_file(a, p.write("c.yaml", "x")));
  CHECK_FALSE(same_file(a, p.root() / "missing.yaml"));
}
