// Diffs and sweeps for a committee: formulas read as sentences, lists whose members changed,
// outcomes that are not numbers charted, and a figure of the schedule varied.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/sweep_render.hpp"
#include "spdl/runtime/report/formula_words.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

// A miniature of the Vale's two drafts with a schedule of its own (no standard library): 50% on
// 10 or more dwellings, then 40% on 15 or more; a tenure list that drops one tenure and adds
// another; a route that is a member of an enumeration.
const char* const before_text = R"(ruleset t.first
  title     "First draft"
  authority "A District Council"
  status    superseded
  published 2004-06

enum tenure = market "market housing", social_rent "social rent", affordable_rent "affordable rent", shared_ownership "shared ownership"
enum route = none "none sought", on_site "on site"

record row
  tenure : tenure
  count  : dwellings

input dwellings : dwellings
input schedule  : list of row optional

parameter threshold          = 10 dwellings [1.2]
parameter share              = 50%          [1.2]
parameter affordable_tenures = [social_rent, affordable_rent, shared_ownership] [1.3]

rule policy_applies [1.2] = dwellings >= threshold
rule affordable_required : dwellings [1.2] =
  if policy_applies then round_half_up(dwellings * share) else 0 dwellings
rule social_rent_offered : dwellings = sum(schedule.count where tenure = social_rent)
rule affordable_offered : dwellings = sum(schedule.count where tenure in affordable_tenures)
rule route : route = if policy_applies then on_site else none
check enough_affordable when policy_applies require affordable_offered >= affordable_required
)";

const char* const after_text = R"(ruleset t.revised
  title     "Revised draft"
  authority "A District Council"
  status    draft
  amends    t.first

extend enum tenure = discounted_market_sale "discounted market sale"

override parameter threshold          = 15 dwellings [H16 (i)]
override parameter share              = 40%          [H16]
override parameter affordable_tenures = [social_rent, shared_ownership, discounted_market_sale] [3.2]

override rule affordable_required : dwellings [H16] =
  if policy_applies then min(dwellings, round_half_up(dwellings * share)) else 0 dwellings
)";

struct Drafts {
  TempProject project;
  OpenedRuleset before, after;

  Drafts() {
    project.write("rulesets/t/first.spd", before_text);
    project.write("rulesets/t/revised.spd", after_text);
    before = open_ruleset(project.check_file("rulesets/t/first.spd"));
    after = open_ruleset(project.check_file("rulesets/t/revised.spd"));
    INFO(render_text(before.diagnostics, before.load->sources));
    INFO(render_text(after.diagnostics, after.load->sources));
    REQUIRE(before.program);
    REQUIRE(after.program);
  }

  static Scheme scheme(const OpenedRuleset& o, const std::string& yaml,
                       const SuppliedInputs& supplied = {}) {
    SourceSet sources;
    auto loaded = read_scheme(*o.program->checked, sources, "scheme.yaml", yaml, supplied);
    INFO(render_text(loaded.diagnostics, sources));
    REQUIRE(loaded.scheme);
    return *loaded.scheme;
  }
};

const Change* find_change(const RulesetDiff& d, const std::string& name) {
  for (const auto& c : d.changes) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a diff reads each formula as a sentence, with parameters by their values",
          "[diff][committee]") {
  Drafts p;
  const RulesetDiff d = diff_rulesets(*p.before.program, *p.after.program);
  const Change* required = find_change(d, "affordable_required");
  REQUIRE(required);
  CHECK(required->label == "affordable required");
  CHECK(required->before.words ==
        "where policy applies, 50% of the dwellings, rounded half up; otherwise 0 dwellings");
  CHECK(required->after.words ==
        "where policy applies, the lesser of the dwellings and (40% of the dwellings, rounded "
        "half up); otherwise 0 dwellings");
  // The formula as written stays: the committee's line is a reading of it.
  CHECK(required->after.written ==
        "if policy_applies then min(dwellings, round_half_up(dwellings * share)) else 0 dwellings");

  // Both versions' authority, status and dates.
  CHECK(d.old_authority == "A District Council");
  CHECK(d.old_dates == std::vector<std::string>{"published June 2004"});
  CHECK(d.new_dates.empty());
  CHECK(render_diff_text(d).find("(draft; no date given)") != std::string::npos);
}

TEST_CASE("a diff lists the members a list and an enumeration keep, lose and gain",
          "[diff][committee]") {
  Drafts p;
  const RulesetDiff d = diff_rulesets(*p.before.program, *p.after.program);
  const ListChange* tenures = nullptr;
  const ListChange* members = nullptr;
  for (const auto& l : d.lists) {
    if (l.name == "affordable_tenures") tenures = &l;
    if (l.name == "tenure") members = &l;
  }
  REQUIRE(tenures);
  CHECK(tenures->kept == std::vector<std::string>{"social rent", "shared ownership"});
  CHECK(tenures->removed == std::vector<std::string>{"affordable rent"});
  CHECK(tenures->added == std::vector<std::string>{"discounted market sale"});
  REQUIRE(members);  // `extend enum` adds a member
  CHECK(members->added == std::vector<std::string>{"discounted market sale"});
  CHECK(members->removed.empty());

  const std::string text = render_diff_text(d);
  CHECK(text.find("affordable tenures (list): social rent and shared ownership kept; affordable "
                  "rent removed; discounted market sale added") != std::string::npos);
  const std::string markdown = render_diff_markdown(d);
  CHECK(markdown.find("**affordable rent removed**") != std::string::npos);
  const std::string html = render_diff_html(d);
  CHECK(html.find("<del class=\"member\" title=\"removed\">affordable rent</del>") !=
        std::string::npos);
  // The summary first: threshold 10 → 15 and share 50% → 40% are the figures changed.
  CHECK(text.find("2 figures changed:\n    threshold: 10 dwellings → 15 dwellings\n    share: 50% "
                  "→ 40%") != std::string::npos);
  CHECK(html.find("<h2>Summary</h2>") < html.find("<h2>What changes</h2>"));

  const auto json = nlohmann::json::parse(render_diff_json(d));
  CHECK(json["after"]["authority"] == "A District Council");
  // The enumeration's members first, then the list parameter's.
  REQUIRE(json["lists"].size() == 2);
  CHECK(json["lists"][0]["what"] == "enum");
  CHECK(json["lists"][1]["name"] == "affordable_tenures");
  CHECK(json["lists"][1]["removed"] == nlohmann::json({"affordable rent"}));
}

TEST_CASE("a sweep charts a yes/no, an enumeration and a check's finding", "[sweep][committee]") {
  Drafts p;
  SweepRequest request;
  request.vary = {*parse_vary("dwellings=13..16")};
  Diagnostics problems;

  request.figure = "policy_applies";
  auto s = run_sweep({p.before.program.get(), p.after.program.get()}, {Scheme{}, Scheme{}}, request,
                     problems);
  REQUIRE(s);
  CHECK(s->yes_no);
  CHECK(s->categories == std::vector<std::string>{"no", "yes"});
  // 13..16 against thresholds of 10 (yes throughout) and 15 (no, no, yes, yes).
  CHECK(sweep_figure_cell(*s, s->series[0].values[0]) == "yes");
  CHECK(sweep_figure_cell(*s, s->series[1].values[1]) == "no");
  CHECK(sweep_figure_cell(*s, s->series[1].values[2]) == "yes");
  REQUIRE(s->cliffs.size() == 1);
  CHECK(sweep_cliff_jump(*s, s->cliffs[0]) == "no → yes");
  CHECK(render_sweep_csv(*s).find("15,yes,yes") != std::string::npos);
  CHECK(render_sweep_svg(*s).find(">yes</text>") != std::string::npos);

  request.figure = "route";
  s = run_sweep({p.after.program.get()}, {Scheme{}}, request, problems);
  REQUIRE(s);
  CHECK(s->categories == std::vector<std::string>{"none sought", "on site"});
  CHECK(render_sweep_text(*s).find("14 → 15 dwellings: none sought → on site") !=
        std::string::npos);
  // Bands with a key, not a line.
  CHECK(render_sweep_svg(*s).find("<title>15 to 16 dwellings: on site</title>") !=
        std::string::npos);

  // With 6 affordable dwellings offered: not applicable below 15; at 15, 15 × 40% = 6, met; at
  // 16, 6.4 rounds to 6, met. Nothing is not met here until 17 (6.8, so 7).
  request.figure = "enough_affordable";
  request.vary = {*parse_vary("dwellings=14..17")};
  const Scheme six =
      Drafts::scheme(p.after, "schedule:\n  - {tenure: social_rent, count: 6}\n", {"dwellings"});
  s = run_sweep({p.after.program.get()}, {six}, request, problems);
  REQUIRE(s);
  const auto json = nlohmann::json::parse(render_sweep_json(*s));
  CHECK(json["outcomes"] == nlohmann::json({"not applicable", "met", "not met"}));
  CHECK(json["series"][0]["values"] == nlohmann::json({"not applicable", "met", "met", "not met"}));
}

TEST_CASE("a sweep varies the share offered by rewriting the schedule", "[sweep][committee]") {
  Drafts p;
  // 20 dwellings: 12 market, and 8 affordable in rows of 6 social rent and 2 shared ownership.
  const Scheme base = Drafts::scheme(p.after,
                                     "dwellings: 20\n"
                                     "schedule:\n"
                                     "  - {tenure: market, count: 12}\n"
                                     "  - {tenure: social_rent, count: 6}\n"
                                     "  - {tenure: shared_ownership, count: 2}\n");
  SweepRequest request;
  request.figure = "social_rent_offered";
  request.vary = {*parse_vary("offered_share=25%..50%:5%")};
  Diagnostics problems;
  const auto s = run_sweep({p.after.program.get()}, {base}, request, problems);
  REQUIRE(s);
  // A = round_half_up(20 × share): 5, 6, 7, 8, 9, 10. The 6 and 2 rows scaled to A by largest
  // remainder: 5 → 3.75, 1.25 → 4, 1; 6 → 4.5, 1.5 → 5, 1 (a tie, to the first); 7 → 5.25,
  // 1.75 → 5, 2; 8 → 6, 2; 9 → 6.75, 2.25 → 7, 2; 10 → 7.5, 2.5 → 8, 2.
  std::vector<std::string> social;
  for (const auto& v : s->series[0].values) social.push_back(sweep_figure_cell(*s, v));
  CHECK(social == std::vector<std::string>{"4", "5", "5", "6", "7", "8"});

  // The share offered against the 40% check: 35% offers 7 (of 8 required), 40% offers 8.
  request.figure = "enough_affordable";
  request.vary = {*parse_vary("offered_share=35%..40%:5%")};
  const auto check = run_sweep({p.after.program.get()}, {base}, request, problems);
  REQUIRE(check);
  CHECK(sweep_figure_cell(*check, check->series[0].values[0]) == "not met");
  CHECK(sweep_figure_cell(*check, check->series[0].values[1]) == "met");

  // What cannot be varied so is refused: no base schedule, more dwellings than it has, a share
  // above 100%, and a schedule with nothing affordable to scale.
  Diagnostics refused;
  request.vary = {*parse_vary("offered_share=30%..40%")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, refused));
  request.vary = {*parse_vary("offered_dwellings=10..21")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {base}, request, refused));
  CHECK(refused.all().back().message.find("the schedule has 20 dwellings") != std::string::npos);
  request.vary = {*parse_vary("offered_share=90%..110%")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {base}, request, refused));
  const Scheme market_only =
      Drafts::scheme(p.after, "dwellings: 20\nschedule:\n  - {tenure: market, count: 20}\n");
  request.vary = {*parse_vary("offered_share=30%..40%")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {market_only}, request, refused));
  CHECK(refused.all().back().message.find("no affordable rows") != std::string::npos);
}

TEST_CASE("formula words: rounding, the lesser of two, a condition's parts", "[diff][committee]") {
  Drafts p;
  const auto& c = *p.before.program->checked;
  const auto rule = [&](const std::string& name) {
    for (const auto& r : c.rules) {
      if (r.name == name) return r.decl->value;
    }
    return ast::no_expr;
  };
  CHECK(formula_words(*p.before.program, rule("policy_applies")) ==
        "the number of dwellings is at least 10 dwellings");
  CHECK(formula_words(*p.before.program, rule("affordable_offered")) ==
        "the total of count where tenure is one of the affordable tenures");
}
