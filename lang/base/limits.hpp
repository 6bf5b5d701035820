#pragma once
// Every limit spdl enforces on untrusted input, in one place. tests/hostile/ runs spdl against
// each of them (and tests/unit/ checks the smaller ones directly).

#include <cstddef>

namespace spdl::limits {

// A ruleset or module file larger than this is refused before parsing.
inline constexpr std::size_t max_source_bytes = 4 * 1024 * 1024;

// A single source line longer than this is refused (it is never policy text).
inline constexpr std::size_t max_line_bytes = 16 * 1024;

// Parentheses, `if`, unary operators and list literals nested deeper than this are refused,
// so the recursive-descent parser and every tree walk stay far from the stack's end.
inline constexpr std::size_t max_nesting_depth = 64;

// Depth of one expression's tree, which long operator chains (a + b + c + ...) also build up;
// every tree walk in the checker, lowering and formatter stays within it.
inline constexpr std::size_t max_expression_depth = 256;

// Digits in one numeric literal (in a ruleset or a scheme value).
inline constexpr std::size_t max_number_digits = 40;

// Bits in a computed rational's numerator plus denominator. A formula that exceeds it
// yields an evaluation error ("number too large") instead of exhausting memory.
inline constexpr std::size_t max_rational_bits = 4096;

// Modules reachable through `use` and `amends` from one ruleset.
inline constexpr std::size_t max_modules = 256;

// Members of one enumeration, with its extensions: a checked name holds a member's index in 24
// bits (Symbol). Only an enumeration extended by many large modules could reach it.
inline constexpr std::size_t max_enum_members = std::size_t{1} << 24;

// Diagnostics reported from one file before spdl stops listing them.
inline constexpr std::size_t max_diagnostics_per_file = 50;

// A scheme file larger than this is refused before YAML parsing.
inline constexpr std::size_t max_scheme_bytes = 8 * 1024 * 1024;

// One line of `spdl batch` input is one scheme, so it may be as long as a scheme file. A longer
// line is an error on that line, and the batch goes on from the next line: memory stays bounded
// by chunks even when the input never ends a line.
inline constexpr std::size_t max_batch_line_bytes = max_scheme_bytes;

// A portfolio of schemes (YAML or CSV) read whole by `spdl compare`.
inline constexpr std::size_t max_portfolio_bytes = 64 * 1024 * 1024;

// YAML nodes in one scheme file or ruleset test file, map keys included, counted while the file
// is read (an alias counts as the nodes it repeats, so an alias bomb stops early). A schedule of
// max_list_rows rows of four fields is 900,000 (a mapping, four keys and four values a row).
inline constexpr std::size_t max_scheme_nodes = 2'000'000;

// YAML nodes in one portfolio file: max_list_rows schemes of some 40 values each.
inline constexpr std::size_t max_portfolio_nodes = 8'000'000;

// Sequences and mappings nested in one YAML file; a scheme needs three (the schedule's rows).
inline constexpr std::size_t max_yaml_depth = 64;

// Rows in one list input (the accommodation schedule), and schemes in one portfolio.
inline constexpr std::size_t max_list_rows = 100'000;

// Columns in a CSV header (a portfolio, or `spdl batch` input): far more than any ruleset has
// inputs, and few enough that a header of commas cannot fill memory with empty cells.
inline constexpr std::size_t max_csv_columns = 1'000;

}  // namespace spdl::limits
