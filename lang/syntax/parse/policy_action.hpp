#pragma once
// Policies (`policy H16 "Affordable housing" [H16] applies when ...`) and removals (`remove rule
// x`, `remove exception viability for affordable_required`), by which an amendment takes a
// declaration away.

#include <string_view>
#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::policy_title> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.declaration<ast::PolicyDecl>().title = quoted_value(in.string_view());
  }
};

template <>
struct action<g::policy_applies> {
  static void apply0(DeclarationState& s) { s.declaration<ast::PolicyDecl>().applies = s.pop().id; }
};

template <>
struct action<g::policy_decl> : cited_declaration<ast::PolicyDecl> {};

template <>
struct action<g::expect_removable_kind> {
  static ast::DeclKind kind(std::string_view word) {
    using K = ast::DeclKind;
    if (word == "input") return K::input;
    if (word == "parameter") return K::parameter;
    if (word == "check") return K::check;
    if (word == "exception") return K::exception;
    if (word == "table") return K::table;
    if (word == "enum") return K::enumeration;
    if (word == "record") return K::record;
    if (word == "shares") return K::shares;
    if (word == "policy") return K::policy;
    return K::rule;
  }

  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.declaration<ast::RemoveDecl>().target_kind = kind(in.string_view());
  }
};

// The rule a removed exception belongs to is read by expect_exception_target.
template <>
struct action<g::remove_decl> : scoped<DeclarationFrame<ast::RemoveDecl>> {
  template <typename Input>
  static void success(const Input&, DeclarationState& s, DeclarationFrame<ast::RemoveDecl>& frame) {
    s.declared = std::move(frame.decl);
  }
};

}  // namespace spdl::parsing
