// Comparing rulesets through the library: the diff of a revision, a portfolio compared under both,
// and sweeps with their cliff edges.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/render/compare_render.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/sweep_render.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

// A first draft (40% on sites of 10 or more dwellings) and a revision that raises the threshold to
// 15 dwellings or 0.5 ha, the Vale's H16 in miniature.
const char* const first_draft = R"(ruleset t.first
  title "First draft"

input dwellings : dwellings
input site_area : ha optional

parameter threshold = 10 dwellings [1.2]
parameter share     = 40%          [1.2]

rule policy_applies [1.2] = dwellings >= threshold
rule affordable_required : dwellings [1.2] =
  if policy_applies then round_half_up(dwellings * share) else 0 dwellings
)";

const char* const revision = R"(ruleset t.revised
  title "Revised draft"
  amends t.first

override parameter threshold = 15 dwellings [H16 (i)]
parameter site_threshold     = 0.5 ha       [H16 (i)]

override rule policy_applies [H16] = dwellings >= threshold or site_area >= site_threshold
)";

struct Pair {
  TempProject project;
  OpenedRuleset before, after;

  Pair() {
    project.write("rulesets/t/first.spd", first_draft);
    project.write("rulesets/t/revised.spd", revision);
    before =
        open_ruleset(check(load_ruleset(project.root() / "rulesets/t/first.spd", project.roots())));
    after = open_ruleset(
        check(load_ruleset(project.root() / "rulesets/t/revised.spd", project.roots())));
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

// Every element opened in the SVG is closed, in order: enough to catch a broken chart.
bool balanced_markup(const std::string& svg) {
  std::vector<std::string> open;
  for (std::size_t at = svg.find('<'); at != std::string::npos; at = svg.find('<', at + 1)) {
    const std::size_t end = svg.find('>', at);
    if (end == std::string::npos) return false;
    const std::string tag = svg.substr(at + 1, end - at - 1);
    if (tag.empty()) return false;
    if (tag.front() == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
  }
  return open.empty();
}

}  // namespace

TEST_CASE("a diff of a revision against the ruleset it amends shows its overrides",
          "[compare][diff]") {
  Pair p;
  const RulesetDiff d = diff_rulesets(*p.before.program, *p.after.program);
  REQUIRE(d.changes.size() ==
          3);  // threshold changed, site_threshold added, policy_applies changed

  const Change* threshold = find_change(d, "threshold");
  REQUIRE(threshold);
  CHECK(threshold->kind == ChangeKind::changed);
  CHECK(threshold->declaration == DeclarationKind::parameter);
  // The values are data: numbers in their unit, shown only by the renderings.
  REQUIRE(threshold->before.value);
  REQUIRE(threshold->after.value);
  CHECK(threshold->before.value->number == Rational(10));
  CHECK(threshold->after.value->number == Rational(15));
  CHECK(threshold->after.value->unit == Unit::of(Dimension::dwelling));
  CHECK(side_text(threshold->before) == "10 dwellings");
  CHECK(side_text(threshold->after) == "15 dwellings");
  CHECK(threshold->before.citation == "1.2");
  CHECK(threshold->after.citation == "H16 (i)");

  const Change* added = find_change(d, "site_threshold");
  REQUIRE(added);
  CHECK(added->kind == ChangeKind::added);
  CHECK_FALSE(added->before.value);
  REQUIRE(added->after.value);
  CHECK(added->after.value->number == Rational(5000));  // 0.5 ha in square metres
  CHECK(side_text(added->after) == "0.5 ha");

  // The formula's difference is the smallest part that changed, not the whole text.
  const Change* rule = find_change(d, "policy_applies");
  REQUIRE(rule);
  REQUIRE(rule->differences.size() == 1);
  CHECK(rule->differences[0].before == "dwellings >= threshold");
  CHECK(rule->differences[0].after == "dwellings >= threshold or site_area >= site_threshold");

  // A ruleset against itself has no differences.
  CHECK(diff_rulesets(*p.after.program, *p.after.program).changes.empty());

  const auto json = nlohmann::json::parse(render_diff_json(d));
  CHECK(json["format"] == "spdl-diff/1");
  CHECK(json["changes"].size() == 3);
}

TEST_CASE("a portfolio compared under both rulesets", "[compare][portfolio]") {
  Pair p;
  // 12 dwellings on 0.3 ha: caught by the first draft (12 >= 10), released by the revision.
  // 12 dwellings on 0.6 ha: caught by both (the revision by its site area); 40% of 12 = 4.8 -> 5.
  // 20 dwellings: caught by both, 40% of 20 = 8 under each.
  // 5 dwellings on 0.2 ha: caught by neither.
  const std::vector<std::string> yaml = {
      "{name: a, dwellings: 12, site_area: 0.3 ha}", "{name: b, dwellings: 12, site_area: 0.6 ha}",
      "{name: c, dwellings: 20, site_area: 0.7 ha}", "{name: d, dwellings: 5, site_area: 0.2 ha}"};
  std::vector<Scheme> sa, sb;
  for (const auto& y : yaml) {
    sa.push_back(Pair::scheme(p.before, y));
    sb.push_back(Pair::scheme(p.after, y));
  }
  Diagnostics problems;
  const auto c = compare_rulesets(*p.before.program, *p.after.program, sa, sb, {}, problems);
  REQUIRE(c);
  CHECK(problems.empty());
  CHECK(c->schemes == 4);
  REQUIRE(c->differing.size() == 1);
  CHECK(c->differing[0].name == "a");

  const auto& all = c->totals.front();
  bool found_required = false;
  for (const auto& f : all.figures) {
    if (f.name != "affordable_required") continue;
    found_required = true;
    CHECK(f.before == Rational(18));  // 5 (a) + 5 (b) + 8 (c)
    CHECK(f.after == Rational(13));   // 5 (b) + 8 (c)
    CHECK(f.unit_after == Unit::of(Dimension::dwelling));
  }
  CHECK(found_required);
  CHECK(render_comparison_text(*c).find("18 dwellings → 13 dwellings  (-5 dwellings)") !=
        std::string::npos);

  // The reason names the parameter whose change made the difference, with both values.
  bool threshold_named = false;
  for (const auto& change : c->differing[0].changes) {
    for (const auto reason : change.reasons) {
      REQUIRE(reason < c->diff.changes.size());
      threshold_named =
          threshold_named ||
          reason_text(c->diff.changes[reason]).find("threshold: 10 dwellings") != std::string::npos;
    }
  }
  CHECK(threshold_named);

  // Grouping by something that is not a yes/no or enumeration is refused with a reason.
  CHECK_FALSE(compare_rulesets(*p.before.program, *p.after.program, sa, sb, {"affordable_required"},
                               problems));
  REQUIRE(problems.error_count() == 1);
  CHECK(problems.all()[0].message.find("--group-by needs a yes/no") == 0);
}

TEST_CASE("reading --vary", "[sweep]") {
  const auto v = parse_vary("dwellings=1..60");
  REQUIRE(v);
  CHECK(v->input == "dwellings");
  CHECK(v->from == "1");
  CHECK(v->to == "60");
  CHECK(v->step.empty());

  const auto area = parse_vary("site_area=0.1ha..1.0ha:0.05ha");
  REQUIRE(area);
  CHECK(area->from == "0.1ha");
  CHECK(area->to == "1.0ha");
  CHECK(area->step == "0.05ha");

  CHECK_FALSE(parse_vary("dwellings"));
  CHECK_FALSE(parse_vary("dwellings=1"));
  CHECK_FALSE(parse_vary("=1..2"));
  CHECK_FALSE(parse_vary("dwellings=..5"));
}

TEST_CASE("a sweep finds the cliff edges of each ruleset", "[sweep]") {
  Pair p;
  const SuppliedInputs varied = {"dwellings"};
  const std::vector<Scheme> bases = {Pair::scheme(p.before, "site_area: 0.3 ha", varied),
                                     Pair::scheme(p.after, "site_area: 0.3 ha", varied)};
  SweepRequest request;
  request.vary.push_back(*parse_vary("dwellings=1..30"));
  Diagnostics problems;
  const auto s =
      run_sweep({p.before.program.get(), p.after.program.get()}, bases, request, problems);
  REQUIRE(s);
  CHECK(s->figure == "affordable_required");
  REQUIRE(s->axes.size() == 1);
  CHECK(s->axes[0].values.size() == 30);

  // 9 -> 10 dwellings takes the first draft from 0 to 4 (40% of 10); 14 -> 15 takes the revision
  // from 0 to 6 (40% of 15). Elsewhere one more dwelling adds 0 or 1 affordable: no cliff.
  REQUIRE(s->cliffs.size() == 2);
  CHECK(s->cliffs[0].ruleset == "t.first");
  CHECK(s->axes[0].values[s->cliffs[0].from] == Rational(9));
  CHECK(s->cliffs[0].before.low == Rational(0));
  CHECK(s->cliffs[0].before.high == Rational(0));
  CHECK(s->cliffs[0].after.low == Rational(4));
  CHECK(sweep_cliff_jump(*s, s->cliffs[0]) == "0 → 4 dwellings");
  CHECK(s->cliffs[1].ruleset == "t.revised");
  CHECK(sweep_axis_label(s->axes[0], s->cliffs[1].from) == "14 dwellings");
  CHECK(s->cliffs[1].after.high == Rational(6));

  // The base's other inputs are said, so a reader knows what was held fixed.
  REQUIRE(s->base_inputs.size() == 1);
  CHECK(s->base_inputs[0].input == "site_area");
  CHECK(s->base_inputs[0].value.number == Rational(3000));  // 0.3 ha in square metres
  CHECK(display_figure(s->base_inputs[0].value) == "0.3 ha");

  const std::string svg = render_sweep_svg(*s);
  CHECK(balanced_markup(svg));
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("10 dwellings: 0 → 4 dwellings") != std::string::npos);
  CHECK(svg.find("15 dwellings: 0 → 6 dwellings") != std::string::npos);

  const auto json = nlohmann::json::parse(render_sweep_json(*s));
  CHECK(json["series"][0]["values"][9] == "4");
  CHECK(json["cliffs"][1]["from"] == "14");
}

TEST_CASE("a sweep over two inputs joins one step's cliffs across the other", "[sweep]") {
  Pair p;
  const std::vector<Scheme> bases = {Scheme{}};
  SweepRequest request;
  request.vary.push_back(*parse_vary("dwellings=12..16"));
  request.vary.push_back(*parse_vary("site_area=0.4ha..0.6ha:0.1ha"));
  Diagnostics problems;
  const auto s = run_sweep({p.after.program.get()}, bases, request, problems);
  REQUIRE(s);
  REQUIRE(s->axes[1].values.size() == 3);
  CHECK(sweep_axis_label(s->axes[1], 0) == "0.4 ha");
  CHECK(sweep_axis_label(s->axes[1], 2) == "0.6 ha");
  // Along dwellings: 14 -> 15 is a cliff only where the site is under 0.5 ha.
  // Along site area: 0.4 -> 0.5 ha is a cliff for 12, 13 and 14 dwellings (0 -> 5, 5, 6).
  REQUIRE(s->cliffs.size() == 2);
  CHECK(s->cliffs[0].axis == 0);
  CHECK(s->cliffs[0].across == std::vector<std::size_t>{0});
  CHECK(s->cliffs[1].axis == 1);
  CHECK(s->cliffs[1].across == std::vector<std::size_t>{0, 1, 2});
  CHECK(s->cliffs[1].before.low == Rational(0));
  CHECK(s->cliffs[1].before.high == Rational(0));
  CHECK(s->cliffs[1].after.low == Rational(5));
  CHECK(s->cliffs[1].after.high == Rational(6));
  CHECK(sweep_figure_range(*s, s->cliffs[1].after) == "5 to 6 dwellings");
  CHECK(balanced_markup(render_sweep_svg(*s)));
}

TEST_CASE("a sweep says what it could not know, and refuses what it cannot do", "[sweep]") {
  Pair p;
  Diagnostics problems;
  SweepRequest request;
  request.vary.push_back(*parse_vary("dwellings=10..16"));
  // Without a site area, the revision cannot tell whether 10 to 14 dwellings are caught.
  const auto s = run_sweep({p.after.program.get()}, {Scheme{}}, request, problems);
  REQUIRE(s);
  CHECK_FALSE(s->series[0].values[0]);
  CHECK(s->series[0].values[5]);  // 15 dwellings are caught whatever the area
  CHECK(s->series[0].needs == std::vector<std::string>{"site_area"});

  request.vary = {*parse_vary("dwelings=1..5")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));
  REQUIRE(problems.error_count() == 1);
  CHECK(problems.all().back().hint == "did you mean `dwellings`?");

  request.vary = {*parse_vary("dwellings=5..1")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));

  request.vary = {*parse_vary("dwellings=1..5:0")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));

  request.vary = {*parse_vary("dwellings=1..5 ha")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));
  CHECK(problems.all().back().message.find("the last value") != std::string::npos);

  request.vary = {*parse_vary("dwellings=1..1000000")};
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));

  request.vary = {*parse_vary("dwellings=1..5")};
  request.figure = "dwellings";  // an input: nothing the ruleset computes
  CHECK_FALSE(run_sweep({p.after.program.get()}, {Scheme{}}, request, problems));
  CHECK(problems.all().back().message.find("no rule or check `dwellings`") != std::string::npos);
}

TEST_CASE("compare names only the changes that decided each scheme, found by trying them",
          "[compare][because]") {
  // Both thresholds must be passed; the revision lowers both, and cites the share anew.
  TempProject project;
  project.write("rulesets/t/old.spd", R"(ruleset t.old
input dwellings : dwellings
input site_area : ha

parameter threshold = 20 dwellings [1]
parameter min_area  = 1 ha         [1]
parameter share     = 40%          [1]

rule policy_applies [1] = dwellings >= threshold and site_area >= min_area
rule affordable_required : dwellings [1] =
  if policy_applies then round_half_up(dwellings * share) else 0 dwellings
)");
  project.write("rulesets/t/new.spd", R"(ruleset t.new
  amends t.old

override parameter threshold = 10 dwellings [2]
override parameter min_area  = 0.5 ha       [2]
override parameter share     = 40%          [2 (cited anew)]
)");
  const auto before =
      open_ruleset(check(load_ruleset(project.root() / "rulesets/t/old.spd", project.roots())));
  const auto after =
      open_ruleset(check(load_ruleset(project.root() / "rulesets/t/new.spd", project.roots())));
  REQUIRE(before.program);
  REQUIRE(after.program);
  std::vector<Scheme> sa, sb;
  // 12 dwellings on 0.6 ha: 12 < 20 and 0.6 < 1 before; both lowered thresholds are needed.
  // 12 dwellings on 1.2 ha: only the threshold of dwellings held it back.
  // 25 dwellings on 0.6 ha: only the area held it back.
  for (const char* yaml : {"name: both\ndwellings: 12\nsite_area: 0.6 ha\n",
                           "name: dwellings\ndwellings: 12\nsite_area: 1.2 ha\n",
                           "name: area\ndwellings: 25\nsite_area: 0.6 ha\n"}) {
    sa.push_back(Pair::scheme(before, yaml));
    sb.push_back(Pair::scheme(after, yaml));
  }
  Diagnostics problems;
  const auto c = compare_rulesets(*before.program, *after.program, sa, sb, {}, problems);
  REQUIRE(c);
  const auto change_named = [&](const std::string& name) {
    for (std::size_t i = 0; i < c->diff.changes.size(); ++i) {
      if (c->diff.changes[i].name == name) return i;
    }
    FAIL("no change " << name);
    return std::size_t{0};
  };
  const std::size_t threshold = change_named("threshold");
  const std::size_t min_area = change_named("min_area");
  CHECK(citation_only(c->diff.changes[change_named("share")]));
  REQUIRE(c->differing.size() == 3);
  for (const auto& s : c->differing) {
    INFO(s.name);
    REQUIRE_FALSE(s.changes.empty());
    for (const auto& o : s.changes) {
      CHECK(o.tested);
      if (s.name == "both") {
        CHECK(o.together);
        CHECK(o.reasons == std::vector<std::size_t>{threshold, min_area});
      } else {
        CHECK_FALSE(o.together);
        CHECK(o.reasons == std::vector<std::size_t>{s.name == "dwellings" ? threshold : min_area});
      }
    }
  }
}
