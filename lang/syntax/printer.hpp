#pragma once
// Expressions back to canonical spdl text: used by the formatter, by diff and by explanations.

#include <string>

#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

// Literals keep their written form (`3,000 persons`, `£29,341`), with spacing made canonical.
std::string print_expression(const ast::Ast& ast, const SourceSet& sources, ast::ExprId e);

// Binding strength of an expression's top operator (higher binds tighter).
int precedence(const ast::Expr& e);

}  // namespace spdl
