#pragma once
// The syntax tree of spdl files. Expressions live in one arena (`Ast`) shared by every file of a
// load, addressed by ExprId, so the checker can keep its results in side tables indexed the same
// way. Declarations are plain structs that keep their spans and citations for reports.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/source.hpp"
#include "spdl/lang/base/units.hpp"

namespace spdl::ast {

using ExprId = std::uint32_t;
using NameId = std::uint32_t;
inline constexpr ExprId no_expr = 0xFFFFFFFF;
inline constexpr NameId no_name = 0xFFFFFFFF;

enum class ExprKind : std::uint8_t {
  number,       // numbers[a]: value and unit as written
  boolean,      // a: 0 or 1
  text,         // strings[a]
  date,         // a: day number (bit pattern of an int32)
  name,         // names[a]
  unary,        // op (neg, not_), operand a
  binary,       // op, operands a and b
  conditional,  // if a then b else c
  call,         // names[a] called with args (see Ast::arg); b: the `where` filter or no_expr
  field,        // a.names[b]
  project,      // a.(b): b evaluated for each row of list a
  index,        // a[b]: the row of table a whose key is b
  list,         // [args...] (see Ast::arg)
  membership,   // a in b, or a not in b (op)
  paren,        // (a): kept so the formatter preserves the writer's grouping
  apportion,    // apportion a by b: the whole number a divided among the parts of the shares b
};

enum class Op : std::uint8_t {
  none,
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  and_,
  or_,
  not_,
  neg,
  in,
  not_in,
};

struct Expr {
  ExprKind kind = ExprKind::number;
  Op op = Op::none;
  FileId file = no_file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t a = no_expr;
  std::uint32_t b = no_expr;
  std::uint32_t c = no_expr;  // a call's or list's arguments: where they start in Ast::args

  Span span() const { return {file, begin, end}; }
};

struct NumberLiteral {
  Rational value;  // in the written unit (0.5 for "0.5 ha")
  Unit unit;
  bool money = false;  // written with £
};

class NameTable {
 public:
  NameId intern(std::string_view name);
  const std::string& operator[](NameId id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }
  // Gives back the capacity that growing left over, once a load is complete, and rehashes the
  // index into the fewest slots that keep it at most three quarters full.
  void shrink_to_fit();

 private:
  void grow();
  void rehash(std::size_t slot_count);

  std::vector<std::string> names_;
  // The index, by open addressing: each slot holds a NameId + 1, or 0 when empty; a power of two
  // in size, at most half full while names are added, at most three quarters after
  // shrink_to_fit(). Four bytes a slot, where a node of a hash map takes some sixty a name (a
  // loaded ruleset keeps its table for as long as it is loaded).
  std::vector<NameId> slots_;
};

struct Ast {
  std::vector<Expr> exprs;
  std::vector<ExprId> args;
  std::vector<NumberLiteral> numbers;
  std::vector<std::string> strings;
  NameTable names;

  ExprId add(const Expr& e) {
    exprs.push_back(e);
    return static_cast<ExprId>(exprs.size() - 1);
  }
  const Expr& operator[](ExprId id) const { return exprs[id]; }
  // A call's or list's arguments: args[e.c] says how many, and they follow it. Kept out of Expr,
  // which every expression pays for, so that an Expr is 24 bytes, not 32.
  std::uint32_t arg_count(const Expr& e) const {
    return e.kind == ExprKind::call || e.kind == ExprKind::list ? args[e.c] : 0;
  }
  ExprId arg(const Expr& e, std::uint32_t i) const { return args[e.c + 1 + i]; }
};

// ---- declarations ---------------------------------------------------------------------------

struct Citation {
  std::string text;  // "H16 (i)", without the brackets
  Span span;
};

// A type as written: `dwellings`, `£ per habitable_room`, `boolean`, `list of dwelling_row`.
// Its words are names in the tree's table (Ast::names), so that a declaration's type takes a few
// bytes where two strings took sixty-four.
struct TypeSpec {
  Span span;
  NameId head = no_name;  // "dwellings", "£", "boolean", "percent", a record or enumeration name
  NameId per = no_name;   // the unit after `per`, if any
  bool list_of = false;
  bool set_of = false;  // `set of review`: some of the members of an enumeration
};

// Text most declarations lack (a `##` comment before them): one pointer until there is some,
// where a string takes four. Read as a std::string.
class RareText {
 public:
  RareText() = default;
  RareText(const RareText& other)
      : p_(other.p_ ? std::make_unique<std::string>(*other.p_) : nullptr) {}
  RareText(RareText&&) noexcept = default;
  RareText& operator=(const RareText& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<std::string>(*other.p_) : nullptr;
    return *this;
  }
  RareText& operator=(RareText&&) noexcept = default;
  ~RareText() = default;

  operator const std::string&() const { return p_ ? *p_ : empty_text(); }  // NOLINT: reads as one
  const std::string& str() const { return *this; }
  bool empty() const { return !p_ || p_->empty(); }
  RareText& operator+=(std::string_view more) {
    if (!p_) p_ = std::make_unique<std::string>();
    *p_ += more;
    return *this;
  }
  RareText& operator+=(char c) { return *this += std::string_view(&c, 1); }
  friend bool operator==(const RareText& a, std::string_view b) { return a.str() == b; }

 private:
  static const std::string& empty_text() {
    static const std::string empty;
    return empty;
  }
  std::unique_ptr<std::string> p_;
};

struct DeclCommon {
  std::string name;
  Span span;       // the whole declaration
  Span name_span;  // the declared name
  bool is_override = false;
  std::optional<Citation> citation;
  RareText doc;  // from `##` comments just before the declaration
};

struct InputDecl : DeclCommon {
  TypeSpec type;
  ExprId at_least = no_expr;  // bounds a scheme's value must keep to: `at least 1 dwelling`
  ExprId at_most = no_expr;
  bool optional = false;
  ExprId default_value = no_expr;
};

struct ParameterDecl : DeclCommon {
  std::optional<TypeSpec> type;
  ExprId value = no_expr;
};

struct ExceptionClause {
  std::string label;
  Span span;
  Span label_span;
  std::string target;  // the rule it refines (given on top-level exceptions, implied inline)
  Span target_span;
  std::string over;  // the exception it refines in turn, if any
  Span over_span;
  std::optional<Citation> citation;
  std::string doc;
  ExprId condition = no_expr;
  ExprId value = no_expr;
};

struct RuleDecl : DeclCommon {
  std::optional<TypeSpec> type;
  ExprId value = no_expr;
  std::vector<ExceptionClause> exceptions;  // written under the rule
};

// A member kept on the heap. A Decl is as large as its largest kind and a loaded ruleset keeps
// one for each declaration, so the bulk of a kind that is rare (a top-level exception's clause)
// is kept apart rather than paid for by every parameter. Copies are deep.
template <typename T>
class Boxed {
 public:
  Boxed() : p_(std::make_unique<T>()) {}
  Boxed(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: a T converts
  Boxed(const Boxed& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }

 private:
  std::unique_ptr<T> p_;
};

struct ExceptionDecl : DeclCommon {  // name is the label
  Boxed<ExceptionClause> clause;
};

struct TemplatePart {
  std::string text;       // literal text, escapes resolved
  ExprId expr = no_expr;  // or an interpolated {expression}
};

struct CheckDecl : DeclCommon {
  ExprId applies = no_expr;  // `when`: the check is not applicable when this is false
  ExprId requirement = no_expr;
  std::vector<TemplatePart> message;  // `else "..."`
  Span message_span;
};

// A requirement with no figure, listed for the officer to secure: `condition nominations [SPG
// 7.2] "Nomination rights on 60% of vacancies" when policy_applies`.
struct ConditionDecl : DeclCommon {
  std::vector<TemplatePart> text;  // with {holes}, as a check's message
  Span text_span;
  ExprId applies = no_expr;  // `when`: it is to be secured only when this holds
};

struct TableRow {
  Span span;
  std::vector<ExprId> cells;
};

struct TableDecl : DeclCommon {
  std::vector<std::pair<std::string, Span>> columns;  // the first column is the key
  std::vector<TableRow> rows;
};

struct EnumMember {
  std::string name;
  Span span;
  std::string label;  // how reports write it, e.g. "social rent"
};

struct EnumDecl : DeclCommon {
  std::vector<EnumMember> members;
  bool extension = false;  // `extend enum tenure = ...`: more members for an enumeration declared
                           // by a ruleset amended or a module used
};

struct FieldDecl {
  std::string name;
  Span span;
  Span name_span;
  TypeSpec type;
  bool optional = false;
  ExprId default_value = no_expr;  // evaluated per row when the field is absent
  std::optional<Citation> citation;
};

struct RecordDecl : DeclCommon {
  std::vector<FieldDecl> fields;
};

// A part is exact (`social_rent = 30%`), a minimum or a maximum or both (`= at least 30%`), or
// the remainder (`= remainder`): what the exact parts and the minimums leave of the whole.
struct SharePart {
  std::string name;
  Span span;
  Span name_span;
  ExprId value = no_expr;
  ExprId at_least = no_expr;
  ExprId at_most = no_expr;
  bool remainder = false;
  std::optional<Citation> citation;

  bool bounded() const { return at_least != no_expr || at_most != no_expr; }
};

struct SharesDecl : DeclCommon {
  ExprId total = no_expr;  // `of X`; without it the parts must add up to 100%
  std::vector<SharePart> parts;
};

struct PolicyDecl : DeclCommon {
  std::string title;
  ExprId applies = no_expr;
};

enum class DeclKind : std::uint8_t {
  input,
  parameter,
  rule,
  exception,
  check,
  condition,
  table,
  enumeration,
  record,
  shares,
  policy,
  remove
};

struct RemoveDecl : DeclCommon {  // name: what is removed
  DeclKind target_kind = DeclKind::rule;
  std::string rule;  // for `remove exception x for rule`
  Span rule_span;
};

using Decl =
    std::variant<InputDecl, ParameterDecl, RuleDecl, ExceptionDecl, CheckDecl, ConditionDecl,
                 TableDecl, EnumDecl, RecordDecl, SharesDecl, PolicyDecl, RemoveDecl>;

const DeclCommon& common(const Decl& d);
DeclCommon& common(Decl& d);
DeclKind kind_of(const Decl& d);
const char* kind_name(DeclKind k);  // "rule", "parameter", ...

enum class Status : std::uint8_t { draft, consultation, adopted, superseded, withdrawn };
const char* status_name(Status s);

struct DatedEvent {
  std::string kind;  // published, adopted, approved, superseded, withdrawn, consultation
  std::int32_t date = 0;
  std::optional<std::int32_t> until;  // consultation periods
  Span span;
  bool month_only = false;  // the document gives a month, not a day: `date` is its first day
};

// "published 2006-03-23", "published 2006-01", "consultation 2006-05-19 to 2006-06-29".
std::string event_text(const DatedEvent& event);

struct Header {
  Span span;
  bool is_module = false;  // `module` (shared definitions) or `ruleset` (an authority's guidance)
  std::string id;
  Span id_span;
  std::string title;
  Span title_span;  // each field's span covers its keyword and value
  std::string authority;
  Span authority_span;
  std::optional<Status> status;
  Span status_span;
  std::vector<DatedEvent> dates;
  std::string source;
  Span source_span;
  std::string amends;  // an id, or with amends_quoted a path relative to the file
  Span amends_span;
  bool amends_quoted = false;
};

struct Use {
  std::string module;  // dotted name, or a quoted path
  bool quoted = false;
  Span span;       // the module's name or path
  Span statement;  // from `use` to the end
};

struct Comment {
  Span span;  // from '#' to the end of the line, exclusive of the newline
  bool doc = false;
};

struct Module {
  FileId file = no_file;
  Header header;
  std::vector<Use> uses;
  std::vector<Decl> decls;
  std::vector<Comment> comments;
};

}  // namespace spdl::ast
