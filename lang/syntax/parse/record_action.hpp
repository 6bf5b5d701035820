#pragma once
// Enumerations (`enum tenure = social_rent "social rent", ...`) and records, whose fields are
// read each in its own ItemFrame, like an input.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::expect_enum_member> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.declaration<ast::EnumDecl>().members.push_back({in.string(), s.source.span(in), {}});
  }
};

template <>
struct action<g::enum_member_label> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.declaration<ast::EnumDecl>().members.back().label = quoted_value(in.string_view());
  }
};

template <>
struct action<g::enum_decl> : cited_declaration<ast::EnumDecl> {};

template <>
struct action<g::field_decl_name> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.item->name = in.string();
    s.item->name_span = s.source.span(in);
  }
};

template <>
struct action<g::field_decl> : scoped<ItemFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, ItemFrame& frame) {
    ItemState& item = frame.item;
    ast::FieldDecl field;
    field.name = std::move(item.name);
    field.span = s.source.span(in);
    field.name_span = item.name_span;
    field.type = *std::move(item.type);
    field.optional = item.optional;
    field.default_value = item.default_value;
    field.citation = std::move(item.citation);
    s.declaration<ast::RecordDecl>().fields.push_back(std::move(field));
  }
};

template <>
struct action<g::record_decl> : cited_declaration<ast::RecordDecl> {};

}  // namespace spdl::parsing
