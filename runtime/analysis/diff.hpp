#pragma once
// `spdl diff OLD NEW`: what a revision changes, declaration by declaration. Both rulesets are
// compared as checked (after `amends`, `use`, `override`, `remove`), so diffing a revision against
// the ruleset it amends shows exactly its overrides.

#include <optional>
#include <string>
#include <vector>

#include "spdl/runtime/ir/figure_value.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl {

enum class ChangeKind { added, removed, changed };
const char* change_kind_name(ChangeKind k);

// What a change is to.
enum class DeclarationKind {
  parameter,
  rule,
  exception,
  check,
  condition,
  input,
  table,
  enumeration,
  policy
};
// "parameter", "rule", "exception", "check", "condition", "input", "table", "enum",
// "policy".
const char* declaration_kind_name(DeclarationKind k);

// Where two formulas differ: the smallest sub-expressions that are not alike.
struct ExpressionChange {
  std::string before;
  std::string after;
};

// A declaration as one of the two rulesets has it.
struct DeclarationSide {
  // As the ruleset writes it: a parameter's or rule's formula, an exception's condition and value,
  // a check's condition, an input's type and bounds, a table's rows, an enumeration's members, a
  // policy's title and condition.
  std::string written;
  std::optional<FigureValue> value;  // a parameter's value, when it has one (not a list)
  std::string citation;
};

// Something about a changed declaration besides its value and formula.
enum class ChangeNoteKind {
  measures,   // a parameter's type: `before` and `after` describe the types
  rewritten,  // a parameter written otherwise with the same value: the two formulas
  gives,      // a rule's type: the two types described
  over,       // an exception now refines another: `after` is its label
  reworded,   // a check's message or a condition's text: `after` is the new wording
};

struct ChangeNote {
  ChangeNoteKind kind = ChangeNoteKind::measures;
  std::string before;
  std::string after;
};

struct Change {
  DeclarationKind declaration = DeclarationKind::rule;
  std::string name;  // "urban_threshold", or "affordable_required.viability" for an exception
  ChangeKind kind = ChangeKind::changed;
  DeclarationSide before;                     // empty when added
  DeclarationSide after;                      // empty when removed
  std::vector<ExpressionChange> differences;  // for formulas
  std::vector<ChangeNote> notes;
};

struct RulesetDiff {
  std::string old_id, old_title, old_status;
  std::string new_id, new_title, new_status;
  // Whose guidance, and when: the authority and the dates of each ruleset's header, as the
  // reports show them ("published 2004-06").
  std::string old_authority, new_authority;
  std::vector<std::string> old_dates, new_dates;
  std::string new_amends;
  std::vector<Change> changes;
};

RulesetDiff diff_rulesets(const Program& before, const Program& after);

// A change of citation alone: the declaration says the same as before, under another reference.
// It is not a change of value (`30% → 30%`), so it explains no scheme's outcome.
bool citation_only(const Change& change);

// The smallest differing sub-expressions of two formulas (empty when alike), shared with
// explanations of why two rulesets disagree.
std::vector<ExpressionChange> expression_differences(const CheckedRuleset& a, ast::ExprId ea,
                                                     const CheckedRuleset& b, ast::ExprId eb);

}  // namespace spdl
