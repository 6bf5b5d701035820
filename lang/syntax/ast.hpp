#pragma once
// The syntax tree of spdl files. Expressions live in one arena (`Ast`) shared by every file of a
// load, addressed by ExprId, so the checker can keep its results in side tables indexed the same
// way. Declarations are plain structs that keep their spans and citations for reports.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/source.hpp"
#include "spdl/lang/base/units.hpp"

namespace spdl::ast {

using ExprId = std::uint32_t;
using NameId = std::uint32_t;
inline constexpr ExprId no_expr = 0xFFFFFFFF;

enum class ExprKind : std::uint8_t {
  number,       // numbers[a]: value and unit as written
  boolean,      // a: 0 or 1
  text,         // strings[a]
  date,         // a: day number (bit pattern of an int32)
  name,         // names[a]
  unary,        // op (neg, not_), operand a
  binary,       // op, operands a and b
  conditional,  // if a then b else c
  call,         // names[a] called with args; b: the `where` filter or no_expr
  field,        // a.names[b]
  project,      // a.(b): b evaluated for each row of list a
  index,        // a[b]: the row of table a whose key is b
  list,         // [args...]
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
  std::uint32_t c = no_expr;
  std::uint32_t args_begin = 0;
  std::uint32_t args_count = 0;

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

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, NameId> index_;
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
  ExprId arg(const Expr& e, std::uint32_t i) const { return args[e.args_begin + i]; }
};

// ---- declarations ---------------------------------------------------------------------------

struct Citation {
  std::string text;  // "H16 (i)", without the brackets
  Span span;
};

// A type as written: `dwellings`, `£ per habitable_room`, `boolean`, `list of dwelling_row`.
struct TypeSpec {
  Span span;
  std::string head;  // "dwellings", "£", "boolean", "percent", a record or enumeration name
  std::string per;   // the unit after `per`, if any
  bool list_of = false;
  bool set_of = false;  // `set of review`: some of the members of an enumeration
};

struct DeclCommon {
  std::string name;
  Span span;       // the whole declaration
  Span name_span;  // the declared name
  bool is_override = false;
  std::optional<Citation> citation;
  std::string doc;  // from `##` comments just before the declaration
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

struct ExceptionDecl : DeclCommon {  // name is the label
  ExceptionClause clause;
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
