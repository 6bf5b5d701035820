#pragma once
// Parsing: source text to AST. The only part of spdl that sees PEGTL.

#include <string_view>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

struct ParseResult {
  ast::Module module;
  Diagnostics diagnostics;
  bool ok() const { return !diagnostics.has_errors(); }
};

// Parse a whole .spd file. The text is checked first (UTF-8, NUL bytes, size and line limits).
// A declaration with a syntax error is reported and skipped; parsing resumes at the next line
// that starts a declaration, so one run reports several errors.
ParseResult parse_module(ast::Ast& ast, const SourceSet& sources, FileId file);

// Parse a file's text as exactly one expression (used by tests and tools).
struct ExpressionResult {
  ast::ExprId expr = ast::no_expr;
  Diagnostics diagnostics;
};
ExpressionResult parse_expression(ast::Ast& ast, const SourceSet& sources, FileId file);

}  // namespace spdl
