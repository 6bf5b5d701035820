#pragma once
// The pieces that several kinds of item share, read before the item they belong to is complete:
// a declaration, a record's field, a share, an exception. Each item is read into a fresh
// ItemState that lives as long as the item's rule is being matched (frames.hpp), so a citation,
// type or default read for one item can never end up on the next.

#include <optional>
#include <string>

#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl::parsing {

struct ItemState {
  std::string name;  // a field's or a share's (a declaration's name goes straight into it)
  Span name_span;
  std::optional<ast::Citation> citation;
  std::optional<ast::TypeSpec> type;
  bool optional = false;
  ast::ExprId default_value = ast::no_expr;
  ast::ExprId value = ast::no_expr;  // a parameter's, a rule's or a share's
};

}  // namespace spdl::parsing
