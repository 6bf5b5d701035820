// Loading through an overlay of unsaved texts (an editor's buffers), and the checker's partial
// result for a ruleset with errors: what the language server builds on.

#include <catch2/catch.hpp>

#include "project_fixture.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

std::filesystem::path real_path(const std::filesystem::path& p) {
  return std::filesystem::weakly_canonical(p);
}

}  // namespace

TEST_CASE("overlay: an unsaved text stands in for its file", "[modules][overlay]") {
  TempProject p;
  p.write("stdlib/local.spd", "module local\nparameter threshold = 15 dwellings [H5]\n");
  p.write(
      "rulesets/r.spd",
      "ruleset r\nuse local\ninput dwellings : dwellings\nrule caught = dwellings >= threshold\n");
  REQUIRE(TempProject::messages(p.check_file("rulesets/r.spd")).empty());

  SourceOverlay overlay;
  // The module, as edited and not saved: `threshold` is renamed, so the ruleset no longer checks.
  overlay.texts[real_path(p.root() / "stdlib/local.spd")] =
      "module local\nparameter limit = 15 dwellings [H5]\n";
  const auto edited = check(load_ruleset(p.root() / "rulesets/r.spd", p.roots(), &overlay));
  CHECK(TempProject::messages(edited) == "unknown name `threshold`\n");
  // The file on disk is unchanged, and read as before without the overlay.
  CHECK(TempProject::messages(p.check_file("rulesets/r.spd")).empty());

  // The file named on the command line comes from the overlay too.
  overlay.texts[real_path(p.root() / "rulesets/r.spd")] =
      "ruleset r\nuse local\ninput dwellings : dwellings\nrule caught = dwellings >= limit\n";
  const auto both = check(load_ruleset(p.root() / "rulesets/r.spd", p.roots(), &overlay));
  CHECK(TempProject::messages(both).empty());
  REQUIRE(both.ruleset);
  CHECK(both.ruleset->parameters[0].name == "limit");
}

TEST_CASE("overlay: `use` finds a module that exists only as an unsaved text",
          "[modules][overlay]") {
  TempProject p;
  p.write("rulesets/r.spd", "ruleset r\nuse local.fresh\nrule doubled : dwellings = homes * 2\n");
  CHECK(TempProject::messages(p.check_file("rulesets/r.spd")) ==
        "there is no module `local.fresh` in stdlib/ or rulesets/\n");

  SourceOverlay overlay;
  overlay.texts[real_path(p.root() / "stdlib/local/fresh.spd")] =
      "module local.fresh\ninput homes : dwellings\n";
  const auto r = check(load_ruleset(p.root() / "rulesets/r.spd", p.roots(), &overlay));
  CHECK(TempProject::messages(r).empty());
  REQUIRE(r.load->modules.size() == 2);
  CHECK(r.load->modules[1].name == "local.fresh");

  // An overlay does not widen the roots: a path that climbs out of them is still refused.
  overlay.texts[real_path(p.root() / "outside.spd")] = "module outside\n";
  const auto out =
      check(load_ruleset_text("r.spd", "ruleset r\nuse \"../outside.spd\"\n", p.roots(), &overlay));
  CHECK(TempProject::messages(out) ==
        "`../outside.spd` leads outside this project's folder tree; a module may only come from there\n");
}

TEST_CASE("check: a ruleset with errors keeps its partial form", "[checker][partial]") {
  TempProject p;
  p.write("rulesets/r.spd",
          "ruleset r\ninput dwellings : dwellings\nparameter threshold = 15 dwellings\n"
          "rule caught = dwellings >= threshhold\nrule fine : dwellings = dwellings\n");
  const auto r = p.check_file("rulesets/r.spd");
  CHECK(r.diagnostics.has_errors());
  CHECK_FALSE(r.ruleset);
  REQUIRE(r.partial);
  // What resolved is there: the rule that checks has its type, the misspelt name no symbol.
  const auto fine = r.partial->find("fine");
  REQUIRE(fine);
  CHECK(r.partial->describe(r.partial->rules[fine->index].type) == "dwellings");
  CHECK(r.partial->expr_symbol.size() == r.load->ast.exprs.size());

  // A ruleset that checks has the same object in both.
  p.write("rulesets/ok.spd",
          "ruleset ok\ninput dwellings : dwellings\nrule fine : dwellings = dwellings\n");
  const auto ok = p.check_file("rulesets/ok.spd");
  REQUIRE(ok.ruleset);
  CHECK(ok.partial == ok.ruleset);
  // Syntax errors stop checking before names are resolved: no partial form.
  p.write("rulesets/bad.spd", "ruleset bad\nrule = \n");
  CHECK_FALSE(p.check_file("rulesets/bad.spd").partial);
}
