// The constructs a new authority needs (issue 14) through the library: extended enumerations and
// sets of members, shares with minimums, maximums and a remainder, conditions to secure, modules
// named by their path, and the slips a writer makes with percentages.

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "project_fixture.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/eval/columnar/columnar.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

struct Fixture {
  TempProject project;
  OpenedRuleset opened;

  explicit Fixture(const std::string& ruleset) {
    project.write("stdlib/national/scheme.spd",
                  "module national.scheme\n"
                  "enum tenure = market \"market housing\", social_rent \"social rent\"\n"
                  "input dwellings : dwellings at least 1 dwelling\n");
    project.write("rulesets/r.spd", ruleset);
    opened = open_ruleset(check(load_ruleset(project.root() / "rulesets/r.spd", project.roots())));
    INFO(render_text(opened.diagnostics, opened.load->sources));
    REQUIRE(opened.program);
  }

  Report report(const std::string& yaml) {
    SourceSet sources;
    auto loaded = read_scheme(*opened.program->checked, sources, "scheme.yaml", yaml);
    INFO(render_text(loaded.diagnostics, sources));
    REQUIRE(loaded.scheme);
    evaluator = std::make_unique<Evaluator>(opened.program);
    scheme = *loaded.scheme;
    return build_report(evaluator->evaluate(scheme));
  }

  static const FigureReport& figure(const Report& r, const std::string& name) {
    for (const auto& p : r.policies) {
      for (const auto& f : p.figures) {
        if (f.name == name) return f;
      }
    }
    FAIL("no figure " << name);
    throw;
  }

  std::unique_ptr<Evaluator> evaluator;
  Scheme scheme;
};

// Every error and warning message, one a line.
std::string messages(const std::string& ruleset) {
  TempProject p;
  p.write("stdlib/national/scheme.spd",
          "module national.scheme\nenum tenure = market, social_rent\n"
          "input dwellings : dwellings\n");
  p.write("rulesets/r.spd", ruleset);
  return TempProject::messages(p.check_file("rulesets/r.spd"));
}

}  // namespace

TEST_CASE("extend enum: members added where the enumeration is used", "[language][enum]") {
  Fixture f(
      "ruleset r\nuse national.scheme\n"
      "extend enum tenure [H6 A] = london_living_rent \"London Living Rent\"\n"
      "input tenure_given : tenure\n"
      "rule low_cost = tenure_given in [social_rent, london_living_rent]\n"
      "table rents\n  | tenure | share |\n  | london_living_rent | 40% |\n  | market | 100% |\n"
      "rule rent_share = rents[tenure_given].share\n");
  // A scheme names the new member by its label, as it would a national one.
  const Report r = f.report("dwellings: 10\ntenure_given: London Living Rent\n");
  CHECK(Fixture::figure(r, "low_cost").value.display == "yes");
  CHECK(Fixture::figure(r, "rent_share").value.display == "40%");
  CHECK(r.inputs.back().display == "London Living Rent");

  CHECK(messages("ruleset r\nuse national.scheme\nextend enum tenur = x\n") ==
        "there is no enumeration `tenur` to extend in the rulesets this one amends or the modules "
        "it uses\n");
  CHECK(messages("ruleset r\nenum e = a\nextend enum e = b\n") ==
        "`e` is declared in this file: add the members to its declaration\n");
  CHECK(messages("ruleset r\nuse national.scheme\nextend enum tenure = market\n") ==
        "`market` is already a member of `tenure`\n");
}

TEST_CASE("sets of members: literals, in, count, equality and display", "[language][set]") {
  Fixture f(
      "ruleset r\nuse national.scheme\n"
      "enum review = early \"early stage\", mid_term \"mid-term\", late \"late stage\"\n"
      "input fast_track : boolean\ninput phased : boolean default false\n"
      "input agreed : set of review optional\n"
      "rule reviews : set of review = if fast_track then [] else if phased then [early, "
      "mid_term, late] else [early, late]\n"
      "rule late_review = late in reviews\n"
      "rule no_mid_term = mid_term not in reviews\n"
      "rule review_count = count(reviews)\n"
      "rule as_agreed = reviews = agreed\n");
  Report r = f.report("dwellings: 10\nfast_track: no\nagreed: [late, early]\n");
  const auto& reviews = Fixture::figure(r, "reviews");
  CHECK(reviews.value.display == "early stage and late stage");
  CHECK(reviews.value.members == std::vector<std::string>{"early", "late"});
  CHECK(Fixture::figure(r, "late_review").value.display == "yes");
  CHECK(Fixture::figure(r, "no_mid_term").value.display == "yes");
  CHECK(Fixture::figure(r, "review_count").value.display == "2");
  CHECK(Fixture::figure(r, "as_agreed").value.display == "yes");
  const auto json = nlohmann::json::parse(render_report_json(r));
  CHECK(json["policies"][0]["figures"][0]["value"]["value"] == nlohmann::json({"early", "late"}));

  r = f.report("dwellings: 10\nfast_track: yes\nagreed: none\n");
  CHECK(Fixture::figure(r, "reviews").value.display == "none");
  CHECK(Fixture::figure(r, "review_count").value.display == "0");
  CHECK(Fixture::figure(r, "as_agreed").value.display == "yes");

  // Columns cannot hold a set: the program falls back to the evaluator, and says why.
  std::string why;
  CHECK_FALSE(ColumnarProgram::compile(f.opened.program, why));
  CHECK(why == "it works with sets of members");

  CHECK(messages("ruleset r\nuse national.scheme\ninput n : set of dwellings\n") ==
        "a set holds members of an enumeration, such as `set of review`; `dwellings` is not an "
        "enumeration\ninput `n` is never used\n");
  CHECK(messages("ruleset r\nenum e = a, b\nrule s = [a]\nrule t = sum(s)\n") ==
        "a set of e can be counted, `count(s)`, or asked about, `member in s`; sum() works on "
        "the rows of a list or a table\n");
}

TEST_CASE("shares: minimums, maximums and the remainder", "[language][shares]") {
  Fixture f(
      "ruleset r\nuse national.scheme\n"
      "shares h6 [H6 A]\n  low_cost_rent = at least 30%\n  intermediate = at least 30%\n"
      "  borough_decides = remainder\n"
      "shares flats\n  family = at least 10% at most 20%\n  other = remainder\n"
      "input low_cost_rent_share : percent\n"
      "rule enough = low_cost_rent_share >= h6.low_cost_rent\n"
      "rule rest = h6.borough_decides\n"
      "rule family_most = flats.family.most\n");
  const Report r = f.report("dwellings: 10\nlow_cost_rent_share: 29.5%\n");
  CHECK(Fixture::figure(r, "enough").value.display == "no");
  // The remaining 40%: 100% less the two minimums.
  CHECK(Fixture::figure(r, "rest").value.display == "40%");
  CHECK(Fixture::figure(r, "family_most").value.display == "20%");

  CHECK(messages("ruleset r\nshares s\n  a = at least 60%\n  b = at least 50%\n") ==
        "the least shares of `s` do not fit in the whole, 100%: 60% + 50% is 110%\n");
  CHECK(messages("ruleset r\nshares s\n  a = at most 30%\n  b = at most 30%\n") ==
        "the parts of `s` cannot make up the whole, 100%: at their most they come to 60%\n");
  CHECK(messages("ruleset r\nshares s\n  a = 80%\n  b = 30%\n  c = remainder\n") ==
        "the parts of `s` add up to 110% (80% + 30%), more than the whole, 100%: nothing is left "
        "for the remainder\n");
  CHECK(messages("ruleset r\nshares s\n  a = remainder\n  b = remainder\n") ==
        "`s` has two remainders; only one part can take what is left\n");
  CHECK(messages("ruleset r\nshares s\n  a = at least 10% at most 20%\n  b = remainder\n"
                 "rule x = s.a\n") == "`s.a` has a least and a most share; say which\n");
}

TEST_CASE("apportioned rules: parts as figures, refused where they cannot be",
          "[language][apportion]") {
  Fixture f(
      "ruleset r\nuse national.scheme\n"
      "shares mix\n  one_bed = 60%\n  two_bed = 40%\n"
      "rule homes : dwellings [Figure 4] = apportion dwellings by mix\n"
      "rule rooms : habitable_rooms = homes.two_bed * 3 habitable_rooms per dwelling\n");
  const Report r = f.report("dwellings: 7\n");
  // 4.2 and 2.8: floors 4 and 2, the one left to 0.8.
  CHECK(Fixture::figure(r, "homes.one_bed").value.display == "4 dwellings");
  CHECK(Fixture::figure(r, "homes.two_bed").value.display == "3 dwellings");
  CHECK(Fixture::figure(r, "rooms").value.display == "9 habitable rooms");
  std::string why;
  CHECK_FALSE(ColumnarProgram::compile(f.opened.program, why));
  CHECK(why == "it apportions a total among the parts of a shares");

  const std::string mix = "ruleset r\nuse national.scheme\nshares mix\n  a = 60%\n  b = 40%\n";
  CHECK(messages(mix + "rule x = apportion dwellings by dwelling\n") ==
        "there is no shares `dwelling` to apportion by\n");
  CHECK(messages(mix + "input area : ha\nrule x = apportion area by mix\n") ==
        "apportion divides a whole number of things (dwellings, habitable rooms, bedrooms, "
        "persons); this is an area (ha)\n");
  CHECK(messages(mix + "rule x = 1 dwelling + (apportion dwellings by mix)\n") ==
        "apportion gives a value for each part of `mix`, so it stands alone as a rule's formula\n");
  CHECK(messages(mix + "rule x = apportion dwellings by mix\nrule y = x\n") ==
        "`x` is apportioned; name one of its parts, such as `x.a`\n");
  CHECK(messages(mix + "input v : boolean\nrule x = apportion dwellings by mix\n"
                       "  exception e when v then 1 dwelling\n") ==
        "`x` is apportioned, so it cannot have exceptions of its own\n");
  CHECK(messages("ruleset r\nuse national.scheme\nshares m\n  a = at most 50%\n  b = remainder\n"
                 "rule x = apportion dwellings by m\n") ==
        "`m.a` has only a most share, so how much of the whole it takes is not fixed; apportion "
        "gives each part the least it must have\n");
  CHECK(messages("ruleset r\nuse national.scheme\nshares m\n  a = at least 50%\n  b = 10%\n"
                 "rule x = apportion dwellings by m\n") ==
        "`m` has minimums but no remainder: what the minimums leave would belong to no part\n");
}

TEST_CASE("conditions: listed to secure when their policy applies", "[language][condition]") {
  Fixture f(
      "ruleset r\nuse national.scheme\n"
      "policy P \"Occupancy\" [SPG 7] applies when dwellings >= 15 dwellings\n"
      "parameter vacancies_nominated = 60% [SPG 7.2]\n"
      "input public_subsidy : boolean optional\n"
      "condition nominations [SPG 7.2] \"Nominations on {vacancies_nominated} of vacancies\"\n"
      "condition subsidy [SPG 7.3] \"Subsidy repaid on sale\" when public_subsidy\n");
  Report r = f.report("dwellings: 20\n");
  REQUIRE(r.policies.front().conditions.size() == 2);
  CHECK(r.policies.front().conditions[0].applies == Applicability::yes);
  CHECK(r.policies.front().conditions[0].text == "Nominations on 60% of vacancies");
  CHECK(r.policies.front().conditions[1].applies == Applicability::unknown);
  CHECK(r.policies.front().conditions[1].needs == std::vector<std::string>{"public_subsidy"});
  REQUIRE(r.to_secure.size() == 2);
  CHECK(r.to_secure[0].policy == "P");
  CHECK(r.missing.front().conditions == std::vector<std::string>{"subsidy"});
  CHECK(render_report_text(r, false).find("To secure (by legal agreement or planning condition)\n"
                                          "  Nominations on 60% of vacancies  [SPG 7.2]\n") !=
        std::string::npos);

  // Below the threshold the policy does not apply, and neither do its conditions.
  r = f.report("dwellings: 10\npublic_subsidy: yes\n");
  CHECK(r.policies.front().conditions[0].applies == Applicability::no);
  CHECK(r.policies.front().conditions[1].applies == Applicability::no);
  CHECK(r.to_secure.empty());
  const auto json = nlohmann::json::parse(render_report_json(r));
  CHECK(json["conditions"].empty());
  CHECK_FALSE(json["policies"][0]["conditions"][0].contains("text"));

  // A revision overrides one and removes the other; diff lists both.
  f.project.write("rulesets/draft.spd",
                  "ruleset draft\n  amends r\n"
                  "override condition nominations [SPG 7.2] \"Nominations on all vacancies\"\n"
                  "remove condition subsidy\n");
  const auto draft =
      open_ruleset(check(load_ruleset(f.project.root() / "rulesets/draft.spd", f.project.roots())));
  REQUIRE(draft.program);
  const auto diff = diff_rulesets(*f.opened.program, *draft.program);
  std::vector<std::string> changes;
  for (const auto& c : diff.changes) {
    if (c.declaration == DeclarationKind::condition)
      changes.push_back(c.name + " " + change_kind_name(c.kind));
  }
  CHECK(changes == std::vector<std::string>{"nominations changed", "subsidy removed"});
}

TEST_CASE("a plain number beside a percentage", "[language][percent]") {
  CHECK(messages("ruleset r\ninput s : percent\nrule share = 35\nrule enough = s >= share\n") ==
        "cannot compare a plain number with a percentage\n");
  CHECK(messages("ruleset r\ninput s : percent\nrule x = s + 1\n") ==
        "cannot add a plain number and a percentage\n");
  CHECK(messages("ruleset r\nrule x : percent = 35\n") ==
        "rule `x` is a percentage, but this is a plain number\n");
  CHECK(messages("ruleset r\ninput s : percent at most 75\nrule x = s > 10%\n") ==
        "`s`'s bound is a percentage, but this is a plain number\n");
  // A ratio of two counts is a fraction: it compares with a percentage.
  CHECK(messages("ruleset r\nuse national.scheme\ninput a : dwellings\n"
                 "rule x = a / dwellings >= 35%\n") == "");
  TempProject p;
  p.write("rulesets/r.spd", "ruleset r\ninput s : percent\nrule share = 35\nrule y = s >= share\n");
  const auto r = p.check_file("rulesets/r.spd");
  REQUIRE(r.diagnostics.all().size() == 1);
  CHECK(r.diagnostics.all()[0].hint == "35 and 35% are not the same number: write `35%`");
}

TEST_CASE("a figure written in a message that a parameter holds", "[language][lint]") {
  CHECK(messages("ruleset r\ninput n : percent\nparameter sought = 30% [x]\n"
                 "check c require n >= sought else \"at least 30% is sought\"\n") ==
        "this text writes 30%, the value of `sought`: write `{sought}` instead\n");
  // A figure of no parameter the check uses is left alone.
  CHECK(messages("ruleset r\ninput n : percent\nparameter sought = 30% [x]\n"
                 "check c require n >= sought else \"at least {sought}, not 40%\"\n") == "");
}

TEST_CASE("use and amends by path: relative to the file, within the project or spdl's home",
          "[language][use]") {
  TempProject p;
  p.write("stdlib/national/scheme.spd", "module national.scheme\ninput dwellings : dwellings\n");
  p.write("drafts/adopted_2024.spd",
          "ruleset borough.adopted_2024\nuse national.scheme\n"
          "parameter threshold = 10 dwellings [H5]\nrule caught = dwellings >= threshold\n");
  p.write("drafts/revision/draft_2025.spd",
          "ruleset borough.draft_2025\n  amends \"../adopted_2024.spd\"\n"
          "override parameter threshold = 15 dwellings [H5]\n");
  const auto draft = p.root() / "drafts/revision/draft_2025.spd";
  const auto r = check(load_ruleset(draft, find_roots(draft, p.root() / "nowhere")));
  INFO(TempProject::messages(r));
  REQUIRE(r.ruleset);
  REQUIRE(r.ruleset->parameters[0].replaced);
  CHECK(r.ruleset->text(r.ruleset->parameters[0].span) ==
        "override parameter threshold = 15 dwellings [H5]");

  // A draft in no project finds shipped ids in spdl's home: here, the project stands in for it.
  TempProject desk;
  std::filesystem::remove(desk.root() / "stdlib");
  desk.write("draft.spd",
             "ruleset mine\nuse national.scheme\nrule big = dwellings > 50 dwellings\n");
  const auto mine = check(
      load_ruleset(desk.root() / "draft.spd", find_roots(desk.root() / "draft.spd", p.root())));
  INFO(TempProject::messages(mine));
  CHECK(mine.ruleset);

  // Not found: every folder searched is named.
  desk.write("lost.spd", "ruleset lost\nuse national.schemes\n");
  const auto lost =
      check(load_ruleset(desk.root() / "lost.spd", find_roots(desk.root() / "lost.spd", p.root())));
  CHECK(TempProject::messages(lost) ==
        fmt::format("there is no module `national.schemes` in {}/ or {}/\n",
                    (p.root() / "stdlib").string(), (p.root() / "rulesets").string()));

  // Out of the tree, or to a file that is not there.
  desk.write("out.spd", "ruleset out\n  amends \"../../etc/passwd\"\n");
  const auto out =
      check(load_ruleset(desk.root() / "out.spd", find_roots(desk.root() / "out.spd", p.root())));
  CHECK(TempProject::messages(out) ==
        "`../../etc/passwd` leads outside this project's folder tree and spdl's home; a module "
        "may only come from there\n");
  desk.write("missing.spd", "ruleset missing\nuse \"other.spd\"\n");
  const auto missing = check(
      load_ruleset(desk.root() / "missing.spd", find_roots(desk.root() / "missing.spd", p.root())));
  CHECK(TempProject::messages(missing) == "there is no file `other.spd`: looked for other.spd\n");
}
