#pragma once
// The state of one declaration's parse, or of one formula's (`spdl eval`, a check message's
// holes). Each parse gets a fresh one, so nothing read for one declaration can leak into the next;
// within a declaration, its items and calls are scoped by the frames of frames.hpp.

#include <cstddef>
#include <optional>
#include <tao/pegtl/parse_error.hpp>
#include <variant>

#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/ast.hpp"
#include "spdl/lang/syntax/parse/formula_state.hpp"
#include "spdl/lang/syntax/parse/item_state.hpp"
#include "spdl/lang/syntax/parse/source_state.hpp"

namespace spdl::parsing {

struct DeclarationState {
  explicit DeclarationState(SourceState& file) : source(file) {}

  SourceState& source;
  std::size_t depth = 0;  // nesting, maintained by grammar::guarded
  FormulaState formula;

  // What the parse has read: a `use`, or a declaration and whether it overrides one.
  std::optional<ast::Use> use;
  std::optional<ast::Decl> declared;
  bool is_override = false;

  // What is being read: each points at the innermost one, set by its frame while the frame is
  // open and pointed back at the enclosing one (or nothing) when it closes.
  ItemState* item = nullptr;
  ast::ExceptionClause* clause = nullptr;
  ast::Decl* reading = nullptr;

  // The declaration being read, which the grammar has established is a `Decl`.
  template <typename Decl>
  Decl& declaration() {
    return std::get<Decl>(*reading);
  }

  Operand pop() { return formula.pop(); }

  // Adds `e` to the arena and pushes it as an operand one level deeper than its deepest child.
  template <typename Input>
  void push(const Input& in, ast::Expr e, std::uint16_t child_depth) {
    const auto depth_here = static_cast<std::uint16_t>(child_depth + 1);
    if (depth_here > limits::max_expression_depth) {
      throw tao::pegtl::parse_error(
          "this formula is too long or too deeply nested (more than 256 levels); split it into "
          "named rules",
          in);
    }
    e.file = source.file;
    formula.operands.push_back({source.ast.add(e), depth_here});
  }
};

}  // namespace spdl::parsing
