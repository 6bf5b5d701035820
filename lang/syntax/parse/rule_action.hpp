#pragma once
// Parameters and rules: a name, perhaps a type and a citation, and a value. A rule's exceptions
// are in exception_action.hpp.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <typename Decl>
struct named_value_declaration : scoped<DeclarationFrame<Decl>> {
  template <typename Input>
  static void success(const Input&, DeclarationState& s, DeclarationFrame<Decl>& frame) {
    Decl& d = frame.get();
    d.type = std::move(frame.item.type);
    d.value = frame.item.value;
    d.citation = std::move(frame.item.citation);
    s.declared = std::move(frame.decl);
  }
};

template <>
struct action<g::parameter_decl> : named_value_declaration<ast::ParameterDecl> {};
template <>
struct action<g::rule_decl> : named_value_declaration<ast::RuleDecl> {};

}  // namespace spdl::parsing
