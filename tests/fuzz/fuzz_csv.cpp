// Fuzz target 4: the CSV reader (portfolios and `spdl batch`) on any bytes.
// Invariants: nothing crashes or hangs; every offset lies in the text; the record-by-record
// reading `spdl batch` does (csv_record_end, split_csv_record) finds the records and cells the
// whole-file reading does; a row read cleanly, written back with RFC 4180 quoting, reads the same.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/input/csv.hpp"

using namespace spdl;

namespace {

std::string quoted(const std::vector<CsvCell>& cells) {
  std::string out;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) out += ',';
    out += '"';
    for (const char ch : cells[c].text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    out += '"';
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CsvTable table = read_csv(text);

  // The same records, one at a time, as the batch reads them.
  std::size_t row = 0;
  std::size_t header_size = 0;
  std::vector<CsvCell> cells;
  for (std::size_t at = byte_order_mark(text); at < text.size();) {
    const std::size_t end = csv_record_end(text, at);
    SPDL_FUZZ_REQUIRE(end >= at && end <= text.size(), "a record ends outside the text");
    SPDL_FUZZ_REQUIRE(end == text.size() || text[end] == '\n', "a record ends off a line break");
    const std::string_view record = text.substr(at, end - at);
    if (!blank_csv_record(record)) {
      if (row >= table.rows.size()) break;  // the table stops at a broken header
      const CsvRow& r = table.rows[row];
      SPDL_FUZZ_REQUIRE(r.offset == at, "the two readings disagree on where a record starts");
      const auto problem = split_csv_record(record, cells, static_cast<std::uint32_t>(at),
                                            row == 0 ? spdl::limits::max_csv_columns : header_size);
      if (problem) {
        SPDL_FUZZ_REQUIRE(r.problem && r.problem->offset == problem->offset,
                          "a record refused one at a time is read whole");
      } else if (r.problem) {
        // Only what needs the header: too few cells, a column named twice.
        SPDL_FUZZ_REQUIRE(r.problem->message.find("; the header has") != std::string::npos ||
                              r.problem->message.find("named twice") != std::string::npos,
                          "a record read one at a time is refused whole");
      }
      if (!r.problem) {
        SPDL_FUZZ_REQUIRE(!problem, "a row read whole is refused one at a time");
        SPDL_FUZZ_REQUIRE(cells.size() == r.cells.size(), "the two readings split differently");
        for (std::size_t c = 0; c < cells.size(); ++c) {
          SPDL_FUZZ_REQUIRE(
              cells[c].text == r.cells[c].text && cells[c].offset == r.cells[c].offset,
              "the two readings read a cell differently");
          SPDL_FUZZ_REQUIRE(cells[c].offset <= text.size(), "a cell's offset is outside the text");
        }
        // Written back with every cell quoted, the row reads the same.
        std::vector<CsvCell> again;
        const std::string written = quoted(r.cells);
        SPDL_FUZZ_REQUIRE(!split_csv_record(written, again), "a written row does not read");
        SPDL_FUZZ_REQUIRE(again.size() == r.cells.size(), "a written row has other cells");
        for (std::size_t c = 0; c < again.size(); ++c)
          SPDL_FUZZ_REQUIRE(again[c].text == r.cells[c].text, "a written cell reads differently");
      } else {
        SPDL_FUZZ_REQUIRE(r.problem->offset <= text.size(), "a problem is placed outside the text");
      }
      if (row == 0) header_size = r.cells.size();
      ++row;
    }
    at = end + 1;
  }
  return 0;
}
