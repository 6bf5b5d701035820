#pragma once
// A plain CSV reader (RFC 4180: commas, double quotes, "" for a quote inside quotes, LF
// or CRLF) that keeps where each cell starts, so an error in a cell can point at it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

struct CsvCell {
  std::string text;
  std::uint32_t offset = 0;  // byte offset of the cell in the file
};

struct CsvTable {
  std::vector<std::vector<CsvCell>> rows;  // the header is rows[0]
  std::string error;                       // an unterminated quote, say; empty when read cleanly
  std::uint32_t error_offset = 0;
};

CsvTable read_csv(std::string_view text);

}  // namespace spdl
