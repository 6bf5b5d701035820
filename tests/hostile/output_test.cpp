// Hostile cases of issue 13, fourth part: output that cannot be turned against its reader, and
// messages that say what is wrong. Control characters from ruleset and scheme files are shown,
// not sent to the terminal; a CSV cell that a spreadsheet would run as a formula is written as
// text; a byte order mark, an invisible or look-alike character, lines ended by a CR alone,
// `use ""` and a label given twice each get a message that names them.

#include <catch2/catch.hpp>

#include "hostile_case.hpp"

using namespace spdl::hostile;

namespace {

const std::string vale = source_path(vale_revised);
const std::string braintree = source_path("rulesets/braintree/");

}  // namespace

TEST_CASE("control characters in a title and a scheme's name are shown, not obeyed",
          "[hostile][output]") {
  Workspace w("control_characters");
  // ESC [2J clears a terminal; BEL rings it; ESC ]0; sets the window's title.
  w.write("rulesets/h/title.spd",
          "ruleset h.title\n  title \"Guidance\x1b[2J\x07\"\n  source \"para\x1b]0;owned\x07\"\n"
          "input dwellings : dwellings\nrule r : dwellings [1.1\x1b[31m] = dwellings\n");
  w.write("s.yaml", "name: \"Plot\\e[2J\\a 6\"\ndwellings: 12\n");
  const Run run = expect_run("control_characters_in_a_report", w,
                             {"eval", "rulesets/h/title.spd", "s.yaml"}, {.exit_code = 0});
  CHECK(run.out.find('\x1b') == std::string::npos);
  CHECK(run.out.find('\x07') == std::string::npos);
  const Run listed =
      expect_run("control_characters_in_a_list", w, {"list", "rulesets"}, {.exit_code = 0});
  CHECK(listed.out.find('\x1b') == std::string::npos);
  // A message quoting a bad value quotes it visibly too.
  w.write("bad.yaml", "dwellings: \"\x1b[2J twelve\"\n");
  const Run bad =
      refused("control_characters_in_a_message", w, {"eval", vale, "bad.yaml"}, "bad.yaml:1:12");
  CHECK(bad.err.find('\x1b') == std::string::npos);
}

TEST_CASE("a CSV cell that would be a spreadsheet formula is written as text",
          "[hostile][output]") {
  // OWASP, CSV injection: a cell starting with =, +, - or @ runs in a spreadsheet. A scheme
  // named `=HYPERLINK(...)` is written as '=HYPERLINK(...), which the spreadsheet shows as text.
  Workspace w("csv_formulas");
  // 12 dwellings on 0.4 ha in Braintree Central: below the adopted threshold of 15 dwellings and
  // 0.5 ha, above the rejected option's 10 dwellings and 0.33 ha (1.5): the schemes differ.
  w.write("sites.csv",
          "name,location,dwellings,site_area\n"
          "\"=HYPERLINK(\"\"http://x\"\",\"\"see\"\")\",braintree_central,12,0.4 ha\n"
          "+1+2,braintree_central,12,0.4 ha\n@SUM(A1),braintree_central,12,0.4 ha\n");
  const Run run = expect_run(
      "csv_formula_in_compare_output", w,
      {"compare", braintree + "core_strategy_2009.spd", braintree + "rejected_option_2009.spd",
       "--schemes", "sites.csv", "--format", "csv"},
      {.exit_code = 0});
  CHECK(run.out.find("\n=") == std::string::npos);
  CHECK(run.out.find("\n+") == std::string::npos);
  CHECK(run.out.find("\n@") == std::string::npos);
}

TEST_CASE("messages that name what is wrong", "[hostile][output]") {
  Workspace w("messages");
  // Before: "a spdl file starts with `ruleset <id>`" at 1:1, for a file Notepad saved.
  w.write("rulesets/h/bom.spd",
          "\xEF\xBB\xBFruleset h.bom\ninput dwellings : dwellings\n"
          "rule r : dwellings = dwellings\n");
  expect_run("spd_with_a_byte_order_mark", w, {"check", "rulesets/h/bom.spd"}, {.exit_code = 0});
  // Before: a caret under nothing visible.
  w.write("rulesets/h/invisible.spd",
          "ruleset h.invisible\ninput dwel\xE2\x80\x8Blings : dwellings\n");
  refused("invisible_character_in_a_name", w, {"check", "rulesets/h/invisible.spd"},
          "invisible.spd:2:11");
  w.write("rulesets/h/lookalike.spd",
          "ruleset h.lookalike\ninput dwellings : dwellings\n"
          "rule r : dwellings = dw\xD0\xB5llings\n");
  refused("look_alike_character_in_a_name", w, {"check", "rulesets/h/lookalike.spd"},
          "lookalike.spd:3:24");
  // Before: every error of a file whose lines end with a CR alone was on line 1.
  w.write("rulesets/h/mac.spd",
          "ruleset h.mac\rinput dwellings : dwellings\r"
          "rule r : dwellings = dwelings\r");
  refused("lines_ended_by_a_carriage_return_alone", w, {"check", "rulesets/h/mac.spd"},
          "mac.spd:3:22");
  // Before: "`` is an absolute path".
  w.write("rulesets/h/use.spd", "ruleset h.use\nuse \"\"\n");
  refused("use_of_an_empty_path", w, {"check", "rulesets/h/use.spd"}, "use.spd:2:5");
  // Before: two labels `a` under one rule were no error at all, and with a third declared on
  // its own, both errors pointed at the last.
  w.write("rulesets/h/labels.spd",
          "ruleset h.labels\ninput dwellings : dwellings\nrule r : dwellings = dwellings\n"
          "  exception a when dwellings > 5 dwellings then 1 dwelling\n"
          "  exception a when dwellings > 6 dwellings then 2 dwellings\n"
          "exception a for r when dwellings > 7 dwellings then 3 dwellings\n");
  refused("exception_label_given_twice", w, {"check", "rulesets/h/labels.spd"}, "labels.spd:5:13");
}
