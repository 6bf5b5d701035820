#pragma once
// A formula as a sentence a committee reads, apart from any scheme: names in words, parameters by
// their values, functions as what they do. `round_half_up(dwellings * affordable_share)` reads
// "40% of the dwellings, rounded half up"; `min(a, b)` "the lesser of a and b"; `if c then x else
// y` "where c, x; otherwise y". The formula as written stays the reference: this is its reading.

#include <string>

#include "spdl/runtime/ir/program.hpp"

namespace spdl {

// The expression `e` of the program's checked ruleset in words; "" for no expression.
std::string formula_words(const Program& program, ast::ExprId e);

}  // namespace spdl
