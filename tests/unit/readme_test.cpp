// The README shows a ruleset and what `spdl eval` prints for it; both must be true copies.

#include <catch2/catch.hpp>
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
  const std::string golden = read("tests/cli/readme_example.expected");
  const auto begin = golden.find("--- stdout\n") + 11;
  const std::string output = golden.substr(begin, golden.find("--- stderr") - begin);
  REQUIRE_FALSE(output.empty());
  CHECK(readme.find("```\n" + output + "```") != std::string::npos);
}
