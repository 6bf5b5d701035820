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
  // The same as a committee reads it: a formula as a sentence ("40% of the dwellings, rounded half
  // up"), a condition's "where ...", a list's members by their labels. "" where `written` already
  // reads so (a value, an input's type).
  std::string words = {};
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
  // Its name in words: "affordable required", "affordable required, exception viability",
  // "H16 — Affordable housing on qualifying sites".
  std::string label = {};
  // The headings of the policies it bears on, in the ruleset that has it (the new one, else the
  // old): a rule's, check's or condition's own policy; for a parameter, input or exception, the
  // policies of the rules and checks that use it.
  std::vector<std::string> policies = {};
};

// A list whose members changed: an enumeration's members, a parameter's list of members
// (`affordable_tenures`), or the parts of a `shares` group. Members by their labels, in order.
struct ListChange {
  DeclarationKind declaration = DeclarationKind::parameter;  // enumeration, parameter, or
                                                             // parameter for a shares group
  std::string name;     // "affordable_tenures", "tenure", "tenure_split"
  std::string label;    // "affordable tenures"
  bool shares = false;  // the parts of a shares group
  std::vector<std::string> kept, removed, added;
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
  // Lists that gained or lost members, for the summary: "tenures: social rent kept, shared equity
  // removed, London Living Rent added". Only lists present in both rulesets.
  std::vector<ListChange> lists = {};
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
