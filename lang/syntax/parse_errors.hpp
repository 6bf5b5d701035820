#pragma once
// The message of every grammar rule that raises on failure, in a policy writer's words. A rule
// raises exactly when it has a message here (PEGTL's must_if); a rule derived from another is a
// new type and needs its own entry. Included, with the actions, by parser.cpp only.

#include "spdl/lang/syntax/grammar.hpp"

namespace spdl::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

template <>
inline constexpr const char* error_message<expect_expression> =
    "expected a value or a formula here";
template <>
inline constexpr const char* error_message<expect_end_of_formula> =
    "unexpected text after the end of the formula";
template <>
inline constexpr const char* error_message<list_item> = "expected a value after `,`";
template <>
inline constexpr const char* error_message<value_expr> = "expected a value or a formula after `=`";
template <>
inline constexpr const char* error_message<default_value> =
    "expected the default value after `default`";
template <>
inline constexpr const char* error_message<lower_bound> =
    "expected the least value a scheme may give after `at least`, such as `1 dwelling`";
template <>
inline constexpr const char* error_message<upper_bound> =
    "expected the most a scheme may give after `at most`, such as `100%`";
template <>
inline constexpr const char* error_message<exception_condition> =
    "expected the condition under which the exception applies";
template <>
inline constexpr const char* error_message<exception_value> =
    "expected the exception's value after `then`";
template <>
inline constexpr const char* error_message<check_applies> =
    "expected the condition under which the check applies, after `when`";
template <>
inline constexpr const char* error_message<check_requirement> =
    "expected the condition the scheme must meet, after `require`";
template <>
inline constexpr const char* error_message<share_part_value> =
    "expected the share's value after `=`";
template <>
inline constexpr const char* error_message<expect_close_paren> = "expected `)` to close the `(`";
template <>
inline constexpr const char* error_message<expect_close_bracket> = "expected `]` to close the `[`";
template <>
inline constexpr const char* error_message<expect_unit_word> =
    "expected a unit (dwellings, habitable_rooms, bedrooms, persons, ha, m2, year)";
template <>
inline constexpr const char* error_message<unit_denominator> =
    "expected a unit after `per` (dwellings, habitable_rooms, bedrooms, persons, ha, m2, "
    "year)";
template <>
inline constexpr const char* error_message<expect_string_end> =
    "this text has no closing `\"` on its line";
template <>
inline constexpr const char* error_message<expect_string> = "expected text in double quotes";
template <>
inline constexpr const char* error_message<check_message> =
    "expected the message in double quotes after `else`";
template <>
inline constexpr const char* error_message<policy_title> =
    "expected the policy's title in double quotes";
template <>
inline constexpr const char* error_message<expect_citation_end> =
    "this citation has no closing `]` on its line";
template <>
inline constexpr const char* error_message<expect_field> = "expected a field name after `.`";
template <>
inline constexpr const char* error_message<expect_unary> = "expected a value after this operator";
template <>
inline constexpr const char* error_message<expect_mul> = "expected a value after this operator";
template <>
inline constexpr const char* error_message<expect_add> = "expected a value after this operator";
template <>
inline constexpr const char* error_message<expect_not> = "expected a condition here";
template <>
inline constexpr const char* error_message<expect_and> = "expected a condition after `or`";
template <>
inline constexpr const char* error_message<expect_then> = "expected `then`";
template <>
inline constexpr const char* error_message<expect_else> =
    "expected `else`: every `if` needs one, so the value is always defined";
template <>
inline constexpr const char* error_message<expect_type> =
    "expected a type: a unit (dwellings, ha, £, ...), boolean, number, percent, date, "
    "text, or the name of an enum or record";
template <>
inline constexpr const char* error_message<expect_of> = "expected `of` after `list`";
template <>
inline constexpr const char* error_message<expect_dotted_name> =
    "expected a name such as `vale.revised_draft_2006`";
template <>
inline constexpr const char* error_message<expect_header_id> =
    "expected the ruleset's id, such as `vale.revised_draft_2006`";
template <>
inline constexpr const char* error_message<expect_amends_id> =
    "expected the id of the ruleset this one amends";
template <>
inline constexpr const char* error_message<expect_date> = "expected a date written as YYYY-MM-DD";
template <>
inline constexpr const char* error_message<expect_event_date> =
    "expected a date written as YYYY-MM-DD, or a month as YYYY-MM";
template <>
inline constexpr const char* error_message<expect_status_word> =
    "expected a status: draft, consultation, adopted, superseded or withdrawn";
template <>
inline constexpr const char* error_message<expect_to> =
    "expected `to` and the date the consultation closed";
template <>
inline constexpr const char* error_message<expect_header> =
    "a spdl file starts with `ruleset <id>` (an authority's guidance) or `module <id>` "
    "(shared definitions)";
template <>
inline constexpr const char* error_message<expect_decl_name> =
    "expected a name (letters, digits and `_`, not a keyword)";
template <>
inline constexpr const char* error_message<expect_colon> = "expected `:` and a type";
template <>
inline constexpr const char* error_message<expect_equals> = "expected `=`";
template <>
inline constexpr const char* error_message<expect_use_target> =
    "expected a module name after `use`, such as `national.scheme`";
template <>
inline constexpr const char* error_message<expect_exception_label> =
    "expected the exception's label, such as `viability`";
template <>
inline constexpr const char* error_message<expect_exception_target> =
    "expected the name of the rule the exception belongs to";
template <>
inline constexpr const char* error_message<expect_over_label> =
    "expected the label of the exception this one overrides";
template <>
inline constexpr const char* error_message<expect_when> =
    "expected `when` and the condition under which this applies";
template <>
inline constexpr const char* error_message<expect_require> =
    "expected `require` and the condition the scheme must meet";
template <>
inline constexpr const char* error_message<expect_table_column> = "expected a column name";
template <>
inline constexpr const char* error_message<expect_table_header> =
    "expected the table's header row, such as `| bedrooms | share |`";
template <>
inline constexpr const char* error_message<expect_bar> = "expected `|` to end the table cell";
template <>
inline constexpr const char* error_message<expect_enum_member> =
    "expected the name of a member of the enumeration";
template <>
inline constexpr const char* error_message<expect_share_part> =
    "expected at least one part, such as `social_rent = 30%`";
template <>
inline constexpr const char* error_message<expect_removable_kind> =
    "expected what to remove: rule, parameter, check, exception, input, table, enum, "
    "record, shares or policy";
template <>
inline constexpr const char* error_message<expect_declaration_body> =
    "expected a declaration after `override` (parameter, rule, check, input, ...)";

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

template <typename Rule>
using control = must_if<errors>::control<Rule>;

}  // namespace spdl::grammar
