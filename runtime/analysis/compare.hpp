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
#include "spdl/runtime/ir/figure_value.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

// What is compared for each scheme: whether a policy applies, a figure, or a check's finding.
enum class OutcomeKind { policy, figure, check };

// One outcome of a scheme that the revision changes.
struct OutcomeChange {
  OutcomeKind kind = OutcomeKind::figure;
  std::string name;                         // the policy, the rule or the check
  FigureValue figure_before, figure_after;  // a figure
  Applicability applies_before = Applicability::always, applies_after = Applicability::always;
  Finding finding_before = Finding::unknown, finding_after = Finding::unknown;
  // The changes of Comparison::diff it depends on (indices), the most telling first: a
  // parameter's new value, then a changed formula, then what was added or taken away, inputs last.
  std::vector<std::size_t> reasons;
};

struct SchemeComparison {
  std::string name;
  std::string group;  // the value of --group-by for this scheme: "urban = yes"
  std::vector<OutcomeChange> changes;
};

// A figure summed over the schemes where it is known, under each ruleset.
struct FigureTotal {
  std::string name;
  Rational before, after;  // in base units
  Unit unit_before, unit_after;
  std::size_t unknown_before = 0;  // schemes whose figure was unknown or an error
  std::size_t unknown_after = 0;
};

// The dwellings on the schemes a revision newly catches or releases, and on all the group's
// schemes, to put them in proportion.
struct DwellingsMoved {
  Rational newly_caught, released, in_group;  // in base units
  Unit unit;
};

struct PolicyCount {
  std::string name;
  std::size_t before = 0;  // schemes where it applies
  std::size_t after = 0;
  std::size_t newly_caught = 0;
  std::size_t released = 0;
  std::optional<DwellingsMoved> dwellings;  // when the rulesets have a `dwellings` input
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

}  // namespace spdl
