#pragma once
// `spdl compare OLD NEW --schemes PORTFOLIO`: both rulesets evaluated over the same schemes; the
// schemes whose outcome differs, with the figures under each and the changes that made the
// difference; and totals (affordable dwellings secured, schemes newly caught or released, sums of
// money), optionally by group (`--group-by urban`).

#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

struct FigureChange {
  std::string name;  // a rule, a check (its finding) or a policy (whether it applies)
  std::string before;
  std::string after;
  // The changes it depends on: "urban_threshold: 15 dwellings → 10 dwellings [1.5]".
  std::vector<std::string> reasons;
  std::string before_value;  // exact, for programs ("4"); "" when the figure is not a number
  std::string after_value;
};

struct SchemeComparison {
  std::string name;
  std::string group;  // the value of --group-by for this scheme
  std::vector<FigureChange> changes;
};

struct FigureTotal {
  std::string name;
  std::string unit;
  std::string before;  // sums, as displayed
  std::string after;
  std::string change;
  std::size_t unknown_before = 0;  // schemes whose figure was unknown or an error
  std::size_t unknown_after = 0;
  std::string before_value;  // the same, exact, for programs: "1069", "5281380.00"
  std::string after_value;
  std::string change_value;
};

struct PolicyCount {
  std::string name;
  std::size_t before = 0;  // schemes where it applies
  std::size_t after = 0;
  std::size_t newly_caught = 0;
  std::size_t released = 0;
  // The dwellings on the schemes newly caught or released, when the rulesets have a `dwellings`
  // input; and on all the group's schemes, to put them in proportion.
  std::string dwellings_newly_caught;
  std::string dwellings_released;
  std::string dwellings_in_group;
  std::string share_newly_caught;  // of the group's dwellings: "≈ 10.64%"
  std::string share_released;
  std::string dwellings_newly_caught_value;  // exact: "214"
  std::string dwellings_released_value;
  std::string dwellings_in_group_value;
};

struct GroupTotals {
  std::string group;  // "" for all schemes
  std::size_t schemes = 0;
  std::size_t differing = 0;
  std::vector<FigureTotal> figures;
  std::vector<PolicyCount> policies;
};

struct Comparison {
  RulesetDiff diff;
  std::string portfolio;
  std::string group_by;
  std::size_t schemes = 0;
  std::vector<SchemeComparison> differing;
  std::vector<GroupTotals> totals;  // all schemes first, then each group in order of appearance
};

struct CompareOptions {
  std::string group_by;  // a boolean or enumeration rule or input of the new ruleset
};

// Both portfolios hold the same schemes (read for each ruleset's inputs), in the same order.
// Empty optional, with an error in `diagnostics`, when the options do not fit the rulesets.
std::optional<Comparison> compare_rulesets(const Program& before, const Program& after,
                                           const std::vector<Scheme>& schemes_before,
                                           const std::vector<Scheme>& schemes_after,
                                           const CompareOptions& options, Diagnostics& diagnostics);

std::string render_comparison_text(const Comparison& c);
std::string render_comparison_markdown(const Comparison& c);
std::string render_comparison_json(const Comparison& c);
std::string render_comparison_csv(const Comparison& c);
std::string render_comparison_html(const Comparison& c);

}  // namespace spdl
