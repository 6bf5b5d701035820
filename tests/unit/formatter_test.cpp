#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ast_dump.hpp"
#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"

using namespace spdl;

namespace {

struct Formatted {
  SourceSet sources;
  ast::Ast ast;
  ParseResult parsed;
  std::string text;

  explicit Formatted(std::string source) {
    const FileId f = sources.add("in.spd", std::move(source));
    parsed = parse_module(ast, sources, f);
    if (parsed.ok()) text = format_module(ast, sources, parsed.module);
  }
};

std::vector<std::filesystem::path> repository_spd_files() {
  std::vector<std::filesystem::path> files;
  const std::filesystem::path root = SPDL_SOURCE_DIR;
  for (const char* dir : {"rulesets", "stdlib", "tests", "spec"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".spd")
        files.push_back(entry.path());
    }
  }
  return files;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every .spd file in the repository round-trips through fmt", "[formatter]") {
  const auto files = repository_spd_files();
  REQUIRE(files.size() > 10);
  for (const auto& path : files) {
    Formatted original(read(path));
    if (!original.parsed.ok()) continue;  // syntax-error cases of the diagnostics suite
    INFO(path.string());
    Formatted again(original.text);
    REQUIRE(again.parsed.ok());
    // parse -> fmt -> parse gives the same tree...
    CHECK(testing::dump_module(again.ast, again.parsed.module) ==
          testing::dump_module(original.ast, original.parsed.module));
    // ...fmt of fmt output is identical...
    CHECK(again.text == original.text);
    // ...and every comment survives.
    CHECK(again.parsed.module.comments.size() == original.parsed.module.comments.size());
  }
}

TEST_CASE("the canonical layout", "[formatter]") {
  const Formatted f(R"(ruleset   t
  status draft
    title "T"
parameter a=1 dwelling [x]   # trailing
parameter long_name = 15   dwellings
rule r [H16]=if a>b then 1 else 2
)");
  REQUIRE(f.parsed.ok());
  CHECK(f.text == R"(ruleset t
  title  "T"
  status draft

parameter a         = 1 dwelling [x]  # trailing
parameter long_name = 15 dwellings

rule r [H16] =
  if a > b
  then 1
  else 2
)");
}

TEST_CASE("comments stay beside what they describe", "[formatter]") {
  const std::string source = R"(# Leading comment of the file.
ruleset t

# About the rule.
rule r =
  # before the condition
  if a
  then 1  # the then branch
  else 2
# At the end.
)";
  const Formatted f(source);
  REQUIRE(f.parsed.ok());
  CHECK(f.text == source);
}

TEST_CASE("a doc comment stays with its declaration when a later use moves up", "[formatter]") {
  // Found by the ruleset fuzzer
  // (tests/fuzz/regressions/ruleset/doc_comment_separated_by_moved_use.spd).
  const Formatted f(R"(module t
use a
## What counts.
parameter tenures = [x]
use b
)");
  REQUIRE(f.parsed.ok());
  CHECK(f.text == R"(module t

use a
use b

## What counts.
parameter tenures = [x]
)");
  const Formatted again(f.text);
  REQUIRE(again.parsed.ok());
  CHECK(testing::dump_module(again.ast, again.parsed.module) ==
        testing::dump_module(f.ast, f.parsed.module));
}

TEST_CASE("the canonical layout of the constructs of issue 14 and conditions", "[formatter]") {
  // A path after `amends`/`use`, `extend enum` a member a line, a shares' bounds and remainder
  // aligned, a set literal, `apportion`, and conditions: on one line when they fit, else the text
  // and its `when` a line each.
  const Formatted f(R"(ruleset   t
  amends   "../base.spd"
use "shared/tenures.spd"
extend enum tenure [H6 A]= london_living_rent "London Living Rent",london_affordable_rent "London Affordable Rent"
shares split [H6 A]
  low_cost_rent = at least 30%   [H6 A (1)]
  flats = at least 10% at most 40%
  borough_decides= remainder [H6 A (3)]
input homes : dwellings
rule reviews : set of review = if homes > 10 dwellings then [early,late] else []
rule by_tenure [H6 A]=apportion homes by split
condition nominations [SPG 7.2] "Nominations on {by_tenure.low_cost_rent}" when homes>10 dwellings
override condition old_one "Text"
remove condition gone
condition borough_tenure [H6 A (3)] "The tenure of the other {by_tenure.borough_decides}, as the borough decides" when homes >= 10 dwellings
)");
  REQUIRE(f.parsed.ok());
  CHECK(f.text == R"(ruleset t
  amends "../base.spd"

use "shared/tenures.spd"

extend enum tenure [H6 A] =
  london_living_rent "London Living Rent",
  london_affordable_rent "London Affordable Rent"

shares split [H6 A]
  low_cost_rent   = at least 30% [H6 A (1)]
  flats           = at least 10% at most 40%
  borough_decides = remainder [H6 A (3)]

input homes : dwellings

rule reviews : set of review =
  if homes > 10 dwellings
  then [early, late]
  else []

rule by_tenure [H6 A] = apportion homes by split
condition nominations [SPG 7.2] "Nominations on {by_tenure.low_cost_rent}" when homes > 10 dwellings
override condition old_one "Text"
remove condition gone

condition borough_tenure [H6 A (3)]
  "The tenure of the other {by_tenure.borough_decides}, as the borough decides"
  when homes >= 10 dwellings
)");
  // ...and is its own layout.
  const Formatted again(f.text);
  REQUIRE(again.parsed.ok());
  CHECK(again.text == f.text);
}
