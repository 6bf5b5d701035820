// The README shows a ruleset and what `spdl eval` prints for it; both must be true copies.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
std::string read(const std::string& relative) {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("the README's example ruleset and its output are the real ones", "[readme]") {
  const std::string readme = read("README.md");
  CHECK(readme.find("```\n" + read("spec/examples/h16_minimal.spd") + "```") != std::string::npos);
  // The golden test tests/cli/readme_example keeps this output equal to a real run.
  const std::string golden = read("tests/cli/readme_example/expected");
  const auto begin = golden.find("--- stdout\n") + 11;
  const std::string output = golden.substr(begin, golden.find("--- stderr") - begin);
  REQUIRE_FALSE(output.empty());
  CHECK(readme.find("```\n" + output + "```") != std::string::npos);
}

TEST_CASE("the README's demonstration outputs are excerpts of the golden tests", "[readme]") {
  const std::string readme = read("README.md");
  std::string goldens;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(SPDL_SOURCE_DIR) + "/tests/cli")) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("demo_")) goldens += read("tests/cli/" + name + "/expected");
  }
  std::size_t blocks = 0;
  for (auto at = readme.find("```text\n"); at != std::string::npos;
       at = readme.find("```text\n", at + 1)) {
    const auto begin = at + 8;
    const std::string excerpt = readme.substr(begin, readme.find("```", begin) - begin);
    INFO(excerpt);
    CHECK(goldens.find(excerpt) != std::string::npos);
    ++blocks;
  }
  CHECK(blocks >= 4);
}

TEST_CASE("spec/library.md shows the consumer program that CI builds against the install",
          "[readme]") {
  const std::string library = read("spec/library.md");
  CHECK(library.find("```cpp\n" + read("tests/consumer/main.cpp") + "```") != std::string::npos);
}
