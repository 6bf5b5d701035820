// Every example in spec/language.md is checked, so the reference cannot drift from the language.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"

using namespace spdl;

namespace {

struct Example {
  std::size_t line;
  std::string info;  // "spdl", "spdl fragment", "spdl error: MESSAGE", "spdl warning: MESSAGE"
  std::string text;
};

std::vector<Example> examples() {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/spec/language.md");
  std::vector<Example> out;
  std::string line;
  std::size_t number = 0;
  std::optional<Example> open;
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("```")) {
      if (open) {
        if (open->info.starts_with("spdl")) out.push_back(*open);
        open.reset();
      } else {
        open = Example{number, line.substr(3), ""};
      }
      continue;
    }
    if (open) open->text += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("every example in the language reference checks as it says", "[spec]") {
  const auto all = examples();
  REQUIRE(all.size() >= 15);
  const ModuleRoots roots{
      {std::string(SPDL_SOURCE_DIR) + "/stdlib", std::string(SPDL_SOURCE_DIR) + "/rulesets"}};
  for (const auto& ex : all) {
    const bool fragment = ex.info == "spdl fragment";
    const std::string text =
        fragment ? "ruleset spec.fragment\nuse national.scheme\n" + ex.text : ex.text;
    const auto result =
        check(load_ruleset_text("spec/language.md:" + std::to_string(ex.line), text, roots));
    INFO("spec/language.md line " << ex.line << "\n"
                                  << text << render_text(result.diagnostics, result.load->sources));
    if (ex.info.starts_with("spdl error: ")) {
      const std::string expected = ex.info.substr(12);
      bool found = false;
      for (const auto& d : result.diagnostics.all())
        found |= d.severity == Severity::error && d.message == expected;
      CHECK(found);
    } else if (ex.info.starts_with("spdl warning: ")) {
      const std::string expected = ex.info.substr(14);
      bool found = false;
      for (const auto& d : result.diagnostics.all())
        found |= d.severity == Severity::warning && d.message == expected;
      CHECK(found);
      CHECK_FALSE(result.diagnostics.has_errors());
    } else {
      REQUIRE((ex.info == "spdl" || fragment));
      CHECK_FALSE(result.diagnostics.has_errors());
      // A ruleset must also lower: its parameters and tables compute.
      if (result.ruleset && !result.ruleset->header().is_module) {
        Diagnostics lowering;
        CHECK(lower_from_checked(result.ruleset, lowering));
      }
    }
  }
}
