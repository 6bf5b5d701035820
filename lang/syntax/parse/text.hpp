#pragma once
// Reading the text of a matched token: words, quoted text, numbers with their units, types as
// written. Plain string work, with no PEGTL, so it is compiled once in text.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl::parsing {

// `\n` becomes a newline; any other escaped character stands for itself.
std::string unescape(std::string_view raw);

// The unescaped contents of the first "..." in `text`.
std::string quoted_value(std::string_view text);

// Without spaces and tabs at either end (and a carriage return at the end).
std::string_view trim(std::string_view text);

// The words of `text`, split at spaces, tabs and line breaks.
std::vector<std::string_view> words(std::string_view text);

// "£29,341 per habitable_room", "40%", "0.5 ha", "3,000 persons": value and unit. The grammar
// has checked the text, so every word in it is a unit.
ast::NumberLiteral read_number_literal(std::string_view text);

// "list of dwelling_row", "set of review", "£ per habitable_room", "dwellings".
ast::TypeSpec read_type_spec(std::string_view text, Span span, ast::NameTable& names);

}  // namespace spdl::parsing
