#include <catch2/catch.hpp>

#include "project_fixture.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

const char* const base_ruleset = R"(ruleset town.adopted
  status adopted
input dwellings : dwellings
input site_area : ha optional
parameter threshold = 15 dwellings [H5]
parameter share = 40% [H5]
rule applies [H5] = dwellings >= threshold
rule required : dwellings [H5] = if applies then round_half_up(dwellings * share) else 0 dwellings
)";

}  // namespace

TEST_CASE("a revision overrides only what it names", "[checker][amends]") {
  TempProject p;
  p.write("rulesets/town/adopted.spd", base_ruleset);
  p.write("rulesets/town/draft.spd", R"(ruleset town.draft
  amends town.adopted
override parameter threshold = 10 dwellings [draft para 2]
)");
  const auto r = p.check_file("rulesets/town/draft.spd");
  REQUIRE(r.ruleset);
  CHECK(r.diagnostics.empty());
  const auto& rs = *r.ruleset;
  REQUIRE(rs.parameters.size() == 2);
  CHECK(rs.parameters[0].name == "threshold");
  CHECK(rs.parameters[0].replaced.has_value());
  CHECK(rs.parameters[0].citation->text == "draft para 2");
  CHECK(rs.rules.size() == 2);
}

TEST_CASE("amends errors", "[checker][amends]") {
  TempProject p;
  p.write("rulesets/town/adopted.spd", base_ruleset);
  SECTION("override of something the base does not have") {
    p.write("rulesets/town/draft.spd",
            "ruleset town.draft\n  amends town.adopted\noverride parameter threshhold = 10 "
            "dwellings\n");
    const auto r = p.check_file("rulesets/town/draft.spd");
    CHECK(TempProject::messages(r) ==
          "`override parameter threshhold` replaces nothing: neither the ruleset this one amends "
          "nor the modules it "
          "uses define `threshhold`\n");
    CHECK(r.diagnostics.all()[0].hint == "did you mean `threshold`?");
  }
  SECTION("override that changes a parameter's unit") {
    p.write("rulesets/town/draft.spd",
            "ruleset town.draft\n  amends town.adopted\noverride parameter threshold = 0.5 ha\n");
    const auto r = p.check_file("rulesets/town/draft.spd");
    // The base's rule now compares dwellings with hectares, and the override itself is refused.
    CHECK(TempProject::messages(r) ==
          "cannot compare a number of dwellings with an area (ha)\n"
          "`override` changes what `threshold` measures: it was dwellings, it is now ha\n");
  }
  SECTION("redefining without override") {
    p.write("rulesets/town/draft.spd",
            "ruleset town.draft\n  amends town.adopted\nparameter share = 30%\n");
    const auto r = p.check_file("rulesets/town/draft.spd");
    CHECK(TempProject::messages(r) == "`share` is already defined by town.adopted\n");
    CHECK(r.diagnostics.all()[0].hint == "write `override parameter share` to replace it");
  }
  SECTION("override of a different kind") {
    p.write("rulesets/town/draft.spd",
            "ruleset town.draft\n  amends town.adopted\noverride rule share = 30%\n");
    CHECK(TempProject::messages(p.check_file("rulesets/town/draft.spd")) ==
          "`share` is a parameter in town.adopted, not a rule\n");
  }
  SECTION("remove leaves references dangling, which are reported") {
    p.write("rulesets/town/draft.spd",
            "ruleset town.draft\n  amends town.adopted\nremove parameter share\n");
    CHECK(TempProject::messages(p.check_file("rulesets/town/draft.spd")) ==
          "unknown name `share`\n");
  }
  SECTION("amends a ruleset that does not exist") {
    p.write("rulesets/town/draft.spd", "ruleset town.draft\n  amends town.adoptd\n");
    const auto r = p.check_file("rulesets/town/draft.spd");
    CHECK(TempProject::messages(r) == "there is no module `town.adoptd` in stdlib/ or rulesets/\n");
    CHECK(r.diagnostics.all()[0].hint == "did you mean `town.adopted`?");
  }
  SECTION("a file's id must match its place") {
    p.write("rulesets/town/draft.spd", "ruleset town.drafts\n  amends town.adopted\n");
    CHECK(TempProject::messages(p.check_file("rulesets/town/draft.spd")) ==
          "this file declares `town.drafts`, but its place under stdlib/ or rulesets/ makes it "
          "`town.draft`\n");
  }
}

TEST_CASE("use: modules, cycles and roots", "[checker][use]") {
  TempProject p;
  SECTION("a cycle between two modules is named") {
    p.write("stdlib/a.spd", "module a\nuse b\n");
    p.write("stdlib/b.spd", "module b\nuse a\n");
    p.write("rulesets/r.spd", "ruleset r\nuse a\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "`use` forms a cycle: a → b → a\n");
  }
  SECTION("an absolute path is refused") {
    p.write("rulesets/r.spd", "ruleset r\nuse \"/etc/passwd\"\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "`/etc/passwd` is an absolute path; a file is named by its path from the one that names "
          "it\n");
  }
  SECTION("a symlink that leads out of the roots is refused") {
    p.write("outside/secret.spd", "module secret\n");
    std::filesystem::create_symlink(p.root() / "outside" / "secret.spd",
                                    p.root() / "stdlib" / "secret.spd");
    p.write("rulesets/r.spd", "ruleset r\nuse secret\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "`secret` leads outside stdlib/ or rulesets/; modules may only come from there\n");
  }
  SECTION("two modules defining one name") {
    p.write("stdlib/a.spd", "module a\nparameter x = 1\n");
    p.write("stdlib/b.spd", "module b\nparameter x = 2\n");
    p.write("rulesets/r.spd", "ruleset r\nuse a\nuse b\nrule y = x\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) == "`x` is already defined by a\n");
  }
  SECTION("a ruleset may override what a module defines") {
    p.write("stdlib/national.spd",
            "module national\nparameter threshold = 15 dwellings [PPS3]\ninput dwellings : "
            "dwellings\nrule caught = dwellings >= threshold\n");
    p.write("rulesets/r.spd",
            "ruleset r\nuse national\noverride parameter threshold = 5 dwellings [local]\n");
    const auto r = p.check_file("rulesets/r.spd");
    REQUIRE(r.ruleset);
    CHECK(r.ruleset->parameters[0].citation->text == "local");
    CHECK(r.ruleset->rules[0].origin.imported);
  }
}

TEST_CASE("exceptions", "[checker][exceptions]") {
  TempProject p;
  const std::string head =
      "ruleset r\ninput a : boolean\ninput b : boolean\ninput n : dwellings\nrule both = a and b\n";
  SECTION("a tree of exceptions") {
    p.write("rulesets/r.spd", head +
                                  "rule x : dwellings = n\n  exception one when a then 1 "
                                  "dwelling\n  exception two over one when b then 2 dwellings\n");
    const auto r = p.check_file("rulesets/r.spd");
    REQUIRE(r.ruleset);
    const auto& x = r.ruleset->rules[r.ruleset->find("x")->index];
    REQUIRE(x.exceptions.size() == 2);
    CHECK(x.exceptions[0].parent == -1);
    CHECK(x.exceptions[1].parent == 0);
  }
  SECTION("over an unknown label") {
    p.write("rulesets/r.spd", head +
                                  "rule x : dwellings = n\n  exception one when a then 1 "
                                  "dwelling\n  exception two over onne when b then 2 dwellings\n");
    const auto r = p.check_file("rulesets/r.spd");
    CHECK(TempProject::messages(r) == "`x` has no exception `onne` for this one to override\n");
  }
  SECTION("exceptions overriding each other in a circle") {
    p.write("rulesets/r.spd", head +
                                  "rule x : dwellings = n\n  exception one over two when a then 1 "
                                  "dwelling\n  exception two over one when b then 2 dwellings\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd"))
              .find("the exceptions of `x` override each other in a circle") == 0);
  }
  SECTION("an exception giving another kind of value") {
    p.write("rulesets/r.spd", head + "rule x : dwellings = n\n  exception one when a then 1 ha\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "the exception `one` gives ha, but `x` is dwellings\n");
  }
  SECTION("an exception for a parameter") {
    p.write("rulesets/r.spd",
            head + "parameter k = 1\nrule x = k + n / n\nexception one for k when a then 2\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "`k` is not a rule; only rules have exceptions\n");
  }
}

TEST_CASE("names and contexts", "[checker]") {
  TempProject p;
  SECTION("a parameter cannot use an input") {
    p.write("rulesets/r.spd", "ruleset r\ninput n : dwellings\nparameter p = n\nrule x = p\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "a parameter is a constant, so it cannot use the input `n`\n");
  }
  SECTION("a rule that uses itself") {
    p.write("rulesets/r.spd", "ruleset r\nrule x = x + 1\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) == "rule `x` uses itself\n");
  }
  SECTION("aggregations see the row's fields") {
    p.write("rulesets/r.spd", R"(ruleset r
enum tenure = market, social_rent
record row
  tenure : tenure
  count : dwellings
  bedrooms : bedrooms
input schedule : list of row
rule social : dwellings = sum(schedule.count where tenure = social_rent)
rule big_flats = any(schedule where bedrooms > 2 bedrooms)
rule rows = count(schedule)
rule rooms = sum(schedule.(count * bedrooms))
)");
    const auto r = p.check_file("rulesets/r.spd");
    INFO(TempProject::messages(r));
    REQUIRE(r.ruleset);
    CHECK(r.ruleset->describe(r.ruleset->rules[3].type) == "dwellings × bedrooms");
  }
  SECTION("a list's fields only inside an aggregation") {
    p.write("rulesets/r.spd",
            "ruleset r\nrecord row\n  count : dwellings\ninput schedule : list of row\nrule x = "
            "schedule.count\n");
    CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
          "`schedule.count` is a value for each row of `schedule`; use it inside sum(), min(), "
          "max(), any() or all()\n");
  }
  SECTION("a 10,000-rule chain checks without deep recursion") {
    std::string text = "ruleset r\ninput n : dwellings\nrule r0 = n\n";
    for (int i = 1; i < 10000; ++i)
      text += "rule r" + std::to_string(i) + " = r" + std::to_string(i - 1) + " + 1 dwelling\n";
    p.write("rulesets/r.spd", text);
    const auto r = p.check_file("rulesets/r.spd");
    REQUIRE(r.ruleset);
    CHECK(r.ruleset->order.size() == 10000);
    CHECK(r.ruleset->order.back().index == 9999);
  }
}

TEST_CASE("bounds on inputs", "[checker][bounds]") {
  TempProject p;
  p.write("rulesets/t/ok.spd", R"(ruleset t.ok
input dwellings : dwellings at least 1 dwelling at most 10,000 dwellings
input share     : percent at least 25% at most 75% optional
rule both = dwellings * share
)");
  const auto ok = p.check_file("rulesets/t/ok.spd");
  REQUIRE(ok.ruleset);
  CHECK(TempProject::messages(ok).empty());
  const auto& inputs = ok.ruleset->inputs;
  CHECK(inputs[0].at_least == Rational(1));
  CHECK(inputs[0].at_most == Rational(10000));
  CHECK(inputs[1].at_least == Rational::fraction(1, 4));  // 25%, held as a fraction
  CHECK(inputs[1].at_most == Rational::fraction(3, 4));

  p.write("rulesets/t/bad.spd", R"(ruleset t.bad
parameter least = 1 dwelling
input a : dwellings at least least
input b : ha at least 1 dwelling
input c : boolean at least 1
input d : dwellings at least 10 dwellings at most 5 dwellings
input e : dwellings at least 1
rule uses = a + d + e
rule area_used = b
rule flag = c
)");
  const std::string messages = TempProject::messages(p.check_file("rulesets/t/bad.spd"));
  CHECK_THAT(messages, Catch::Contains("`at least` is written as a number with its unit"));
  CHECK_THAT(messages,
             Catch::Contains("`b` is an area (ha), but this bound is a number of dwellings"));
  CHECK_THAT(messages, Catch::Contains("only a number can have a bound, and `c` is yes/no"));
  CHECK_THAT(messages, Catch::Contains("`d` can never be given: its most is below its least"));
  CHECK_THAT(messages,
             Catch::Contains("`e` is a number of dwellings, but this bound is a plain number"));
}
