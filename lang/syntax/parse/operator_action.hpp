#pragma once
// Operators: each pops its operands and pushes the node it makes of them. A prefix operator's
// node spans its own match; a postfix or infix one's, from its first operand to the end of the
// match.

#include <algorithm>

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"

namespace spdl::parsing {

template <ast::ExprKind Kind, ast::Op Op>
struct unary_action {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const Operand a = s.pop();
    ast::Expr e;
    e.kind = Kind;
    e.op = Op;
    e.begin = s.source.offset(in.begin());
    e.end = s.source.offset(in.end());
    e.a = a.id;
    s.push(in, e, a.depth);
  }
};

template <typename Input>
void push_binary(const Input& in, DeclarationState& s, ast::ExprKind kind, ast::Op op) {
  const Operand b = s.pop();
  const Operand a = s.pop();
  ast::Expr e;
  e.kind = kind;
  e.op = op;
  e.begin = s.source.ast[a.id].begin;
  e.end = s.source.offset(in.end());
  e.a = a.id;
  e.b = b.id;
  s.push(in, e, std::max(a.depth, b.depth));
}

template <ast::ExprKind Kind, ast::Op Op>
struct binary_action {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    push_binary(in, s, Kind, Op);
  }
};

// -- prefix

template <>
struct action<g::paren_expr> : unary_action<ast::ExprKind::paren, ast::Op::none> {};
template <>
struct action<g::negation> : unary_action<ast::ExprKind::unary, ast::Op::neg> {};
template <>
struct action<g::logical_not> : unary_action<ast::ExprKind::unary, ast::Op::not_> {};

// -- postfix

template <>
struct action<g::field_name> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const Operand a = s.pop();
    ast::Expr e;
    e.kind = ast::ExprKind::field;
    e.begin = s.source.ast[a.id].begin;
    e.end = s.source.offset(in.end());
    e.a = a.id;
    e.b = s.source.ast.names.intern(in.string_view());
    s.push(in, e, a.depth);
  }
};

template <>
struct action<g::projection> : binary_action<ast::ExprKind::project, ast::Op::none> {};
template <>
struct action<g::index_suffix> : binary_action<ast::ExprKind::index, ast::Op::none> {};

// -- infix: an operator read waits for its right operand, and its tail makes the node

template <>
struct action<g::mul_op> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.formula.operators.push_back(in.string_view() == "*" ? ast::Op::mul : ast::Op::div);
  }
};

template <>
struct action<g::add_op> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.formula.operators.push_back(in.string_view() == "+" ? ast::Op::add : ast::Op::sub);
  }
};

template <>
struct action<g::cmp_op> {
  static ast::Op comparison(std::string_view text) {
    if (text == "<=") return ast::Op::le;
    if (text == ">=") return ast::Op::ge;
    if (text == "!=") return ast::Op::ne;
    if (text == "<") return ast::Op::lt;
    if (text == ">") return ast::Op::gt;
    return ast::Op::eq;
  }

  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.formula.operators.push_back(comparison(in.string_view()));
  }
};

struct operator_tail_action {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const ast::Op op = s.formula.operators.back();
    s.formula.operators.pop_back();
    push_binary(in, s, ast::ExprKind::binary, op);
  }
};

template <>
struct action<g::mul_tail> : operator_tail_action {};
template <>
struct action<g::add_tail> : operator_tail_action {};
template <>
struct action<g::cmp_tail> : operator_tail_action {};
template <>
struct action<g::in_tail> : binary_action<ast::ExprKind::membership, ast::Op::in> {};
template <>
struct action<g::not_in_tail> : binary_action<ast::ExprKind::membership, ast::Op::not_in> {};
template <>
struct action<g::and_tail> : binary_action<ast::ExprKind::binary, ast::Op::and_> {};
template <>
struct action<g::or_tail> : binary_action<ast::ExprKind::binary, ast::Op::or_> {};

// -- if a then b else c

template <>
struct action<g::if_expr> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const Operand c = s.pop();
    const Operand b = s.pop();
    const Operand a = s.pop();
    ast::Expr e;
    e.kind = ast::ExprKind::conditional;
    e.begin = s.source.offset(in.begin());
    e.end = s.source.offset(in.end());
    e.a = a.id;
    e.b = b.id;
    e.c = c.id;
    s.push(in, e, std::max({a.depth, b.depth, c.depth}));
  }
};

}  // namespace spdl::parsing
