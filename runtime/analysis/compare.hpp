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
  // The changes of Comparison::diff that decided it (indices). When `tested`, found by
  // evaluating the scheme under the old ruleset with the revision's new parameter values applied
  // one at a time, then in the smallest set that gives the new outcome: each change listed gives
  // it alone, or the set does together. Otherwise (the outcome needs a changed formula, exception
  // or declaration too) the changes it depends on, the most telling first: a parameter's new
  // value, then a changed formula, then what was added or taken away, inputs last.
  std::vector<std::size_t> reasons;
  bool tested = false;
  bool together = false;  // tested: no change gives it alone; the reasons do together
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
  std::size_t newly_caught = 0;                       // from no to yes
  std::size_t released = 0;                           // from yes to no
  std::size_t unknown_before = 0, unknown_after = 0;  // whether it applies is not known
  std::optional<DwellingsMoved> dwellings;            // when the rulesets have a `dwellings` input
};

// An outcome that is not a number, counted: the schemes where a yes/no rule is yes, or where an
// enumeration rule takes each of its values ("route = fast track": 12 before, 3 after).
struct OutcomeCount {
  std::string name;   // the rule
  std::string value;  // "yes", or the member's label
  std::size_t before = 0;
  std::size_t after = 0;
};

struct GroupTotals {
  std::string group;  // "" for all schemes
  std::size_t schemes = 0;
  std::size_t differing = 0;
  std::vector<FigureTotal> figures;  // each with the schemes it is not known for
  std::vector<PolicyCount> policies;
  std::vector<OutcomeCount> outcomes;  // those whose counts differ over all schemes
};

struct Comparison {
  RulesetDiff diff;
  std::string portfolio;
  std::string group_by;
  std::string group_by_kind;  // "rule" or "input": whose value groups a scheme (the new ruleset's)
  // With `--on`: the date, and why each ruleset is the version in force then ("" for a ruleset
  // named by its file).
  std::string chosen_on, before_because, after_because;
  std::size_t schemes = 0;
  std::vector<SchemeComparison> differing;
  std::vector<GroupTotals> totals;  // all schemes first, then each group in order of appearance
};

struct CompareOptions {
  std::string group_by;  // a boolean or enumeration rule or input of the new ruleset
  // Find the changes that decided each scheme by evaluating them one at a time (see
  // OutcomeChange::reasons); off, the changes each outcome depends on are listed.
  bool test_reasons = true;
};

// Both portfolios hold the same schemes (read for each ruleset's inputs), in the same order.
// Empty optional, with an error in `diagnostics`, when the options do not fit the rulesets.
std::optional<Comparison> compare_rulesets(const Program& before, const Program& after,
                                           const std::vector<Scheme>& schemes_before,
                                           const std::vector<Scheme>& schemes_after,
                                           const CompareOptions& options, Diagnostics& diagnostics);

}  // namespace spdl
