#pragma once
// Names, calls and lists: operands made of a name or of a run of other operands.

#include <algorithm>
#include <cstdint>

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"
#include "spdl/lang/syntax/parse/frames.hpp"
#include "spdl/lang/syntax/parse/literal_action.hpp"
#include "spdl/lang/syntax/parse/scoped.hpp"

namespace spdl::parsing {

// Moves the operands from `first` up into the arena's argument list as `e`'s arguments, and
// returns the depth of the deepest.
inline std::uint16_t take_arguments(DeclarationState& s, ast::Expr& e, std::size_t first) {
  auto& operands = s.formula.operands;
  auto& args = s.source.ast.args;
  std::uint16_t depth = 0;
  e.c = static_cast<std::uint32_t>(args.size());
  args.push_back(static_cast<std::uint32_t>(operands.size() - first));
  for (std::size_t i = first; i < operands.size(); ++i) {
    args.push_back(operands[i].id);
    depth = std::max(depth, operands[i].depth);
  }
  operands.resize(first);
  return depth;
}

template <>
struct action<g::name_ref> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    push_literal(in, s, ast::ExprKind::name, s.source.ast.names.intern(in.string_view()));
  }
};

template <>
struct action<g::where_clause> {
  static void apply0(DeclarationState& s) { s.formula.call->filter = s.pop(); }
};

template <>
struct action<g::call_suffix> : scoped<CallFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, const CallFrame& frame) {
    const CallState& call = frame.call;
    // The callee's name, pushed by name_ref, sits just below the arguments; the call replaces it.
    const ast::Expr callee = s.source.ast[s.formula.operands[call.first_argument - 1].id];
    ast::Expr e;
    e.kind = ast::ExprKind::call;
    e.a = callee.a;
    e.begin = callee.begin;
    e.end = s.source.offset(in.end());
    std::uint16_t depth = take_arguments(s, e, call.first_argument);
    s.formula.operands.pop_back();
    if (call.filter) {
      e.b = call.filter->id;
      depth = std::max(depth, call.filter->depth);
    }
    s.push(in, e, depth);
  }
};

template <>
struct action<g::list_literal> : scoped<OperandRun> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, const OperandRun& items) {
    ast::Expr e;
    e.kind = ast::ExprKind::list;
    e.begin = s.source.offset(in.begin());
    e.end = s.source.offset(in.end());
    const std::uint16_t depth = take_arguments(s, e, items.first);
    s.push(in, e, depth);
  }
};

// `apportion <total> by <shares>`: the shares' name is kept as a name operand, resolved by the
// checker like any other.
template <>
struct action<g::expect_apportion_shares> : action<g::name_ref> {};

template <>
struct action<g::apportion_expr> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const Operand shares = s.pop();
    const Operand total = s.pop();
    ast::Expr e;
    e.kind = ast::ExprKind::apportion;
    e.begin = s.source.offset(in.begin());
    e.end = s.source.offset(in.end());
    e.a = total.id;
    e.b = shares.id;
    s.push(in, e, std::max(total.depth, shares.depth));
  }
};

}  // namespace spdl::parsing
