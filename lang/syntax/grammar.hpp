#pragma once
// The spdl grammar: PEGTL rules only. The actions that build the AST live in parse/ and the error
// messages of every `expect_*` rule in parse_errors.hpp; all are included by parser.cpp alone, so
// PEGTL is compiled once. The language is described in spec/language.md.
//
// Conventions. Whitespace (including newlines and comments) is consumed before a token by the
// rule that wants it, never after, so `t[k]` (index, no space) and `x [H16]` (a citation) stay
// apart. A rule named expect_X matches X or raises its message: after a keyword, nothing
// backtracks, so actions never run on a path that is later abandoned.

#include <tao/pegtl.hpp>

#include "spdl/lang/base/limits.hpp"

namespace spdl::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// ---- nesting guard --------------------------------------------------------------------------

// Counts nesting in the parse state and refuses to go deeper than limits::max_nesting_depth, so
// hostile input (100,000 opening parentheses) cannot exhaust the stack. PEGTL does not bound
// recursion itself (taocpp/PEGTL#256).
template <typename Rule>
struct guarded {
  using rule_t = guarded;
  using subs_t = type_list<Rule>;

  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename State>
  static bool match(ParseInput& in, State& state) {
    struct Depth {
      std::size_t& depth;
      ~Depth() { --depth; }
    } guard{++state.depth};
    if (state.depth > limits::max_nesting_depth) {
      throw parse_error(
          "this is nested too deeply (more than 64 levels of parentheses, `if` or "
          "operators); split it into named rules",
          in);
    }
    return Control<Rule>::template match<A, M, Action, Control>(in, state);
  }
};

// ---- lexical --------------------------------------------------------------------------------

struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct space_char : one<' ', '\t', '\r', '\n'> {};
struct ws : star<sor<plus<space_char>, comment>> {};
struct blanks : star<one<' ', '\t'>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct raw_identifier : seq<ident_first, star<ident_other>> {};

struct kw_ruleset : TAO_PEGTL_KEYWORD("ruleset") {};
struct kw_module : TAO_PEGTL_KEYWORD("module") {};
struct kw_use : TAO_PEGTL_KEYWORD("use") {};
struct kw_input : TAO_PEGTL_KEYWORD("input") {};
struct kw_parameter : TAO_PEGTL_KEYWORD("parameter") {};
struct kw_rule : TAO_PEGTL_KEYWORD("rule") {};
struct kw_check : TAO_PEGTL_KEYWORD("check") {};
struct kw_exception : TAO_PEGTL_KEYWORD("exception") {};
struct kw_table : TAO_PEGTL_KEYWORD("table") {};
struct kw_enum : TAO_PEGTL_KEYWORD("enum") {};
struct kw_record : TAO_PEGTL_KEYWORD("record") {};
struct kw_shares : TAO_PEGTL_KEYWORD("shares") {};
struct kw_policy : TAO_PEGTL_KEYWORD("policy") {};
struct kw_override : TAO_PEGTL_KEYWORD("override") {};
struct kw_remove : TAO_PEGTL_KEYWORD("remove") {};
struct kw_if : TAO_PEGTL_KEYWORD("if") {};
struct kw_then : TAO_PEGTL_KEYWORD("then") {};
struct kw_else : TAO_PEGTL_KEYWORD("else") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_where : TAO_PEGTL_KEYWORD("where") {};
struct kw_for : TAO_PEGTL_KEYWORD("for") {};
struct kw_over : TAO_PEGTL_KEYWORD("over") {};
struct kw_require : TAO_PEGTL_KEYWORD("require") {};
struct kw_optional : TAO_PEGTL_KEYWORD("optional") {};
struct kw_default : TAO_PEGTL_KEYWORD("default") {};
struct kw_list : TAO_PEGTL_KEYWORD("list") {};
struct kw_of : TAO_PEGTL_KEYWORD("of") {};
struct kw_per : TAO_PEGTL_KEYWORD("per") {};
struct kw_condition : TAO_PEGTL_KEYWORD("condition") {};
struct kw_extend : TAO_PEGTL_KEYWORD("extend") {};
struct kw_apportion : TAO_PEGTL_KEYWORD("apportion") {};
// Not reserved: `at`, `least` and `most` are keywords only after an input's type or a share's
// `=`; `remainder` only as a share's value, `by` only after `apportion`'s total and `set` only
// before `of` in a type.
struct kw_at : TAO_PEGTL_KEYWORD("at") {};
struct kw_least : TAO_PEGTL_KEYWORD("least") {};
struct kw_most : TAO_PEGTL_KEYWORD("most") {};
struct kw_remainder : TAO_PEGTL_KEYWORD("remainder") {};
struct kw_by : TAO_PEGTL_KEYWORD("by") {};
struct kw_set : TAO_PEGTL_KEYWORD("set") {};

struct reserved : sor<kw_ruleset, kw_module, kw_use, kw_input, kw_parameter, kw_rule, kw_check,
                      kw_exception, kw_table, kw_enum, kw_record, kw_shares, kw_policy, kw_override,
                      kw_remove, kw_if, kw_then, kw_else, kw_when, kw_and, kw_or, kw_not, kw_in,
                      kw_true, kw_false, kw_where, kw_for, kw_over, kw_require, kw_optional,
                      kw_default, kw_list, kw_of, kw_per, kw_condition, kw_extend, kw_apportion> {};

struct identifier : seq<not_at<reserved>, raw_identifier> {};
struct dotted_name : seq<raw_identifier, star<one<'.'>, raw_identifier>> {};

// Words that start a declaration: where parsing resumes after an error.
struct declaration_keyword
    : sor<kw_use, kw_input, kw_parameter, kw_rule, kw_check, kw_table, kw_enum, kw_record,
          kw_shares, kw_policy, kw_override, kw_remove, kw_condition, kw_extend> {};

// ---- literals -------------------------------------------------------------------------------

struct digit_group : seq<one<','>, rep<3, digit>> {};
struct grouped_integer : seq<rep_min_max<1, 3, digit>, plus<digit_group>, not_at<digit>> {};
struct plain_integer : plus<digit> {};
struct fraction_digits : seq<one<'.'>, plus<digit>> {};
struct number_text : seq<sor<grouped_integer, plain_integer>, opt<fraction_digits>> {};

struct unit_word
    : sor<TAO_PEGTL_KEYWORD("dwellings"), TAO_PEGTL_KEYWORD("dwelling"),
          TAO_PEGTL_KEYWORD("habitable_rooms"), TAO_PEGTL_KEYWORD("habitable_room"),
          TAO_PEGTL_KEYWORD("bedrooms"), TAO_PEGTL_KEYWORD("bedroom"), TAO_PEGTL_KEYWORD("persons"),
          TAO_PEGTL_KEYWORD("person"), TAO_PEGTL_KEYWORD("people"), TAO_PEGTL_KEYWORD("hectares"),
          TAO_PEGTL_KEYWORD("hectare"), TAO_PEGTL_KEYWORD("ha"), TAO_PEGTL_KEYWORD("m2"),
          TAO_PEGTL_KEYWORD("sqm"), TAO_PEGTL_KEYWORD("pounds"), TAO_PEGTL_KEYWORD("pound"),
          TAO_PEGTL_KEYWORD("GBP"), TAO_PEGTL_KEYWORD("years"), TAO_PEGTL_KEYWORD("year")> {};
struct expect_unit_word : unit_word {};
struct unit_numerator : unit_word {};
struct unit_denominator : expect_unit_word {};
struct per_unit : seq<kw_per, blanks, unit_denominator> {};
// A unit follows its number on the same line: `0.5 ha`, `£29,341 per habitable_room`.
struct literal_unit : sor<seq<unit_numerator, opt<blanks, per_unit>>, per_unit> {};

struct pound_sign : string<'\xC2', '\xA3'> {};
struct money_literal : seq<pound_sign, blanks, number_text, opt<blanks, per_unit>> {};
struct percent_literal : seq<number_text, one<'%'>> {};
// `35 %`: a percentage with a space before its sign, refused with the way to write it.
struct spaced_percent : seq<number_text, plus<one<' ', '\t'>>, one<'%'>> {};
struct quantity_literal : seq<number_text, opt<blanks, literal_unit>> {};

struct date_literal
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};

struct escape : seq<one<'\\'>, one<'"', '\\', '{', '}', 'n'>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n'>> {};
struct expect_string_end : one<'"'> {};
struct string_literal : seq<one<'"'>, star<string_char>, expect_string_end> {};
struct expect_string : string_literal {};

struct citation_text : star<not_one<']', '\n'>> {};
struct expect_citation_end : one<']'> {};
struct citation : seq<one<'['>, citation_text, expect_citation_end> {};
struct opt_citation : opt<ws, citation> {};

// ---- expressions ----------------------------------------------------------------------------

struct expression;
struct expect_expression;  // defined after `expression`, which it derives from

struct bool_literal : sor<kw_true, kw_false> {};
struct expect_close_paren : one<')'> {};
struct expect_close_bracket : one<']'> {};
struct paren_open : one<'('> {};
struct paren_expr : seq<paren_open, ws, expect_expression, ws, expect_close_paren> {};

struct list_open : one<'['> {};
struct list_item;
struct list_literal : seq<list_open, ws, opt<expression, star<ws, one<','>, ws, list_item>>, ws,
                          expect_close_bracket> {};

struct name_ref : identifier {};
struct call_open : one<'('> {};
struct where_clause : seq<kw_where, ws, expect_expression> {};
struct call_arguments : seq<expression, star<ws, one<','>, ws, expect_expression>> {};
struct call_suffix
    : seq<call_open, ws, opt<call_arguments>, ws, opt<where_clause>, ws, expect_close_paren> {};
struct name_or_call : seq<name_ref, opt<call_suffix>> {};

// `apportion affordable_homes by bedroom_mix`: a whole number divided among a shares' parts.
struct expect_apportion_shares : identifier {};
struct expect_by : kw_by {};
struct apportion_expr
    : seq<kw_apportion, ws, expect_expression, ws, expect_by, ws, expect_apportion_shares> {};

struct primary
    : sor<date_literal, money_literal, percent_literal, spaced_percent, quantity_literal,
          string_literal, bool_literal, paren_expr, list_literal, apportion_expr, name_or_call> {};

struct field_name : identifier {};
struct projection : seq<paren_open, ws, expect_expression, ws, expect_close_paren> {};
struct expect_field : sor<projection, field_name> {};
struct field_access : seq<one<'.'>, expect_field> {};
struct index_open : one<'['> {};
struct index_suffix : seq<index_open, ws, expect_expression, ws, expect_close_bracket> {};
struct postfix_expr : seq<primary, star<sor<field_access, index_suffix>>> {};

struct unary_expr;
struct expect_unary : guarded<unary_expr> {};
struct negation : seq<one<'-'>, ws, expect_unary> {};
struct unary_expr : sor<negation, postfix_expr> {};

struct mul_op : one<'*', '/'> {};
struct mul_tail : seq<ws, mul_op, ws, expect_unary> {};
struct mul_expr : seq<unary_expr, star<mul_tail>> {};
struct expect_mul : mul_expr {};

struct add_op : one<'+', '-'> {};
struct add_tail : seq<ws, add_op, ws, expect_mul> {};
struct add_expr : seq<mul_expr, star<add_tail>> {};
struct expect_add : add_expr {};

struct cmp_op
    : sor<string<'<', '='>, string<'>', '='>, string<'!', '='>, one<'<'>, one<'>'>, one<'='>> {};
struct cmp_tail : seq<ws, cmp_op, ws, expect_add> {};
struct in_tail : seq<ws, kw_in, ws, expect_add> {};
struct not_in_tail : seq<ws, kw_not, ws, kw_in, ws, expect_add> {};
struct cmp_expr : seq<add_expr, opt<sor<cmp_tail, in_tail, not_in_tail>>> {};

struct not_expr;
struct expect_not : guarded<not_expr> {};
struct logical_not : seq<kw_not, ws, expect_not> {};
struct not_expr : sor<logical_not, cmp_expr> {};

struct and_tail : seq<ws, kw_and, ws, expect_not> {};
struct and_expr : seq<not_expr, star<and_tail>> {};
struct expect_and : and_expr {};
struct or_tail : seq<ws, kw_or, ws, expect_and> {};
struct or_expr : seq<and_expr, star<or_tail>> {};

struct expect_then : kw_then {};
struct expect_else : kw_else {};
struct if_expr : seq<kw_if, ws, expect_expression, ws, expect_then, ws, expect_expression, ws,
                     expect_else, ws, expect_expression> {};
struct expression : guarded<sor<if_expr, or_expr>> {};
struct expect_expression : expression {};
struct list_item : expression {};

// A whole input that must be exactly one expression (template holes, tests).
struct expect_end_of_formula : eof {};
struct expression_only : seq<ws, expect_expression, ws, expect_end_of_formula> {};

// ---- types ----------------------------------------------------------------------------------

struct type_word : sor<pound_sign, identifier> {};
struct expect_of : kw_of {};
struct type_list_of : seq<kw_list, ws, expect_of> {};
struct type_set_of : seq<kw_set, ws, kw_of> {};
struct type_per : seq<kw_per, ws, expect_unit_word> {};
// `yes/no` for a type: refused with the way to write it.
struct yes_no_type : seq<TAO_PEGTL_KEYWORD("yes"), blanks, one<'/'>> {};
struct type_spec : seq<not_at<yes_no_type>, opt<sor<type_list_of, type_set_of>, ws>, type_word,
                       opt<ws, type_per>> {};
struct expect_type : sor<yes_no_type, type_spec> {};

// ---- header ---------------------------------------------------------------------------------

struct expect_dotted_name : dotted_name {};
struct expect_date : date_literal {};
struct header_kind : sor<kw_ruleset, kw_module> {};
struct header_id : dotted_name {};
struct expect_header_id : header_id {};
struct title_field : seq<TAO_PEGTL_KEYWORD("title"), ws, expect_string> {};
struct authority_field : seq<TAO_PEGTL_KEYWORD("authority"), ws, expect_string> {};
struct source_field : seq<TAO_PEGTL_KEYWORD("source"), ws, expect_string> {};
struct status_word : sor<TAO_PEGTL_KEYWORD("draft"), TAO_PEGTL_KEYWORD("consultation"),
                         TAO_PEGTL_KEYWORD("adopted"), TAO_PEGTL_KEYWORD("superseded"),
                         TAO_PEGTL_KEYWORD("withdrawn")> {};
struct expect_status_word : status_word {};
struct status_field : seq<TAO_PEGTL_KEYWORD("status"), ws, expect_status_word> {};
struct date_kind : sor<TAO_PEGTL_KEYWORD("published"), TAO_PEGTL_KEYWORD("adopted"),
                       TAO_PEGTL_KEYWORD("approved"), TAO_PEGTL_KEYWORD("superseded"),
                       TAO_PEGTL_KEYWORD("withdrawn"), TAO_PEGTL_KEYWORD("material")> {};
// A document's date may be only a month ("Working Draft, January 2006"): `published 2006-01`.
struct event_day : date_literal {};
struct event_month
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, not_at<one<'-'>>, not_at<ident_other>> {};
struct event_date : sor<event_day, event_month> {};
struct expect_event_date : event_date {};
struct date_field : seq<date_kind, ws, expect_event_date> {};
struct expect_to : TAO_PEGTL_KEYWORD("to") {};
struct consultation_field
    : seq<TAO_PEGTL_KEYWORD("consultation"), ws, expect_date, ws, expect_to, ws, expect_date> {};
struct amends_id : dotted_name {};
struct amends_path : string_literal {};
struct expect_amends_id : sor<amends_path, amends_id> {};
struct amends_field : seq<TAO_PEGTL_KEYWORD("amends"), ws, expect_amends_id> {};
struct header_field : sor<title_field, authority_field, source_field, status_field,
                          consultation_field, date_field, amends_field> {};
struct header : seq<header_kind, ws, expect_header_id, star<ws, header_field>> {};
struct expect_header : header {};

// ---- declarations ---------------------------------------------------------------------------
// A declaration's rule (input_decl, rule_decl, ...) is read as a whole, and so is each of its
// items (inline_exception, field_decl, share_part), so an item's citation is its own; see
// parse/frames.hpp.

struct decl_name : identifier {};
struct expect_decl_name : decl_name {};
struct expect_colon : one<':'> {};
struct expect_equals : one<'='> {};

struct use_path : string_literal {};
struct use_name : dotted_name {};
struct expect_use_target : sor<use_path, use_name> {};
struct use_decl : seq<kw_use, ws, expect_use_target> {};

struct optional_flag : kw_optional {};
struct default_value : expect_expression {};
struct default_clause : seq<kw_default, ws, default_value> {};

struct lower_bound : expect_expression {};
struct upper_bound : expect_expression {};
struct at_least_clause : seq<kw_at, ws, kw_least, ws, lower_bound> {};
struct at_most_clause : seq<kw_at, ws, kw_most, ws, upper_bound> {};

struct input_head : seq<kw_input, ws, expect_decl_name> {};
struct input_decl
    : seq<input_head, ws, expect_colon, ws, expect_type, opt<ws, at_least_clause>,
          opt<ws, at_most_clause>, opt<ws, optional_flag>, opt<ws, default_clause>, opt_citation> {
};

struct declared_type : seq<one<':'>, ws, expect_type> {};
struct value_expr : expect_expression {};
struct parameter_head : seq<kw_parameter, ws, expect_decl_name, opt<ws, declared_type>> {};
struct parameter_decl : seq<parameter_head, ws, expect_equals, ws, value_expr, opt_citation> {};

struct exception_label : identifier {};
struct expect_exception_label : exception_label {};
struct exception_target : identifier {};
struct expect_exception_target : exception_target {};
struct exception_for : seq<kw_for, ws, expect_exception_target> {};
struct exception_over_label : identifier {};
struct expect_over_label : exception_over_label {};
struct exception_over : seq<kw_over, ws, expect_over_label> {};
struct expect_when : kw_when {};
struct exception_condition : expect_expression {};
struct exception_value : expect_expression {};
struct exception_body : seq<opt<ws, exception_over>, opt_citation, ws, expect_when, ws,
                            exception_condition, ws, expect_then, ws, exception_value> {};
// Under a rule: `exception viability [SPG 6.6] when ... then ...` (no `for`).
struct inline_exception_start : seq<kw_exception, not_at<ws, identifier, ws, kw_for>> {};
struct inline_exception : seq<inline_exception_start, ws, expect_exception_label, exception_body> {
};
struct rule_head : seq<kw_rule, ws, expect_decl_name, opt<ws, declared_type>, opt_citation> {};
struct rule_decl : seq<rule_head, ws, expect_equals, ws, value_expr, star<ws, inline_exception>> {};
// On its own: `exception viability for affordable_required [SPG 6.6] when ... then ...`.
struct exception_decl_start : kw_exception {};
struct exception_decl
    : seq<exception_decl_start, ws, expect_exception_label, ws, exception_for, exception_body> {};

struct check_head : seq<kw_check, ws, expect_decl_name, opt_citation> {};
struct check_applies : expect_expression {};
struct expect_require : kw_require {};
struct check_requirement : expect_expression {};
struct check_message : expect_string {};
struct check_decl : seq<check_head, opt<ws, kw_when, ws, check_applies>, ws, expect_require, ws,
                        check_requirement, opt<ws, kw_else, ws, check_message>> {};

// A requirement with no figure, which the officer secures by legal agreement or condition:
// `condition nominations [SPG 7.2] "Nomination rights on 60% of vacancies" when policy_applies`.
struct condition_head : seq<kw_condition, ws, expect_decl_name, opt_citation> {};
struct condition_text : expect_string {};
struct condition_applies : expect_expression {};
struct condition_decl
    : seq<condition_head, ws, condition_text, opt<ws, kw_when, ws, condition_applies>> {};

// Tables are written as in Markdown: a header row of column names, an optional |---| row, then
// one row per line. The first column is the key.
struct line_end_ahead : seq<blanks, sor<one<'\r', '\n', '#'>, eof>> {};
struct table_column : identifier {};
struct expect_table_column : table_column {};
struct expect_bar : one<'|'> {};
struct table_header_cell
    : seq<not_at<line_end_ahead>, blanks, expect_table_column, blanks, expect_bar> {};
struct expect_table_header : seq<one<'|'>, plus<table_header_cell>> {};
struct table_separator : seq<one<'|'>, plus<blanks, plus<one<'-', ':'>>, blanks, one<'|'>>> {};
struct table_row_start : one<'|'> {};
struct table_cell : seq<not_at<line_end_ahead>, blanks, expect_expression, blanks, expect_bar> {};
struct table_row : seq<table_row_start, plus<table_cell>> {};
struct table_head : seq<kw_table, ws, expect_decl_name, opt_citation> {};
struct table_decl
    : seq<table_head, ws, expect_table_header, opt<ws, table_separator>, star<ws, table_row>> {};

struct enum_member_name : identifier {};
struct expect_enum_member : enum_member_name {};
struct enum_member_label : string_literal {};
struct enum_member : seq<expect_enum_member, opt<blanks, enum_member_label>> {};
struct enum_head : seq<kw_enum, ws, expect_decl_name, opt_citation> {};
struct enum_members : seq<enum_member, star<ws, one<','>, ws, enum_member>> {};
struct enum_decl : seq<enum_head, ws, expect_equals, ws, enum_members> {};
// `extend enum tenure [H6] = london_living_rent "London Living Rent", ...`
struct expect_enum_keyword : kw_enum {};
struct extend_head : seq<kw_extend, ws, expect_enum_keyword, ws, expect_decl_name, opt_citation> {};
struct extend_decl : seq<extend_head, ws, expect_equals, ws, enum_members> {};

struct field_decl_name : identifier {};
struct field_decl : seq<field_decl_name, ws, expect_colon, ws, expect_type, opt<ws, optional_flag>,
                        opt<ws, default_clause>, opt_citation> {};
struct record_head : seq<kw_record, ws, expect_decl_name, opt_citation> {};
struct record_decl : seq<record_head, star<ws, field_decl>> {};

struct shares_total : seq<kw_of, ws, expect_expression> {};
struct share_part_name : identifier {};
struct share_part_value : expect_expression {};
struct share_least : expect_expression {};
struct share_most : expect_expression {};
struct share_at_least : seq<kw_at, ws, kw_least, ws, share_least> {};
struct share_at_most : seq<kw_at, ws, kw_most, ws, share_most> {};
struct share_bounds : sor<seq<share_at_least, opt<ws, share_at_most>>, share_at_most> {};
struct share_remainder : kw_remainder {};
struct share_part : seq<share_part_name, ws, expect_equals, ws,
                        sor<share_bounds, share_remainder, share_part_value>, opt_citation> {};
struct expect_share_part : share_part {};
struct shares_head : seq<kw_shares, ws, expect_decl_name, opt<ws, shares_total>, opt_citation> {};
struct shares_decl : seq<shares_head, ws, expect_share_part, star<ws, share_part>> {};

struct policy_title : expect_string {};
struct policy_head : seq<kw_policy, ws, expect_decl_name, ws, policy_title, opt_citation> {};
struct policy_applies : seq<TAO_PEGTL_KEYWORD("applies"), ws, expect_when, ws, expect_expression> {
};
struct policy_decl : seq<policy_head, opt<ws, policy_applies>> {};

struct removable_kind : sor<kw_input, kw_parameter, kw_rule, kw_check, kw_exception, kw_table,
                            kw_enum, kw_record, kw_shares, kw_policy, kw_condition> {};
struct expect_removable_kind : removable_kind {};
struct remove_for : seq<kw_for, ws, expect_exception_target> {};
struct remove_decl
    : seq<kw_remove, ws, expect_removable_kind, ws, expect_decl_name, opt<ws, remove_for>> {};

struct override_flag : kw_override {};
struct declaration_body : sor<use_decl, input_decl, parameter_decl, rule_decl, exception_decl,
                              check_decl, condition_decl, table_decl, enum_decl, extend_decl,
                              record_decl, shares_decl, policy_decl, remove_decl> {};
struct expect_declaration_body : declaration_body {};
struct declaration : sor<seq<override_flag, ws, expect_declaration_body>, declaration_body> {};

}  // namespace spdl::grammar
