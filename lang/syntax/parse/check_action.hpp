#pragma once
// Checks: `check name [cite] when <applies> require <requirement> else "message {hole}"`.

#include "spdl/lang/syntax/parse/comment_action.hpp"
#include "spdl/lang/syntax/parse/declaration_action.hpp"
#include "spdl/lang/syntax/parse/literal_action.hpp"
#include "spdl/lang/syntax/parse/operand_action.hpp"
#include "spdl/lang/syntax/parse/operator_action.hpp"
#include "spdl/lang/syntax/parse/template_text.hpp"

namespace spdl::parsing {

template <>
struct action<g::check_applies> {
  static void apply0(DeclarationState& s) { s.declaration<ast::CheckDecl>().applies = s.pop().id; }
};

template <>
struct action<g::check_requirement> {
  static void apply0(DeclarationState& s) {
    s.declaration<ast::CheckDecl>().requirement = s.pop().id;
  }
};

// A message is text with {formula} holes (template_text.hpp).
template <>
struct action<g::check_message> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    auto& check = s.declaration<ast::CheckDecl>();
    check.message_span = s.source.span(in);
    read_template<action>(in, s, check.message);
  }
};

template <>
struct action<g::check_decl> : cited_declaration<ast::CheckDecl> {};

}  // namespace spdl::parsing
