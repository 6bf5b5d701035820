#include "spdl/runtime/input/csv.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "spdl/lang/base/limits.hpp"

namespace spdl {

std::size_t byte_order_mark(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

bool blank_csv_record(std::string_view record) {
  return record.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::size_t csv_record_end(std::string_view text, std::size_t at) {
  bool cell_start = true;
  bool quoted = false;
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          ++i;
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (c == '\n') return i;
    if (c == '"' && cell_start) {
      quoted = true;
      cell_start = false;
      continue;
    }
    cell_start = c == ',';
  }
  return text.size();
}

std::optional<CsvProblem> split_csv_record(std::string_view record, std::vector<CsvCell>& cells,
                                           std::uint32_t base, std::size_t max_cells) {
  cells.clear();
  const std::size_t n = record.size();
  auto at = [&](std::size_t i) { return base + static_cast<std::uint32_t>(i); };
  // A CR is the end of the record only as its last byte (CRLF, or CR at the end of the file).
  auto ends_here = [&](std::size_t i) { return i == n || (record[i] == '\r' && i + 1 == n); };
  std::size_t i = 0;
  for (;;) {
    if (cells.size() == max_cells) {
      return CsvProblem{fmt::format("this row has more cells than the header's {} columns: this "
                                    "cell has no column",
                                    max_cells),
                        at(i)};
    }
    CsvCell cell;
    cell.offset = at(i);
    if (i < n && record[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        const char c = record[i];
        if (c == '"') {
          if (i + 1 < n && record[i + 1] == '"') {
            cell.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        cell.text += c;
        ++i;
      }
      if (!closed) {
        cells.push_back(std::move(cell));
        return CsvProblem{
            "a quoted cell opened here never closes; a quote inside a quoted cell "
            "is written twice (\"\")",
            cells.back().offset};
      }
      if (!ends_here(i) && record[i] != ',') {
        const std::size_t stop = std::min(record.find(',', i), n);
        cells.push_back(std::move(cell));
        return CsvProblem{
            fmt::format("`{}` follows the closing quote of a cell; a quoted cell ends at a comma "
                        "or the end of the line (put the whole cell in quotes)",
                        record.substr(i, std::min<std::size_t>(stop - i, 40))),
            at(i)};
      }
    } else {
      while (i < n && record[i] != ',') {
        if (record[i] == '\r') {
          if (ends_here(i)) break;
          cells.push_back(std::move(cell));
          return CsvProblem{
              "a carriage return (CR) that ends no line; save the file with LF or CRLF line ends",
              at(i)};
        }
        cell.text += record[i++];
      }
    }
    cells.push_back(std::move(cell));
    if (i < n && record[i] == ',') {
      ++i;
      continue;
    }
    return std::nullopt;
  }
}

std::optional<CsvProblem> check_header(const std::vector<CsvCell>& header) {
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto [it, fresh] = seen.emplace(header[c].text, c);
    if (!fresh) {
      return CsvProblem{fmt::format("column `{}` is named twice, as columns {} and {}; each input "
                                    "takes one column",
                                    header[c].text, it->second + 1, c + 1),
                        header[c].offset};
    }
  }
  return std::nullopt;
}

std::optional<CsvProblem> check_width(const std::vector<CsvCell>& row, std::size_t header_size,
                                      std::uint32_t row_end) {
  if (row.size() >= header_size) return std::nullopt;
  return CsvProblem{fmt::format("this row has {} cell{}; the header has {} columns", row.size(),
                                row.size() == 1 ? "" : "s", header_size),
                    row_end};
}

CsvTable read_csv(std::string_view text, std::size_t max_rows) {
  CsvTable table;
  std::size_t header_size = 0;
  std::size_t at = byte_order_mark(text);
  while (at < text.size()) {
    const std::size_t end = csv_record_end(text, at);
    const std::string_view record = text.substr(at, end - at);
    const std::size_t next = end + 1;
    if (blank_csv_record(record)) {
      at = next;
      continue;
    }
    const bool header = table.rows.empty();
    if (!header && table.rows.size() > max_rows) {
      table.rows_left_out = static_cast<std::uint32_t>(at);
      break;
    }
    CsvRow row;
    row.offset = static_cast<std::uint32_t>(at);
    row.problem = split_csv_record(record, row.cells, row.offset,
                                   header ? limits::max_csv_columns : header_size);
    if (header) {
      if (row.problem && row.cells.size() == limits::max_csv_columns) {
        row.problem->message =
            fmt::format("the header has more than {} columns", limits::max_csv_columns);
      }
      if (!row.problem) row.problem = check_header(row.cells);
      header_size = row.cells.size();
      table.rows.push_back(std::move(row));
      if (table.rows.back().problem) break;  // no row can be read against a broken header
    } else {
      std::uint32_t row_end = static_cast<std::uint32_t>(end);
      if (row_end > row.offset && text[row_end - 1] == '\r') --row_end;
      if (!row.problem) row.problem = check_width(row.cells, header_size, row_end);
      table.rows.push_back(std::move(row));
    }
    at = next;
  }
  return table;
}

}  // namespace spdl
