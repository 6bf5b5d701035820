// The runtime through its library API: load, check, lower, evaluate, report.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "json_schema.hpp"
#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/report/wording.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

// A ruleset in a throwaway project, ready to evaluate.
struct Fixture {
  TempProject project;
  OpenedRuleset opened;

  explicit Fixture(const std::string& ruleset) {
    project.write("rulesets/r.spd", ruleset);
    opened = open_ruleset(check(load_ruleset(project.root() / "rulesets/r.spd", project.roots())));
    INFO(render_text(opened.diagnostics, opened.load->sources));
    REQUIRE(opened.program);
  }

  Scheme scheme(const std::string& yaml) {
    SourceSet sources;
    auto loaded = read_scheme(*opened.program->checked, sources, "scheme.yaml", yaml);
    INFO(render_text(loaded.diagnostics, sources));
    REQUIRE(loaded.scheme);
    return *loaded.scheme;
  }

  // A rule's value as a report shows it, after evaluating `yaml`.
  std::string value(const std::string& yaml, const std::string& rule) {
    Evaluator evaluator(opened.program);
    const Scheme s = scheme(yaml);
    const Evaluation& ev = evaluator.evaluate(s);
    const auto symbol = opened.program->checked->find(rule);
    REQUIRE(symbol);
    const auto& checked = *opened.program->checked;
    return report_value(ev, ev.slot(opened.program->rule_slots[symbol->index]),
                        checked.rules[symbol->index].type)
        .display;
  }
};

}  // namespace

TEST_CASE("the shipped Vale ruleset through the library", "[runtime][api]") {
  const auto opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  REQUIRE(opened.program);
  SourceSet sources;
  const auto scheme =
      load_scheme(*opened.program->checked, sources,
                  std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/schemes/wantage_road.yaml");
  REQUIRE(scheme.scheme);
  Evaluator evaluator(opened.program);
  const Report report = build_report(evaluator.evaluate(*scheme.scheme));
  const auto h16 = std::find_if(report.policies.begin(), report.policies.end(),
                                [](const auto& p) { return p.name == "H16"; });
  REQUIRE(h16 != report.policies.end());
  CHECK(h16->applies == Applicability::yes);
  const auto& figures = h16->figures;
  const auto required = std::find_if(figures.begin(), figures.end(),
                                     [](const auto& f) { return f.name == "affordable_required"; });
  REQUIRE(required != figures.end());
  CHECK(required->value.exact == "24");  // 60 dwellings x 40% (H16)
  // The scheme gives no open market value, so the price sought for intermediate market housing
  // (60% of it, SPG 3.6) is unknown; but the only thing that uses it, the check of that price, does
  // not apply (the schedule has no intermediate market homes), so the figure bears on nothing and
  // Missing information does not ask for it. The commuted sums also need market values, but SPG
  // 6.11 does not apply (no dwellings are commuted), so they are not asked for either.
  const auto& spg6 = *std::find_if(report.policies.begin(), report.policies.end(),
                                   [](const auto& p) { return p.name == "SPG_6"; });
  const auto sought = std::find_if(spg6.figures.begin(), spg6.figures.end(), [](const auto& f) {
    return f.name == "intermediate_market_price_sought";
  });
  REQUIRE(sought != spg6.figures.end());
  CHECK(sought->value.state == "unknown");
  CHECK_FALSE(sought->bears);
  CHECK(report.missing.empty());
  CHECK(report.needs.empty());
}

// A report's names, citations and documentation are views of the ruleset's text, not copies: the
// report keeps that text alive, so it reads the same after the program and its evaluator are gone
// (the sanitized run catches a view left dangling).
TEST_CASE("a report outlives the program it came from", "[runtime][api]") {
  Report report;
  std::string json_while_open;
  {
    const auto opened =
        open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
    REQUIRE(opened.program);
    SourceSet sources;
    const auto scheme =
        load_scheme(*opened.program->checked, sources,
                    std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/schemes/wantage_road.yaml");
    REQUIRE(scheme.scheme);
    Evaluator evaluator(opened.program);
    report = build_report(evaluator.evaluate(*scheme.scheme));
    json_while_open = render_report_json(report);
  }
  CHECK(render_report_json(report) == json_while_open);
  CHECK(report.ruleset_id == "vale.revised_draft_2006");
  const auto h16 = std::find_if(report.policies.begin(), report.policies.end(),
                                [](const auto& p) { return p.name == "H16"; });
  REQUIRE(h16 != report.policies.end());
  CHECK_FALSE(h16->title.empty());
  CHECK_FALSE(h16->citation.empty());
}

TEST_CASE("missing information names what each input would settle", "[runtime][unknown]") {
  const auto opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  REQUIRE(opened.program);
  SourceSet sources;
  // 12 dwellings in a town of 11,000 with no site area: below the 15-dwelling limb of H16 (i), so
  // whether H16 applies turns on the 0.5 ha limb, and so do the policies that apply with it.
  const auto scheme = read_scheme(*opened.program->checked, sources, "no_site_area.yaml",
                                  "dwellings: 12\nsettlement_population: 11000\n");
  REQUIRE(scheme.scheme);
  Evaluator evaluator(opened.program);
  const Report report = build_report(evaluator.evaluate(*scheme.scheme));
  const auto site_area = std::find_if(report.missing.begin(), report.missing.end(),
                                      [](const auto& m) { return m.input == "site_area"; });
  REQUIRE(site_area != report.missing.end());
  CHECK(site_area->policies ==
        std::vector<std::string>{"H16", "SPG 5.2", "SPG 5.4", "SPG 5.6", "SPG 6", "SPG 7"});
  // affordable_required waits for site_area too, but through H16's applying: not listed again.
  CHECK(site_area->figures.empty());
  // The two-bedroom limit for affordable flats (SPG 5.5) is sought where H16 applies.
  CHECK(missing_settles(*site_area) ==
        "whether H16, SPG 5.2, SPG 5.4, SPG 5.6, SPG 6 and SPG 7 apply; the check affordable flats "
        "at most two bedrooms");
  CHECK(std::is_sorted(report.needs.begin(), report.needs.end()));
}

TEST_CASE("three-valued logic: missing information is an outcome", "[runtime][unknown]") {
  Fixture f(R"(ruleset r
input a : boolean optional
input b : boolean optional
input n : dwellings optional
rule both = a and b
rule either = a or b
rule pick : dwellings = if a then n else 0 dwellings
rule same : dwellings = if a then 1 dwelling else 1 dwelling
rule more : dwellings = n + 1 dwelling
rule given = known(n)
)");
  CHECK(f.value("b: false", "both") == "no");  // false and unknown is false
  CHECK(f.value("b: true", "both") == "unknown (needs a)");
  CHECK(f.value("b: true", "either") == "yes");  // true or unknown is true
  CHECK(f.value("{}", "either") == "unknown (needs a, b)");
  CHECK(f.value("a: false", "pick") == "0 dwellings");  // the branch taken does not need n
  CHECK(f.value("a: true", "pick") == "unknown (needs n)");
  CHECK(f.value("{}", "same") == "1 dwelling");  // both branches agree: a does not matter
  CHECK(f.value("{}", "more") == "unknown (needs n)");
  CHECK(f.value("n: 4", "more") == "5 dwellings");
  CHECK(f.value("{}", "given") == "no");
}

TEST_CASE("default logic: exceptions, exceptions to exceptions, conflicts",
          "[runtime][exceptions]") {
  Fixture f(R"(ruleset r
input viability : boolean default false
input grant : boolean default false
input rural : boolean default false
input n : dwellings
rule required : dwellings [H16] = round_half_up(n * 40%)
  exception viable [SPG 6.9] when viability then round_half_up(n * 20%)
  exception funded over viable [SPG 6.8] when grant then round_half_up(n * 30%)
  exception rural_share [H17] when rural then round_half_up(n * 50%)
)");
  CHECK(f.value("n: 10", "required") == "4 dwellings");
  CHECK(f.value("{n: 10, viability: yes}", "required") == "2 dwellings");
  CHECK(f.value("{n: 10, viability: yes, grant: yes}", "required") ==
        "3 dwellings");  // the more specific wins
  // Two exceptions at one level giving different answers: an error naming both, with citations.
  CHECK(f.value("{n: 10, viability: yes, rural: yes}", "required") ==
        "error: conflicting exceptions for `required`: `viable` [SPG 6.9] gives 2 dwellings, but "
        "`rural_share` [H17] gives "
        "5 dwellings");
  // Two that agree are no conflict: 40% of 0 and 50% of 0 are both 0.
  CHECK(f.value("{n: 0, viability: yes, rural: yes}", "required") == "0 dwellings");
}

TEST_CASE("errors are values with a place", "[runtime][errors]") {
  Fixture f(R"(ruleset r
input n : dwellings
input m : dwellings
rule share = n / m
rule safe = if m > 0 dwellings then n / m else 0
)");
  CHECK(f.value("{n: 3, m: 0}", "share") == "error: division by zero");
  CHECK(f.value("{n: 3, m: 0}", "safe") == "0");  // the untaken branch's error does no harm
  CHECK(f.value("{n: 3, m: 4}", "share") == "0.75");
}

TEST_CASE("a parameter that cannot be computed is reported before any scheme",
          "[runtime][errors]") {
  TempProject p;
  p.write("rulesets/r.spd",
          "ruleset r\nparameter zero = 0\nparameter rate = 1 / zero [x]\nrule y = rate\n");
  const auto opened = open_ruleset(check(load_ruleset(p.root() / "rulesets/r.spd", p.roots())));
  CHECK_FALSE(opened.program);
  REQUIRE(opened.diagnostics.error_count() == 1);
  CHECK(opened.diagnostics.all()[0].message ==
        "parameter `rate` cannot be computed: division by zero");
}

TEST_CASE("numbers that grow without bound are stopped", "[runtime][limits]") {
  std::string ruleset = "ruleset r\ninput n : number\nrule r0 = n * n\n";
  for (int i = 1; i < 20; ++i)
    ruleset += "rule r" + std::to_string(i) + " = r" + std::to_string(i - 1) + " * r" +
               std::to_string(i - 1) + "\n";
  Fixture f(ruleset);
  // 3^(2^20) has about a million bits; the limit stops it long before.
  CHECK(f.value("n: 3", "r19").find("error: this number is too large to work with") == 0);
}

TEST_CASE("aggregations over the accommodation schedule, with field defaults", "[runtime][lists]") {
  Fixture f(R"(ruleset r
enum tenure = market, social_rent
record row
  bedrooms : bedrooms
  rooms    : habitable_rooms optional default bedrooms * 1 habitable_room per bedroom + 1 habitable_room
  tenure   : tenure
  count    : dwellings
  area     : m2 optional
input schedule : list of row
rule social : dwellings = sum(schedule.count where tenure = social_rent)
rule rooms : habitable_rooms = sum(schedule.(rooms * count / 1 dwelling))
rule flats_big = any(schedule where bedrooms > 2 bedrooms)
rule floor : m2 = sum(schedule.(area * count / 1 dwelling))
)");
  // Harrow Appendix 3: 2 x 1-bed, 12 x 2-bed, 6 x 3-bed, 4 x 4-bed, 1 x 5-bed; habitable rooms are
  // bedrooms plus one living room: 2x2 + 12x3 + 6x4 + 4x5 + 1x6 = 90.
  const std::string harrow = R"(schedule:
  - {bedrooms: 1, tenure: social_rent, count: 2}
  - {bedrooms: 2, tenure: social_rent, count: 12}
  - {bedrooms: 3, tenure: social_rent, count: 6}
  - {bedrooms: 4, tenure: social_rent, count: 4}
  - {bedrooms: 5, tenure: social_rent, count: 1, area: 125 m2}
  - {bedrooms: 2, tenure: market, count: 25, rooms: 4})";
  CHECK(f.value(harrow, "social") == "25 dwellings");
  CHECK(f.value(harrow, "rooms") == "190 habitable rooms");  // 90 + 25 x 4 given explicitly
  CHECK(f.value(harrow, "flats_big") == "yes");
  CHECK(f.value(harrow, "floor") == "unknown (needs schedule.area)");
}

TEST_CASE("an evaluation keeps what its report needs after the scheme is gone",
          "[runtime][evaluation]") {
  Fixture f(R"(ruleset r
record row
  count : dwellings
input site_name : text
input schedule : list of row
input n : dwellings default 3 dwellings
rule total : dwellings = sum(schedule.count) + n
rule named = site_name
)");
  Evaluator evaluator(f.opened.program);
  std::optional<Evaluation> kept;
  {
    auto scheme = std::make_unique<Scheme>(
        f.scheme("site_name: Grove Farm\nschedule:\n  - {count: 4}\n  - {count: 5}\n"));
    scheme->name = "Land north of Grove";
    scheme->reference = "P06/V1234";
    scheme->path = "grove.yaml";
    kept = evaluator.evaluate(*scheme);
  }
  // The evaluator's own evaluation is remade by the next scheme; the copy is not.
  const Scheme other = f.scheme("site_name: Elsewhere\nschedule: []\nn: 1\n");
  CHECK(evaluator.evaluate(other).scheme_name().empty());
  const Report report = build_report(*kept);
  CHECK(report.scheme_name == "Land north of Grove");
  CHECK(report.scheme_reference == "P06/V1234");
  CHECK(report.scheme_path == "grove.yaml");
  std::map<std::string, InputReport> inputs;
  for (const auto& i : report.inputs) inputs[std::string(i.name)] = i;
  CHECK(inputs["site_name"].display == "\"Grove Farm\"");
  CHECK(inputs["schedule"].display == "2 rows");
  CHECK(inputs["n"].display == "3 dwellings (default)");
  CHECK_FALSE(inputs["n"].given);
  CHECK(report.policies[0].figures[0].value.display == "12 dwellings");  // 4 + 5 + the default 3
  CHECK(report.policies[0].figures[1].value.display == "\"Grove Farm\"");
  // A temporary evaluator hands its evaluation over whole.
  const Evaluation moved = Evaluator(f.opened.program).evaluate(other);
  CHECK(build_report(moved).policies[0].figures[1].value.display == "\"Elsewhere\"");
}

TEST_CASE("evaluating from two threads gives the results of one", "[runtime][threads]") {
  const auto opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  REQUIRE(opened.program);
  const auto& checked = *opened.program->checked;
  const auto index = [&](const char* name) { return checked.find(name)->index; };
  // 10,000 schemes from a small linear congruential generator: deterministic and varied.
  std::vector<Scheme> schemes(10000);
  std::uint64_t state = 2006;
  auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  for (auto& s : schemes) {
    s.inputs.assign(checked.inputs.size(), Value{});
    s.lists.resize(checked.inputs.size());
    s.inputs[index("dwellings")] = Value::of(Rational(static_cast<std::int64_t>(1 + next(200))));
    if (next(10) != 0)
      s.inputs[index("site_area")] =
          Value::of(Rational(static_cast<std::int64_t>(100 + next(30000))));
    s.inputs[index("settlement_population")] =
        Value::of(Rational(static_cast<std::int64_t>(200 + next(20000))));
    s.inputs[index("viability_accepted")] = Value::boolean(next(20) == 0);
    s.inputs[index("agreed_affordable")] = Value::of(Rational(static_cast<std::int64_t>(next(10))));
  }
  auto run = [&](std::size_t from, std::size_t to, std::vector<std::string>& out) {
    Evaluator ev(opened.program);
    for (std::size_t i = from; i < to; ++i) {
      out[i] = render_report_json(build_report(ev.evaluate(schemes[i])));
    }
  };
  std::vector<std::string> single(schemes.size()), parallel(schemes.size());
  run(0, schemes.size(), single);
  std::thread first(run, 0, schemes.size() / 2, std::ref(parallel));
  std::thread second(run, schemes.size() / 2, schemes.size(), std::ref(parallel));
  first.join();
  second.join();
  CHECK(single == parallel);
  const auto unknowns = std::count_if(single.begin(), single.end(), [](const std::string& r) {
    return r.find("\"unknown\"") != std::string::npos;
  });
  CHECK(unknowns > 0);  // some schemes lack a site area that matters
}

TEST_CASE("JSON reports follow the documented format", "[runtime][json]") {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/spec/report-format.schema.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto schema = nlohmann::json::parse(text.str());
  Fixture f(R"(ruleset r
  title "T"
  status draft
  published 2006-01-01
input n : dwellings optional
input m : dwellings default 0 dwellings
policy P "A policy" [p1] applies when n > 0 dwellings
rule ratio [r1] = n / m
  exception none_ when m = 3 dwellings then 7
check enough [c1]
  require n > 10 dwellings
  else "{n} is not enough"
)");
  for (const std::string yaml : {"n: 4", "{}", "{n: 4, m: 2}", "{n: 40, m: 3}"}) {
    for (const bool explain : {false, true}) {
      Evaluator ev(f.opened.program);
      const Scheme s = f.scheme(yaml);
      const auto report = nlohmann::json::parse(
          render_report_json(build_report(ev.evaluate(s), {.explain = explain})));
      INFO(yaml << (explain ? " --explain" : "") << "\n" << report.dump(2));
      CHECK(testing::validate_json(report, schema).empty());
    }
  }
}

TEST_CASE("a policy's reason reads as a sentence, in words", "[runtime][report]") {
  Fixture f(R"(ruleset r
input new_build : boolean
input other_mix_justified : boolean optional
input site_area : ha
policy SPG_5_2 "Tenure mix" [SPG 5.2] applies when not other_mix_justified
rule a : ha [SPG 5.2] = site_area
policy HOU3 "Quantity of affordable housing" [HOU3] applies when site_area > 1 ha
rule b : ha [HOU3] = site_area
policy stage_1 "Stage 1: current need" [Appendix A] applies when new_build
rule c : ha [Appendix A] = site_area
)");
  Evaluator ev(f.opened.program);
  const Scheme s = f.scheme("new_build: yes\nother_mix_justified: no\nsite_area: 1.2 ha\n");
  const Report report = build_report(ev.evaluate(s));
  REQUIRE(report.policies.size() >= 3);
  // `not other_mix_justified` holds: the reason names the input's own value.
  CHECK(report.policies[0].why == "other mix justified is no");
  CHECK(report.policies[1].why == "site area (1.2 ha) is more than 1 ha");
  CHECK(report.policies[2].why == "new build is yes");
  CHECK(policy_heading(report.policies[0].name, report.policies[0].title) ==
        "SPG 5.2 — Tenure mix");
  CHECK(policy_heading(report.policies[2].name, report.policies[2].title) ==
        "Stage 1: current need");
  CHECK(policy_heading("stage_1", "Stage 10: later need") == "stage 1 — Stage 10: later need");
  CHECK(human_expression("a_b = \"x_y\\\"z_w\" and c_d") == "a b = \"x_y\\\"z_w\" and c d");
}
