#pragma once
// Explanations: why a condition came out as it did, and the derivation of every figure as a tree
// of the rule, the exception that fired, the parameters and inputs it used, with citations.

#include <string>
#include <vector>

#include "spdl/runtime/eval/evaluation.hpp"
#include "spdl/runtime/report/expression_words.hpp"

namespace spdl {

// The parts of a condition that decided it, with their numbers: for a true `or`, the branch that
// held; for a false `and`, the part that failed. "settlement_population (5,000 persons) is more
// than large_settlement (3,000 persons), and dwellings (60 dwellings) is at least
// urban_threshold (15 dwellings)". `words`: the program's, kept between schemes (or none).
std::string why(const Evaluation& evaluation, ast::ExprId condition,
                ExpressionWords* words = nullptr);

struct Derivation {
  std::string label;     // "affordable_required = 24 dwellings"
  std::string kind;      // "rule", "parameter", "input", "exception"
  std::string citation;  // "SPG 4.1"
  std::string formula;   // the rule's formula, as written
  std::string note;      // "exception viability applied", "see above", "not given: needs site_area"
  // The working, in the order it was done, with its numbers: the branch taken ("policy applies is
  // yes, so: min(...)"), then each sum ("60 dwellings × 40% = 24 dwellings", "4.8 dwellings,
  // rounded half up: 5 dwellings").
  std::vector<std::string> working;
  std::vector<Derivation> uses;
};

// The derivation of rule r; rules already shown higher in the tree are not expanded again.
Derivation derive_rule(const Evaluation& evaluation, std::uint32_t rule,
                       ExpressionWords* words = nullptr);

// A tree drawn with box characters, one line per node, for a terminal.
std::string render_derivation(const Derivation& d);
// The same as nested Markdown lists, which paste into a word processor as indented bullets.
std::string render_derivation_markdown(const Derivation& d);

}  // namespace spdl
