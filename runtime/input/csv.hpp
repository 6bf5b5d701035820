#pragma once
// The one CSV reader of spdl (portfolios for `spdl compare`, schemes for `spdl batch`). It reads
// RFC 4180 exactly and refuses the rest with the place it goes wrong:
//  - cells are separated by commas and records by LF or CRLF;
//  - a cell that starts with a double quote is quoted: it runs to the next lone quote, `""`
//    inside it is one quote, and it may hold commas and line breaks; after its closing quote
//    comes a comma or the end of the record, nothing else;
//  - a quote anywhere else is an ordinary character (`Plot 6" x` is one cell, as written);
//  - a quoted cell that never closes, text after a closing quote, and a carriage return that
//    ends no line are errors;
//  - the header names each column once; every row has as many cells as the header;
//  - a UTF-8 byte order mark before the header is skipped; a blank line is not a record.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

struct CsvCell {
  std::string text;
  std::uint32_t offset = 0;  // byte offset of the cell in the file (of its quote, when quoted)
};

struct CsvProblem {
  std::string message;       // "a quoted cell opened here never closes"
  std::uint32_t offset = 0;  // byte offset in the text it was found in
};

struct CsvRow {
  std::vector<CsvCell> cells;
  std::uint32_t offset = 0;           // where the record starts
  std::optional<CsvProblem> problem;  // a record that cannot be read as it stands
};

struct CsvTable {
  std::vector<CsvRow> rows;  // the header is rows[0]; a header with a problem ends the table
  // Where the first record past `max_rows` starts, when the text holds more.
  std::optional<std::uint32_t> rows_left_out;
};

// The whole text; at most `max_rows` records after the header are read.
CsvTable read_csv(std::string_view text,
                  std::size_t max_rows = std::numeric_limits<std::size_t>::max());

// Where the record that starts at `at` ends: the offset of the LF that ends it, or text.size()
// when the text ends first (a quoted cell left open runs to the end).
std::size_t csv_record_end(std::string_view text, std::size_t at);

// One record (without its LF) into `cells`, which is cleared first; a CR before the end is
// dropped. Cell offsets are `base` plus their offset in `record`. A record of more than
// `max_cells` cells is a problem at the first cell too many.
std::optional<CsvProblem> split_csv_record(
    std::string_view record, std::vector<CsvCell>& cells, std::uint32_t base = 0,
    std::size_t max_cells = std::numeric_limits<std::size_t>::max());

// Whether the record holds nothing but spaces, tabs and a CR.
bool blank_csv_record(std::string_view record);

// The length of a UTF-8 byte order mark at the start of `text` (3), or 0.
std::size_t byte_order_mark(std::string_view text);

// A header that names a column twice, or none at all.
std::optional<CsvProblem> check_header(const std::vector<CsvCell>& header);

// A row with fewer cells than the header (one with more is refused by split_csv_record):
// located at `row_end`, where the missing cells would be.
std::optional<CsvProblem> check_width(const std::vector<CsvCell>& row, std::size_t header_size,
                                      std::uint32_t row_end);

}  // namespace spdl
