#pragma once
// PEGTL actions that build the AST. Included by parser.cpp only.
//
// Expressions are built on a stack: a literal or name pushes a node, an operator's tail pops its
// operands and pushes the result. Declarations are assembled from "registers" (the last name,
// citation, type... seen), which each consumer takes and clears. Because nothing backtracks after
// a keyword (see grammar.hpp), every action that runs belongs to the final parse.

#include <map>
#include <optional>
#include <string>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/ast.hpp"
#include "spdl/lang/syntax/grammar.hpp"
#include "spdl/lang/syntax/parse_errors.hpp"

namespace spdl::parsing {

namespace g = spdl::grammar;
namespace pegtl = tao::pegtl;

// An error found by an action where no PEGTL input stands at the offending byte.
struct SyntaxError {
  std::uint32_t offset;
  std::string message;
};

struct StackEntry {
  ast::ExprId id;
  std::uint16_t depth;
};

struct ParseState {
  ParseState(ast::Ast& a, FileId f, const char* b) : ast(a), file(f), base(b) {}

  ast::Ast& ast;
  FileId file;
  const char* base;       // start of the file's text: offsets are measured from here
  std::size_t depth = 0;  // nesting, maintained by grammar::guarded

  std::vector<StackEntry> stack;
  std::vector<ast::Op> ops;
  std::vector<std::size_t> markers;
  std::vector<bool> call_has_where;
  std::map<std::uint32_t, ast::Comment> comments;  // keyed by offset: re-matching adds nothing

  ast::Header header;

  // The declaration being read, and its registers.
  std::optional<ast::Decl> decl;
  std::optional<ast::Use> use;
  bool override_flag = false;
  std::string name;
  Span name_span;
  std::optional<ast::Citation> citation;
  std::optional<ast::TypeSpec> type;
  bool optional_flag = false;
  ast::ExprId default_value = ast::no_expr;
  ast::ExprId at_least = ast::no_expr;
  ast::ExprId at_most = ast::no_expr;
  ast::ExprId total = ast::no_expr;
  std::string title;
  ast::ExceptionClause clause;
  ast::FieldDecl field;
  ast::SharePart part;
  ast::DeclKind remove_kind = ast::DeclKind::rule;

  void reset_declaration() {
    stack.clear();
    ops.clear();
    markers.clear();
    call_has_where.clear();
    depth = 0;
    decl.reset();
    use.reset();
    override_flag = false;
    name.clear();
    name_span = {};
    citation.reset();
    type.reset();
    optional_flag = false;
    default_value = ast::no_expr;
    at_least = ast::no_expr;
    at_most = ast::no_expr;
    total = ast::no_expr;
    title.clear();
    clause = {};
    field = {};
    part = {};
  }

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base); }
  template <typename Input>
  Span span(const Input& in) const {
    return {file, offset(in.begin()), offset(in.end())};
  }

  std::optional<ast::Citation> take_citation() { return std::exchange(citation, std::nullopt); }
  std::optional<ast::TypeSpec> take_type() { return std::exchange(type, std::nullopt); }

  StackEntry pop() {
    const StackEntry e = stack.back();
    stack.pop_back();
    return e;
  }

  template <typename Input>
  void push(const Input& in, ast::Expr e, std::uint16_t child_depth) {
    const std::uint16_t d = static_cast<std::uint16_t>(child_depth + 1);
    if (d > limits::max_expression_depth) {
      throw pegtl::parse_error(
          "this formula is too long or too deeply nested (more than 256 levels); split it into "
          "named rules",
          in);
    }
    e.file = file;
    stack.push_back({ast.add(e), d});
  }
};

// ---- text helpers -----------------------------------------------------------------------------

inline std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      ++i;
      out += raw[i] == 'n' ? '\n' : raw[i];
    } else {
      out += raw[i];
    }
  }
  return out;
}

// The unescaped contents of the first "..." in `text`.
inline std::string quoted_value(std::string_view text) {
  const auto open = text.find('"');
  const auto close = text.rfind('"');
  if (open == std::string_view::npos || close <= open) return {};
  return unescape(text.substr(open + 1, close - open - 1));
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

inline std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    const std::size_t start = i;
    while (i < text.size() &&
           !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

// "£29,341 per habitable_room", "40%", "0.5 ha", "3,000 persons" -> value and unit.
inline ast::NumberLiteral read_number_literal(std::string_view text) {
  ast::NumberLiteral lit;
  if (text.starts_with("\xC2\xA3")) {
    lit.money = true;
    text.remove_prefix(2);
    text = trim(text);
  }
  std::size_t i = 0;
  std::string digits;
  while (i < text.size() &&
         ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' || text[i] == '.')) {
    if (text[i] != ',') digits += text[i];
    ++i;
  }
  lit.value = *Rational::from_decimal(digits);
  std::string_view rest = text.substr(i);
  if (rest.starts_with("%")) {
    lit.value = *Rational::divide(lit.value, Rational(100));
    lit.unit = Unit::percentage();
    return lit;
  }
  Unit unit = lit.money ? Unit::of(Dimension::money) : Unit::none();
  const auto w = words(rest);
  std::size_t k = 0;
  if (k < w.size() && w[k] != "per") unit = multiply(unit, *unit_from_word(w[k++]));
  if (k + 1 < w.size() && w[k] == "per") unit = divide(unit, *unit_from_word(w[k + 1]));
  lit.unit = unit;
  return lit;
}

inline ast::TypeSpec read_type_spec(std::string_view text, Span span) {
  ast::TypeSpec t;
  t.span = span;
  const auto w = words(text);
  std::size_t k = 0;
  if (k + 1 < w.size() && w[k] == "list" && w[k + 1] == "of") {
    t.list_of = true;
    k += 2;
  }
  if (k < w.size()) t.head = std::string(w[k++]);
  if (k + 1 < w.size() && w[k] == "per") t.per = std::string(w[k + 1]);
  return t;
}

// ---- actions --------------------------------------------------------------------------------

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

#define SPDL_ACTION(rule) \
  template <>             \
  struct action<rule>
#define SPDL_APPLY          \
  template <typename Input> \
  static void apply(const Input& in, ParseState& s)

SPDL_ACTION(g::comment){SPDL_APPLY{const Span span = s.span(in);
const bool doc = in.size() >= 2 && in.begin()[1] == '#';
s.comments.emplace(span.begin, ast::Comment{span, doc});
}  // namespace spdl::parsing
}
;

// -- literals

SPDL_ACTION(g::number_text){SPDL_APPLY{(void)s;
std::size_t digits = 0;
for (const char c : in.string_view()) digits += (c >= '0' && c <= '9') ? 1 : 0;
if (digits > limits::max_number_digits) {
  throw pegtl::parse_error(
      "this number has " + std::to_string(digits) + " digits; spdl allows at most 40", in);
}
}
}
;

template <typename Input>
void push_number(const Input& in, ParseState& s) {
  s.ast.numbers.push_back(read_number_literal(in.string_view()));
  ast::Expr e;
  e.kind = ast::ExprKind::number;
  e.begin = s.offset(in.begin());
  e.end = s.offset(in.end());
  e.a = static_cast<std::uint32_t>(s.ast.numbers.size() - 1);
  s.push(in, e, 0);
}

SPDL_ACTION(g::quantity_literal){SPDL_APPLY{push_number(in, s);
}
}
;
SPDL_ACTION(g::percent_literal){SPDL_APPLY{push_number(in, s);
}
}
;
SPDL_ACTION(g::money_literal){SPDL_APPLY{push_number(in, s);
}
}
;

SPDL_ACTION(g::date_literal){SPDL_APPLY{const auto day = parse_date(in.string_view());
if (!day) throw pegtl::parse_error(in.string() + " is not a date in the calendar", in);
ast::Expr e;
e.kind = ast::ExprKind::date;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
e.a = static_cast<std::uint32_t>(*day);
s.push(in, e, 0);
}
}
;

SPDL_ACTION(g::string_literal){SPDL_APPLY{s.ast.strings.push_back(quoted_value(in.string_view()));
ast::Expr e;
e.kind = ast::ExprKind::text;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
e.a = static_cast<std::uint32_t>(s.ast.strings.size() - 1);
s.push(in, e, 0);
}
}
;

SPDL_ACTION(g::bool_literal){SPDL_APPLY{ast::Expr e;
e.kind = ast::ExprKind::boolean;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
e.a = in.string_view() == "true" ? 1 : 0;
s.push(in, e, 0);
}
}
;

SPDL_ACTION(g::name_ref){SPDL_APPLY{ast::Expr e;
e.kind = ast::ExprKind::name;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
e.a = s.ast.names.intern(in.string_view());
s.push(in, e, 0);
}
}
;

// -- compound expressions

template <typename Input>
void push_variadic(const Input& in, ParseState& s, ast::Expr e, std::size_t from) {
  std::uint16_t depth = 0;
  e.args_begin = static_cast<std::uint32_t>(s.ast.args.size());
  e.args_count = static_cast<std::uint32_t>(s.stack.size() - from);
  for (std::size_t i = from; i < s.stack.size(); ++i) {
    s.ast.args.push_back(s.stack[i].id);
    depth = std::max(depth, s.stack[i].depth);
  }
  s.stack.resize(from);
  s.push(in, e, depth);
}

SPDL_ACTION(g::call_open){SPDL_APPLY{(void)in;
s.markers.push_back(s.stack.size());
s.call_has_where.push_back(false);
}
}
;

SPDL_ACTION(g::where_clause){SPDL_APPLY{(void)in;
s.call_has_where.back() = true;
}
}
;

SPDL_ACTION(g::call_suffix){SPDL_APPLY{const std::size_t from = s.markers.back();
s.markers.pop_back();
const bool has_where = s.call_has_where.back();
s.call_has_where.pop_back();
ast::Expr e;
e.kind = ast::ExprKind::call;
std::uint16_t where_depth = 0;
if (has_where) {
  const StackEntry w = s.pop();
  e.b = w.id;
  where_depth = w.depth;
}
// The callee's name node sits just below the arguments.
const ast::Expr callee = s.ast[s.stack[from - 1].id];
e.a = callee.a;
e.begin = callee.begin;
// Move the arguments down over the callee, then build the call from them.
s.stack.erase(s.stack.begin() + static_cast<std::ptrdiff_t>(from - 1));
e.end = s.offset(in.end());
std::uint16_t depth = where_depth;
e.args_begin = static_cast<std::uint32_t>(s.ast.args.size());
e.args_count = static_cast<std::uint32_t>(s.stack.size() - (from - 1));
for (std::size_t i = from - 1; i < s.stack.size(); ++i) {
  s.ast.args.push_back(s.stack[i].id);
  depth = std::max(depth, s.stack[i].depth);
}
s.stack.resize(from - 1);
s.push(in, e, depth);
}
}
;

SPDL_ACTION(g::list_open){SPDL_APPLY{(void)in;
s.markers.push_back(s.stack.size());
}
}
;

SPDL_ACTION(g::list_literal){SPDL_APPLY{const std::size_t from = s.markers.back();
s.markers.pop_back();
ast::Expr e;
e.kind = ast::ExprKind::list;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
push_variadic(in, s, e, from);
}
}
;

template <typename Input>
void push_unary(const Input& in, ParseState& s, ast::ExprKind kind, ast::Op op) {
  const StackEntry a = s.pop();
  ast::Expr e;
  e.kind = kind;
  e.op = op;
  e.begin = s.offset(in.begin());
  e.end = s.offset(in.end());
  e.a = a.id;
  s.push(in, e, a.depth);
}

// Postfix and infix results span from their first operand to the end of the match.
template <typename Input>
void push_binary(const Input& in, ParseState& s, ast::ExprKind kind, ast::Op op) {
  const StackEntry b = s.pop();
  const StackEntry a = s.pop();
  ast::Expr e;
  e.kind = kind;
  e.op = op;
  e.begin = s.ast[a.id].begin;
  e.end = s.offset(in.end());
  e.a = a.id;
  e.b = b.id;
  s.push(in, e, std::max(a.depth, b.depth));
}

SPDL_ACTION(g::paren_expr){SPDL_APPLY{push_unary(in, s, ast::ExprKind::paren, ast::Op::none);
}
}
;
SPDL_ACTION(g::negation){SPDL_APPLY{push_unary(in, s, ast::ExprKind::unary, ast::Op::neg);
}
}
;
SPDL_ACTION(g::logical_not){SPDL_APPLY{push_unary(in, s, ast::ExprKind::unary, ast::Op::not_);
}
}
;

SPDL_ACTION(g::field_name){SPDL_APPLY{const StackEntry a = s.pop();
ast::Expr e;
e.kind = ast::ExprKind::field;
e.begin = s.ast[a.id].begin;
e.end = s.offset(in.end());
e.a = a.id;
e.b = s.ast.names.intern(in.string_view());
s.push(in, e, a.depth);
}
}
;

SPDL_ACTION(g::projection){SPDL_APPLY{push_binary(in, s, ast::ExprKind::project, ast::Op::none);
}
}
;
SPDL_ACTION(g::index_suffix){SPDL_APPLY{push_binary(in, s, ast::ExprKind::index, ast::Op::none);
}
}
;

SPDL_ACTION(g::mul_op){
    SPDL_APPLY{s.ops.push_back(in.string_view() == "*" ? ast::Op::mul : ast::Op::div);
}
}
;
SPDL_ACTION(g::add_op){
    SPDL_APPLY{s.ops.push_back(in.string_view() == "+" ? ast::Op::add : ast::Op::sub);
}
}
;
SPDL_ACTION(g::cmp_op){SPDL_APPLY{const auto t = in.string_view();
ast::Op op = ast::Op::eq;
if (t == "<=")
  op = ast::Op::le;
else if (t == ">=")
  op = ast::Op::ge;
else if (t == "!=")
  op = ast::Op::ne;
else if (t == "<")
  op = ast::Op::lt;
else if (t == ">")
  op = ast::Op::gt;
s.ops.push_back(op);
}
}
;

template <typename Input>
void push_operator_tail(const Input& in, ParseState& s) {
  const ast::Op op = s.ops.back();
  s.ops.pop_back();
  push_binary(in, s, ast::ExprKind::binary, op);
}

SPDL_ACTION(g::mul_tail){SPDL_APPLY{push_operator_tail(in, s);
}
}
;
SPDL_ACTION(g::add_tail){SPDL_APPLY{push_operator_tail(in, s);
}
}
;
SPDL_ACTION(g::cmp_tail){SPDL_APPLY{push_operator_tail(in, s);
}
}
;
SPDL_ACTION(g::in_tail){SPDL_APPLY{push_binary(in, s, ast::ExprKind::membership, ast::Op::in);
}
}
;
SPDL_ACTION(g::not_in_tail){
    SPDL_APPLY{push_binary(in, s, ast::ExprKind::membership, ast::Op::not_in);
}
}
;
SPDL_ACTION(g::and_tail){SPDL_APPLY{push_binary(in, s, ast::ExprKind::binary, ast::Op::and_);
}
}
;
SPDL_ACTION(g::or_tail){SPDL_APPLY{push_binary(in, s, ast::ExprKind::binary, ast::Op::or_);
}
}
;

SPDL_ACTION(g::if_expr){SPDL_APPLY{const StackEntry c = s.pop();
const StackEntry b = s.pop();
const StackEntry a = s.pop();
ast::Expr e;
e.kind = ast::ExprKind::conditional;
e.begin = s.offset(in.begin());
e.end = s.offset(in.end());
e.a = a.id;
e.b = b.id;
e.c = c.id;
s.push(in, e, std::max({a.depth, b.depth, c.depth}));
}
}
;

// -- header

SPDL_ACTION(g::header_kind){SPDL_APPLY{s.header.is_module = in.string_view() == "module";
}
}
;
SPDL_ACTION(g::expect_header_id){SPDL_APPLY{s.header.id = in.string();
s.header.id_span = s.span(in);
}
}
;
SPDL_ACTION(g::title_field){SPDL_APPLY{s.header.title = quoted_value(in.string_view());
s.header.title_span = s.span(in);
}
}
;
SPDL_ACTION(g::authority_field){SPDL_APPLY{s.header.authority = quoted_value(in.string_view());
s.header.authority_span = s.span(in);
}
}
;
SPDL_ACTION(g::source_field){SPDL_APPLY{s.header.source = quoted_value(in.string_view());
s.header.source_span = s.span(in);
}
}
;
SPDL_ACTION(g::status_field){SPDL_APPLY{const auto w = words(in.string_view());
const std::string_view word = w.back();
ast::Status status = ast::Status::draft;
if (word == "consultation")
  status = ast::Status::consultation;
else if (word == "adopted")
  status = ast::Status::adopted;
else if (word == "superseded")
  status = ast::Status::superseded;
else if (word == "withdrawn")
  status = ast::Status::withdrawn;
s.header.status = status;
s.header.status_span = s.span(in);
}
}
;

// A header's date: `text` points into the source, so an impossible date is reported where it is
// written. A month (YYYY-MM) stands for its first day.
inline std::int32_t checked_date(const ParseState& s, std::string_view text) {
  const bool month_only = text.size() == 7;
  const std::string day = std::string(text) + (month_only ? "-01" : "");
  const auto parsed = parse_date(day);
  if (!parsed) {
    throw SyntaxError{s.offset(text.data()),
                      std::string(text) + (month_only ? " is not a month in the calendar"
                                                      : " is not a date in the calendar")};
  }
  return *parsed;
}

SPDL_ACTION(g::date_field){SPDL_APPLY{const auto w = words(in.string_view());
s.header.dates.push_back({std::string(w.front()), checked_date(s, w.back()), std::nullopt,
                          s.span(in), w.back().size() == 7});
}
}
;
SPDL_ACTION(g::consultation_field){SPDL_APPLY{const auto w = words(in.string_view());
s.header.dates.push_back({"consultation", checked_date(s, w[1]), checked_date(s, w[3]),
                          s.span(in)});
}
}
;
SPDL_ACTION(g::expect_amends_id){SPDL_APPLY{s.header.amends = in.string();
s.header.amends_span = s.span(in);
}
}
;
SPDL_ACTION(g::expect_header){SPDL_APPLY{s.header.span = s.span(in);
}
}
;

// -- declaration registers

SPDL_ACTION(g::override_flag){SPDL_APPLY{(void)in;
s.override_flag = true;
}
}
;
SPDL_ACTION(g::expect_decl_name){SPDL_APPLY{s.name = in.string();
s.name_span = s.span(in);
}
}
;
SPDL_ACTION(g::citation){SPDL_APPLY{const auto text = in.string_view();
s.citation = ast::Citation{std::string(trim(text.substr(1, text.size() - 2))), s.span(in)};
}
}
;
SPDL_ACTION(g::expect_type){SPDL_APPLY{s.type = read_type_spec(in.string_view(), s.span(in));
}
}
;
SPDL_ACTION(g::optional_flag){SPDL_APPLY{(void)in;
s.optional_flag = true;
}
}
;
SPDL_ACTION(g::default_value){SPDL_APPLY{(void)in;
s.default_value = s.pop().id;
}
}
;
SPDL_ACTION(g::lower_bound){SPDL_APPLY{(void)in;
s.at_least = s.pop().id;
}
}
;
SPDL_ACTION(g::upper_bound){SPDL_APPLY{(void)in;
s.at_most = s.pop().id;
}
}
;

template <typename Decl>
Decl& open_decl(ParseState& s) {
  Decl d;
  d.name = s.name;
  d.name_span = s.name_span;
  s.decl = std::move(d);
  return std::get<Decl>(*s.decl);
}

// -- use

SPDL_ACTION(g::use_path){
    SPDL_APPLY{s.use = ast::Use{quoted_value(in.string_view()), true, s.span(in), {}};
}
}
;
SPDL_ACTION(g::use_name){SPDL_APPLY{s.use = ast::Use{in.string(), false, s.span(in), {}};
}
}
;

// -- input and parameter

SPDL_ACTION(g::input_head){SPDL_APPLY{(void)in;
open_decl<ast::InputDecl>(s);
}
}
;
SPDL_ACTION(g::input_decl){SPDL_APPLY{(void)in;
auto& d = std::get<ast::InputDecl>(*s.decl);
d.type = *s.take_type();
d.optional = std::exchange(s.optional_flag, false);
d.default_value = std::exchange(s.default_value, ast::no_expr);
d.at_least = std::exchange(s.at_least, ast::no_expr);
d.at_most = std::exchange(s.at_most, ast::no_expr);
d.citation = s.take_citation();
}
}
;

SPDL_ACTION(g::parameter_head){SPDL_APPLY{(void)in;
open_decl<ast::ParameterDecl>(s).type = s.take_type();
}
}
;
SPDL_ACTION(g::value_expr){SPDL_APPLY{(void)in;
const ast::ExprId value = s.pop().id;
if (auto* p = std::get_if<ast::ParameterDecl>(&*s.decl)) p->value = value;
if (auto* r = std::get_if<ast::RuleDecl>(&*s.decl)) r->value = value;
}
}
;
SPDL_ACTION(g::parameter_decl){SPDL_APPLY{(void)in;
std::get<ast::ParameterDecl>(*s.decl).citation = s.take_citation();
}
}
;

// -- rules and exceptions

SPDL_ACTION(g::rule_head){SPDL_APPLY{(void)in;
auto& d = open_decl<ast::RuleDecl>(s);
d.type = s.take_type();
d.citation = s.take_citation();
}
}
;
SPDL_ACTION(g::inline_exception_start){SPDL_APPLY{(void)in;
s.clause = {};
}
}
;
SPDL_ACTION(g::expect_exception_label){SPDL_APPLY{s.clause.label = in.string();
s.clause.label_span = s.span(in);
}
}
;
SPDL_ACTION(g::expect_exception_target){SPDL_APPLY{s.clause.target = in.string();
s.clause.target_span = s.span(in);
}
}
;
SPDL_ACTION(g::expect_over_label){SPDL_APPLY{s.clause.over = in.string();
s.clause.over_span = s.span(in);
}
}
;
SPDL_ACTION(g::exception_condition){SPDL_APPLY{(void)in;
s.clause.condition = s.pop().id;
s.clause.citation = s.take_citation();
}
}
;
SPDL_ACTION(g::exception_value){SPDL_APPLY{(void)in;
s.clause.value = s.pop().id;
}
}
;
SPDL_ACTION(g::inline_exception){SPDL_APPLY{auto& rule = std::get<ast::RuleDecl>(*s.decl);
s.clause.span = s.span(in);
s.clause.target = rule.name;
s.clause.target_span = rule.name_span;
rule.exceptions.push_back(std::move(s.clause));
s.clause = {};
}
}
;
SPDL_ACTION(g::exception_decl_start){SPDL_APPLY{(void)in;
s.decl = ast::ExceptionDecl{};
s.clause = {};
}
}
;
SPDL_ACTION(g::exception_decl){SPDL_APPLY{auto& d = std::get<ast::ExceptionDecl>(*s.decl);
s.clause.span = s.span(in);
d.name = s.clause.label;
d.name_span = s.clause.label_span;
d.citation = s.clause.citation;
d.clause = std::move(s.clause);
s.clause = {};
}
}
;

// -- checks

SPDL_ACTION(g::check_head){SPDL_APPLY{(void)in;
open_decl<ast::CheckDecl>(s).citation = s.take_citation();
}
}
;
SPDL_ACTION(g::check_applies){SPDL_APPLY{(void)in;
std::get<ast::CheckDecl>(*s.decl).applies = s.pop().id;
}
}
;
SPDL_ACTION(g::check_requirement){SPDL_APPLY{(void)in;
std::get<ast::CheckDecl>(*s.decl).requirement = s.pop().id;
}
}
;

// A message is text with {expression} holes. Each hole is parsed where it stands in the file, so
// its span (and any error in it) points at the right column.
SPDL_ACTION(g::check_message){SPDL_APPLY{auto& check = std::get<ast::CheckDecl>(*s.decl);
check.message_span = s.span(in);
const char* p = in.begin() + 1;  // after the opening quote
const char* end = in.end() - 1;  // the closing quote
std::string text;
auto flush = [&] {
  if (!text.empty()) check.message.push_back({std::move(text), ast::no_expr});
  text.clear();
};
while (p < end) {
  if (*p == '\\' && p + 1 < end) {
    text += p[1] == 'n' ? '\n' : p[1];
    p += 2;
  } else if (*p == '{') {
    const char* close = p + 1;
    while (close < end && *close != '}') ++close;
    if (close == end) {
      throw SyntaxError{s.offset(p),
                        "this `{` has no closing `}`; write `\\{` for a literal brace"};
    }
    flush();
    pegtl::memory_input<> hole(p + 1, close, in.input().source(), s.offset(p + 1), 1, 1);
    pegtl::parse<g::expression_only, action, g::control>(hole, s);
    check.message.push_back({std::string(), s.pop().id});
    p = close + 1;
  } else {
    text += *p++;
  }
}
flush();
}
}
;

// -- tables

SPDL_ACTION(g::table_head){SPDL_APPLY{(void)in;
open_decl<ast::TableDecl>(s).citation = s.take_citation();
}
}
;
SPDL_ACTION(g::expect_table_column){
    SPDL_APPLY{std::get<ast::TableDecl>(*s.decl).columns.emplace_back(in.string(), s.span(in));
}
}
;
SPDL_ACTION(g::table_row_start){SPDL_APPLY{(void)in;
s.markers.push_back(s.stack.size());
}
}
;
SPDL_ACTION(g::table_row){SPDL_APPLY{const std::size_t from = s.markers.back();
s.markers.pop_back();
ast::TableRow row;
row.span = s.span(in);
for (std::size_t i = from; i < s.stack.size(); ++i) row.cells.push_back(s.stack[i].id);
s.stack.resize(from);
std::get<ast::TableDecl>(*s.decl).rows.push_back(std::move(row));
}
}
;

// -- enumerations and records

SPDL_ACTION(g::enum_head){SPDL_APPLY{(void)in;
open_decl<ast::EnumDecl>(s).citation = s.take_citation();
}
}
;
SPDL_ACTION(g::expect_enum_member){
    SPDL_APPLY{std::get<ast::EnumDecl>(*s.decl).members.push_back({in.string(), s.span(in), {}});
}
}
;
SPDL_ACTION(g::enum_member_label){SPDL_APPLY{
    std::get<ast::EnumDecl>(*s.decl).members.back().label = quoted_value(in.string_view());
}
}
;

SPDL_ACTION(g::record_head){SPDL_APPLY{(void)in;
open_decl<ast::RecordDecl>(s).citation = s.take_citation();
}
}
;
SPDL_ACTION(g::field_decl_name){SPDL_APPLY{s.field = {};
s.field.name = in.string();
s.field.name_span = s.span(in);
s.type.reset();
s.optional_flag = false;
s.default_value = ast::no_expr;
s.citation.reset();
}
}
;
SPDL_ACTION(g::field_decl){SPDL_APPLY{s.field.span = s.span(in);
s.field.type = *s.take_type();
s.field.optional = std::exchange(s.optional_flag, false);
s.field.default_value = std::exchange(s.default_value, ast::no_expr);
s.field.citation = s.take_citation();
std::get<ast::RecordDecl>(*s.decl).fields.push_back(std::move(s.field));
s.field = {};
}
}
;

// -- shares

SPDL_ACTION(g::shares_total){SPDL_APPLY{(void)in;
s.total = s.pop().id;
}
}
;
SPDL_ACTION(g::shares_head){SPDL_APPLY{(void)in;
auto& d = open_decl<ast::SharesDecl>(s);
d.total = std::exchange(s.total, ast::no_expr);
d.citation = s.take_citation();
}
}
;
SPDL_ACTION(g::share_part_name){SPDL_APPLY{s.part = {};
s.part.name = in.string();
s.part.name_span = s.span(in);
}
}
;
SPDL_ACTION(g::share_part_value){SPDL_APPLY{(void)in;
s.part.value = s.pop().id;
}
}
;
template <typename Input>
void finish_share_part(const Input& in, ParseState& s) {
  s.part.span = s.span(in);
  s.part.citation = s.take_citation();
  std::get<ast::SharesDecl>(*s.decl).parts.push_back(std::move(s.part));
  s.part = {};
}
SPDL_ACTION(g::share_part){SPDL_APPLY{finish_share_part(in, s);
}
}
;
SPDL_ACTION(g::expect_share_part){SPDL_APPLY{finish_share_part(in, s);
}
}
;

// -- policies and removals

SPDL_ACTION(g::policy_title){SPDL_APPLY{s.title = quoted_value(in.string_view());
}
}
;
SPDL_ACTION(g::policy_head){SPDL_APPLY{(void)in;
auto& d = open_decl<ast::PolicyDecl>(s);
d.title = std::move(s.title);
d.citation = s.take_citation();
}
}
;
SPDL_ACTION(g::policy_applies){SPDL_APPLY{(void)in;
std::get<ast::PolicyDecl>(*s.decl).applies = s.pop().id;
}
}
;

SPDL_ACTION(g::expect_removable_kind){SPDL_APPLY{const auto t = in.string_view();
using K = ast::DeclKind;
K k = K::rule;
if (t == "input")
  k = K::input;
else if (t == "parameter")
  k = K::parameter;
else if (t == "check")
  k = K::check;
else if (t == "exception")
  k = K::exception;
else if (t == "table")
  k = K::table;
else if (t == "enum")
  k = K::enumeration;
else if (t == "record")
  k = K::record;
else if (t == "shares")
  k = K::shares;
else if (t == "policy")
  k = K::policy;
s.remove_kind = k;
}
}
;
SPDL_ACTION(g::remove_decl){SPDL_APPLY{(void)in;
auto& d = open_decl<ast::RemoveDecl>(s);
d.target_kind = s.remove_kind;
d.rule = s.clause.target;
d.rule_span = s.clause.target_span;
}
}
;

#undef SPDL_APPLY
#undef SPDL_ACTION

}  // namespace spdl::parsing
