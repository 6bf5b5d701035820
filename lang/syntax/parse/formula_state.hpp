#pragma once
// Formulas are built on a stack: a literal or a name pushes an operand, an operator pops its
// operands and pushes the node it makes of them. Every operand knows the depth of its tree, so a
// formula too deep to walk safely is refused where it is written.

#include <cstdint>
#include <optional>
#include <vector>

#include "spdl/lang/syntax/ast.hpp"

namespace spdl::parsing {

struct Operand {
  ast::ExprId id;
  std::uint16_t depth;  // levels of the tree, this node's included
};

// A call being read: its arguments start at `first_argument` on the stack, just above the
// callee's name, and its `where` condition, if it has one, is kept apart from them.
struct CallState {
  std::size_t first_argument = 0;
  std::optional<Operand> filter;
};

struct FormulaState {
  std::vector<Operand> operands;
  std::vector<ast::Op> operators;  // an infix operator read, waiting for its right operand
  CallState* call = nullptr;       // the innermost call being read

  Operand pop() {
    const Operand top = operands.back();
    operands.pop_back();
    return top;
  }
};

}  // namespace spdl::parsing
