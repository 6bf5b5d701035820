#pragma once
// The pieces of `spdl batch` that read and write one value or one line: a fast path for the
// plain numbers, yes/no and member names that make up nearly every line, with the same checks as
// a scheme file (anything else goes through the scheme reader), and exact output text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

// How one input of the ruleset is read.
struct InputReading {
  ValueKind kind = ValueKind::none;  // none: text and lists, which only the scheme reader takes
  bool required = false;             // a scheme must give it
  bool whole = false;                // a count: dwellings, bedrooms, persons, habitable rooms
  bool non_negative = false;         // counts, areas and money
  bool percent = false;              // written with its sign ("40%"): not a bare number
  std::int8_t unit_scale = 0;        // its unit's power of ten (4 for hectares)
  std::optional<Rational> at_least, at_most;
  std::unordered_map<std::string, std::uint32_t> members;  // an enumeration's names
};

InputReading input_reading(const CheckedRuleset& ruleset, std::uint32_t input);

// A JSON number or a CSV cell as mantissa / 10^scale in base units, when it is a plain decimal
// the input accepts as it stands. False sends the value to the scheme reader, which accepts or
// refuses it with its own message.
bool fast_number(const InputReading& reading, std::string_view token, std::int64_t& mantissa,
                 std::int8_t& scale);

// The fixed-point form of a known value (numbers that are finite decimals, yes/no, members,
// dates); columnar::value_of goes back.
bool fixed_of(const Value& v, std::int64_t& mantissa, std::int8_t& scale);

// mantissa / 10^places as exact_number() writes it: no trailing zeros after the point, at least
// `min_places` decimals (2 for money).
void append_fixed(std::string& out, std::int64_t mantissa, int places, int min_places);

void append_json_escaped(std::string& out, std::string_view text);
// A cell of text (a member's label, a date, an error message): quoted as RFC 4180 asks, after a
// single quote when it would start a spreadsheet formula (=, +, -, @, tab, CR; OWASP), and with
// control characters shown rather than written. Numbers are appended as they are.
void append_csv_cell(std::string& out, std::string_view text);

// Where the last complete record of `text` ends (after its LF); for CSV, a line break inside a
// quoted cell does not end a record (csv_record_end).
std::size_t last_line_end(std::string_view text, bool csv);
// The records of `text` (a trailing CR dropped), each with the offset in `text` it starts at.
void split_lines(std::string_view text, bool csv, std::vector<std::string_view>& lines);
// Where the record after the one holding `at` starts (the end of the text when none does);
// where the first record ends.
std::size_t next_line_start(std::string_view text, std::size_t at, bool csv);
std::size_t first_line_end(std::string_view text, bool csv);
// How many physical lines the text holds (a last one without its LF counts): line numbers in
// errors are those an editor shows, whatever quoted cells span.
std::size_t count_lines(std::string_view text);
// The line (0: the record's first) and 1-based column, in characters, of byte `offset` of a
// record.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view record, std::size_t offset);

// The first error of a scheme read, as one line of text.
std::string first_error(const Diagnostics& diagnostics);

// The first error of a JSON line read by the scheme reader (which reads JSON as the YAML it is a
// subset of): a line that is not even YAML is reported as what the user wrote, not valid JSON.
// The message, and its offset in the line.
std::pair<std::string, std::size_t> json_line_error(const Diagnostics& diagnostics);

// Whether the raw token of a JSON scalar is plain: a string without escapes, a number of digits,
// a sign, a point and an exponent, or true, false or null exactly. A value that is no input is
// checked this far and no further; anything else goes to the scheme reader.
bool plain_json_scalar(std::string_view token);

// One output value: as JSON (exact numbers as strings, null when not known) or as a CSV cell
// (empty when not known; numbers as they are, text through append_csv_cell).
void append_batch_value(std::string& out, const Value& v, const Type& type,
                        const CheckedRuleset& ruleset, bool json);

}  // namespace spdl
