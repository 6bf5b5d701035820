#pragma once
// Shares: `shares tenure_split of affordable [H16] social_rent = 70% intermediate = 30%`, each
// part read in its own SharePartFrame so that its citation is its own. A part may instead be a
// minimum or a maximum (`low_cost_rent = at least 30%`) or the remainder (`rest = remainder`).

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
struct action<g::share_least> {
  static void apply0(DeclarationState& s) { s.share->at_least = s.pop().id; }
};

template <>
struct action<g::share_most> {
  static void apply0(DeclarationState& s) { s.share->at_most = s.pop().id; }
};

template <>
struct action<g::share_remainder> {
  static void apply0(DeclarationState& s) { s.share->remainder = true; }
};

template <>
struct action<g::share_part> : scoped<SharePartFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, SharePartFrame& frame) {
    ItemState& item = frame.item;
    ast::SharePart part = std::move(frame.part);
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
