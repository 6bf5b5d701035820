#pragma once
// `spdl diff OLD NEW`: what a revision changes, declaration by declaration. Both rulesets are
// compared as checked (after `amends`, `use`, `override`, `remove`), so diffing a revision against
// the ruleset it amends shows exactly its overrides.

#include <string>
#include <vector>

#include "spdl/runtime/ir/program.hpp"

namespace spdl {

enum class ChangeKind { added, removed, changed };
const char* change_kind_name(ChangeKind k);

// Where two formulas differ: the smallest sub-expressions that are not alike.
struct ExpressionChange {
  std::string before;
  std::string after;
};

struct Change {
  std::string what;  // "parameter", "rule", "exception", "check", "condition", "input", "table",
                     // "enum", "shares", "policy"
  std::string name;  // "urban_threshold", or "affordable_required.viability" for an exception
  ChangeKind kind = ChangeKind::changed;
  std::string old_value;  // a parameter's value, a rule's formula, an input's type...
  std::string new_value;
  std::string old_citation;
  std::string new_citation;
  std::vector<ExpressionChange> differences;  // for formulas
  std::vector<std::string> notes;             // "now optional", "unit: dwellings to ha"
};

struct RulesetDiff {
  std::string old_id, old_title, old_status;
  std::string new_id, new_title, new_status;
  std::string new_amends;
  std::vector<Change> changes;
};

RulesetDiff diff_rulesets(const Program& before, const Program& after);

std::string render_diff_text(const RulesetDiff& diff);
std::string render_diff_markdown(const RulesetDiff& diff);
std::string render_diff_json(const RulesetDiff& diff);
std::string render_diff_html(const RulesetDiff& diff);
// The table of changes alone, for pages that show a diff beside other things.
std::string render_diff_html_section(const RulesetDiff& diff);

// The smallest differing sub-expressions of two formulas (empty when alike), shared with
// explanations of why two rulesets disagree.
std::vector<ExpressionChange> expression_differences(const CheckedRuleset& a, ast::ExprId ea,
                                                     const CheckedRuleset& b, ast::ExprId eb);

}  // namespace spdl
