#pragma once
// The message of every grammar rule that raises on failure, in a policy writer's words. A rule
// raises exactly when it has a message here (PEGTL's must_if); a rule derived from another is a
// new type and needs its own entry. Included by parser.cpp only.

#include "spdl/lang/syntax/grammar.hpp"

namespace spdl::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define SPDL_ERROR(rule, text) \
  template <>                  \
  inline constexpr const char* error_message<rule> = text

SPDL_ERROR(expect_expression, "expected a value or a formula here");
SPDL_ERROR(expect_end_of_formula, "unexpected text after the end of the formula");
SPDL_ERROR(list_item, "expected a value after `,`");
SPDL_ERROR(value_expr, "expected a value or a formula after `=`");
SPDL_ERROR(default_value, "expected the default value after `default`");
SPDL_ERROR(lower_bound,
           "expected the least value a scheme may give after `at least`, such as `1 dwelling`");
SPDL_ERROR(upper_bound, "expected the most a scheme may give after `at most`, such as `100%`");
SPDL_ERROR(exception_condition, "expected the condition under which the exception applies");
SPDL_ERROR(exception_value, "expected the exception's value after `then`");
SPDL_ERROR(check_applies, "expected the condition under which the check applies, after `when`");
SPDL_ERROR(check_requirement, "expected the condition the scheme must meet, after `require`");
SPDL_ERROR(share_part_value, "expected the share's value after `=`");
SPDL_ERROR(expect_close_paren, "expected `)` to close the `(`");
SPDL_ERROR(expect_close_bracket, "expected `]` to close the `[`");
SPDL_ERROR(expect_unit_word,
           "expected a unit (dwellings, habitable_rooms, bedrooms, persons, ha, m2, year)");
SPDL_ERROR(unit_denominator,
           "expected a unit after `per` (dwellings, habitable_rooms, bedrooms, persons, ha, m2, "
           "year)");
SPDL_ERROR(expect_string_end, "this text has no closing `\"` on its line");
SPDL_ERROR(expect_string, "expected text in double quotes");
SPDL_ERROR(check_message, "expected the message in double quotes after `else`");
SPDL_ERROR(policy_title, "expected the policy's title in double quotes");
SPDL_ERROR(expect_citation_end, "this citation has no closing `]` on its line");
SPDL_ERROR(expect_field, "expected a field name after `.`");
SPDL_ERROR(expect_unary, "expected a value after this operator");
SPDL_ERROR(expect_mul, "expected a value after this operator");
SPDL_ERROR(expect_add, "expected a value after this operator");
SPDL_ERROR(expect_not, "expected a condition here");
SPDL_ERROR(expect_and, "expected a condition after `or`");
SPDL_ERROR(expect_then, "expected `then`");
SPDL_ERROR(expect_else, "expected `else`: every `if` needs one, so the value is always defined");
SPDL_ERROR(expect_type,
           "expected a type: a unit (dwellings, ha, £, ...), boolean, number, percent, date, "
           "text, or the name of an enum or record");
SPDL_ERROR(expect_of, "expected `of` after `list`");
SPDL_ERROR(expect_dotted_name, "expected a name such as `vale.revised_draft_2006`");
SPDL_ERROR(expect_header_id, "expected the ruleset's id, such as `vale.revised_draft_2006`");
SPDL_ERROR(expect_amends_id, "expected the id of the ruleset this one amends");
SPDL_ERROR(expect_date, "expected a date written as YYYY-MM-DD");
SPDL_ERROR(expect_event_date, "expected a date written as YYYY-MM-DD, or a month as YYYY-MM");
SPDL_ERROR(expect_status_word,
           "expected a status: draft, consultation, adopted, superseded or withdrawn");
SPDL_ERROR(expect_to, "expected `to` and the date the consultation closed");
SPDL_ERROR(expect_header,
           "a spdl file starts with `ruleset <id>` (an authority's guidance) or `module <id>` "
           "(shared definitions)");
SPDL_ERROR(expect_decl_name, "expected a name (letters, digits and `_`, not a keyword)");
SPDL_ERROR(expect_colon, "expected `:` and a type");
SPDL_ERROR(expect_equals, "expected `=`");
SPDL_ERROR(expect_use_target, "expected a module name after `use`, such as `national.scheme`");
SPDL_ERROR(expect_exception_label, "expected the exception's label, such as `viability`");
SPDL_ERROR(expect_exception_target, "expected the name of the rule the exception belongs to");
SPDL_ERROR(expect_over_label, "expected the label of the exception this one overrides");
SPDL_ERROR(expect_when, "expected `when` and the condition under which this applies");
SPDL_ERROR(expect_require, "expected `require` and the condition the scheme must meet");
SPDL_ERROR(expect_table_column, "expected a column name");
SPDL_ERROR(expect_table_header, "expected the table's header row, such as `| bedrooms | share |`");
SPDL_ERROR(expect_bar, "expected `|` to end the table cell");
SPDL_ERROR(expect_enum_member, "expected the name of a member of the enumeration");
SPDL_ERROR(expect_share_part, "expected at least one part, such as `social_rent = 30%`");
SPDL_ERROR(expect_removable_kind,
           "expected what to remove: rule, parameter, check, exception, input, table, enum, "
           "record, shares or policy");
SPDL_ERROR(expect_declaration_body,
           "expected a declaration after `override` (parameter, rule, check, input, ...)");

#undef SPDL_ERROR

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

template <typename Rule>
using control = must_if<errors>::control<Rule>;

}  // namespace spdl::grammar
