#include "spdl/runtime/input/csv.hpp"

namespace spdl {

CsvTable read_csv(std::string_view text) {
  CsvTable table;
  std::vector<CsvCell> row;
  CsvCell cell;
  bool quoted = false;
  bool cell_started = false;
  auto end_cell = [&](std::size_t at) {
    (void)at;
    row.push_back(std::move(cell));
    cell = {};
    cell_started = false;
  };
  auto end_row = [&](std::size_t at) {
    end_cell(at);
    // A blank line is not a row.
    if (!(row.size() == 1 && row[0].text.empty())) table.rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!cell_started) {
      cell.offset = static_cast<std::uint32_t>(i);
      cell_started = true;
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.text += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell.text += c;
      }
      continue;
    }
    if (c == '"' && cell.text.empty()) {
      quoted = true;
    } else if (c == ',') {
      end_cell(i);
    } else if (c == '\n') {
      end_row(i);
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else {
      cell.text += c;
    }
  }
  if (quoted) {
    table.error = "a quoted cell is not closed";
    table.error_offset = cell.offset;
    return table;
  }
  if (cell_started || !row.empty()) end_row(text.size());
  return table;
}

}  // namespace spdl
