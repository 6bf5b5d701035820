#pragma once
// A checked ruleset: every declaration that survives `amends`, `use`, `override` and `remove`,
// with names resolved and types inferred. Lowering (runtime/) reads only this.

#include <bit>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spdl/lang/check/types.hpp"
#include "spdl/lang/modules/module_loader.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

enum class SymbolKind : std::uint8_t {
  none,
  input,        // index: input
  parameter,    // index: parameter (including the parts of a `shares` declaration)
  rule,         // index: rule
  table,        // index: table
  shares,       // index: shares group (only before `.part`)
  enum_type,    // index: enumeration (only before `.member`)
  record_type,  // index: record type
  enum_member,  // index: enumeration, sub: member
  field,        // index: record type, sub: field
  builtin,      // index: Builtin
  apportioned,  // index: apportionment (only before `.part`)
};

// What a name denotes. A checked ruleset keeps one for each expression, so it is packed into
// eight bytes: `sub` (a member or field) has 24 bits, and the checker refuses an enumeration of
// more members than that (limits::max_enum_members).
struct Symbol {
  constexpr Symbol(SymbolKind k = SymbolKind::none, std::uint32_t i = 0,  // NOLINT: {kind, ...}
                   std::uint32_t s = 0)
      : index(i), sub(s & 0xFFFFFF), kind(k) {}

  std::uint32_t index;
  std::uint32_t sub : 24;
  SymbolKind kind : 8;
};

// What each expression denotes; Symbol{} (kind none) for most of them: numbers, operators,
// conditionals. The checker writes a table by ExprId; compact() then keeps only the symbols that
// are not none, found through a bitmap of the expressions that have one and the count of bits set
// before each 64: 8 bytes a named expression and 1.5 bits an expression, where the table took 8
// bytes for every expression (560 KB for the 10,007-line benchmark ruleset, 225 KB compact; issue
// 12). Writing to a compact table expands it again.
class ExprSymbols {
 public:
  void assign(std::size_t count) {
    dense_.assign(count, {});
    bits_ = std::vector<std::uint64_t>();
    ranks_ = std::vector<std::uint32_t>();
    symbols_ = std::vector<Symbol>();
    compact_ = false;
  }
  Symbol& operator[](std::uint32_t expr) {
    if (compact_) expand();
    return dense_[expr];
  }
  const Symbol& operator[](std::uint32_t expr) const {
    if (!compact_) return dense_[expr];
    const std::uint64_t word = bits_[expr >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (expr & 63);
    if ((word & bit) == 0) return none();
    return symbols_[ranks_[expr >> 6] +
                    static_cast<std::uint32_t>(std::popcount(word & (bit - 1)))];
  }
  std::size_t size() const { return compact_ ? count_ : dense_.size(); }
  void compact() {
    if (compact_) return;
    count_ = dense_.size();
    bits_.assign((count_ + 63) / 64, 0);
    ranks_.assign(bits_.size(), 0);
    std::size_t kept = 0;
    for (const Symbol& s : dense_) kept += !is_none(s);
    symbols_.reserve(kept);
    for (std::size_t i = 0; i < count_; ++i) {
      if (i % 64 == 0) ranks_[i / 64] = static_cast<std::uint32_t>(symbols_.size());
      if (is_none(dense_[i])) continue;
      bits_[i / 64] |= std::uint64_t{1} << (i % 64);
      symbols_.push_back(dense_[i]);
    }
    dense_ = std::vector<Symbol>();  // not `= {}`, which keeps the capacity
    compact_ = true;
  }

 private:
  static bool is_none(const Symbol& s) {
    return s.kind == SymbolKind::none && s.index == 0 && s.sub == 0;
  }
  static const Symbol& none() {
    static const Symbol empty{};
    return empty;
  }
  void expand() {
    std::vector<Symbol> dense(count_);
    for (std::size_t i = 0; i < count_; ++i)
      dense[i] = std::as_const(*this)[static_cast<std::uint32_t>(i)];
    compact_ = false;
    dense_ = std::move(dense);
    bits_ = std::vector<std::uint64_t>();
    ranks_ = std::vector<std::uint32_t>();
    symbols_ = std::vector<Symbol>();
  }

  std::vector<Symbol> dense_;         // while checking: by ExprId
  std::vector<std::uint64_t> bits_;   // compact: a bit for each expression that has a symbol
  std::vector<std::uint32_t> ranks_;  // compact: the symbols before each word of bits_
  std::vector<Symbol> symbols_;       // compact: in ExprId order
  std::size_t count_ = 0;
  bool compact_ = false;
};

enum class Builtin : std::uint8_t {
  round_half_up,
  round_half_even,
  round_up,
  round_down,
  min,
  max,
  abs,
  known,
  sum,
  count,
  any,
  all,
  min_of,
  max_of,
};
const char* builtin_name(Builtin b);

// Where a declaration came from: the file, and whether it was brought in by `use` (shared
// definitions that reports do not list) or belongs to the ruleset or a ruleset it amends.
struct Origin {
  std::uint32_t module = 0;
  bool imported = false;
};

// The declaration an `override` replaced (in the ruleset amended, or a module used).
struct Replaced {
  const ast::DeclCommon* decl = nullptr;
  std::uint32_t module = 0;
};

struct CheckedInput {
  std::string name;
  const ast::InputDecl* decl = nullptr;
  Type type;
  Origin origin;
  bool used = false;  // referred to by some expression: a scheme must give it if it is required
  // The least and most a scheme may give (`at least 1 dwelling`), in base units.
  std::optional<Rational> at_least;
  std::optional<Rational> at_most;
};

// A loaded ruleset keeps one of these for each parameter and each part of a share, so what the
// declaration holds is referred to, not copied: the checked ruleset keeps the tree alive.
// (The members are in an order that leaves no padding between them: 152 bytes, not 160.)
struct CheckedParameter {
  std::string name;  // "affordable_share", or "tenure_split.social_rent" for a share
  Span span;         // the declaration
  Span name_span;
  ast::ExprId value = ast::no_expr;
  std::int32_t shares = -1;                 // the shares group it belongs to
  const ast::Citation* citation = nullptr;  // a share's own, or its group's; null: none
  std::string_view doc;
  const ast::TypeSpec* declared_type = nullptr;
  Type type;
  Origin origin;
  std::optional<Replaced> replaced;
  bool remainder = false;  // a share's `remainder`: computed from the group's other parts
};

struct CheckedException {
  const ast::ExceptionClause* clause = nullptr;
  std::int32_t parent = -1;  // index of the exception it refines; -1: the rule's default
  Origin origin;
};

struct CheckedRule {
  std::string name;  // "affordable_required", or "homes_by_size.one_bed" for a part apportioned
  const ast::RuleDecl* decl = nullptr;
  Type type;
  std::vector<CheckedException> exceptions;
  Origin origin;
  std::int32_t policy = -1;
  std::optional<Replaced> replaced;
  std::int32_t apportionment = -1;  // a rule `= apportion X by S` gives a rule for each part
  std::uint32_t part = 0;           // of the shares, in the order written
};

struct CheckedCheck {
  std::string name;
  const ast::CheckDecl* decl = nullptr;
  Origin origin;
  std::int32_t policy = -1;
  std::optional<Replaced> replaced;
};

// A requirement with no figure, for the officer to secure (by legal agreement or condition).
struct CheckedCondition {
  std::string name;
  const ast::ConditionDecl* decl = nullptr;
  Origin origin;
  std::int32_t policy = -1;
  std::optional<Replaced> replaced;
};

struct CheckedField {
  std::string name;
  Type type;
  bool optional = false;
  ast::ExprId default_value = ast::no_expr;
  Span span;
};

struct CheckedRecord {
  std::string name;
  std::vector<CheckedField> fields;
  std::int32_t table = -1;  // the table whose rows these are, if any

  std::optional<std::uint32_t> field(std::string_view n) const {
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
      if (fields[i].name == n) return i;
    }
    return std::nullopt;
  }
};

struct CheckedTable {
  std::string name;
  const ast::TableDecl* decl = nullptr;
  std::uint32_t record = 0;
  Origin origin;
};

struct CheckedEnum {
  std::string name;
  const ast::EnumDecl* decl = nullptr;
  // Its members: the declaration's, then those of each `extend enum`, in the order collected.
  std::vector<const ast::EnumMember*> members;
  std::vector<const ast::EnumDecl*> extensions;
};

enum class ShareKind : std::uint8_t { exact, minimum, maximum, range, remainder };

struct CheckedSharePart {
  std::string name;  // "social_rent"
  const ast::SharePart* decl = nullptr;
  ShareKind kind = ShareKind::exact;
  // Parameters: `value` is what `group.part` names (the exact share, the minimum, the maximum or
  // the remainder; -1 for a part with both bounds, named `group.part.least` and `.most`).
  std::int32_t value = -1;
  std::int32_t least = -1;
  std::int32_t most = -1;
};

struct CheckedShares {
  std::string name;
  const ast::SharesDecl* decl = nullptr;
  std::vector<CheckedSharePart> parts;
  Origin origin;

  bool bounded() const {
    for (const auto& p : parts) {
      if (p.kind != ShareKind::exact && p.kind != ShareKind::remainder) return true;
    }
    return false;
  }
};

// `rule homes = apportion affordable_homes by bedroom_mix`: the rules homes.one_bed, ... .
struct CheckedApportionment {
  std::string name;
  const ast::RuleDecl* decl = nullptr;
  ast::ExprId total = ast::no_expr;
  std::int32_t shares = -1;  // the group divided by
  std::uint32_t first = 0;   // the rule of the first part; the others follow it
  std::uint32_t count = 0;
};

struct CheckedPolicy {
  std::string name;
  const ast::PolicyDecl* decl = nullptr;
  Origin origin;
};

struct ValueRef {
  SymbolKind kind = SymbolKind::parameter;  // parameter or rule
  std::uint32_t index = 0;
};

struct CheckedRuleset {
  std::shared_ptr<const Load> load;

  std::vector<CheckedInput> inputs;
  std::vector<CheckedParameter> parameters;
  std::vector<CheckedRule> rules;
  std::vector<CheckedCheck> checks;
  std::vector<CheckedTable> tables;
  std::vector<CheckedRecord> records;
  std::vector<CheckedEnum> enums;
  std::vector<CheckedShares> shares;
  std::vector<CheckedPolicy> policies;
  std::vector<CheckedCondition> conditions;
  std::vector<CheckedApportionment> apportionments;

  std::vector<ValueRef> order;  // parameters then rules, each after what it uses
  ExprTypes expr_type;          // indexed by ExprId
  ExprSymbols expr_symbol;      // names, fields, calls and lookups: what they denote

  const ast::Header& header() const { return load->main_module().syntax.header; }
  const ast::Ast& ast() const { return load->ast; }
  const SourceSet& sources() const { return load->sources; }
  std::string_view text(Span span) const { return load->sources.slice(span); }

  // A declared name (input, parameter, rule, check, table, ...); nullopt when there is none.
  std::optional<Symbol> find(std::string_view name) const;
  std::string enum_member_name(std::uint32_t e, std::uint32_t member) const;
  std::string enum_member_label(std::uint32_t e, std::uint32_t member) const;
  // "dwellings", "yes/no", "tenure", "a list of dwelling_row", "a set of review": for messages.
  std::string describe(const Type& type) const;
};

// Calls `visit` for each name in an expression that denotes something declared (an input,
// parameter, rule, table, enumeration member or field), in reading order.
void for_each_reference(const CheckedRuleset& ruleset, ast::ExprId expr,
                        const std::function<void(ast::ExprId, const Symbol&)>& visit);

struct CheckResult {
  std::shared_ptr<const Load> load;
  std::shared_ptr<const CheckedRuleset> ruleset;  // null when there are errors
  Diagnostics diagnostics;
  // What checking made of the ruleset even when it found errors, for an editor that must still
  // say what each name refers to: unresolved names have no symbol, and the types of what they
  // touch are errors. Null when checking stopped before resolving names (syntax errors, a name
  // that clashes with an enumeration member). Never lower or evaluate it. Last, so that
  // CheckResult{load, ruleset, diagnostics} stays as it was.
  std::shared_ptr<const CheckedRuleset> partial;
};

CheckResult check(std::shared_ptr<const Load> load);

}  // namespace spdl
