#pragma once
// Tables, written as in Markdown: a header row of column names, then one row of cells a line.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::expect_table_column> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.declaration<ast::TableDecl>().columns.emplace_back(in.string(), s.source.span(in));
  }
};

template <>
struct action<g::table_row> : scoped<OperandRun> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, const OperandRun& cells) {
    auto& operands = s.formula.operands;
    ast::TableRow row;
    row.span = s.source.span(in);
    for (std::size_t i = cells.first; i < operands.size(); ++i) row.cells.push_back(operands[i].id);
    operands.resize(cells.first);
    s.declaration<ast::TableDecl>().rows.push_back(std::move(row));
  }
};

template <>
struct action<g::table_decl> : cited_declaration<ast::TableDecl> {};

}  // namespace spdl::parsing
