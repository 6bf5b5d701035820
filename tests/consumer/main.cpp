// A program of an integrator's, built against an installed spdl with find_package(spdl): it
// evaluates the Vale of White Horse's revised draft guidance on a scheme built in code (the
// figures of rulesets/vale/schemes/wantage_road.yaml) and prints the requirement with its reasons.
// spec/library.md shows this file; tests/consumer builds and runs it against `cmake --install`.

#include <iostream>

#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/scheme_builder.hpp"
#include "spdl/version.hpp"

int main() {
  // An installed ruleset, found where spdl is installed (SPDL_HOME overrides it).
  const auto path = spdl::spdl_home() / "rulesets/vale/revised_draft_2006.spd";
  const spdl::OpenedRuleset opened = spdl::open_ruleset(path);
  if (!opened.program) {
    std::cerr << spdl::render_text(opened.diagnostics, opened.load->sources);
    return 1;
  }

  // The application's facts, as the back-office system holds them.
  spdl::SchemeBuilder builder(opened.program->checked);
  builder.name("Land off Wantage Road")
      .reference("P06/V1234")
      .set("dwellings", "60")
      .set("site_area", "2.4 ha")
      .set("settlement_population", "11,000")
      .set("lifetime_homes_proposed", "3")
      .set("shared_ownership_initial_share", "35%");
  const struct {
    const char *type, *bedrooms, *tenure, *count;
  } schedule[] = {
      {"house", "3", "market", "16"},          {"house", "4", "market", "10"},
      {"flat", "2", "market", "10"},           {"flat", "1", "social_rent", "5"},
      {"flat", "2", "social_rent", "2"},       {"house", "2", "social_rent", "5"},
      {"house", "3", "social_rent", "5"},      {"house", "4", "social_rent", "1"},
      {"flat", "1", "shared_ownership", "2"},  {"flat", "2", "shared_ownership", "1"},
      {"house", "2", "shared_ownership", "2"}, {"house", "3", "shared_ownership", "1"},
  };
  for (const auto& row : schedule) {
    builder.add_row("schedule", {{"type", row.type},
                                 {"bedrooms", row.bedrooms},
                                 {"tenure", row.tenure},
                                 {"count", row.count}});
  }
  spdl::SourceSet scheme_sources;
  const spdl::SchemeLoad scheme = builder.build(scheme_sources);
  if (!scheme.scheme) {
    std::cerr << spdl::render_text(scheme.diagnostics, scheme_sources);
    return 1;
  }

  // One evaluator per thread, reused for as many schemes as it is given.
  spdl::Evaluator evaluator(opened.program);
  const spdl::Evaluation& evaluation = evaluator.evaluate(*scheme.scheme);
  const spdl::Report report = spdl::build_report(evaluation);

  std::cout << "spdl " << SPDL_VERSION_STRING << ": " << report.title << "\n";
  for (const spdl::PolicyReport& policy : report.policies) {
    for (const spdl::FigureReport& figure : policy.figures) {
      if (figure.name == "affordable_required" || figure.name == "social_rent_required") {
        std::cout << figure.name << " = " << figure.value.display << " [" << figure.citation
                  << "]\n";
      }
    }
  }
  const spdl::PolicyReport& h16 = report.policies.front();
  std::cout << h16.name << " applies: " << spdl::applicability_name(h16.applies) << ", because "
            << h16.why << "\n";
  return 0;
}
