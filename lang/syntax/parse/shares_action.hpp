#pragma once
// Shares: `shares tenure_split of affordable [H16] social_rent = 70% intermediate = 30%`, each
// part read in its own ItemFrame so that its citation is its own.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::shares_total> {
  static void apply0(DeclarationState& s) { s.declaration<ast::SharesDecl>().total = s.pop().id; }
};

template <>
struct action<g::share_part_name> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.item->name = in.string();
    s.item->name_span = s.source.span(in);
  }
};

template <>
struct action<g::share_part_value> {
  static void apply0(DeclarationState& s) { s.item->value = s.pop().id; }
};

template <>
struct action<g::share_part> : scoped<ItemFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, ItemFrame& frame) {
    ItemState& item = frame.item;
    ast::SharePart part;
    part.name = std::move(item.name);
    part.span = s.source.span(in);
    part.name_span = item.name_span;
    part.value = item.value;
    part.citation = std::move(item.citation);
    s.declaration<ast::SharesDecl>().parts.push_back(std::move(part));
  }
};

// The first part, which must be there.
template <>
struct action<g::expect_share_part> : action<g::share_part> {};

template <>
struct action<g::shares_decl> : cited_declaration<ast::SharesDecl> {};

}  // namespace spdl::parsing
