#pragma once
// A frame is what a rule that reads one whole thing (a declaration, an item, a call, a list)
// keeps while the rule is being matched: it lives on the C++ stack, in scoped<>'s match
// (scoped.hpp), so it opens when the rule starts and closes when it ends, also when a parse error
// unwinds through it. Nothing in the state needs resetting by hand.

#include <cstddef>
#include <utility>
#include <variant>

#include "spdl/lang/syntax/ast.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"

namespace spdl::parsing {

// Points `slot` at `value` for its lifetime, then back at what it pointed at before.
template <typename T>
class [[nodiscard]] Scoped {
 public:
  Scoped(T*& slot, T& value) : slot_(slot), outer_(std::exchange(slot, &value)) {}
  ~Scoped() { slot_ = outer_; }
  Scoped(const Scoped&) = delete;
  Scoped& operator=(const Scoped&) = delete;

 private:
  T*& slot_;
  T* outer_;
};

// A run of operands, such as a list's items or a table row's cells: where it starts on the stack.
struct OperandRun {
  explicit OperandRun(const DeclarationState& s) : first(s.formula.operands.size()) {}
  std::size_t first;
};

// A call, the innermost one while it is read, so that a `where` condition finds its call.
struct CallFrame {
  explicit CallFrame(DeclarationState& s)
      : call{s.formula.operands.size(), std::nullopt}, open(s.formula.call, call) {}
  CallState call;
  Scoped<CallState> open;
};

// An item with pieces of its own: its citation, type and so on go into `item`, not its parent's.
struct ItemFrame {
  explicit ItemFrame(DeclarationState& s) : open(s.item, item) {}
  ItemState item;
  Scoped<ItemState> open;
};

// An exception, under a rule or on its own: its label, target, condition and value go straight
// into `clause`.
struct ExceptionFrame : ItemFrame {
  explicit ExceptionFrame(DeclarationState& s) : ItemFrame(s), open_clause(s.clause, clause) {}
  ast::ExceptionClause clause;
  Scoped<ast::ExceptionClause> open_clause;
};

// A declaration of kind `Decl`: what belongs to it alone (an input's bounds, a table's rows)
// goes straight into `decl`, reached through DeclarationState::declaration<Decl>().
template <typename Decl>
struct DeclarationFrame : ItemFrame {
  explicit DeclarationFrame(DeclarationState& s) : ItemFrame(s), open_decl(s.reading, decl) {}
  ast::Decl decl{std::in_place_type<Decl>};
  Scoped<ast::Decl> open_decl;

  Decl& get() { return std::get<Decl>(decl); }
};

}  // namespace spdl::parsing
