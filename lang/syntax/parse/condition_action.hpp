#pragma once
// Conditions: `condition name [cite] "what is to be secured {hole}" when <applies>`.

#include "spdl/lang/syntax/parse/comment_action.hpp"
#include "spdl/lang/syntax/parse/declaration_action.hpp"
#include "spdl/lang/syntax/parse/literal_action.hpp"
#include "spdl/lang/syntax/parse/operand_action.hpp"
#include "spdl/lang/syntax/parse/operator_action.hpp"
#include "spdl/lang/syntax/parse/template_text.hpp"

namespace spdl::parsing {

template <>
struct action<g::condition_text> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    auto& condition = s.declaration<ast::ConditionDecl>();
    condition.text_span = s.source.span(in);
    read_template<action>(in, s, condition.text);
  }
};

template <>
struct action<g::condition_applies> {
  static void apply0(DeclarationState& s) {
    s.declaration<ast::ConditionDecl>().applies = s.pop().id;
  }
};

template <>
struct action<g::condition_decl> : cited_declaration<ast::ConditionDecl> {};

}  // namespace spdl::parsing
