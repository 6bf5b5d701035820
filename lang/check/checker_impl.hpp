#pragma once
// The checker's internals, shared by its phase files:
//   collect.cpp   which declarations survive amends/use/override/remove; the symbol table
//   resolve.cpp   names to symbols, and the dependencies between values
//   order.cpp     evaluation order; cycles named
//   typecheck.cpp types and units of every expression
//   typecheck_slips.cpp  a plain number where a percentage is meant, and other slips' hints
//   lints.cpp     unused declarations, shares that do not add up, overrides that change units
//   lint_shares.cpp  minimums, maximums and remainders of shares; what apportion divides by
// No phase recurses across declarations, so a chain of 10,000 rules cannot exhaust the stack.

#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "spdl/lang/check/checked.hpp"

namespace spdl::checking {

struct DeclRef {
  std::uint32_t module = 0;
  std::uint32_t index = 0;
};

struct Entry {
  std::string name;
  ast::DeclKind kind;
  DeclRef ref;
  Origin origin;
  bool removed = false;
  std::optional<DeclRef> replaced;  // what an `override` replaced
};

// What an expression is allowed to refer to, by the declaration it belongs to.
enum class Context : std::uint8_t {
  constant,     // parameters, shares, table cells, input defaults: literals and parameters only
  row_default,  // a record field's default: the row's fields, parameters and tables
  scheme,       // rules, exceptions, checks, policies: everything
};

class Checker {
 public:
  explicit Checker(std::shared_ptr<const Load> load);
  CheckResult run();

 private:
  // ---- collect.cpp
  void collect(std::uint32_t module, bool imported);
  void apply(std::uint32_t module, std::uint32_t index, bool imported);
  void apply_remove(const ast::RemoveDecl& d, std::uint32_t module);
  void apply_extension(const ast::EnumDecl& d, DeclRef ref);
  void build_enums();
  void build_shares(const ast::SharesDecl& d, const Entry& e);
  void build_rule(const ast::RuleDecl& d, const Entry& e, std::optional<Replaced> replaced);
  void build_symbols();
  void declare_global(const std::string& name, Symbol s, Span span);
  void attach_exceptions();
  void assign_policies();
  Type type_from_spec(const ast::TypeSpec& spec, bool allow_list);
  bool set_fits(std::uint32_t enumeration, Span at);
  const ast::Decl& decl_at(DeclRef ref) const;
  static std::string namespace_key(ast::DeclKind kind, const std::string& name);
  std::string module_display(std::uint32_t module) const;

  // ---- resolve.cpp
  void resolve_all();
  void resolve(ast::ExprId e, std::optional<std::uint32_t> row);
  void resolve_name(ast::ExprId e, std::optional<std::uint32_t> row);
  void resolve_call(ast::ExprId e, std::optional<std::uint32_t> row);
  void resolve_aggregate(ast::ExprId e, std::optional<std::uint32_t> row);
  void resolve_field(ast::ExprId e, std::optional<std::uint32_t> row);
  bool resolve_part_field(ast::ExprId e);
  void resolve_apportion(ast::ExprId e, std::optional<std::uint32_t> row);
  void resolve_rules();
  std::optional<std::uint32_t> row_record_of(const Symbol& list) const;
  void refer_to(const Symbol& s, ast::ExprId at);
  std::vector<std::string> visible_names(std::optional<std::uint32_t> row) const;

  // ---- order.cpp
  void order_values();

  // ---- typecheck.cpp
  void typecheck_all();
  std::optional<Rational> input_bound(const CheckedInput& input, ast::ExprId id, const char* which);
  Type type_of(ast::ExprId e, std::optional<std::uint32_t> row);
  Type type_of_name(ast::ExprId e);
  Type type_of_binary(ast::ExprId e, std::optional<std::uint32_t> row);
  Type type_of_call(ast::ExprId e, std::optional<std::uint32_t> row);
  Type type_of_aggregate(ast::ExprId e, Builtin b, std::optional<std::uint32_t> row);
  Type type_of_field(ast::ExprId e, std::optional<std::uint32_t> row);
  void expect_boolean(ast::ExprId e, std::optional<std::uint32_t> row, const char* what);
  void expect_assignable(const Type& declared, const Type& actual, Span at,
                         const std::string& what);
  void unit_mismatch(ast::ExprId e, const Type& left, const Type& right, const char* verb);
  void typecheck_table(std::uint32_t t);
  void typecheck_rule(std::uint32_t r);
  void typecheck_shares();
  Type type_of_apportion(ast::ExprId e, std::optional<std::uint32_t> row);
  Type type_of_set_count(ast::ExprId e, const Type& set);

  // ---- typecheck_slips.cpp
  bool bare(ast::ExprId e, int depth = 0);
  std::optional<ast::ExprId> bare_literal(ast::ExprId e, int depth = 0) const;
  // A plain number beside a percentage (compared, added, the other branch): an error with the
  // way to write it. Returns whether it reported one.
  bool percent_slip(ast::ExprId at, ast::ExprId left, const Type& l, ast::ExprId right,
                    const Type& r, const char* verb);
  bool percent_declared_slip(const Type& declared, ast::ExprId value, const std::string& what);
  std::string unit_hint(const Unit& unit) const;

  // ---- lints.cpp
  void lint_unused();
  void lint_shares();
  void lint_override_units();
  void lint_apportionments();
  void lint_written_figures();
  std::optional<Rational> constant_value(ast::ExprId e, int depth = 0) const;
  std::optional<Rational> parameter_value(std::uint32_t p, int depth = 0) const;
  std::optional<Rational> shares_whole(const CheckedShares& group) const;

  Span span_of(ast::ExprId e) const { return ast_[e].span(); }
  const std::string& name_of(ast::NameId n) const { return ast_.names[n]; }

  std::shared_ptr<const Load> load_;
  const ast::Ast& ast_;
  Diagnostics diags_;
  std::unique_ptr<CheckedRuleset> out_;

  // collect
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> named_;                     // live entries by name
  std::map<std::pair<std::string, std::string>, std::size_t> exceptions_;  // (rule, label)
  std::set<std::pair<std::string, std::string>> removed_inline_;
  std::set<std::uint32_t> merged_;
  std::vector<const ast::ExceptionClause*> orphans_;        // exceptions whose rule does not exist
  std::map<std::size_t, std::vector<DeclRef>> extensions_;  // by the enumeration's entry

  // symbols
  std::unordered_map<std::string, Symbol> globals_;
  std::unordered_map<std::string, std::vector<Symbol>> members_;
  std::unordered_map<std::string, Symbol> type_names_;  // enumerations and records

  // resolve
  Context context_ = Context::scheme;
  std::optional<ValueRef> current_;  // the parameter or rule whose expressions are being resolved
  std::vector<std::vector<ValueRef>> parameter_deps_;
  std::vector<std::vector<ValueRef>> rule_deps_;
  std::vector<bool> parameter_used_;
  std::vector<bool> input_used_;
  std::vector<bool> resolved_;  // per ExprId: already resolved (shared sub-expressions)
  ast::ExprId apportion_at_ = ast::no_expr;  // the formula of the apportioned rule being resolved
  std::int32_t apportioning_ = -1;

  // typecheck_slips
  std::vector<std::int8_t> bare_;  // per ExprId: -1 not yet known, else whether it is bare

  // typecheck
  std::vector<bool> typed_parameter_;
  std::vector<bool> typed_apportionment_;
};

// "an area (ha)", "a percentage": a unit as a message names it.
std::string unit_phrase(const Unit& u);
// A number written without a unit (`0.5`), perhaps in parentheses or negated.
bool is_plain_literal(const ast::Ast& ast, ast::ExprId id);

}  // namespace spdl::checking
