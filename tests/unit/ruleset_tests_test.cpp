// Ruleset tests through the library: expected values to their decimal places, parameters a case
// changes, the coverage of a revision, and the JSON and JUnit results.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"
#include "spdl/runtime/testing/expected_values.hpp"
#include "spdl/runtime/testing/test_report.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

// A ruleset with a share of habitable rooms, a derived parameter, a table and an input default
// computed from parameters.
const char* const ruleset = R"(ruleset demo.rooms
  title "Habitable rooms"

input dwellings                  : dwellings
input habitable_rooms            : habitable_rooms
input affordable_habitable_rooms : habitable_rooms optional
input site_area                  : ha default minimum_site_area

parameter threshold         = 35% [A]
parameter low_cost_rent     = threshold * 30% [B]
parameter minimum_site_area = 0.5 ha [C]
parameter tenures           = [social_rent, shared_ownership] [D]
parameter label             = "London" [E]

enum tenure = social_rent, shared_ownership

record band
  from  : dwellings
  share : percent

table bands [F]
  | from          | share     |
  |---------------|-----------|
  | 10 dwellings  | threshold |
  | 150 dwellings | 50%       |

rule share : percent [A] = affordable_habitable_rooms / habitable_rooms * 100%
rule share_to_places : percent [A] = round_half_up(share, 2)
rule share_to_whole_percent : percent [A] = round_half_up(share)
rule ratio_to_places [A] = round_half_up(affordable_habitable_rooms / habitable_rooms, 4)
rule rooms_required : habitable_rooms [A] = round_up(habitable_rooms * threshold)
rule low_cost_rooms : habitable_rooms [B] = round_up(habitable_rooms * low_cost_rent)
rule third : dwellings [A] = dwellings / 3
rule band_share : percent [F] = bands[10 dwellings].share
rule area : ha [C] = site_area
)";

struct Run {
  TempProject project;
  TestFileResult result;

  explicit Run(const std::string& test_file, const std::string& spd = ruleset) {
    project.write("rulesets/demo/rooms.spd", spd);
    project.write("rulesets/demo/rooms.test.yaml", test_file);
    result = run_test_file(project.root() / "rulesets/demo/rooms.test.yaml");
    INFO(result.diagnostics_text);
    REQUIRE(result.can_run());
  }

  // Every failure's message, one a line.
  std::string failures() const {
    std::string out;
    for (const auto& c : result.cases) {
      for (const auto& f : c.failures) out += f.message + "\n";
    }
    return out;
  }
};

std::string one_case(const std::string& body) {
  return "ruleset: rooms.spd\ncases:\n  - name: the case\n" + body;
}

const char* const scheme_253_of_700 =
    "    scheme: {dwellings: 60, habitable_rooms: 700, affordable_habitable_rooms: 253}\n";

}  // namespace

TEST_CASE("the places an expected number is written to", "[testing][precision]") {
  auto p = written_precision("36.14%");
  REQUIRE(p);
  CHECK(p->places == 2);
  CHECK(p->last_place == "0.01%");
  p = written_precision(
      "\xC2\xA3"
      "1,250.50");
  CHECK(p->places == 2);
  CHECK(p->last_place ==
        "\xC2\xA3"
        "0.01");
  p = written_precision("-3.5 dwellings");
  CHECK(p->places == 1);
  CHECK(p->last_place == "0.1 dwellings");
  p = written_precision("245 habitable_rooms");
  CHECK(p->places == 0);
  CHECK(p->last_place == "1 habitable_rooms");
  CHECK_FALSE(written_precision("yes"));
}

TEST_CASE("a value compared to a step, rounded half away from zero", "[testing][precision]") {
  const Rational share = *Rational::divide(Rational(253), Rational(700));  // 0.36142857...
  const Rational step = Rational::fraction(1, 10000);                      // 0.01%
  CHECK(equal_to_step(share, Rational::fraction(3614, 10000), step));
  CHECK_FALSE(equal_to_step(share, Rational::fraction(3615, 10000), step));
  CHECK(equal_to_step(-share, -Rational::fraction(3614, 10000), step));
  // 2/3 = 0.666...: 0.67 to two places, not 0.66.
  const Rational two_thirds = Rational::fraction(2, 3);
  CHECK(equal_to_step(two_thirds, Rational::fraction(67, 100), Rational::fraction(1, 100)));
  CHECK_FALSE(equal_to_step(two_thirds, Rational::fraction(66, 100), Rational::fraction(1, 100)));
}

TEST_CASE("a value shown with the digits that tell it apart", "[testing][precision]") {
  const Rational share = *Rational::divide(Rational(253), Rational(700));
  CHECK(display_precisely(share, Unit::percentage(), 4) == "36.1428\xE2\x80\xA6%");
  // A value that ends is shown in full, however many places it has.
  CHECK(display_precisely(Rational::fraction(3614525, 10000000), Unit::percentage(), 4) ==
        "36.14525%");
  CHECK(display_precisely(Rational::fraction(58683010, 2000), Unit::of(Dimension::money), 4) ==
        "\xC2\xA3"
        "29,341.505");
  CHECK(display_precisely(Rational::fraction(-1, 3), Unit::of(Dimension::dwelling), 4) ==
        "-0.3333\xE2\x80\xA6 dwellings");
  CHECK(display_precisely(Rational(1), Unit::of(Dimension::dwelling), 4) == "1 dwelling");
}

TEST_CASE("an expected value's decimal places decide only a value that does not end",
          "[testing][precision]") {
  // 253 / 700 = 36.142857...%: to two places 36.14%, to one 36.1%, to three 36.143%.
  Run passes(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                       "      share: 36.14%\n"
                                                       "      share_to_places: 36.14%\n"
                                                       "      third: 20 dwellings\n"));
  CHECK(passes.failures().empty());
  Run places(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                       "      share: 36.1%\n"));
  CHECK(places.failures().empty());
  Run three(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                      "      share: 36.143%\n"));
  CHECK(three.failures().empty());

  // 10 / 3 dwellings: to two places 3.33; written without places it is exact, and fails.
  Run third(
      one_case("    scheme: {dwellings: 10, habitable_rooms: 700}\n"
               "    expect:\n"
               "      third: 3.33 dwellings\n"));
  CHECK(third.failures().empty());
  Run whole(
      one_case("    scheme: {dwellings: 10, habitable_rooms: 700}\n"
               "    expect:\n"
               "      third: 3 dwellings\n"));
  CHECK(whole.failures() ==
        "third: expected 3 dwellings, got 3.3333\xE2\x80\xA6 dwellings (its decimals do not end: "
        "write the places to compare to, such as 3.33 dwellings)\n");

  Run wrong(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                      "      share: 36.15%\n"));
  CHECK(wrong.failures() == "share: expected 36.15% (to 2 places), got 36.1428\xE2\x80\xA6%\n");
  const auto& f = wrong.result.cases[0].failures[0];
  CHECK(f.path == "share");
  CHECK(f.expected == "36.15% (to 2 places)");
  CHECK(f.actual == "36.1428\xE2\x80\xA6%");

  // 2,891 / 8,000 = 36.1375% ends: it is compared exactly, so 36.14% does not pass for it.
  Run ends(one_case(
      "    scheme: {dwellings: 60, habitable_rooms: 8000, affordable_habitable_rooms: 2891}\n"
      "    expect:\n"
      "      share: 36.14%\n"));
  CHECK(ends.failures() == "share: expected 36.14%, got 36.1375%\n");
}

TEST_CASE("round_half_up on a percentage rounds the percentage's places", "[testing][rounding]") {
  // 253 / 700 = 36.142857...%. To two places of the percentage, 36.14%; to a whole percent, 36%.
  // A ratio of two counts is a plain number: its four places are of the fraction, 0.3614.
  Run r(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                  "      share_to_places: 36.14%\n"
                                                  "      share_to_whole_percent: 36%\n"
                                                  "      ratio_to_places: 0.3614\n"));
  CHECK(r.failures().empty());
}

TEST_CASE("a case changes parameters, and what is computed from them", "[testing][parameters]") {
  // threshold 40%: low_cost_rent 40% x 30% = 12%; 700 x 40% = 280 rooms, 700 x 12% = 84; the
  // table's first band reads the threshold (40%); the site area's default is the new 0.6 ha.
  Run r(
      "ruleset: rooms.spd\n"
      "cases:\n"
      "  - name: what if the threshold were 40%\n"
      "    parameters: {threshold: 40%, minimum_site_area: 6000 m2}\n" +
      std::string(scheme_253_of_700) +
      "    expect:\n"
      "      threshold: 40%\n"
      "      low_cost_rent: 12%\n"
      "      rooms_required: 280 habitable_rooms\n"
      "      low_cost_rooms: 84 habitable_rooms\n"
      "      band_share: 40%\n"
      "      area: 0.6 ha\n"
      "  - name: the next case has the ruleset's own values again\n" +
      std::string(scheme_253_of_700) +
      "    expect:\n"
      "      threshold: 35%\n"
      "      low_cost_rent: 10.5%\n"
      "      rooms_required: 245 habitable_rooms\n"
      "      band_share: 35%\n"
      "      area: 0.5 ha\n");
  CHECK(r.failures().empty());
  REQUIRE(r.result.cases.size() == 2);
  const auto& changed = r.result.cases[0].parameters;
  REQUIRE(changed.size() == 3);
  CHECK(changed[0].name == "threshold");
  CHECK(changed[0].before == "35%");
  CHECK(changed[0].after == "40%");
  CHECK_FALSE(changed[0].derived);
  CHECK(changed[1].name == "minimum_site_area");
  CHECK(changed[1].after == "0.6 ha");
  CHECK(changed[2].name == "low_cost_rent");
  CHECK(changed[2].before == "10.5%");
  CHECK(changed[2].after == "12%");
  CHECK(changed[2].derived);
  CHECK(r.result.cases[1].parameters.empty());
}

TEST_CASE("a case's parameters are checked like a scheme's values", "[testing][parameters]") {
  Run r(
      one_case("    parameters:\n"
               "      treshold: 40%\n"
               "      dwellings: 12\n"
               "      share: 10%\n"
               "      minimum_site_area: 10 dwellings\n"
               "      low_cost_rent: 0.3\n"
               "      tenures: social_rent\n"
               "      label: Camden\n" +
               std::string(scheme_253_of_700) +
               "    expect:\n"
               "      share: 36.14%\n"));
  CHECK(r.failures() ==
        "parameters.treshold: not a parameter of demo.rooms; did you mean `threshold`?\n"
        "parameters.dwellings: an input, which the case's `scheme:` gives\n"
        "parameters.share: a rule, computed from the scheme: a case changes parameters only\n"
        "parameters.minimum_site_area: expected an area, got a number of dwellings (\"10 "
        "dwellings\") (the parameter is ha)\n"
        "parameters.low_cost_rent: write a percentage with its sign, such as \"40%\"; got \"0.3\" "
        "(the parameter is a percentage)\n"
        "parameters.tenures: a list cannot be changed in a case (a number, a yes/no, a date or "
        "an enumeration's member can)\n"
        "parameters.label: text cannot be changed in a case (a number, a yes/no, a date or an "
        "enumeration's member can)\n");
}

TEST_CASE("a program lowered with a parameter's new value", "[testing][parameters][lower]") {
  TempProject project;
  project.write("rulesets/demo/rooms.spd", ruleset);
  const auto opened = open_ruleset(project.root() / "rulesets/demo/rooms.spd");
  REQUIRE(opened.program);
  const auto& checked = *opened.program->checked;
  const auto threshold = checked.find("threshold")->index;
  const auto low_cost = checked.find("low_cost_rent")->index;
  Diagnostics d;
  const auto program = lower_from_checked(opened.program->checked, d,
                                          {{threshold, Value::of(Rational::fraction(1, 2))}});
  REQUIRE(program);
  // 50% x 30% = 15%, recomputed by the setup block; the original program keeps 35% and 10.5%.
  CHECK(program->initial_slots[program->parameter_slots[low_cost]].number ==
        Rational::fraction(15, 100));
  CHECK(opened.program->initial_slots[opened.program->parameter_slots[low_cost]].number ==
        Rational::fraction(105, 1000));
}

TEST_CASE("a case's keys are checked", "[testing]") {
  Run r(one_case(std::string(scheme_253_of_700) + "    expects:\n"
                                                  "      share: 36.14%\n"));
  CHECK(r.failures().find("`expects` is not a key of a case; did you mean `expect`?") !=
        std::string::npos);
  Run unknown(one_case(std::string(scheme_253_of_700) + "    expect:\n"
                                                        "      shares: 36.14%\n"));
  CHECK(unknown.failures() ==
        "`shares` is not a rule, parameter, check, condition or policy of demo.rooms; did you mean "
        "`share`?\n");
}

TEST_CASE("a check or a condition expected unknown for want of named inputs", "[testing]") {
  const std::string spd = R"(ruleset demo.rooms
input dwellings     : dwellings
input student       : boolean default false
input major         : boolean optional
input demand_shown  : boolean optional

policy P "Student housing" [A] applies when student and major

check demand [B]
  when student and major
  require demand_shown

condition assessment [A] "An assessment of need"
)";
  const std::string scheme = "    scheme: {dwellings: 200, student: yes, major: yes}\n";
  Run met(one_case(scheme + "    expect:\n      demand: unknown (needs demand_shown)\n"
                            "      assessment: yes\n"),
          spd);
  CHECK(met.failures().empty());
  Run other(one_case(scheme + "    expect:\n      demand: unknown (needs major, dwellings)\n"),
            spd);
  CHECK(other.failures() ==
        "demand: expected unknown (needs major, dwellings), got unknown (needs demand_shown)\n");
  Run condition(one_case("    scheme: {dwellings: 200, student: yes}\n"
                         "    expect:\n      assessment: unknown (needs major)\n"
                         "      demand: unknown (needs major)\n"),
                spd);
  CHECK(condition.failures().empty());
}

TEST_CASE("a revision's coverage lists its changes and whether its cases exercise them",
          "[testing][coverage]") {
  TempProject project;
  project.write("rulesets/demo/rooms.spd", ruleset);
  project.write("rulesets/demo/draft.spd", R"(ruleset demo.draft
  title "A draft"
  amends demo.rooms

override parameter threshold = 40% [A]
parameter public_land_threshold = 50% [A]
rule public_land_rooms : habitable_rooms [A] = round_up(habitable_rooms * public_land_threshold)
)");
  // 700 x 40% = 280: the threshold is exercised; the public land rule and its parameter are not.
  project.write("rulesets/demo/draft.test.yaml",
                "ruleset: draft.spd\ncases:\n  - name: the threshold\n" +
                    std::string(scheme_253_of_700) +
                    "    expect:\n"
                    "      rooms_required: 280\n");
  const auto r = run_test_file(project.root() / "rulesets/demo/draft.test.yaml");
  REQUIRE(r.ok());
  REQUIRE(r.coverage.revision);
  const auto& rev = *r.coverage.revision;
  CHECK(rev.amends == "demo.rooms");
  std::map<std::string, std::pair<bool, bool>> seen;  // counted, exercised
  for (const auto& c : rev.changes) seen[c.what + " " + c.name] = {c.counted, c.exercised};
  CHECK(seen.at("parameter threshold") == std::pair{true, true});
  CHECK(seen.at("rule public_land_rooms") == std::pair{true, false});
  CHECK(seen.at("parameter public_land_threshold") == std::pair{true, false});
  // The low-cost rent share is computed from the threshold, so the revision changes it too
  // (10.5% to 12%), and no case expects a rule that reads it.
  CHECK(seen.at("parameter low_cost_rent") == std::pair{true, false});
  CHECK(rev.counted() == 4);
  CHECK(rev.exercised() == 1);
  CHECK_FALSE(r.coverage.complete());
  CHECK(r.coverage.rules == 1);
  CHECK(r.coverage.rules_missed == std::vector<std::string>{"public_land_rooms"});
}

TEST_CASE("the JSON results", "[testing][json]") {
  Run r(one_case(std::string(scheme_253_of_700) + "    parameters: {threshold: 40%}\n"
                                                  "    expect:\n"
                                                  "      rooms_required: 281 habitable_rooms\n"));
  const auto doc = nlohmann::json::parse(render_test_results_json({r.result}, {.coverage = true}));
  CHECK(doc["format"] == "spdl-test/1");
  CHECK(doc["summary"]["cases"] == 1);
  CHECK(doc["summary"]["failed"] == 1);
  const auto& c = doc["files"][0]["cases"][0];
  CHECK(c["status"] == "failed");
  CHECK(c["parameters"][0]["name"] == "threshold");
  CHECK(c["failures"][0]["path"] == "rooms_required");
  CHECK(c["failures"][0]["expected"] == "281 habitable rooms");
  CHECK(c["failures"][0]["actual"] == "280 habitable rooms");
  CHECK(doc["files"][0]["coverage"]["rules"]["total"] == 9);
}

TEST_CASE("XML text is escaped, and what XML cannot hold replaced", "[testing][junit]") {
  CHECK(xml_escaped("a < b & \"c\" > 'd'", true) ==
        "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  CHECK(xml_escaped("a < b & \"c\"", false) == "a &lt; b &amp; \"c\"");
  CHECK(xml_escaped("line\none\ttab", true) == "line&#10;one&#9;tab");
  CHECK(xml_escaped("line\none", false) == "line\none");
  CHECK(xml_escaped(std::string("bell\x07", 5), false) == "bell\xEF\xBF\xBD");
  CHECK(xml_escaped("\xC2\xA3"
                    "5 \xE2\x86\x92 \xF0\x9F\x8F\xA0",
                    false) ==
        "\xC2\xA3"
        "5 \xE2\x86\x92 \xF0\x9F\x8F\xA0");
  CHECK(xml_escaped("bad \xC3 byte \xFF", false) == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
}

TEST_CASE("the JUnit results", "[testing][junit]") {
  Run r(
      "ruleset: rooms.spd\n"
      "cases:\n"
      "  - name: passes <first>\n" +
      std::string(scheme_253_of_700) +
      "    expect: {rooms_required: 245}\n"
      "  - name: fails & says why\n" +
      std::string(scheme_253_of_700) + "    expect: {rooms_required: 246}\n");
  const std::string xml = render_test_results_junit({r.result}, {});
  CHECK(
      xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<testsuites name=\"spdl test\" tests=\"2\" failures=\"1\" errors=\"0\">"));
  CHECK(xml.find("name=\"passes &lt;first&gt;\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"rooms_required: expected 246 habitable rooms, got 245 "
                 "habitable rooms\" type=\"expectation\">") != std::string::npos);
  CHECK(xml.find("name=\"fails &amp; says why\"") != std::string::npos);

  TestFileResult missing = run_test_file("no/such.test.yaml");
  const std::string error = render_test_results_junit({missing}, {});
  CHECK(error.find("<error message=\"cannot read no/such.test.yaml: it does not exist (no such "
                   "file)\" type=\"cannot-run\">") != std::string::npos);
}
