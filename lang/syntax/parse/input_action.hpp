#pragma once
// Inputs: `input site_area : ha at least 0 ha optional default 0 ha [H16]`.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::lower_bound> {
  static void apply0(DeclarationState& s) { s.declaration<ast::InputDecl>().at_least = s.pop().id; }
};

template <>
struct action<g::upper_bound> {
  static void apply0(DeclarationState& s) { s.declaration<ast::InputDecl>().at_most = s.pop().id; }
};

template <>
struct action<g::input_decl> : scoped<DeclarationFrame<ast::InputDecl>> {
  template <typename Input>
  static void success(const Input&, DeclarationState& s, DeclarationFrame<ast::InputDecl>& frame) {
    ast::InputDecl& d = frame.get();
    d.type = *std::move(frame.item.type);
    d.optional = frame.item.optional;
    d.default_value = frame.item.default_value;
    d.citation = std::move(frame.item.citation);
    s.declared = std::move(frame.decl);
  }
};

}  // namespace spdl::parsing
